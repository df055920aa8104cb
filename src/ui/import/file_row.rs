//! `<ImportFileRow/>`: one file of the import report: how it was read and what came of it,
//! then its column mapping and its rejected and flagged rows.

use engine::ingest::ImportReport as FileReport;
use leptos::prelude::*;

use super::{IssueList, MappingEditor};
use crate::i18n::tr;
use crate::ui::import_report::{kind_label, kind_name};
use crate::ui::Deferred;

/// The number of columns of the import report's table.
pub const COLUMNS: usize = 7;

/// How the file was read, in the UI's language: "GB18030, comma-separated",
/// "Excel, sheet “Deals”" (reactive).
fn read_as(report: &FileReport) -> String {
    if report.encoding.is_empty() {
        return String::new();
    }
    if report.encoding == "xlsx" {
        return match &report.sheet {
            Some(sheet) => format!("Excel, {} “{sheet}”", tr("sheet", "工作表")),
            None => "Excel".to_owned(),
        };
    }
    let delimiter = report.delimiter.map(|d| match d {
        ',' => tr("comma-separated", "逗号分隔"),
        ';' => tr("semicolon-separated", "分号分隔"),
        '\t' => tr("tab-separated", "制表符分隔"),
        '|' => tr("pipe-separated", "竖线分隔"),
        _ => tr("delimited", "分隔"),
    });
    match delimiter {
        Some(delimiter) => format!("{}, {delimiter}", report.encoding),
        None => report.encoding.clone(),
    }
}

/// The file's row of the import report (carrying `data-file`, `data-kind`, `data-rows`,
/// `data-loaded`, `data-rejected`, and `data-split-at` when a second thread read part of it,
/// for tests and scripts), followed by a row holding why it
/// could not be read, its mapping and its rejected and flagged rows, when it has any.
#[component]
pub fn ImportFileRow(
    /// What the engine reported for the file.
    report: FileReport,
) -> impl IntoView {
    let kind = kind_name(&report);
    let kind_attr = kind.clone();
    let failed = report.error.is_some();
    let has_mapping = !report.mapping.is_empty() && !report.header_signature.is_empty();
    let has_issues = !report.issues.is_empty();
    let details = (failed || has_mapping || has_issues).then(|| {
        let error = report.error.clone().map(|message| {
            view! {
                <p class="file-error" data-testid="file-error" role="note">
                    {message}
                </p>
            }
        });
        let mapping = has_mapping.then(|| view! { <MappingEditor report=report.clone() /> });
        let issues = has_issues.then(|| view! { <IssueList report=report.clone() /> });
        view! {
            <tr class="file-details" data-details-for=report.file.clone()>
                <td colspan=COLUMNS.to_string()>
                    <Deferred class="file-details-body">{error} {mapping} {issues}</Deferred>
                </td>
            </tr>
        }
    });
    let read = report.clone();
    let has_rejected = report.rejected > 0;
    let has_flagged = report.flagged > 0;
    view! {
        <tr
            data-file=report.file.clone()
            data-kind=kind_attr
            data-rows=report.rows.to_string()
            data-loaded=report.loaded.to_string()
            data-rejected=report.rejected.to_string()
            data-flagged=report.flagged.to_string()
            data-encoding=report.encoding.clone()
            data-split-at=report.split_at.map(|byte| byte.to_string())
            class="file-row"
            class:failed=failed
        >
            <th scope="row">{report.file.clone()}</th>
            <td>{move || kind_label(&kind)}</td>
            <td class="read-as">{move || read_as(&read)}</td>
            <td class="num">{report.rows}</td>
            <td class="num">{report.loaded}</td>
            <td class="num" class:has-rejected=has_rejected>{report.rejected}</td>
            <td class="num" class:has-flagged=has_flagged>{report.flagged}</td>
        </tr>
        {details}
    }
}
