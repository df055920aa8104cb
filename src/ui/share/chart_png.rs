//! `<ChartPng/>`: the small button that saves one chart as a PNG (see `export`).

use leptos::prelude::*;

use super::export;
use crate::i18n::tr;

/// Saves the chart in the element `chart` as `dealscope-<kind>.png`.
#[component]
pub fn ChartPng(
    /// The element id of the chart's box.
    chart: &'static str,
    /// The chart's kind (`data-chart`), used in the file name.
    kind: &'static str,
    /// The chart's accessible name, the title when no panel heading is found.
    label: &'static str,
) -> impl IntoView {
    let save = move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(error) = export::save_chart_png(chart, kind, label).await {
                leptos::logging::warn!("PNG export of {kind}: {error}");
            }
        });
    };
    view! {
        <button
            type="button"
            class="chart-png no-print"
            data-testid=format!("png-{kind}")
            title=move || tr("Save this chart as PNG", "将此图表保存为 PNG")
            on:click=save
        >
            "PNG"
        </button>
    }
}
