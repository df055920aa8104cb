//! Light and dark themes. The page's colours are CSS custom properties (style/theme.css) switched
//! by `<html data-theme>`; the charts get the same colours as two registered ECharts themes
//! (`dealscope-light`, `dealscope-dark`) and, for builders that set a colour themselves, from
//! [`Theme::colors`].
//!
//! The theme is the one the person picked (remembered as `dealscope.theme`), else the system's
//! `prefers-color-scheme`.

use std::cell::Cell;

use leptos::prelude::*;

use crate::i18n::prefs;

thread_local! {
    /// The theme in force, for code that runs outside the reactive owner (timers, ECharts
    /// callbacks), where the context cannot be found.
    static CURRENT: Cell<Theme> = const { Cell::new(Theme::Light) };
}

/// Where the chosen theme is remembered: `light` or `dark`.
pub const THEME_KEY: &str = "dealscope.theme";

/// The colour theme of the page and its charts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// The colours a chart builder may need, per theme (the same values as style/theme.css).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartColors {
    /// Titles, legends, labels on the page background.
    pub text: &'static str,
    /// Axis labels, secondary text, empty-state messages.
    pub muted: &'static str,
    /// Axis lines and ticks.
    pub axis: &'static str,
    /// Grid lines inside the plot.
    pub split_line: &'static str,
    /// The chart's background (the panel's surface).
    pub background: &'static str,
    /// Tooltip box, border and text.
    pub tooltip_background: &'static str,
    pub tooltip_border: &'static str,
    pub tooltip_text: &'static str,
    /// Series colours, in order.
    pub series: [&'static str; 8],
}

const LIGHT: ChartColors = ChartColors {
    text: "#1c2233",
    muted: "#5b6475",
    axis: "#c3c9d6",
    split_line: "#e6e9f0",
    background: "#ffffff",
    tooltip_background: "#ffffff",
    tooltip_border: "#dde2ec",
    tooltip_text: "#1c2233",
    series: [
        "#2f6fdf", "#e8833a", "#2a9d6f", "#8e5ad0", "#d6455a", "#1597ad", "#b8921a", "#6b7a90",
    ],
};

const DARK: ChartColors = ChartColors {
    text: "#e4e8f1",
    muted: "#a0a9bb",
    axis: "#4b5569",
    split_line: "#2c3447",
    background: "#1a202d",
    tooltip_background: "#242b3b",
    tooltip_border: "#3a4357",
    tooltip_text: "#e4e8f1",
    series: [
        "#5b91f5", "#f49b58", "#3cc48d", "#b084ec", "#f06b7e", "#3bbfd4", "#e2bf4a", "#93a1b8",
    ],
};

impl Theme {
    /// The value of `<html data-theme>` and of [`THEME_KEY`].
    pub fn key(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme of a stored key.
    pub fn from_key(key: &str) -> Option<Theme> {
        match key.trim() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            _ => None,
        }
    }

    /// The other theme: what the switch offers.
    pub fn other(self) -> Theme {
        match self {
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Light,
        }
    }

    /// The colours of this theme for chart builders.
    pub fn colors(self) -> &'static ChartColors {
        match self {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
        }
    }

    /// The name of the ECharts theme registered for this theme.
    pub fn echarts_name(self) -> &'static str {
        match self {
            Theme::Light => "dealscope-light",
            Theme::Dark => "dealscope-dark",
        }
    }

    /// The theme to give charming's `WasmRenderer::theme` (ECharts picks a theme at `init`).
    pub fn echarts(self) -> charming::theme::Theme {
        charming::theme::Theme::Custom(self.echarts_name(), "")
    }

    /// The ECharts theme object: transparent background (the panel shows through), the series
    /// colours, and text, axes, legends and tooltips in this theme's colours.
    pub fn echarts_theme(self) -> serde_json::Value {
        let c = self.colors();
        let axis = serde_json::json!({
            "axisLine": { "lineStyle": { "color": c.axis } },
            "axisTick": { "lineStyle": { "color": c.axis } },
            "axisLabel": { "color": c.muted },
            "splitLine": { "lineStyle": { "color": [c.split_line] } },
            "splitArea": { "areaStyle": { "color": ["transparent"] } },
            "nameTextStyle": { "color": c.muted },
        });
        serde_json::json!({
            "darkMode": self == Theme::Dark,
            "color": c.series,
            "backgroundColor": "transparent",
            "textStyle": { "color": c.text },
            "title": {
                "textStyle": { "color": c.text },
                "subtextStyle": { "color": c.muted },
            },
            "legend": {
                "textStyle": { "color": c.text },
                "pageTextStyle": { "color": c.muted },
                "inactiveColor": c.axis,
            },
            "tooltip": {
                "backgroundColor": c.tooltip_background,
                "borderColor": c.tooltip_border,
                "textStyle": { "color": c.tooltip_text },
            },
            "categoryAxis": axis,
            "valueAxis": axis,
            "logAxis": axis,
            "timeAxis": axis,
            "visualMap": { "textStyle": { "color": c.text } },
            "dataZoom": { "textStyle": { "color": c.muted } },
            "toolbox": { "iconStyle": { "borderColor": c.muted } },
        })
    }
}

