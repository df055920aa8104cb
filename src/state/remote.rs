//! What the dashboard opens on: the files a link names (`?data=URL[,URL…]`, relative addresses
//! resolved against the page), else the files kept from the last visit (IndexedDB), else the
//! built-in demo data.
//!
//! A file the host refuses (CORS, 404, no network) is named in the page with the reason
//! ([`DataErrors`], shown by `ui::share::DataUrlErrors`); the files that did arrive are loaded.

use engine::api::Request;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use super::{persist, url, AppState};

/// The parameter that names files to load.
pub const DATA: &str = "data";

/// A file named by `?data=` that could not be fetched.
#[derive(Clone, Debug, PartialEq)]
pub struct DataError {
    /// The address as the link gave it.
    pub url: String,
    /// Why, in words for the user.
    pub reason: String,
}

/// The files of `?data=` that failed, provided by [`start`].
#[derive(Clone, Copy)]
pub struct DataErrors(pub RwSignal<Vec<DataError>>);

/// The addresses of `?data=`, in order, empty ones left out.
pub fn data_urls(pairs: &[(String, String)]) -> Vec<String> {
    pairs
        .iter()
        .filter(|(key, _)| key == DATA)
        .flat_map(|(_, value)| value.split(','))
        .map(str::trim)
        .filter(|url| !url.is_empty())
        .map(String::from)
        .collect()
}

/// Starts the first load: `?data=` files, else stored files (when files may be kept: without
/// the marker the demo does not wait for IndexedDB), else the demo. Call once, in
/// `<App/>`, after [`url::sync`] and [`persist::provide`].
pub fn start(state: AppState) {
    let errors = DataErrors(RwSignal::new(Vec::new()));
    provide_context(errors);
    let urls = data_urls(&url::current_pairs());
    let storage = use_context::<persist::StorageError>();
    wasm_bindgen_futures::spawn_local(async move {
        if !urls.is_empty() {
            let (files, failed) = fetch_all(&urls).await;
            errors.0.set(failed);
            if !files.is_empty() {
                state.open_files(files);
                return;
            }
        } else if persist::may_hold_files() {
            match persist::load().await {
                Ok(stored) if !stored.is_empty() => {
                    let files: Vec<web_sys::File> = stored
                        .into_iter()
                        .filter_map(|(name, blob)| as_file(&blob, &name))
                        .collect();
                    if !files.is_empty() {
                        state.open_files(files);
                        return;
                    }
                }
                Ok(_) => {}
                Err(failure) => {
                    if let Some(context) = storage {
                        context.0.set(Some(failure));
                    }
                }
            }
        }
        state.send(Request::LoadDemo);
    });
}

/// Fetches every address; returns the files that arrived and the ones that did not.
async fn fetch_all(urls: &[String]) -> (Vec<web_sys::File>, Vec<DataError>) {
    let mut files = Vec::new();
    let mut failed = Vec::new();
    for (index, address) in urls.iter().enumerate() {
        match fetch(address, index).await {
            Ok(file) => files.push(file),
            Err(reason) => failed.push(DataError {
                url: address.clone(),
                reason,
            }),
        }
    }
    (files, failed)
}

async fn fetch(address: &str, index: usize) -> Result<web_sys::File, String> {
    let window = web_sys::window().ok_or("no window")?;
    let base = window
        .document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let resolved = web_sys::Url::new_with_base(address, &base)
        .map_err(|_| "not a valid address".to_string())?;
    let response = JsFuture::from(window.fetch_with_str(&resolved.href()))
        .await
        .map_err(|_| {
            "the host refused or could not be reached (it must allow this page to read the \
             file: CORS)"
                .to_string()
        })?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| "no response".to_string())?;
    if !response.ok() {
        let status = response.status();
        let text = response.status_text();
        return Err(match status {
            404 => "not found (HTTP 404)".into(),
            403 => "access refused (HTTP 403)".into(),
            _ if text.is_empty() => format!("HTTP {status}"),
            _ => format!("HTTP {status} {text}"),
        });
    }
    let promise = response
        .blob()
        .map_err(|_| "the file could not be read".to_string())?;
    let blob: Blob = JsFuture::from(promise)
        .await
        .map_err(|_| "the download was interrupted".to_string())?
        .unchecked_into();
    let name = file_name(&resolved.pathname(), index);
    as_file(&blob, &name).ok_or_else(|| "the file could not be read".to_string())
}

/// A `File` named `name` with the contents of `blob`.
fn as_file(blob: &Blob, name: &str) -> Option<web_sys::File> {
    web_sys::File::new_with_blob_sequence(&js_sys::Array::of1(blob), name).ok()
}

/// The last segment of an address's path, decoded; `data-N` when there is none.
fn file_name(path: &str, index: usize) -> String {
    let last = path.rsplit('/').next().unwrap_or_default();
    let name = url::decode(last);
    if name.is_empty() {
        format!("data-{}", index + 1)
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_lists_addresses_in_order() {
        let pairs = url::parse_search("?data=a.csv,%20b.csv,&region=x&data=https://h/c.json");
        assert_eq!(
            data_urls(&pairs),
            ["a.csv", "b.csv", "https://h/c.json"].map(String::from)
        );
    }

    #[test]
    fn names_come_from_the_path() {
        assert_eq!(file_name("/x/deals%20Q1.csv", 0), "deals Q1.csv");
        assert_eq!(file_name("/", 2), "data-3");
    }
}
