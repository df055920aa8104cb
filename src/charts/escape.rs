//! Text from files inside chart options.
//!
//! How file text reaches a chart, and why it is shown as text:
//! - Names (stages, reasons, customers, owners, channels, segment values) go into an option only
//!   as data: category-axis `data`, a data item's `name`, a series `name`. ECharts draws axes,
//!   legends, titles and labels on the canvas, where markup is never parsed; the HTML tooltip is
//!   built by ECharts 5.5 (`tooltipMarkup`, and `formatTpl(…, encode = true)` for string
//!   templates), which HTML-encodes every name and value it inserts.
//! - What ECharts does *not* encode is the text of a formatter template itself. No builder puts
//!   file text there (each builder's tests check it with a hostile name); a builder that ever
//!   needs to must pass the text through [`escape_html`] first, which also neutralises the
//!   template's `{…}` placeholders.
//!
//! Escaping the data itself would be wrong: the canvas would then show `&amp;` for every
//! `Smith & Sons`, and ECharts' own encoding would double it in the tooltip.

/// `text` made safe inside HTML and inside an ECharts formatter template: `& < > " '` become
/// entities, and `{ }` become the entities ECharts' template substitution does not touch.
#[cfg_attr(not(test), allow(dead_code))]
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            c => out.push(c),
        }
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_entities() {
        assert_eq!(
            escape_html("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(escape_html("Smith & Sons"), "Smith &amp; Sons");
        assert_eq!(escape_html(r#"a"b'c"#), "a&quot;b&#39;c");
    }

    #[test]
    fn template_placeholders_are_neutralised() {
        assert_eq!(escape_html("{b}{a|x}"), "&#123;b&#125;&#123;a|x&#125;");
    }

    #[test]
    fn plain_and_chinese_text_is_unchanged() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("Closed Won"), "Closed Won");
        assert_eq!(escape_html("方案报价 / 谈判"), "方案报价 / 谈判");
    }
}
