//! `<DataUrlErrors/>`: which files of `?data=` could not be fetched and why, and a storage
//! failure (quota, private window), each in plain words.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::state::persist::StorageError;
use crate::state::remote::DataErrors;

/// The notes; nothing when every file arrived and storage works.
#[component]
pub fn DataUrlErrors() -> impl IntoView {
    let errors = use_context::<DataErrors>().map(|c| c.0);
    let storage = use_context::<StorageError>().map(|c| c.0);
    view! {
        {move || {
            errors
                .map(|errors| errors.get())
                .unwrap_or_default()
                .into_iter()
                .map(|error| {
                    view! {
                        <p
                            class="error-note data-url-error"
                            role="alert"
                            data-testid="data-url-error"
                            data-url=error.url.clone()
                        >
                            <strong>{move || tr("Could not load ", "无法加载 ")}</strong>
                            <code>{error.url.clone()}</code>
                            ": "
                            {error.reason.clone()}
                        </p>
                    }
                })
                .collect_view()
        }}
        {move || {
            storage
                .and_then(|s| s.get())
                .map(|failure| {
                    view! {
                        <p class="error-note" role="status" data-testid="storage-error">
                            {move || {
                                tr(
                                    "The data could not be kept in this browser (it works, but a reload starts over): ",
                                    "无法在此浏览器中保存数据（仍可使用，但刷新后需重新打开文件）：",
                                )
                            }}
                            {move || failure.text()}
                        </p>
                    }
                })
        }}
    }
}
