//! The dashboard's state in the address bar: period, filters, settings, language and theme are
//! written to the query string (`?period=this_year&region=East&churn_window=90&lang=zh`), so a
//! copied link reopens the same view; each change is a history entry, and back/forward put the
//! dashboard back as it was.
//!
//! Only values that differ from the defaults are written. Keys are the engine's field names
//! (`Query` serialised by serde) without their group: `period` (the preset), `from`/`to`
//! (ISO dates of a custom period), the filter fields (`owner`, `region`, …, repeated for several
//! values) and the settings (`abc.mode`, `abc.a`, `churn_window`, `cohort_grain`, …). A key the
//! engine does not know, or a value it refuses, is skipped, never fatal. The panels' own choices
//! ([`PanelViews`]) follow: `funnel_view`. Other parameters (`data`, `present`, …) are left as
//! they are.

use engine::api::Query;
use engine::model::day;
use serde_json::{Map, Value};

use super::panel_views::{FunnelView, PanelViews};
use crate::i18n::Lang;
use crate::ui::theme::Theme;

/// The parameter of the UI language (`en`, `zh`).
pub const LANG: &str = "lang";
/// The parameter of the colour theme (`light`, `dark`).
pub const THEME: &str = "theme";
/// The parameter of the funnel panel's view (`current`; the default `reached` is not written).
pub const FUNNEL_VIEW: &str = "funnel_view";

/// A query string as `(key, value)` pairs, in order, decoded.
pub type Pairs = Vec<(String, String)>;

/// Splits a query string (with or without its `?`) into decoded pairs.
pub fn parse_search(search: &str) -> Pairs {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((key, value)) => (decode(key), decode(value)),
            None => (decode(part), String::new()),
        })
        .collect()
}

/// Joins pairs into a query string with its `?`, or `""` when there are none.
pub fn to_search(pairs: &[(String, String)]) -> String {
    if pairs.is_empty() {
        return String::new();
    }
    let joined: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect();
    format!("?{}", joined.join("&"))
}

/// Percent-encodes a key or value; `, : / . - _ ~` stay readable.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'~'
            | b','
            | b':'
            | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space in forms); invalid UTF-8 is replaced, not refused.
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(value) => {
                        out.push(value);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The groups of `Query` whose fields are written without their group's name.
const GROUPS: [&str; 3] = ["period", "filters", "settings"];

/// The pairs that describe `query`: its values that differ from the defaults.
pub fn query_pairs(query: &Query) -> Pairs {
    let (Ok(value), Ok(default)) = (
        serde_json::to_value(query),
        serde_json::to_value(Query::default()),
    ) else {
        return Pairs::new();
    };
    let mut pairs = Pairs::new();
    for group in GROUPS {
        let (Some(node), fallback) = (value.get(group), default.get(group)) else {
            continue;
        };
        let start = pairs.len();
        flatten(group, &[], node, fallback, &mut pairs);
        // The preset before a custom period's dates.
        pairs[start..].sort_by_key(|(key, _)| key != "period");
    }
    pairs
}

/// Writes the leaves of `node` that differ from `default` under their short key.
fn flatten(group: &str, path: &[&str], node: &Value, default: Option<&Value>, out: &mut Pairs) {
    if let Value::Object(map) = node {
        for (name, child) in map {
            let mut deeper = path.to_vec();
            deeper.push(name);
            let fallback = default.and_then(|d| d.get(name));
            flatten(group, &deeper, child, fallback, out);
        }
        return;
    }
    if Some(node) == default {
        return;
    }
    let key = short_key(group, path);
    match node {
        Value::Array(items) if items.is_empty() => out.push((key, String::new())),
        Value::Array(items) => {
            for item in items {
                out.push((key.clone(), scalar(&key, item)));
            }
        }
        Value::Null => {}
        other => out.push((key.clone(), scalar(&key, other))),
    }
}

/// The text of one value: dates of a custom period as ISO dates, others as they are.
fn scalar(key: &str, value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Number(number) if key == "from" || key == "to" => number
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(day::format)
            .unwrap_or_else(|| number.to_string()),
        Value::Bool(true) => "1".into(),
        Value::Bool(false) => "0".into(),
        other => other.to_string(),
    }
}

/// `period.preset` is `period`; other fields drop their group: `settings.abc.mode` is `abc.mode`.
fn short_key(group: &str, path: &[&str]) -> String {
    if group == "period" && path == ["preset"] {
        return "period".into();
    }
    path.join(".")
}

