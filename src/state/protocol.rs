//! The messages between the page and the engine's Web Worker (`src/bin/worker/`, which includes
//! this file too).
//!
//! Page → worker: a JS object `{ json, files }`. `json` is a [`ToWorker`] as JSON; for
//! [`ToWorker::Open`], `files` holds the `File`s (or `Blob`s) in the order of `names`. Files are
//! structured-cloned as handles: their bytes are read in the worker, in chunks, straight into
//! the engine's memory, and never pass through the page.
//!
//! Worker → page: a JS object `{ json, memory }`. `json` is a [`FromWorker`] as JSON; `memory`
//! the size of the worker's wasm memory in bytes.
//!
//! Every request carries a sequence number, echoed by its progress and its answer, so the page
//! can drop answers that a newer request has made stale.

use engine::api::{Request, Response};
use serde::{Deserialize, Serialize};

/// What the page asks of the worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum ToWorker {
    /// One engine request, answered by [`FromWorker::Response`].
    Request { seq: u64, request: Request },
    /// Read the files that ride along in `files` and load them as `Request::Load`. Answered by
    /// [`FromWorker::Response`] (`Response::Loaded`) or [`FromWorker::Refused`], with
    /// [`FromWorker::Progress`] meanwhile.
    Open { seq: u64, names: Vec<String> },
    /// The page has drawn its first dashboard and is idle: the worker may start its helpers
    /// (`src/bin/worker/`), which would have held up that first drawing.
    Idle,
}

/// What the worker tells the page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker listens: messages posted before this one are lost.
    Ready,
    /// How far the load `seq` has got.
    Progress { seq: u64, progress: LoadProgress },
    /// The engine's answer to request `seq`. In a `Response::Dashboard`, `pipeline.stalled`
    /// (row numbers into the worker's tables) is left empty; `stalled_list` has the deals.
    Response { seq: u64, response: Response },
    /// Request `seq` was not carried out: why, in words for the user. The data loaded before
    /// stays.
    Refused { seq: u64, message: String },
}

/// The steps of a load, in order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Copying the files' bytes from disk into the worker.
    #[default]
    Reading,
    /// Parsing rows into the tables.
    Parsing,
    /// Computing the dashboard on the new tables.
    Computing,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Reading => "reading",
            Phase::Parsing => "parsing",
            Phase::Computing => "computing",
        }
    }
}

/// How far a load has got, for the progress bar.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadProgress {
    pub phase: Phase,
    /// The file being read or parsed.
    pub file: String,
    /// Bytes read so far, and to read in all: the opened files and, when files are added or
    /// read differently, the files loaded before (the worker frees their bytes after each
    /// import and reads them again, since the engine imports every file again).
    pub bytes_read: u64,
    pub bytes_total: u64,
    /// Bytes parsed so far, and in all.
    pub bytes_parsed: u64,
    pub parse_total: u64,
    /// Data rows parsed so far (lines after the header, counted as the parser passes them);
    /// `None` while an Excel file is parsed.
    pub rows: Option<u64>,
    /// True when this load puts back the data of before a cancelled or failed load.
    pub restoring: bool,
}

impl LoadProgress {
    /// The fraction of the load done, 0–1: reading counts for a fifth, parsing for the rest.
    pub fn fraction(&self) -> f64 {
        let part = |done: u64, total: u64| {
            if total == 0 {
                0.0
            } else {
                (done as f64 / total as f64).clamp(0.0, 1.0)
            }
        };
        match self.phase {
            Phase::Reading => 0.2 * part(self.bytes_read, self.bytes_total),
            Phase::Parsing => 0.2 + 0.8 * part(self.bytes_parsed, self.parse_total),
            Phase::Computing => 1.0,
        }
    }
}

/// The most data, all loaded files together, that the worker accepts. The tables take about
/// as much memory again as the files, on top of the files themselves, and a wasm32 memory
/// cannot pass 4 GB: beyond this, files are refused before anything is read.
pub const MAX_TOTAL_BYTES: u64 = 1_200_000_000;

