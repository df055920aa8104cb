//! `<LangSwitch/>`: the header button that switches the UI between English and 中文.

use leptos::prelude::*;

use crate::i18n::{lang, set_lang, tr};

/// A button naming the other language in itself (`中文` while the UI is in English); a click
/// switches and remembers the choice.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let other = move || lang().other();
    view! {
        <button
            type="button"
            class="header-switch lang-switch"
            data-testid="lang-switch"
            data-lang=move || lang().key()
            title=move || tr("Show the page in Chinese", "以英文显示页面")
            aria-label=move || tr("Language: switch to 中文", "语言：切换到 English")
            on:click=move |_| set_lang(lang().other())
        >
            <span class="switch-icon" aria-hidden="true">
                "文"
            </span>
            <span lang=move || other().code()>{move || other().native_name()}</span>
        </button>
    }
}
