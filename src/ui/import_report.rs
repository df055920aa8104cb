//! `<ImportReport/>`: what happened to each file: its kind and how many rows were read,
//! loaded and rejected.

use engine::ingest::ImportReport as FileReport;
use leptos::prelude::*;

use crate::state::AppState;

/// The file kind as the engine names it (`deals`, `customers`, …), or `unknown`.
fn kind_name(report: &FileReport) -> String {
    report
        .kind
        .as_ref()
        .and_then(|kind| serde_json::to_value(kind).ok())
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// One row per loaded file, with `data-file`, `data-kind`, `data-rows`, `data-loaded` and
/// `data-rejected` for tests and scripts.
#[component]
pub fn ImportReport() -> impl IntoView {
    let state = AppState::expect();
    let rows = move || {
        state
            .imports
            .get()
            .into_iter()
            .map(|report| {
                let kind = kind_name(&report);
                let kind_attr = kind.clone();
                let rejected = report.rejected;
                let problem = report.error.clone();
                let failed = problem.is_some();
                view! {
                    <tr
                        data-file=report.file.clone()
                        data-kind=kind_attr
                        data-rows=report.rows.to_string()
                        data-loaded=report.loaded.to_string()
                        data-rejected=rejected.to_string()
                        class:failed=failed
                    >
                        <th scope="row">{report.file.clone()}</th>
                        <td>{kind}</td>
                        <td class="num">{report.rows}</td>
                        <td class="num">{report.loaded}</td>
                        <td class="num">{rejected}</td>
                        <td class="problem">{problem}</td>
                    </tr>
                }
            })
            .collect_view()
    };

    view! {
        <section class="panel import-report" data-testid="import-report" aria-labelledby="import-title">
            <h2 id="import-title">"Files"</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">"File"</th>
                        <th scope="col">"Kind"</th>
                        <th scope="col" class="num">"Rows"</th>
                        <th scope="col" class="num">"Loaded"</th>
                        <th scope="col" class="num">"Rejected"</th>
                        <th scope="col">"Problem"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}
