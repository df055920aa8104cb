//! `<AppHeader/>`: the skip link and the page header: brand, file picker and the display
//! switches (number style, language, theme).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{CompactSwitch, FileInput, LangSwitch, ThemeSwitch};
use crate::i18n::tr;

/// The id of the dashboard's `<main>`, the skip link's target.
pub const DASHBOARD_ID: &str = "dashboard";

/// Moves keyboard focus to the dashboard (without touching the URL, which holds the view).
fn focus_dashboard(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    let target = document()
        .get_element_by_id(DASHBOARD_ID)
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = target {
        let _ = main.focus();
        main.scroll_into_view();
    }
}

/// The top of the page; it wraps onto two rows on narrow screens.
#[component]
pub fn AppHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#dashboard" on:click=focus_dashboard>
            {move || tr("Skip to the dashboard", "跳到仪表板")}
        </a>
        <header class="app-header">
            <div class="brand">
                <h1>"Dealscope"</h1>
                <p class="tagline">
                    {move || {
                        tr(
                            "Sales analytics that never leave your browser",
                            "销售分析，数据不出浏览器",
                        )
                    }}
                </p>
            </div>
            <div class="header-actions">
                <FileInput />
                <div
                    class="header-settings"
                    role="group"
                    aria-label=move || tr("Display settings", "显示设置")
                >
                    <CompactSwitch />
                    <LangSwitch />
                    <ThemeSwitch />
                </div>
            </div>
        </header>
    }
}
