//! Corrected mappings, remembered in the browser's `localStorage`: one `MappingOverride` per
//! header row under `dealscope.mapping.<header signature>`. All of them are sent to the engine
//! (`Request::SetImportOptions`) when the page opens and after each correction, and the
//! engine applies one to every file with the same headers: a corrected export is read the
//! corrected way the next time it is opened.
//!
//! Natively (the unit tests) there is no storage: nothing is found and nothing is kept.

use engine::api::Request;
use engine::ingest::{
    ColumnOverride, Field, FileKind, ImportOptions, ImportReport, MappingOverride,
};

use crate::state::AppState;

/// The prefix of every remembered mapping's key.
pub const KEY_PREFIX: &str = "dealscope.mapping.";

/// What a person chose for one column in the mapping editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Whatever the engine recognises from the header.
    Auto,
    /// The column is not used.
    Ignore,
    /// The column feeds this field.
    Use(Field),
}

impl Choice {
    /// The `<option>` value: `""`, `"-"` or the field's name.
    pub fn value(self) -> &'static str {
        match self {
            Choice::Auto => "",
            Choice::Ignore => "-",
            Choice::Use(field) => field.as_str(),
        }
    }

    /// The choice of an `<option>` value.
    pub fn from_value(value: &str) -> Choice {
        match value {
            "-" => Choice::Ignore,
            name => Field::from_name(name).map_or(Choice::Auto, Choice::Use),
        }
    }
}

/// One application of the mapping editor: only what the person changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Edit {
    /// `Some` when the kind was changed: the kind to force, or `None` for "recognise".
    pub kind: Option<Option<FileKind>>,
    /// The worksheet chosen, when it was changed.
    pub sheet: Option<String>,
    /// The columns changed, by header.
    pub columns: Vec<(String, Choice)>,
}

/// The storage key of a correction: its header signature, else its file name.
pub fn key_of(correction: &MappingOverride) -> String {
    let id = correction
        .header_signature
        .clone()
        .unwrap_or_else(|| correction.file.clone());
    format!("{KEY_PREFIX}{id}")
}

/// The remembered correction that applies to `report`: the one for its headers, else one
/// naming the file (a worksheet choice, which the engine matches by file name).
pub fn for_report<'a>(
    corrections: &'a [MappingOverride],
    report: &ImportReport,
) -> Option<&'a MappingOverride> {
    let by_headers = corrections.iter().find(|o| {
        !report.header_signature.is_empty()
            && o.header_signature.as_deref() == Some(report.header_signature.as_str())
    });
    by_headers.or_else(|| {
        corrections
            .iter()
            .find(|o| !o.file.is_empty() && o.file == report.file)
    })
}

/// `existing` with `edit` applied to the file of `report`; `None` when nothing is left to
/// correct (every choice back to automatic).
///
/// A correction holds the file name only when it picks a worksheet (the engine matches sheets
/// by file name); otherwise it applies to any file with the same headers. A new worksheet has
/// headers of its own, so choosing one starts that file's correction afresh.
pub fn merged(
    existing: Option<&MappingOverride>,
    report: &ImportReport,
    edit: &Edit,
) -> Option<MappingOverride> {
    let mut o = existing.cloned().unwrap_or_default();
    if !report.header_signature.is_empty() {
        o.header_signature = Some(report.header_signature.clone());
    }
    if let Some(sheet) = &edit.sheet {
        o.file = report.file.clone();
        o.sheet = Some(sheet.clone());
        o.kind = None;
        o.columns.clear();
    } else {
        if let Some(kind) = edit.kind {
            o.kind = kind;
        }
        for (header, choice) in &edit.columns {
            o.columns.retain(|c| &c.header != header);
            let field = match choice {
                Choice::Auto => continue,
                Choice::Ignore => None,
                Choice::Use(field) => Some(*field),
            };
            o.columns.push(ColumnOverride {
                header: header.clone(),
                field,
            });
        }
    }
    if o.sheet.is_none() {
        o.file.clear();
    }
    if o.header_signature.is_none() && o.file.is_empty() {
        // Nothing to recognise the file by (it could not be read): nothing to remember.
        return None;
    }
    let empty = o.kind.is_none() && o.sheet.is_none() && o.columns.is_empty();
    (!empty).then_some(o)
}

/// Every remembered correction, in key order.
pub fn all() -> Vec<MappingOverride> {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(storage) = crate::state::persist::local_storage() else {
            return Vec::new();
        };
        let mut keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(KEY_PREFIX))
            .collect();
        keys.sort();
        keys.iter()
            .filter_map(|key| storage.get_item(key).ok().flatten())
            .filter_map(|json| serde_json::from_str(&json).ok())
            .collect()
    }
    #[cfg(not(target_arch = "wasm32"))]
    Vec::new()
}

