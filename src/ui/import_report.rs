//! `<ImportReport/>`: what happened to each file: its kind, how it was read, how many rows were
//! read, loaded, rejected and flagged, or why it could not be read; per file its column mapping
//! (correctable) and its problem rows (`ui/import/`), and the download of those rows.

use engine::ingest::ImportReport as FileReport;
use leptos::prelude::*;

use super::import::{DownloadIssues, ImportFileRow, ImportUi};
use crate::i18n::tr;
use crate::state::AppState;

/// The file kind as the engine names it (`deals`, `customers`, …), or `unknown`.
pub(super) fn kind_name(report: &FileReport) -> String {
    report
        .kind
        .as_ref()
        .and_then(|kind| serde_json::to_value(kind).ok())
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The file kind in the UI's language (reactive).
pub(super) fn kind_label(kind: &str) -> &'static str {
    match kind {
        "customers" => tr("customers", "客户"),
        "deals" => tr("deals", "商机"),
        "orders" => tr("orders", "订单"),
        "surveys" => tr("survey responses", "调查问卷"),
        "spend" => tr("marketing spend", "营销投放"),
        _ => tr("not recognised", "未识别"),
    }
}

/// One row per loaded file, with `data-file`, `data-kind`, `data-rows`, `data-loaded` and
/// `data-rejected` for tests and scripts.
#[component]
pub fn ImportReport() -> impl IntoView {
    let state = AppState::expect();
    ImportUi::provide();
    let rows = move || {
        state
            .imports
            .get()
            .into_iter()
            .map(|report| view! { <ImportFileRow report=report /> })
            .collect_view()
    };

    view! {
        <section class="panel import-report" data-testid="import-report" aria-labelledby="import-title">
            <div class="import-report-head">
                <h2 id="import-title">{move || tr("Files", "文件")}</h2>
                <DownloadIssues />
            </div>
            <div class="import-table-wrap">
            <table class="import-table">
                <thead>
                    <tr>
                        <th scope="col">{move || tr("File", "文件名")}</th>
                        <th scope="col">{move || tr("Kind", "类型")}</th>
                        <th scope="col">{move || tr("Read as", "读取方式")}</th>
                        <th scope="col" class="num">{move || tr("Rows", "行数")}</th>
                        <th scope="col" class="num">{move || tr("Loaded", "已载入")}</th>
                        <th scope="col" class="num">{move || tr("Rejected", "已拒绝")}</th>
                        <th scope="col" class="num">{move || tr("Flagged", "已标记")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
        </section>
    }
}
