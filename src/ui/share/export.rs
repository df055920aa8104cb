//! Exports: a chart as PNG (ECharts' `getDataURL`, with the panel's title and the period drawn
//! above it) and a table as CSV (UTF-8 with a byte order mark, for Excel; cells written by the
//! engine's `export::csv_field`, as the drill-down's are, so formulas are guarded alike).

use engine::export::csv_field;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlImageElement};

#[wasm_bindgen]
extern "C" {
    /// An ECharts instance, as `echarts.getInstanceByDom` returns it.
    type ChartInstance;

    /// Fails while ECharts has not loaded (it loads after the app starts).
    #[wasm_bindgen(js_namespace = echarts, js_name = getInstanceByDom, catch)]
    fn instance_of(element: &Element) -> Result<Option<ChartInstance>, JsValue>;

    /// `getDataURL({ type, pixelRatio, backgroundColor })`.
    #[wasm_bindgen(method, js_name = getDataURL)]
    fn data_url(this: &ChartInstance, options: &JsValue) -> String;
}

/// The file name of an export: `dealscope-<what>.<extension>`, with only safe characters.
pub fn file_name(what: &str, extension: &str) -> String {
    let safe: String = what
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("dealscope-{safe}.{extension}")
}

/// The heading of the panel around `element` and the period the dashboard shows.
fn caption(element: &Element, fallback: &str) -> (String, String) {
    let title = element
        .closest(".dash-panel")
        .ok()
        .flatten()
        .and_then(|panel| panel.query_selector("h2").ok().flatten())
        .and_then(|h| h.text_content())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| fallback.to_string());
    let period = document()
        .query_selector("[data-testid=period]")
        .ok()
        .flatten()
        .and_then(|p| p.text_content())
        .unwrap_or_default();
    (title, period)
}

fn document() -> web_sys::Document {
    leptos::prelude::document()
}

/// Draws the chart in the element with id `chart_id` as a PNG with its title and period above
/// it, and saves it as `dealscope-<kind>.png`.
pub async fn save_chart_png(chart_id: &str, kind: &str, label: &str) -> Result<(), String> {
    let element = document()
        .get_element_by_id(chart_id)
        .ok_or("the chart is not on the page")?;
    let instance = instance_of(&element)
        .ok()
        .flatten()
        .ok_or("the chart is not drawn yet")?;
    let colors = crate::ui::theme::theme_untracked().colors();
    let options = js_sys::Object::new();
    let set = |key: &str, value: JsValue| js_sys::Reflect::set(&options, &key.into(), &value);
    let _ = set("type", "png".into());
    let _ = set("pixelRatio", 2.into());
    let _ = set("backgroundColor", colors.background.into());
    let source = instance.data_url(&options);

    let image = HtmlImageElement::new().map_err(|_| "no image")?;
    image.set_src(&source);
    JsFuture::from(image.decode())
        .await
        .map_err(|_| "the chart's image could not be read")?;

    let (title, period) = caption(&element, label);
    let scale = 2.0;
    let header = 64.0 * scale;
    let width = image.natural_width().max(1);
    let height = image.natural_height() + header as u32;
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(|_| "no canvas")?
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("no canvas")?
        .unchecked_into();
    context.set_fill_style_str(colors.background);
    context.fill_rect(0.0, 0.0, width as f64, height as f64);
    context.set_fill_style_str(colors.text);
    context.set_text_baseline("top");
    let font =
        "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif";
    context.set_font(&format!("600 {}px {font}", 20.0 * scale));
    let _ = context.fill_text(&title, 16.0 * scale, 10.0 * scale);
    context.set_fill_style_str(colors.muted);
    context.set_font(&format!("{}px {font}", 14.0 * scale));
    let _ = context.fill_text(period.trim(), 16.0 * scale, 38.0 * scale);
    context
        .draw_image_with_html_image_element(&image, 0.0, header)
        .map_err(|_| "the chart could not be drawn")?;
    let png = canvas
        .to_data_url_with_type("image/png")
        .map_err(|_| "the image could not be made")?;
    download(&png, &file_name(kind, "png"));
    Ok(())
}

/// The rows of an HTML table (header and body cells' text) as CSV, with a byte order mark.
pub fn table_csv(table: &Element) -> String {
    let mut out = String::from("\u{feff}");
    let Ok(rows) = table.query_selector_all("tr") else {
        return out;
    };
    for i in 0..rows.length() {
        let Some(row) = rows.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let Ok(cells) = row.query_selector_all("th, td") else {
            continue;
        };
        let fields: Vec<String> = (0..cells.length())
            .filter_map(|j| cells.item(j))
            .map(|cell| csv_field(cell.text_content().unwrap_or_default().trim()).into_owned())
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// Saves `text` as a file named `name`.
pub fn save_text(text: &str, name: &str, mime: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    if let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) {
        download(&url, name);
        let _ = web_sys::Url::revoke_object_url(&url);
    }
}

/// Starts the download of `href` as `name`.
fn download(href: &str, name: &str) {
    let Ok(anchor) = document().create_element("a") else {
        return;
    };
    let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
    anchor.set_href(href);
    anchor.set_download(name);
    anchor.click();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_safe_characters() {
        assert_eq!(
            file_name("revenue trend", "png"),
            "dealscope-revenue-trend.png"
        );
    }
}