/// Remembers `correction` (replacing what was stored under `previous_key`, if anything).
pub fn save(correction: &MappingOverride, previous_key: Option<&str>) {
    let key = key_of(correction);
    if let Some(previous) = previous_key.filter(|p| *p != key) {
        forget(previous);
    }
    #[cfg(target_arch = "wasm32")]
    if let (Some(storage), Ok(json)) = (
        crate::state::persist::local_storage(),
        serde_json::to_string(correction),
    ) {
        let _ = storage.set_item(&key, &json);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = key;
}

/// Forgets the correction stored under `key`.
pub fn forget(key: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = crate::state::persist::local_storage() {
        let _ = storage.remove_item(key);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = key;
}

/// The import options holding every remembered correction.
pub fn options() -> ImportOptions {
    ImportOptions {
        overrides: all(),
        ..ImportOptions::default()
    }
}

/// Sends the remembered corrections to the engine, which imports the loaded files again.
pub fn apply(state: AppState) {
    state.send(Request::SetImportOptions(options()));
}

/// At start: hands the engine the remembered corrections before any file is loaded, so a file
/// with known headers is read the corrected way. Does nothing when none is remembered.
pub fn restore(state: AppState) {
    let options = options();
    if !options.overrides.is_empty() {
        state.send(Request::SetImportOptions(options));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(file: &str, signature: &str) -> ImportReport {
        ImportReport {
            header_signature: signature.into(),
            ..ImportReport::new(file)
        }
    }

    fn column(header: &str, field: Option<Field>) -> ColumnOverride {
        ColumnOverride {
            header: header.into(),
            field,
        }
    }

    #[test]
    fn choices_round_trip_through_option_values() {
        for choice in [Choice::Auto, Choice::Ignore, Choice::Use(Field::CreatedAt)] {
            assert_eq!(Choice::from_value(choice.value()), choice);
        }
        assert_eq!(Choice::from_value("no_such_field"), Choice::Auto);
    }

    #[test]
    fn a_column_correction_is_kept_by_header_signature_only() {
        let edit = Edit {
            columns: vec![("Kickoff".into(), Choice::Use(Field::CreatedAt))],
            ..Edit::default()
        };
        let o = merged(None, &report("pipeline.csv", "abc"), &edit).unwrap();
        assert_eq!(o.file, "", "applies to any file with these headers");
        assert_eq!(o.header_signature.as_deref(), Some("abc"));
        assert_eq!(o.kind, None);
        assert_eq!(o.columns, [column("Kickoff", Some(Field::CreatedAt))]);
        assert_eq!(key_of(&o), "dealscope.mapping.abc");
    }

    #[test]
    fn later_edits_replace_a_column_and_keep_the_rest() {
        let first = Edit {
            kind: Some(Some(FileKind::Deals)),
            columns: vec![
                ("Kickoff".into(), Choice::Use(Field::CreatedAt)),
                ("Notes".into(), Choice::Ignore),
            ],
            ..Edit::default()
        };
        let r = report("p.csv", "abc");
        let o = merged(None, &r, &first).unwrap();
        let second = Edit {
            columns: vec![
                ("Kickoff".into(), Choice::Use(Field::ClosedAt)),
                ("Notes".into(), Choice::Auto),
            ],
            ..Edit::default()
        };
        let o = merged(Some(&o), &r, &second).unwrap();
        assert_eq!(o.kind, Some(FileKind::Deals));
        assert_eq!(o.columns, [column("Kickoff", Some(Field::ClosedAt))]);
    }

    #[test]
    fn everything_back_to_automatic_leaves_nothing_to_remember() {
        let r = report("p.csv", "abc");
        let o = merged(
            None,
            &r,
            &Edit {
                columns: vec![("Kickoff".into(), Choice::Ignore)],
                ..Edit::default()
            },
        )
        .unwrap();
        let back = Edit {
            columns: vec![("Kickoff".into(), Choice::Auto)],
            ..Edit::default()
        };
        assert_eq!(merged(Some(&o), &r, &back), None);
    }

    #[test]
    fn a_sheet_choice_names_the_file_and_starts_afresh() {
        let r = report("book.xlsx", "abc");
        let columns = Edit {
            kind: Some(Some(FileKind::Orders)),
            columns: vec![("x".into(), Choice::Ignore)],
            ..Edit::default()
        };
        let o = merged(None, &r, &columns).unwrap();
        let sheet = Edit {
            sheet: Some("Deals".into()),
            ..Edit::default()
        };
        let o = merged(Some(&o), &r, &sheet).unwrap();
        assert_eq!(o.file, "book.xlsx");
        assert_eq!(o.sheet.as_deref(), Some("Deals"));
        assert_eq!(o.kind, None);
        assert!(o.columns.is_empty());

        // The new sheet's report finds the same correction by file name, and a column edit
        // keeps the sheet.
        let all = [o.clone()];
        let next = report("book.xlsx", "def");
        assert_eq!(for_report(&all, &next), Some(&o));
        let edit = Edit {
            columns: vec![("Stage".into(), Choice::Use(Field::Stage))],
            ..Edit::default()
        };
        let o = merged(Some(&o), &next, &edit).unwrap();
        assert_eq!(o.sheet.as_deref(), Some("Deals"));
        assert_eq!(o.file, "book.xlsx");
        assert_eq!(o.header_signature.as_deref(), Some("def"));
    }

    #[test]
    fn a_file_without_headers_has_nothing_to_remember() {
        let edit = Edit {
            kind: Some(Some(FileKind::Deals)),
            ..Edit::default()
        };
        assert_eq!(merged(None, &report("x.bin", ""), &edit), None);
    }

    #[test]
    fn corrections_are_found_by_headers_first() {
        let by_file = MappingOverride {
            file: "a.xlsx".into(),
            header_signature: Some("old".into()),
            sheet: Some("S2".into()),
            ..MappingOverride::default()
        };
        let by_headers = MappingOverride {
            header_signature: Some("sig".into()),
            kind: Some(FileKind::Deals),
            ..MappingOverride::default()
        };
        let all = [by_file.clone(), by_headers.clone()];
        assert_eq!(
            for_report(&all, &report("a.xlsx", "sig")),
            Some(&by_headers)
        );
        assert_eq!(for_report(&all, &report("a.xlsx", "new")), Some(&by_file));
        assert_eq!(for_report(&all, &report("b.csv", "new")), None);
    }
}
