//! `<CompactSwitch/>`: the header button that writes large numbers short (1.2万, 1.2K).

use leptos::prelude::*;

use crate::i18n::{compact, set_compact, tr};

/// A toggle button, pressed while large numbers are written short; a click switches and
/// remembers the choice.
#[component]
pub fn CompactSwitch() -> impl IntoView {
    view! {
        <button
            type="button"
            class="header-switch compact-switch"
            data-testid="compact-switch"
            aria-pressed=move || if compact() { "true" } else { "false" }
            title=move || {
                tr(
                    "Write large numbers short: 1.2K, 3.4M",
                    "大数字用万、亿简写：1.2万、3.4亿",
                )
            }
            on:click=move |_| set_compact(!compact())
        >
            <span class="switch-icon" aria-hidden="true">
                {move || tr("1.2K", "1.2万")}
            </span>
            <span>{move || tr("Short numbers", "简写数字")}</span>
        </button>
    }
}
