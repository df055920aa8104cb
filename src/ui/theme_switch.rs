//! `<ThemeSwitch/>`: the header button that switches between the light and the dark theme.

use leptos::prelude::*;

use super::theme::{set_theme, theme, Theme};
use crate::i18n::tr;

/// A toggle button, pressed while the dark theme is on; a click switches and remembers the
/// choice.
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let dark = move || theme() == Theme::Dark;
    view! {
        <button
            type="button"
            class="header-switch theme-switch"
            data-testid="theme-switch"
            data-theme=move || theme().key()
            aria-pressed=move || if dark() { "true" } else { "false" }
            title=move || tr("Dark theme for dim rooms and projectors", "深色主题，适合暗室和投影")
            on:click=move |_| set_theme(theme().other())
        >
            <span class="switch-icon" aria-hidden="true">
                {move || if dark() { "☾" } else { "☀" }}
            </span>
            <span>{move || tr("Dark theme", "深色主题")}</span>
        </button>
    }
}
