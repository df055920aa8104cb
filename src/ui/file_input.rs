//! `<FileInput/>`: the file picker. Hands the chosen files to the engine's Web Worker, which
//! reads them in chunks (the page never holds their bytes).

use leptos::prelude::*;
use web_sys::HtmlInputElement;

use crate::i18n::tr;
use crate::state::AppState;

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
        state.open_files(files);
    };

    view! {
        <label class="file-input" class:busy=move || state.busy.get()>
            <span class="file-input-button">
                {move || {
                    if state.busy.get() {
                        tr("Reading files…", "正在读取文件…")
                    } else {
                        tr("Open files…", "打开文件…")
                    }
                }}
            </span>
            <input
                type="file"
                multiple
                accept=".csv,.tsv,.txt,.xlsx,.json"
                data-testid="file-input"
                aria-label=move || tr("Open CRM exports: CSV, Excel or JSON", "打开 CRM 导出文件：CSV、Excel 或 JSON")
                on:change=on_change
            />
        </label>
    }
}
