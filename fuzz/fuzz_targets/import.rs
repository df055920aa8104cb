//! Fuzzes `engine::ingest::import` over its CSV/TSV, JSON and xlsx entry points.
//!
//! The first byte picks the file name (and with it the delimiter and format hints); the rest
//! is the file. Seeds in `corpus/import/` are the fixtures of `engine/tests/data` behind their
//! selector byte. Beyond "never panics", the import report's counts must add up.

#![no_main]

use engine::ingest::{import, rejected_rows_csv, ImportOptions, InputFile, Severity};
use libfuzzer_sys::fuzz_target;
use std::sync::Once;

const NAMES: [&str; 5] = [
    "input.csv",
    "input.tsv",
    "input.json",
    "input.xlsx",
    "input.txt",
];

/// calamine (the xlsx reader) can panic on a malformed workbook, e.g. an overflow reading a
/// cell reference; the engine catches that and reports the workbook as malformed
/// (`ingest/xlsx.rs`). libFuzzer's hook aborts on every panic, caught or not: here a panic in
/// calamine is left to the engine's catch, and any other still aborts the run.
fn leave_calamine_panics_to_the_engine() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|at| at.file().contains("/calamine-"));
            if !in_calamine {
                abort(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    leave_calamine_panics_to_the_engine();
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
