//! The app's one state context: a `Copy` struct of signals, provided once in `<App/>`.
//!
//! The engine sits behind [`AppState::send`], which speaks exactly the engine's
//! `Request`/`Response` messages, so it can move into a Web Worker without touching the views.

use std::sync::Arc;

use engine::api::{Engine, Query, Request, Response};
use engine::ingest::ImportReport;
use engine::report::Report;
use leptos::prelude::*;

/// Everything the views read, and the one way to change it.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The import report of each loaded file (the demo set's when `demo` is true).
    pub imports: RwSignal<Vec<ImportReport>>,
    /// True while the built-in demo data is what the dashboard shows.
    pub demo: RwSignal<bool>,
    /// Period, filters and settings of the dashboard; changing it recomputes the report.
    pub query: RwSignal<Query>,
    /// The engine's latest report for `query`, `None` until the first one arrives.
    pub report: RwSignal<Option<Arc<Report>>>,
    /// An unexpected failure, in words for the user.
    pub error: RwSignal<Option<String>>,
    /// True while files are being read.
    pub busy: RwSignal<bool>,
    /// The KPI tiles of `report`, in the engine's order: `(metric id, value)`.
    pub tiles: Memo<Vec<(&'static str, Option<f64>)>>,
    /// The same tiles for the previous period of equal length.
    pub previous_tiles: Memo<Vec<(&'static str, Option<f64>)>>,
    /// Bumped each time a data set is loaded, so the report is recomputed.
    generation: RwSignal<u64>,
    engine: StoredValue<Engine, LocalStorage>,
}

impl AppState {
    /// Creates the state, provides it as context and keeps the report in step with the
    /// loaded data and the query. Call once, in `<App/>`.
    pub fn provide() -> Self {
        let report: RwSignal<Option<Arc<Report>>> = RwSignal::new(None);
        let state = Self {
            imports: RwSignal::new(Vec::new()),
            demo: RwSignal::new(false),
            query: RwSignal::new(Query::default()),
            report,
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            tiles: Memo::new(move |_| {
                report.with(|r| r.as_ref().map(|r| r.tiles.entries()).unwrap_or_default())
            }),
            previous_tiles: Memo::new(move |_| {
                report.with(|r| r.as_ref().map(|r| r.previous.entries()).unwrap_or_default())
            }),
            generation: RwSignal::new(0),
            engine: StoredValue::new_local(Engine::new()),
        };
        provide_context(state);
        provide_context(crate::i18n::LangContext(RwSignal::new(crate::i18n::Lang::default())));

        // The engine is outside the reactive graph: ask it for a new report whenever the data
        // or the query change.
        Effect::new(move |_| {
            let generation = state.generation.get();
            let query = state.query.get();
            if generation > 0 {
                state.send(Request::Query(query));
            }
        });
        state
    }

    /// The state provided by `<App/>`.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    /// Sends one request to the engine and applies its response.
    pub fn send(&self, request: Request) {
        let Some(response) = self
            .engine
            .try_update_value(|engine| engine.handle(request))
        else {
            return;
        };
        match response {
            Response::Loaded { reports, demo } => {
                self.imports.set(reports);
                self.demo.set(demo);
                self.error.set(None);
                self.generation.update(|g| *g += 1);
            }
            Response::Dashboard(report) => self.report.set(Some(Arc::from(report))),
        }
    }

    /// The current value of tile `id`, `None` when it has no value (or no report yet).
    pub fn tile(&self, id: &str) -> Option<f64> {
        self.tiles.with(|entries| lookup(entries, id))
    }

    /// The previous period's value of tile `id`.
    pub fn previous_tile(&self, id: &str) -> Option<f64> {
        self.previous_tiles.with(|entries| lookup(entries, id))
    }
}

fn lookup(entries: &[(&'static str, Option<f64>)], id: &str) -> Option<f64> {
    entries
        .iter()
        .find(|(key, _)| *key == id)
        .and_then(|(_, value)| *value)
}
