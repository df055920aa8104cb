//! Helpers shared by the `ingest_*` tests.
#![allow(dead_code)]

use engine::ingest::{import, Field, ImportOptions, ImportReport, Imported, InputFile, Severity};

/// A fixture of `tests/data`, by its path there.
pub fn fixture(path: &str) -> InputFile {
    let full = format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    InputFile { name, bytes }
}

pub fn text(name: &str, content: &str) -> InputFile {
    InputFile {
        name: name.to_string(),
        bytes: content.as_bytes().to_vec(),
    }
}

pub fn import_all(files: &[InputFile]) -> Imported {
    import(files, &ImportOptions::default())
}

pub fn import_one(file: InputFile) -> (Imported, ImportReport) {
    let imported = import_all(&[file]);
    let report = imported.reports[0].clone();
    (imported, report)
}

/// `(line, column, value, reason, severity)` of every issue.
pub fn issues(report: &ImportReport) -> Vec<(usize, Option<&str>, &str, &str, Severity)> {
    report
        .issues
        .iter()
        .map(|i| {
            (
                i.line,
                i.column.as_deref(),
                i.value.as_str(),
                i.reason.as_str(),
                i.severity,
            )
        })
        .collect()
}

/// `(header, field)` of every column.
pub fn mapping(report: &ImportReport) -> Vec<(&str, Option<&str>)> {
    report
        .mapping
        .iter()
        .map(|c| (c.header.as_str(), c.field.map(Field::as_str)))
        .collect()
}

pub fn counts(report: &ImportReport) -> (usize, usize, usize, usize) {
    (report.rows, report.loaded, report.rejected, report.flagged)
}

pub fn day(iso: &str) -> i32 {
    engine::model::day::parse_iso(iso).expect("ISO date")
}

pub const REJECTED: Severity = Severity::Rejected;
pub const FLAGGED: Severity = Severity::Flagged;