/// The chosen theme, provided once by `<App/>`.
#[derive(Clone, Copy)]
pub struct ThemeContext(pub RwSignal<Theme>);

/// Chooses the starting theme, provides the theme as context and keeps `<html data-theme>` in
/// step. Call once, in `<App/>`.
pub fn provide_theme() -> ThemeContext {
    let initial = prefs::load(THEME_KEY)
        .and_then(|key| Theme::from_key(&key))
        .unwrap_or_else(system_theme);
    let context = ThemeContext(RwSignal::new(initial));
    provide_context(context);
    CURRENT.set(initial);
    prefs::set_root_attribute("data-theme", initial.key());
    Effect::new(move |_| {
        let theme = context.0.get();
        CURRENT.set(theme);
        prefs::set_root_attribute("data-theme", theme.key());
    });
    context
}

/// The current theme (reactive); light where no `<App/>` provides one (native tests).
pub fn theme() -> Theme {
    use_context::<ThemeContext>().map_or(Theme::Light, |c| c.0.get())
}

/// The current theme without subscribing to it; also outside the reactive owner (in a timer or
/// an ECharts callback).
pub fn theme_untracked() -> Theme {
    use_context::<ThemeContext>().map_or_else(|| CURRENT.get(), |c| c.0.get_untracked())
}

/// Switches to `theme` and remembers the choice.
pub fn set_theme(theme: Theme) {
    CURRENT.set(theme);
    if let Some(context) = use_context::<ThemeContext>() {
        context.0.set(theme);
    }
    prefs::save(THEME_KEY, theme.key());
}

/// Dark when the system asks for it (`prefers-color-scheme: dark`).
fn system_theme() -> Theme {
    #[cfg(target_arch = "wasm32")]
    {
        let dark = web_sys::window()
            .and_then(|window| window.match_media("(prefers-color-scheme: dark)").ok())
            .flatten()
            .is_some_and(|query| query.matches());
        if dark {
            return Theme::Dark;
        }
    }
    Theme::Light
}

#[cfg(target_arch = "wasm32")]
mod echarts {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// `echarts.registerTheme(name, theme)`.
        #[wasm_bindgen(js_namespace = echarts, js_name = registerTheme, catch)]
        pub fn register_theme(name: &str, theme: JsValue) -> Result<(), JsValue>;
    }
}

/// Registers both chart themes with ECharts, as soon as it has loaded (`charts::loader`).
pub fn register_echarts_themes() {
    for theme in [Theme::Light, Theme::Dark] {
        let json = theme.echarts_theme().to_string();
        #[cfg(target_arch = "wasm32")]
        {
            let registered = js_sys::JSON::parse(&json)
                .and_then(|object| echarts::register_theme(theme.echarts_name(), object));
            if let Err(error) = registered {
                leptos::logging::warn!("chart theme {}: {error:?}", theme.echarts_name());
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = json;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip() {
        for theme in [Theme::Light, Theme::Dark] {
            assert_eq!(Theme::from_key(theme.key()), Some(theme));
            assert_eq!(theme.other().other(), theme);
        }
        assert_eq!(Theme::from_key("sepia"), None);
    }

    #[test]
    fn without_an_app_the_theme_is_light() {
        assert_eq!(theme(), Theme::Light);
        assert_eq!(theme_untracked(), Theme::Light);
    }

    #[test]
    fn the_chart_themes_differ_in_text_and_share_a_transparent_background() {
        let light = Theme::Light.echarts_theme();
        let dark = Theme::Dark.echarts_theme();
        assert_eq!(light["backgroundColor"], "transparent");
        assert_eq!(dark["backgroundColor"], "transparent");
        assert_eq!(dark["darkMode"], true);
        assert_eq!(dark["textStyle"]["color"], DARK.text);
        assert_eq!(light["valueAxis"]["axisLabel"]["color"], LIGHT.muted);
        assert_eq!(dark["color"][0], DARK.series[0]);
        assert_ne!(
            light["tooltip"]["backgroundColor"],
            dark["tooltip"]["backgroundColor"]
        );
    }
}