/// Where a short key lives in the serialised `Query`, `None` for a key that is not the query's.
fn long_path(key: &str, default: &Value) -> Option<Vec<String>> {
    match key {
        "period" => return Some(vec!["period".into(), "preset".into()]),
        "from" | "to" => return Some(vec!["period".into(), key.into()]),
        _ => {}
    }
    let parts: Vec<&str> = key.split('.').collect();
    ["filters", "settings"].into_iter().find_map(|group| {
        let mut node = default.get(group)?;
        for part in &parts {
            node = node.get(part)?;
        }
        let mut path = vec![group.to_string()];
        path.extend(parts.iter().map(|p| p.to_string()));
        Some(path)
    })
}

/// True when `key` is written by [`query_pairs`] (so it is replaced, not kept, on a change).
pub fn is_query_key(key: &str) -> bool {
    serde_json::to_value(Query::default()).is_ok_and(|default| long_path(key, &default).is_some())
}

/// The query a link describes; unknown keys and refused values are skipped.
pub fn parse_query(pairs: &[(String, String)]) -> Query {
    let Ok(default) = serde_json::to_value(Query::default()) else {
        return Query::default();
    };
    let mut value = default.clone();
    // Repeated keys of a list are gathered first, so a list is set in one step.
    let mut lists: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    let mut steps: Vec<(Vec<String>, Value)> = Vec::new();
    for (key, text) in pairs {
        let Some(path) = long_path(key, &default) else {
            continue;
        };
        let kind = lookup(&default, &path);
        match kind {
            Some(Value::Array(_)) => match lists.iter_mut().find(|(p, _)| *p == path) {
                Some((_, items)) if !text.is_empty() => items.push(text.clone()),
                Some(_) => {}
                None => lists.push((
                    path,
                    if text.is_empty() {
                        Vec::new()
                    } else {
                        vec![text.clone()]
                    },
                )),
            },
            Some(Value::Number(_)) => {
                if let Some(number) = number(text) {
                    steps.push((path, number));
                }
            }
            Some(Value::Bool(_)) => match text.as_str() {
                "1" | "true" => steps.push((path, Value::Bool(true))),
                "0" | "false" => steps.push((path, Value::Bool(false))),
                _ => {}
            },
            _ if key == "from" || key == "to" => {
                if let Some(day) = day::parse_iso(text)
                    .map(Value::from)
                    .or_else(|| number(text))
                {
                    steps.push((path, day));
                }
            }
            _ => steps.push((path, Value::String(text.clone()))),
        }
    }
    // The preset goes first: a custom period's dates only fit a custom period.
    steps.sort_by_key(|(path, _)| path.last().map(String::as_str) != Some("preset"));
    let lists = lists
        .into_iter()
        .map(|(path, items)| (path, Value::from(items)));
    for (path, new) in steps.into_iter().chain(lists) {
        let mut trial = value.clone();
        if set(&mut trial, &path, new) && serde_json::from_value::<Query>(trial.clone()).is_ok() {
            value = trial;
        }
    }
    serde_json::from_value(value).unwrap_or_default()
}

fn number(text: &str) -> Option<Value> {
    if let Ok(int) = text.trim().parse::<i64>() {
        return Some(Value::from(int));
    }
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
        .map(Value::from)
}

fn lookup<'a>(value: &'a Value, path: &[String]) -> Option<&'a Value> {
    path.iter().try_fold(value, |node, part| node.get(part))
}

fn set(value: &mut Value, path: &[String], new: Value) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let mut node = value;
    for part in parents {
        let Some(next) = node.get_mut(part) else {
            return false;
        };
        node = next;
    }
    match node {
        Value::Object(map) => {
            map.insert(last.clone(), new);
            true
        }
        Value::Null => {
            let mut map = Map::new();
            map.insert(last.clone(), new);
            *node = Value::Object(map);
            true
        }
        _ => false,
    }
}

/// The first value of `key`.
pub fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The pairs of the panels' choices that differ from the defaults.
pub fn panel_pairs(panels: &PanelViews) -> Pairs {
    let mut pairs = Pairs::new();
    if panels.funnel != FunnelView::default() {
        pairs.push((FUNNEL_VIEW.into(), panels.funnel.key().into()));
    }
    pairs
}

/// The panels' choices a link gives; a value no panel knows is skipped.
pub fn parse_panels(pairs: &[(String, String)]) -> PanelViews {
    PanelViews {
        funnel: param(pairs, FUNNEL_VIEW)
            .and_then(FunnelView::from_key)
            .unwrap_or_default(),
    }
}

/// Everything the address describes: the query, the panels' choices, and the language and
/// theme when they are to be written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    pub query: Query,
    pub panels: PanelViews,
    pub lang: Option<Lang>,
    pub theme: Option<Theme>,
}

impl ViewState {
    /// The view a link describes.
    pub fn parse(pairs: &[(String, String)]) -> ViewState {
        ViewState {
            query: parse_query(pairs),
            panels: parse_panels(pairs),
            lang: param(pairs, LANG).and_then(Lang::from_tag),
            theme: param(pairs, THEME).and_then(Theme::from_key),
        }
    }
}