/// Why files that come to `total` bytes (`with_open`: counting the files already loaded) are
/// refused, or `None` when they are not too large. Used by the worker.
#[cfg_attr(not(test), allow(dead_code))]
pub fn too_large(total: u64, with_open: bool) -> Option<String> {
    (total > MAX_TOTAL_BYTES).then(|| {
        let with = if with_open {
            " with the files already open"
        } else {
            ""
        };
        format!(
            "These files come to {}{with}, more than the {} that one browser tab can \
             analyse, so nothing was read. Export a shorter period or fewer columns, or split \
             the data, and open the files again.",
            human_size(total),
            human_size(MAX_TOTAL_BYTES),
        )
    })
}

/// `bytes` for people: `734 bytes`, `12.3 MB`, `1.2 GB`.
pub fn human_size(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1e9 {
        format!("{:.1} GB", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.1} MB", b / 1e6)
    } else if b >= 1e3 {
        format!("{:.0} kB", b / 1e3)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::api::{Engine, Query};

    /// The page reads exactly what the worker wrote: every report of the demo data survives
    /// the trip through JSON.
    #[test]
    fn responses_survive_json() {
        let mut engine = Engine::new();
        let loaded = engine.handle(Request::LoadDemo);
        let dashboard = engine.handle(Request::Query(Query::default()));
        for response in [loaded, dashboard] {
            let message = FromWorker::Response { seq: 7, response };
            let json = serde_json::to_string(&message).unwrap();
            let back: FromWorker = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&back).unwrap(), json);
            match (message, back) {
                (
                    FromWorker::Response {
                        response: Response::Dashboard(a),
                        ..
                    },
                    FromWorker::Response {
                        response: Response::Dashboard(b),
                        ..
                    },
                ) => {
                    // `ranked` and the stage positions are left out of the JSON.
                    assert_eq!(a.tiles, b.tiles);
                    assert_eq!(a.previous, b.previous);
                    assert_eq!(a.funnel, b.funnel);
                    assert_eq!(a.warnings, b.warnings);
                    assert_eq!(a.cohorts, b.cohorts);
                    assert_eq!(a.nps_breakdown, b.nps_breakdown);
                    assert_eq!(a.revenue_trend, b.revenue_trend);
                    assert!(a.tiles.revenue.is_some());
                }
                (
                    FromWorker::Response {
                        response: Response::Loaded { reports: a, demo },
                        ..
                    },
                    FromWorker::Response {
                        response: Response::Loaded { reports: b, .. },
                        ..
                    },
                ) => {
                    assert!(demo);
                    assert_eq!(a.len(), b.len());
                    assert_eq!(a[0].rows, b[0].rows);
                }
                _ => panic!("the answer changed kind"),
            }
        }
    }

    #[test]
    fn requests_survive_json() {
        let message = ToWorker::Request {
            seq: 3,
            request: Request::Query(Query::default()),
        };
        let json = serde_json::to_string(&message).unwrap();
        let back: ToWorker = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn the_bar_moves_forward_through_the_phases() {
        let mut p = LoadProgress {
            bytes_total: 100,
            parse_total: 100,
            ..LoadProgress::default()
        };
        assert_eq!(p.fraction(), 0.0);
        p.bytes_read = 100;
        assert!((p.fraction() - 0.2).abs() < 1e-12);
        p.phase = Phase::Parsing;
        p.bytes_parsed = 50;
        assert!((p.fraction() - 0.6).abs() < 1e-12);
        p.phase = Phase::Computing;
        assert_eq!(p.fraction(), 1.0);
    }

    #[test]
    fn files_too_large_for_a_tab_are_refused_with_the_sizes() {
        assert_eq!(too_large(MAX_TOTAL_BYTES, false), None);
        assert_eq!(
            too_large(2_000_000_000, true).as_deref(),
            Some(
                "These files come to 2.0 GB with the files already open, more than the 1.2 GB \
                 that one browser tab can analyse, so nothing was read. Export a shorter period \
                 or fewer columns, or split the data, and open the files again."
            )
        );
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(human_size(734), "734 bytes");
        assert_eq!(human_size(12_345), "12 kB");
        assert_eq!(human_size(154_390_665), "154.4 MB");
        assert_eq!(human_size(2_100_000_000), "2.1 GB");
    }
}
