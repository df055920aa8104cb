//! `<ShareBar/>`: present the dashboard, print it (PDF through style/print.css), clear the data
//! kept in this browser.

use engine::api::Request;
use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::{persist, AppState};

/// The row of sharing actions above the dashboard.
#[component]
pub fn ShareBar() -> impl IntoView {
    let state = AppState::expect();
    let cleared = RwSignal::new(false);
    let errors = use_context::<persist::StorageError>();
    let clear = move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            if persist::clear_reported(errors).await {
                cleared.set(true);
            }
            state.send(Request::LoadDemo);
        });
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <div class="share-bar no-print" role="group" aria-label=move || tr("Share", "分享")>
            <button
                type="button"
                class="share-button"
                data-testid="present"
                on:click=move |_| crate::ui::present::enter()
            >
                {move || tr("Present", "演示")}
            </button>
            <crate::ui::present::PresentOptions />
            <button type="button" class="share-button" data-testid="print" on:click=print>
                {move || tr("Print / PDF", "打印 / PDF")}
            </button>
            <super::TableCsvMenu />
            <button
                type="button"
                class="share-button"
                data-testid="clear-data"
                title=move || {
                    tr(
                        "Remove the files and mappings kept in this browser",
                        "删除此浏览器中保存的文件和映射",
                    )
                }
                on:click=clear
            >
                {move || tr("Clear data", "清除数据")}
            </button>
            <Show when=move || cleared.get()>
                <span class="share-note" role="status" data-testid="cleared">
                    {move || tr("Stored data cleared.", "已清除保存的数据。")}
                </span>
            </Show>
        </div>
    }
}
