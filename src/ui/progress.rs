//! `<Progress/>`: how far a load has got (bytes read, rows parsed) and a button to cancel it.
//! The load runs in the engine's Web Worker, so the page stays usable meanwhile.

use leptos::prelude::*;

use crate::i18n::format::grouped;
use crate::i18n::tr;
use crate::state::{human_size, AppState, LoadProgress, Phase};

/// The progress bar of the load under way; nothing when none is. `data-phase` (`reading`,
/// `parsing`, `computing`), `data-bytes-read`, `data-bytes-total` and `data-rows` are for
/// tests and scripts.
#[component]
pub fn Progress() -> impl IntoView {
    let state = AppState::expect();
    // One reader of the signal per attribute: the element itself stays while the load runs,
    // so a click on Cancel is never lost to a redraw.
    let read = move |f: fn(&LoadProgress) -> String| {
        move || {
            state
                .progress
                .with(|p| p.as_ref().map(f).unwrap_or_default())
        }
    };

    let title = move || {
        state.progress.with(|p| {
            let Some(p) = p else {
                return String::new();
            };
            if p.restoring {
                return tr("Restoring the previous data…", "正在恢复之前的数据…").to_string();
            }
            match p.phase {
                Phase::Reading => format!("{} {}", tr("Reading", "正在读取"), p.file),
                Phase::Parsing => format!("{} {}", tr("Parsing", "正在解析"), p.file),
                Phase::Computing => tr("Computing the dashboard…", "正在计算仪表板…").to_string(),
            }
        })
    };
    let bytes = move || {
        state.progress.with(|p| match p {
            Some(p) if p.bytes_total > 0 => format!(
                "{} {} {} {}",
                human_size(p.bytes_read),
                tr("of", "/"),
                human_size(p.bytes_total),
                tr("read", "已读取"),
            ),
            _ => String::new(),
        })
    };
    let rows = move || {
        state
            .progress
            .with(|p| match p.as_ref().and_then(|p| p.rows) {
                Some(rows) => format!(
                    "{} {}",
                    grouped(rows as f64, 0),
                    tr("rows parsed", "行已解析")
                ),
                None => String::new(),
            })
    };
    let computing = move || {
        state
            .progress
            .with(|p| p.as_ref().is_some_and(|p| p.phase == Phase::Computing))
    };

    view! {
        <Show when=move || state.progress.with(Option::is_some)>
            <section
                class="load-progress"
                data-testid="progress"
                role="status"
                aria-live="polite"
                data-phase=read(|p| p.phase.as_str().to_string())
                data-bytes-read=read(|p| p.bytes_read.to_string())
                data-bytes-total=read(|p| p.bytes_total.to_string())
                data-rows=read(|p| p.rows.map(|r| r.to_string()).unwrap_or_default())
            >
                <div class="load-progress-text">
                    <strong class="load-progress-title">{title}</strong>
                    <span class="load-progress-bytes">{bytes}</span>
                    <span class="load-progress-rows">{rows}</span>
                </div>
                <progress
                    max="1"
                    prop:value=move || state.progress.with(|p| p.as_ref().map_or(0.0, LoadProgress::fraction))
                    aria-label=move || tr("Loading progress", "加载进度")
                ></progress>
                <button
                    type="button"
                    class="load-progress-cancel"
                    data-testid="cancel-load"
                    disabled=computing
                    on:click=move |_| state.cancel_load()
                >
                    {move || tr("Cancel", "取消")}
                </button>
            </section>
        </Show>
    }
}
