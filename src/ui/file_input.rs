//! `<FileInput/>`: the file picker. Reads the chosen files in the browser and hands them to
//! the engine.

use engine::api::{InputFile, Request};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use crate::state::AppState;

/// Reads the whole of `file` into memory.
async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|error| error.as_string().unwrap_or_else(|| format!("{error:?}")))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A button that opens several CRM exports at once (CSV, TSV, Excel, JSON).
#[component]
pub fn FileInput() -> impl IntoView {
    let state = AppState::expect();

    let on_change = move |event: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&event);
        let files: Vec<web_sys::File> = input
            .files()
            .map(|list| (0..list.length()).filter_map(|i| list.item(i)).collect())
            .unwrap_or_default();
        // Let the same files be chosen again later.
        input.set_value("");
        if files.is_empty() {
            return;
        }
        state.busy.set(true);
        spawn_local(async move {
            let mut inputs = Vec::with_capacity(files.len());
            let mut unreadable = Vec::new();
            for file in files {
                match read_file(&file).await {
                    Ok(bytes) => inputs.push(InputFile {
                        name: file.name(),
                        bytes,
                    }),
                    Err(reason) => unreadable.push(format!("{}: {reason}", file.name())),
                }
            }
            if !inputs.is_empty() {
                state.send(Request::Load(inputs));
            }
            if !unreadable.is_empty() {
                state.error.set(Some(format!(
                    "This browser could not read {}",
                    unreadable.join("; ")
                )));
            }
            state.busy.set(false);
        });
    };

    view! {
        <label class="file-input" class:busy=move || state.busy.get()>
            <span class="file-input-button">
                {move || if state.busy.get() { "Reading files…" } else { "Open files…" }}
            </span>
            <input
                type="file"
                multiple
                accept=".csv,.tsv,.txt,.xlsx,.json"
                data-testid="file-input"
                on:change=on_change
            />
        </label>
    }
}
