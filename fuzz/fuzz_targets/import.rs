//! Fuzzes `engine::ingest::import` over its CSV/TSV, JSON and xlsx entry points.
//!
//! The first byte picks the file name (and with it the delimiter and format hints); the rest
//! is the file. Seeds in `corpus/import/` are the fixtures of `engine/tests/data` behind their
//! selector byte. Beyond "never panics", the import report's counts must add up.

#![no_main]

use engine::ingest::{import, rejected_rows_csv, ImportOptions, InputFile, Severity};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = [
    "input.csv",
    "input.tsv",
    "input.json",
    "input.xlsx",
    "input.txt",
];

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = match data.split_first() {
        Some((&selector, rest)) => (NAMES[selector as usize % NAMES.len()], rest),
        None => (NAMES[0], data),
    };
    let file = InputFile {
        name: name.to_string(),
        bytes: bytes.to_vec(),
    };
    let imported = import(&[file], &ImportOptions::default());
    for r in &imported.reports {
        if r.error.is_none() {
            assert_eq!(r.rows, r.loaded + r.rejected);
        }
        assert!(r.flagged <= r.loaded);
        let rejected = r
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Rejected)
            .count();
        assert_eq!(rejected, r.rejected);
    }
    let _ = rejected_rows_csv(&imported.reports);
});
