//! The import screens: per file, how it was read, its column mapping (with the editor that
//! corrects it), its rejected and flagged rows, and the download of those rows. The summary
//! table that holds them is `<ImportReport/>`.

mod download_issues;
mod file_row;
mod issue_list;
mod mapping_editor;
pub mod remembered;

use std::collections::HashSet;

use leptos::prelude::*;

pub use download_issues::DownloadIssues;
pub use file_row::ImportFileRow;
pub use issue_list::IssueList;
pub use mapping_editor::MappingEditor;

/// Which per-file sections are open. The import report is drawn again whenever the engine
/// reports, so the sections a person opened are remembered here, by file name.
#[derive(Clone, Copy)]
pub struct ImportUi {
    /// Files whose column mapping is shown.
    pub open_mappings: RwSignal<HashSet<String>>,
    /// Files whose rejected and flagged rows are shown.
    pub open_issues: RwSignal<HashSet<String>>,
}

impl ImportUi {
    /// Provides the context; called by `<ImportReport/>`.
    pub fn provide() -> Self {
        let ui = Self {
            open_mappings: RwSignal::new(HashSet::new()),
            open_issues: RwSignal::new(HashSet::new()),
        };
        provide_context(ui);
        ui
    }

    /// The context `<ImportReport/>` provides.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }
}

/// Keeps `set` in step with a `<details>` element's open state.
fn follow_toggle(set: RwSignal<HashSet<String>>, file: String) -> impl Fn(leptos::ev::Event) {
    move |event| {
        let open = event
            .target()
            .and_then(|target| {
                use wasm_bindgen::JsCast;
                target.dyn_into::<web_sys::Element>().ok()
            })
            .is_some_and(|details| details.has_attribute("open"));
        let present = set.with_untracked(|s| s.contains(&file));
        if open != present {
            set.update(|s| {
                if open {
                    s.insert(file.clone());
                } else {
                    s.remove(&file);
                }
            });
        }
    }
}
