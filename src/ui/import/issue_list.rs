//! `<IssueList/>`: the rejected and flagged rows of one file: line, column, value and reason.

use engine::ingest::{ImportReport as FileReport, Severity};
use leptos::prelude::*;

use super::{follow_toggle, ImportUi};
use crate::i18n::tr;

/// At most this many issues are put in the page per file; the download has them all.
pub const SHOWN: usize = 200;

/// The severity in the UI's language (reactive).
fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Rejected => tr("rejected", "已拒绝"),
        Severity::Flagged => tr("flagged", "已标记"),
    }
}

/// One file's row issues, collapsed until opened; the first [`SHOWN`] of them, then how many
/// more the download holds.
#[component]
pub fn IssueList(
    /// What the engine reported for the file, its issues included.
    report: FileReport,
) -> impl IntoView {
    let ui = ImportUi::expect();
    let file = report.file.clone();
    let open_file = file.clone();
    let rejected = report.rejected;
    let flagged = report.flagged;
    let more = report.issues.len().saturating_sub(SHOWN);

    let rows = report
        .issues
        .iter()
        .take(SHOWN)
        .map(|issue| {
            let severity = issue.severity;
            view! {
                <tr
                    class="issue"
                    class:rejected=severity == Severity::Rejected
                    data-line=issue.line.to_string()
                    data-column=issue.column.clone().unwrap_or_default()
                    data-severity=severity.as_str()
                >
                    <td class="num">{issue.line}</td>
                    <td>{issue.column.clone()}</td>
                    <td class="issue-value">{issue.value.clone()}</td>
                    <td class="issue-reason">{issue.reason.clone()}</td>
                    <td>
                        <span class="badge severity">{move || severity_label(severity)}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <details
            class="issues"
            data-testid="issues"
            prop:open=move || ui.open_issues.with(|open| open.contains(&open_file))
            on:toggle=follow_toggle(ui.open_issues, file.clone())
        >
            <summary>
                {move || tr("Problem rows", "问题行")}
                <span class="summary-count">
                    {move || {
                        format!(
                            "{rejected} {}, {flagged} {}",
                            tr("rejected", "已拒绝"),
                            tr("flagged (loaded)", "已标记（已载入）"),
                        )
                    }}
                </span>
            </summary>
            <div class="issue-scroll">
            <table class="issue-table">
                <thead>
                    <tr>
                        <th scope="col" class="num">{move || tr("Line", "行号")}</th>
                        <th scope="col">{move || tr("Column", "列")}</th>
                        <th scope="col">{move || tr("Value", "值")}</th>
                        <th scope="col">{move || tr("Reason", "原因")}</th>
                        <th scope="col">{move || tr("Outcome", "处理")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            </div>
            {(more > 0)
                .then(|| {
                    view! {
                        <p class="issues-more" data-testid="issues-more">
                            {move || {
                                format!(
                                    "{} {more} {}",
                                    tr("… and", "……另有"),
                                    tr(
                                        "more: download the rejected rows to see them all.",
                                        "条：下载被拒绝的行即可查看全部。",
                                    ),
                                )
                            }}
                        </p>
                    }
                })}
        </details>
    }
}
