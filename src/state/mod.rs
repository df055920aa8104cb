//! The app's one state context: a `Copy` struct of signals, provided once in `<App/>`.
//!
//! The engine sits behind [`AppState::send`], which speaks exactly the engine's
//! `Request`/`Response` messages. It runs in a Web Worker (`transport`): `send` posts the
//! request and returns; the response is applied when it comes back.

pub mod idle;
pub mod panel_views;
pub mod persist;
pub mod pick;
mod protocol;
pub mod remote;
mod transport;
pub mod url;

use std::sync::Arc;
use std::time::Duration;

use engine::api::{DrillInfo, DrillPage, Query, Request, Response};
use engine::ingest::ImportReport;
use engine::report::Report;
use leptos::prelude::*;

pub use panel_views::{FunnelView, PanelViews};
pub use pick::Pick;
pub use protocol::{human_size, LoadProgress, Phase};
use transport::{Event, Transport};

/// Everything the views read, and the one way to change it.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The import report of each loaded file (the demo set's when `demo` is true).
    pub imports: RwSignal<Vec<ImportReport>>,
    /// True while the built-in demo data is what the dashboard shows.
    pub demo: RwSignal<bool>,
    /// Period, filters and settings of the dashboard; changing it recomputes the report.
    pub query: RwSignal<Query>,
    /// How the panels show the report (the funnel's view, …); changing it recomputes nothing.
    pub panels: RwSignal<PanelViews>,
    /// The engine's latest report for `query`, `None` until the first one arrives. Each panel
    /// takes it one task later (`ui::panels::Staged`).
    pub report: RwSignal<Option<Arc<Report>>>,
    /// The report the key figures show: `report`, once every panel has taken it.
    shown: RwSignal<Option<Arc<Report>>>,
    /// An unexpected failure, in words for the user.
    pub error: RwSignal<Option<String>>,
    /// True while files are being read.
    pub busy: RwSignal<bool>,
    /// How far the load under way has got; `None` when none is.
    pub progress: RwSignal<Option<LoadProgress>>,
    /// True while a load is under way (`progress` is set), however often its progress moves.
    pub loading: Signal<bool>,
    /// The KPI tiles of `report`, in the engine's order: `(metric id, value)`.
    pub tiles: Memo<Vec<(&'static str, Option<f64>)>>,
    /// The same tiles for the previous period of equal length.
    pub previous_tiles: Memo<Vec<(&'static str, Option<f64>)>>,
    /// The chart element, row or tile clicked last (drill-down and cross-filter read it).
    pub picked: RwSignal<Option<Pick>>,
    /// The open drill-down's columns and row count (`Request::Drill`).
    pub drill: RwSignal<Option<Arc<DrillInfo>>>,
    /// The latest window of the open drill-down (`Request::DrillRows`).
    pub drill_page: RwSignal<Option<Arc<DrillPage>>>,
    /// The latest CSV export of the open drill-down (`Request::DrillCsv`), until it is saved.
    pub drill_csv: RwSignal<Option<Arc<String>>>,
    /// Bumped each time a data set is loaded, so the report is recomputed.
    generation: RwSignal<u64>,
    /// The engine's Web Worker (`None` only while `provide` builds the state).
    transport: StoredValue<Option<Transport>, LocalStorage>,
}

impl AppState {
    /// Creates the state, provides it as context and keeps the report in step with the
    /// loaded data and the query. Call once, in `<App/>`.
    pub fn provide() -> Self {
        let report: RwSignal<Option<Arc<Report>>> = RwSignal::new(None);
        let shown: RwSignal<Option<Arc<Report>>> = RwSignal::new(None);
        let progress: RwSignal<Option<LoadProgress>> = RwSignal::new(None);
        let state = Self {
            imports: RwSignal::new(Vec::new()),
            demo: RwSignal::new(false),
            query: RwSignal::new(Query::default()),
            panels: RwSignal::new(PanelViews::default()),
            report,
            shown,
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
            progress,
            loading: Memo::new(move |_| progress.with(Option::is_some)).into(),
            tiles: Memo::new(move |_| {
                shown.with(|r| r.as_ref().map(|r| r.tiles.entries()).unwrap_or_default())
            }),
            previous_tiles: Memo::new(move |_| {
                shown.with(|r| r.as_ref().map(|r| r.previous.entries()).unwrap_or_default())
            }),
            picked: RwSignal::new(None),
            drill: RwSignal::new(None),
            drill_page: RwSignal::new(None),
            drill_csv: RwSignal::new(None),
            generation: RwSignal::new(0),
            transport: StoredValue::new_local(None),
        };
        provide_context(state);
        state.transport.set_value(Some(Transport::new(
            move |event| state.receive(event),
            move || state.query.get_untracked(),
        )));
        // The language the person chose or the browser prefers (remembered; sets <html lang>).
        crate::i18n::provide_lang();

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

    /// The state provided by `<App/>`, or the one a panel's `Staged` provides.
    pub fn expect() -> Self {
        expect_context::<Self>()
    }

    /// This state as a panel sees it: its own `report` and `loading`, which follow the page's
    /// (`ui::panels::Staged`).
    pub fn staged(self, report: RwSignal<Option<Arc<Report>>>, loading: Signal<bool>) -> Self {
        Self {
            report,
            loading,
            ..self
        }
    }

    /// Records a click on a chart element, a table row or a tile (see [`Pick`]).
    pub fn pick(&self, pick: Pick) {
        self.picked.set(Some(pick));
    }

    /// Sends one request to the engine; its response is applied when it comes back (a
    /// dashboard or drill-down overtaken by a newer request of its kind is dropped).
    pub fn send(&self, request: Request) {
        self.transport.with_value(|transport| {
            if let Some(transport) = transport {
                transport.send(request);
            }
        });
    }

    /// Loads the files chosen in the picker: the worker reads them in chunks, with progress.
    pub fn open_files(&self, files: Vec<web_sys::File>) {
        let handles: Vec<(String, web_sys::Blob)> = files
            .into_iter()
            .map(|file| (file.name(), file.into()))
            .collect();
        if handles.is_empty() {
            return;
        }
        // Kept in IndexedDB, so a reload restores them (failures are shown, never fatal).
        persist::remember(&handles);
        let total = handles.iter().map(|(_, blob)| blob.size() as u64).sum();
        self.busy.set(true);
        self.error.set(None);
        self.progress.set(Some(LoadProgress {
            bytes_total: total,
            file: handles[0].0.clone(),
            ..LoadProgress::default()
        }));
        self.transport.with_value(|transport| {
            if let Some(transport) = transport {
                transport.open(handles);
            }
        });
    }

    /// Stops the load under way; the data shown before it is loaded again.
    pub fn cancel_load(&self) {
        self.transport.with_value(|transport| {
            if let Some(transport) = transport {
                transport.cancel();
            }
        });
        self.progress.set(Some(LoadProgress {
            restoring: true,
            ..LoadProgress::default()
        }));
    }

    /// What the worker said.
    fn receive(&self, event: Event) {
        match event {
            Event::Response(response) => self.apply(response),
            Event::Progress(progress) => self.progress.set(Some(progress)),
            Event::Failed { message, restoring } => {
                self.error.set(Some(message));
                if restoring {
                    self.progress.set(Some(LoadProgress {
                        restoring: true,
                        ..LoadProgress::default()
                    }));
                } else {
                    self.progress.set(None);
                    self.busy.set(false);
                }
            }
        }
    }

    /// Applies one response of the engine.
    fn apply(&self, response: Response) {
        match response {
            Response::Loaded { reports, demo } => {
                self.imports.set(reports);
                self.demo.set(demo);
                if !self
                    .progress
                    .with_untracked(|p| p.as_ref().is_some_and(|p| p.restoring))
                {
                    self.error.set(None);
                }
                self.progress.update(|progress| {
                    if let Some(progress) = progress {
                        progress.phase = Phase::Computing;
                    }
                });
                self.generation.update(|g| *g += 1);
            }
            Response::Dashboard(report) => {
                let report = Some(Arc::<Report>::from(report));
                self.report.set(report.clone());
                if self.shown.with_untracked(Option::is_none) {
                    // The first report: the panels take it at once too (`Staged`).
                    self.shown.set(report);
                } else {
                    // The panels take the report in timeouts that their effects queue after
                    // this one: this one queues the key figures' behind them.
                    let shown = self.shown;
                    set_timeout(
                        move || set_timeout(move || shown.set(report), Duration::ZERO),
                        Duration::ZERO,
                    );
                }
                let computed = self
                    .progress
                    .with_untracked(|p| p.as_ref().is_some_and(|p| p.phase == Phase::Computing));
                if computed {
                    self.progress.set(None);
                    self.busy.set(false);
                }
            }
            Response::Drill(info) => {
                self.drill_page.set(None);
                self.drill.set(Some(Arc::new(info)));
            }
            Response::DrillRows(page) => self.drill_page.set(Some(Arc::new(page))),
            Response::DrillCsv(csv) => self.drill_csv.set(Some(Arc::new(csv))),
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
