//! `<DrillPanel/>`: the drill-down dialog over the dashboard.

use engine::api::{DrillTarget, Request};
use leptos::prelude::*;

use super::{segment_of, title, DrillTable};
use crate::i18n::tr;
use crate::state::AppState;
use crate::ui::filters;

/// A dialog with the rows behind `target`, open while it is `Some`. It asks the engine for the
/// drill-down again whenever the dashboard is recomputed (the filters changed), offers to
/// filter the dashboard instead for segment values (channel, owner, tier), and closes on its
/// close button, the backdrop or Escape.
#[component]
pub fn DrillPanel(
    /// What to drill into; the panel sets it to `None` when it closes.
    target: RwSignal<Option<DrillTarget>>,
) -> impl IntoView {
    let state = AppState::expect();
    Effect::new(move |_| {
        state.report.track();
        if let Some(to) = target.get() {
            state.send(Request::Drill(to));
        }
    });
    // Where the focus was when the panel opened: it goes back there on close.
    let opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage> =
        StoredValue::new_local(None);
    Effect::new(move |was_open: Option<bool>| {
        let open = target.with(Option::is_some);
        if open && was_open != Some(true) {
            let focused = document()
                .active_element()
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            opener.set_value(focused);
        }
        open
    });
    let close = move || {
        target.set(None);
        state.picked.set(None);
        state.drill.set(None);
        state.drill_page.set(None);
        if let Some(element) = opener.try_update_value(Option::take).flatten() {
            let _ = element.focus();
        }
    };
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && target.with_untracked(Option::is_some) {
            close();
        }
    });
    on_cleanup(move || escape.remove());

    let heading = move || target.with(|t| t.as_ref().map(title).unwrap_or_default());
    let segment = Memo::new(move |_| target.with(|t| t.as_ref().and_then(segment_of)));
    let filter_instead = move |_| {
        if let Some((field, value)) = segment.get_untracked() {
            state
                .query
                .update(|q| filters::add(&mut q.filters, field, &value));
        }
        close();
    };

    view! {
        <Show when=move || target.with(Option::is_some)>
            <div class="drill-backdrop" on:click=move |_| close()></div>
            <section
                class="drill-panel"
                role="dialog"
                aria-modal="true"
                aria-labelledby="drill-title"
                data-testid="drill-panel"
            >
                <header class="drill-header">
                    <h2 id="drill-title">{heading}</h2>
                    <Show when=move || segment.with(Option::is_some)>
                        <button
                            type="button"
                            class="drill-filter-instead"
                            data-testid="drill-filter-instead"
                            on:click=filter_instead
                        >
                            {move || tr("Filter the dashboard instead", "改为筛选仪表盘")}
                        </button>
                    </Show>
                    <button
                        type="button"
                        class="drill-close"
                        data-testid="drill-close"
                        aria-label=move || tr("Close the rows", "关闭明细")
                        on:click=move |_| close()
                    >
                        "×"
                    </button>
                </header>
                <DrillTable />
            </section>
        </Show>
    }
}
