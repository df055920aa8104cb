//! The UI's two languages. Strings sit next to the view that shows them, as an English and a
//! Chinese pair: `tr("Funnel", "漏斗")` inside a reactive closure follows the chosen language.
//! Numbers and dates are written by [`format`], in the chosen language and number style.
//!
//! The language is the one the person picked (remembered as `dealscope.lang`), else the first of
//! the browser's languages that is English or Chinese, else English.

pub mod format;
pub mod prefs;

use std::cell::Cell;

use leptos::prelude::*;

thread_local! {
    /// The language and number style in force, for code that runs outside the reactive owner
    /// (timers, async tasks, ECharts callbacks), where the context cannot be found.
    static CURRENT_LANG: Cell<Lang> = const { Cell::new(Lang::En) };
    static CURRENT_COMPACT: Cell<bool> = const { Cell::new(false) };
}

/// Where the chosen language is remembered.
pub const LANG_KEY: &str = "dealscope.lang";
/// Where the compact number style (万/亿, K/M) is remembered: `"1"` on, `"0"` off.
pub const COMPACT_KEY: &str = "dealscope.compact";

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

    /// The value stored under [`LANG_KEY`].
    pub fn key(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language of a stored key or a BCP 47 tag (`zh-Hans-CN`, `en_GB`), if it is one of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The first of the browser's preferred languages (`navigator.languages`, best first) that
    /// the UI speaks; English when none is.
    pub fn from_browser<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter()
            .find_map(Lang::from_tag)
            .unwrap_or_default()
    }

    /// The other language: what the switch offers.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// The language's name in itself, as a switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }
}

/// The UI language, provided once by `<App/>`.
#[derive(Clone, Copy)]
pub struct LangContext(pub RwSignal<Lang>);

/// Whether large numbers are written short (1.2万, 3.4亿; 1.2K, 3.4M), provided with the language.
#[derive(Clone, Copy)]
pub struct CompactContext(pub RwSignal<bool>);

/// Chooses the starting language and number style, provides them as context and keeps
/// `<html lang>` in step. Call once, in `<App/>`.
pub fn provide_lang() -> LangContext {
    let stored = prefs::load(LANG_KEY).and_then(|key| Lang::from_tag(&key));
    let initial = stored.unwrap_or_else(browser_lang);
    let lang = LangContext(RwSignal::new(initial));
    let compact = CompactContext(RwSignal::new(
        prefs::load(COMPACT_KEY).as_deref() == Some("1"),
    ));
    provide_context(lang);
    provide_context(compact);

    CURRENT_LANG.set(initial);
    CURRENT_COMPACT.set(compact.0.get_untracked());
    prefs::set_root_attribute("lang", initial.code());
    Effect::new(move |_| {
        let current = lang.0.get();
        CURRENT_LANG.set(current);
        prefs::set_root_attribute("lang", current.code());
    });
    Effect::new(move |_| CURRENT_COMPACT.set(compact.0.get()));
    lang
}

/// The browser's preferred language among ours.
fn browser_lang() -> Lang {
    Lang::from_browser(browser_tags().iter().map(String::as_str))
}

/// `navigator.languages`, best first, then `navigator.language`; none natively.
fn browser_tags() -> Vec<String> {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(navigator) = web_sys::window().map(|window| window.navigator()) else {
            return Vec::new();
        };
        navigator
            .languages()
            .iter()
            .filter_map(|tag| tag.as_string())
            .chain(navigator.language())
            .collect()
    }
    #[cfg(not(target_arch = "wasm32"))]
    Vec::new()
}

/// The current language (reactive); outside the reactive owner, the language in force without
/// tracking it; English where no `<App/>` provides one (native tests).
pub fn lang() -> Lang {
    use_context::<LangContext>().map_or_else(|| CURRENT_LANG.get(), |c| c.0.get())
}

/// Switches the UI to `lang` and remembers the choice.
pub fn set_lang(lang: Lang) {
    CURRENT_LANG.set(lang);
    if let Some(context) = use_context::<LangContext>() {
        context.0.set(lang);
    }
    prefs::save(LANG_KEY, lang.key());
}

/// True when large numbers are written short (reactive); outside the reactive owner, the style
/// in force; false without an `<App/>`.
pub fn compact() -> bool {
    use_context::<CompactContext>().map_or_else(|| CURRENT_COMPACT.get(), |c| c.0.get())
}

/// Turns the short number style on or off and remembers the choice.
pub fn set_compact(on: bool) {
    CURRENT_COMPACT.set(on);
    if let Some(context) = use_context::<CompactContext>() {
        context.0.set(on);
    }
    prefs::save(COMPACT_KEY, if on { "1" } else { "0" });
}

/// The English or the Chinese text, by the current language (reactive).
pub fn tr(en: &'static str, zh: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_pick_the_first_language_we_speak() {
        assert_eq!(Lang::from_browser(["zh-CN", "en-US"]), Lang::Zh);
        assert_eq!(Lang::from_browser(["zh-Hant-TW"]), Lang::Zh);
        assert_eq!(Lang::from_browser(["ZH_cn"]), Lang::Zh);
        assert_eq!(Lang::from_browser(["en-GB", "zh"]), Lang::En);
        assert_eq!(Lang::from_browser(["de-DE", "zh-CN", "en"]), Lang::Zh);
        assert_eq!(Lang::from_browser(["fr", "de"]), Lang::En);
        assert_eq!(Lang::from_browser([]), Lang::En);
    }

    #[test]
    fn stored_keys_round_trip() {
        for lang in [Lang::En, Lang::Zh] {
            assert_eq!(Lang::from_tag(lang.key()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("english"), None);
    }

    #[test]
    fn without_an_app_the_ui_speaks_english() {
        assert_eq!(lang(), Lang::En);
        assert_eq!(tr("Revenue", "收入"), "Revenue");
        assert!(!compact());
    }
}
