//! Pieces the chart builders share.

use charming::component::{Axis, Title};
use charming::datatype::CompositeValue;
use charming::element::{AxisLabel, AxisLine, AxisTick, AxisType, NameLocation, TextStyle};

use super::palette;

/// What ECharts draws as a gap: a missing value in a series (`null` would become `undefined`
/// on its way through `serde-wasm-bindgen`).
pub const GAP: &str = "-";

/// The category axis of a horizontal bar chart: one row per name, the first at the top.
pub fn rows_axis(names: Vec<String>) -> Axis {
    Axis::new()
        .type_(AxisType::Category)
        .inverse(true)
        .data(names)
}

/// A second, bare category axis on the right of a horizontal bar chart: one figure per row
/// (a conversion, a count), under the heading `name`.
pub fn right_figures_axis(name: &str, figures: Vec<String>) -> Axis {
    rows_axis(figures)
        .position("right")
        .name(name)
        .name_location(NameLocation::Start)
        .axis_line(AxisLine::new().show(false))
        .axis_tick(AxisTick::new().show(false))
        .axis_label(AxisLabel::new().color(palette::MUTED))
}

/// A fraction as the percentage a chart shows, rounded to one decimal: `0.80123` → `80.1`.
pub fn percent(fraction: f64) -> f64 {
    (fraction * 1000.0).round() / 10.0
}

/// A value rounded to one decimal, for values a chart labels (NPS).
pub fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// A value, or a gap where there is none.
pub fn value_or_gap(value: Option<f64>) -> CompositeValue {
    match value.filter(|v| v.is_finite()) {
        Some(v) => CompositeValue::from(v),
        None => CompositeValue::from(GAP),
    }
}

/// The message a chart shows in its middle when it has nothing to draw.
pub fn empty_title(text: &str) -> Title {
    Title::new()
        .text(text)
        .left("center")
        .top("middle")
        .text_style(TextStyle::new().font_size(14).font_weight("normal"))
}

#[cfg(test)]
pub fn to_json(chart: &charming::Chart) -> serde_json::Value {
    serde_json::to_value(chart).expect("a chart serialises to JSON")
}

/// The demo data set's report, as the app first shows it.
#[cfg(test)]
pub fn demo_report() -> engine::report::Report {
    use engine::api::{Engine, Query, Request, Response};
    let mut engine = Engine::new();
    engine.handle(Request::LoadDemo);
    match engine.handle(Request::Query(Query::default())) {
        Response::Dashboard(report) => *report,
        _ => panic!("a query answers with a dashboard"),
    }
}
