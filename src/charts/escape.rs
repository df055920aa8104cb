//! Text from files inside chart options.
//!
//! How file text reaches a chart, and why it is shown as text:
//! - Names (stages, reasons, customers, owners, channels, segment values) go into an option only
//!   as data: category-axis `data`, a data item's `name`, a series `name`. ECharts draws axes,
//!   legends, titles and labels on the canvas, where markup is never parsed; the HTML tooltip is
//!   built by ECharts 5.5 (`tooltipMarkup`, and `formatTpl(…, encode = true)` for string
//!   templates), which HTML-encodes every name and value it inserts.
//! - What ECharts does *not* encode is the text of a formatter template itself. No builder puts
//!   file text there: each builder's tests check it with a hostile name, `HOSTILE` below.
//!
//! Escaping the data itself would be wrong: the canvas would then show `&amp;` for every
//! `Smith & Sons`, and ECharts' own encoding would double it in the tooltip.

/// A name that tries every trick: markup, an event handler, a template placeholder, rich text.
#[cfg(test)]
pub const HOSTILE: &str = "<img src=x onerror=alert(1)>{b}{a|x}&'\"";

/// Asserts that `HOSTILE` appears in the chart's JSON only as a whole string value (data, a
/// name), never inside a formatter, and never escaped (the canvas shows it as written).
#[cfg(test)]
pub fn assert_names_are_data(json: &serde_json::Value) {
    fn walk(value: &serde_json::Value, key: &str, found: &mut usize) {
        match value {
            serde_json::Value::String(s) => {
                if s.contains("onerror") {
                    assert_eq!(s, HOSTILE, "file text is inserted whole, as data ({key})");
                    assert_ne!(key, "formatter", "file text never goes into a formatter");
                    *found += 1;
                }
                assert!(
                    !s.contains("&lt;img"),
                    "file text is not pre-escaped ({key})"
                );
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, key, found)),
            serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, k, found)),
            _ => {}
        }
    }
    let mut found = 0;
    walk(json, "", &mut found);
    assert!(found > 0, "the hostile name reaches the chart: {json}");
}