/// The whole view as pairs: the query, the panels' choices, then `lang`/`theme` when given,
/// then `kept` (the other parameters of the current address, in their order).
pub fn view_pairs(view: &ViewState, kept: &Pairs) -> Pairs {
    let mut pairs = query_pairs(&view.query);
    pairs.extend(panel_pairs(&view.panels));
    if let Some(lang) = view.lang {
        pairs.push((LANG.into(), lang.key().into()));
    }
    if let Some(theme) = view.theme {
        pairs.push((THEME.into(), theme.key().into()));
    }
    pairs.extend(
        kept.iter()
            .filter(|(k, _)| k != LANG && k != THEME && k != FUNNEL_VIEW && !is_query_key(k))
            .cloned(),
    );
    pairs
}

pub use browser::{current_pairs, set_params, sync};

/// The browser's side: `location`, `history` and `popstate`.
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::*;
    use crate::i18n::LangContext;
    use crate::state::AppState;
    use crate::ui::theme::ThemeContext;

    /// The current address's query string as pairs.
    pub fn current_pairs() -> Pairs {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        parse_search(&search)
    }

    /// Replaces the current address's query string (a new history entry when `push`).
    fn write(pairs: &Pairs, push: bool) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let path = location.pathname().unwrap_or_default();
        let hash = location.hash().unwrap_or_default();
        let url = format!("{path}{}{hash}", to_search(pairs));
        if let Ok(history) = window.history() {
            let result = if push {
                history.push_state_with_url(&JsValue::NULL, "", Some(&url))
            } else {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
            };
            if let Err(error) = result {
                leptos::logging::warn!("address not updated: {error:?}");
            }
        }
    }

    /// Sets (`Some`) or removes (`None`) parameters of the address, keeping the others.
    pub fn set_params(updates: &[(&str, Option<String>)], push: bool) {
        let mut pairs = current_pairs();
        for (key, value) in updates {
            let at = pairs.iter().position(|(k, _)| k == key);
            pairs.retain(|(k, _)| k != key);
            if let Some(value) = value {
                let at = at.unwrap_or(pairs.len()).min(pairs.len());
                pairs.insert(at, (key.to_string(), value.clone()));
            }
        }
        if to_search(&pairs) != to_search(&current_pairs()) {
            write(&pairs, push);
        }
    }

    /// True while presentation mode shows the dashboard (its dark theme is not the view's).
    fn presenting() -> bool {
        document()
            .document_element()
            .is_some_and(|root| root.has_attribute(crate::ui::present::PRESENTING))
    }

    /// Reads the view from the address (call before the first request), then keeps the address
    /// in step with the view and the view with back/forward. Call once, in `<App/>`.
    pub fn sync(state: AppState) {
        let lang = use_context::<LangContext>().map(|c| c.0);
        let theme = use_context::<ThemeContext>().map(|c| c.0);
        let pairs = current_pairs();
        apply(state, &pairs);

        // Language and theme are written once chosen in this page or given by the link, so a
        // plain address keeps following the browser and the remembered choice.
        let url_lang = param(&pairs, LANG).and_then(Lang::from_tag);
        let url_theme = param(&pairs, THEME).and_then(Theme::from_key);
        let pinned = StoredValue::new((url_lang.is_some(), url_theme.is_some()));
        let last = StoredValue::new((
            lang.map(|l| l.get_untracked()),
            theme.map(|t| t.get_untracked()),
        ));

        Effect::new(move |previous: Option<()>| {
            let query = state.query.get();
            let panels = state.panels.get();
            let (was_lang, was_theme) = last.get_value();
            let shown_theme = theme.map(|t| t.get());
            let now = (
                lang.map(|l| l.get()),
                if presenting() { was_theme } else { shown_theme },
            );
            pinned.update_value(|(l, t)| {
                *l |= now.0 != was_lang;
                *t |= now.1 != was_theme;
            });
            last.set_value(now);
            let (pin_lang, pin_theme) = pinned.get_value();
            let current = current_pairs();
            let wanted = view_pairs(
                &ViewState {
                    query,
                    panels,
                    lang: now.0.filter(|_| pin_lang),
                    theme: now.1.filter(|_| pin_theme),
                },
                &current,
            );
            let canonical_current = view_pairs(&ViewState::parse(&current), &current);
            if to_search(&wanted) != to_search(&canonical_current) {
                write(&wanted, previous.is_some());
            }
        });

        let on_pop = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let pairs = current_pairs();
            let url_lang = param(&pairs, LANG).and_then(Lang::from_tag);
            let url_theme = param(&pairs, THEME).and_then(Theme::from_key);
            pinned.set_value((url_lang.is_some(), url_theme.is_some()));
            apply(state, &pairs);
            let now = (
                lang.map(|l| l.get_untracked()),
                theme.map(|t| t.get_untracked()),
            );
            last.set_value(now);
        });
        if let Some(window) = web_sys::window() {
            let _ = window
                .add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        }
        // The listener lives as long as the page.
        on_pop.forget();
    }

    /// Sets the query, panels' choices, language and theme a link gives.
    fn apply(state: AppState, pairs: &Pairs) {
        let query = parse_query(pairs);
        if state.query.with_untracked(|q| *q != query) {
            state.query.set(query);
        }
        let panels = parse_panels(pairs);
        if state.panels.get_untracked() != panels {
            state.panels.set(panels);
        }
        if let (Some(context), Some(lang)) = (
            use_context::<LangContext>(),
            param(pairs, LANG).and_then(Lang::from_tag),
        ) {
            if context.0.get_untracked() != lang {
                context.0.set(lang);
            }
        }
        if let (Some(context), Some(theme)) = (
            use_context::<ThemeContext>(),
            param(pairs, THEME).and_then(Theme::from_key),
        ) {
            if context.0.get_untracked() != theme {
                context.0.set(theme);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::api::Preset;

    #[test]
    fn the_default_query_writes_nothing() {
        assert!(query_pairs(&Query::default()).is_empty());
        assert_eq!(parse_query(&[]), Query::default());
    }

    #[test]
    fn a_query_survives_the_address_bar() {
        let mut query = Query {
            period: Preset::ThisYear,
            ..Query::default()
        };
        query.filters.region = vec!["East".into(), "North & South".into()];
        query.filters.tier = vec!["A".into()];
        query.settings.churn_window = 90;
        query.settings.nps_latest_only = true;
        query.settings.abc.a = 70;
        let search = to_search(&query_pairs(&query));
        assert_eq!(
            search,
            "?period=this_year&region=East&region=North%20%26%20South&tier=A&abc.a=70\
             &churn_window=90&nps_latest_only=1"
        );
        assert_eq!(parse_query(&parse_search(&search)), query);
    }

    #[test]
    fn a_custom_period_is_written_with_dates() {
        let query = Query {
            period: Preset::Custom {
                from: day::from_ymd(2025, 1, 1),
                to: day::from_ymd(2025, 3, 31),
            },
            ..Query::default()
        };
        let search = to_search(&query_pairs(&query));
        assert_eq!(search, "?period=custom&from=2025-01-01&to=2025-03-31");
        assert_eq!(parse_query(&parse_search(&search)), query);
        // The dates may come before the preset.
        let reordered = parse_search("?to=2025-03-31&from=2025-01-01&period=custom");
        assert_eq!(parse_query(&reordered), query);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_skipped() {
        let pairs =
            parse_search("?period=someday&churn_window=abc&stalled_days=14&data=x.csv&zz=1");
        let mut expected = Query::default();
        expected.settings.stalled_days = 14;
        assert_eq!(parse_query(&pairs), expected);
    }

    #[test]
    fn other_parameters_are_kept() {
        let kept = parse_search("?region=West&data=a.csv,b.csv&lang=zh&present=trend");
        let view = ViewState {
            lang: Some(Lang::En),
            ..ViewState::default()
        };
        let pairs = view_pairs(&view, &kept);
        assert_eq!(to_search(&pairs), "?lang=en&data=a.csv,b.csv&present=trend");
    }

    #[test]
    fn the_funnel_view_survives_the_address_bar() {
        assert!(panel_pairs(&PanelViews::default()).is_empty());
        let current = PanelViews {
            funnel: FunnelView::Current,
        };
        let mut query = Query::default();
        query.settings.churn_window = 90;
        let view = ViewState {
            query,
            panels: current,
            ..ViewState::default()
        };
        let search = to_search(&view_pairs(&view, &Pairs::new()));
        assert_eq!(search, "?churn_window=90&funnel_view=current");
        assert_eq!(ViewState::parse(&parse_search(&search)), view);
    }

    #[test]
    fn the_funnel_view_replaces_the_address_one_and_skips_unknown_values() {
        let kept = parse_search("?funnel_view=current&present=funnel");
        assert_eq!(parse_panels(&kept).funnel, FunnelView::Current);
        // Back to the default: the parameter goes.
        let pairs = view_pairs(&ViewState::default(), &kept);
        assert_eq!(to_search(&pairs), "?present=funnel");
        assert_eq!(
            parse_panels(&parse_search("?funnel_view=sideways")),
            PanelViews::default()
        );
        assert_eq!(
            parse_panels(&parse_search("?funnel_view=reached")),
            PanelViews::default()
        );
    }

    #[test]
    fn decoding_is_lenient() {
        assert_eq!(decode("a+b%20c%zz%4"), "a b c%zz%4");
        assert_eq!(decode("%E4%B8%AD"), "中");
        assert_eq!(encode("中 a&b"), "%E4%B8%AD%20a%26b");
    }
}
