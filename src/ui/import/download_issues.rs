//! `<DownloadIssues/>`: saves every rejected and flagged row of the loaded files as a CSV file.

use engine::ingest::rejected_rows_csv;
use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::AppState;

/// The downloaded file's name.
pub const FILE_NAME: &str = "rejected_rows.csv";

/// Hands `text` to the browser as a download named `name`: UTF-8 with a byte order mark, so
/// that Excel reads Chinese text correctly.
fn download_csv(text: &str, name: &str) -> Result<(), String> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let error = |e: wasm_bindgen::JsValue| format!("{e:?}");
        let parts = js_sys::Array::of1(&format!("\u{feff}{text}").into());
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv;charset=utf-8");
        let blob =
            web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(error)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(error)?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let link: web_sys::HtmlElement = document
            .create_element("a")
            .map_err(error)?
            .dyn_into()
            .map_err(|_| "not an element")?;
        link.set_attribute("href", &url).map_err(error)?;
        link.set_attribute("download", name).map_err(error)?;
        link.click();
        // Give the browser a moment to start the download before the address goes.
        set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            std::time::Duration::from_secs(10),
        );
        Ok(())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (text, name);
        Err("downloads need a browser".to_owned())
    }
}

/// A button that downloads `file,line,column,value,reason,severity` for every row issue of
/// every loaded file; disabled when there is none.
#[component]
pub fn DownloadIssues() -> impl IntoView {
    let state = AppState::expect();
    let count = Memo::new(move |_| {
        state
            .imports
            .with(|reports| reports.iter().map(|r| r.issues.len()).sum::<usize>())
    });
    let on_click = move |_| {
        let csv = state
            .imports
            .with_untracked(|reports| rejected_rows_csv(reports));
        if let Err(reason) = download_csv(&csv, FILE_NAME) {
            state.error.set(Some(format!(
                "{} {reason}",
                tr("The download could not start:", "无法开始下载：")
            )));
        }
    };
    view! {
        <button
            type="button"
            class="import-button download-issues"
            data-testid="download-rejected"
            data-issues=move || count.get().to_string()
            disabled=move || count.get() == 0
            on:click=on_click
        >
            {move || tr("Download rejected rows (CSV)", "下载被拒绝的行（CSV）")}
        </button>
    }
}
