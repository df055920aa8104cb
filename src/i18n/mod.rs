//! The UI's two languages. Strings sit next to the view that shows them, as an English and a
//! Chinese pair: `tr("Funnel", "漏斗")` inside a reactive closure follows the chosen language.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The `lang` attribute of the page.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
}

/// The UI language, provided once by `<App/>`.
#[derive(Clone, Copy)]
pub struct LangContext(pub RwSignal<Lang>);

/// The current language (reactive); English where no `<App/>` provides one (native tests).
pub fn lang() -> Lang {
    use_context::<LangContext>().map_or(Lang::En, |c| c.0.get())
}

/// The English or the Chinese text, by the current language (reactive).
pub fn tr(en: &'static str, zh: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::Zh => zh,
    }
}
