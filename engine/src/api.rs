//! The boundary between the UI and the engine: a request in, a response out. The app talks to
//! the engine only through these messages, so the engine can move behind a Web Worker without
//! touching a component.

use serde::{Deserialize, Serialize};

use crate::generate::{self, GenerateOptions, Lang};
pub use crate::ingest::InputFile;
use crate::ingest::{self, ImportOptions, ImportReport};
pub use crate::metrics::period::Preset;
use crate::metrics::Settings;
use crate::model::Dataset;
use crate::query::Filters;
use crate::report::{self, Prepared, Report};

/// What the dashboard shows: a period, segment filters and the settings.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    pub period: Preset,
    pub filters: Filters,
    pub settings: Settings,
}

#[derive(Clone, Debug)]
pub enum Request {
    /// Replace everything with the built-in demo data set.
    LoadDemo,
    /// Add the user's files: a file with the name of a loaded one replaces it, demo data goes.
    Load(Vec<InputFile>),
    /// Correct how files are read (kind, sheet, column mapping) and import them again.
    SetImportOptions(ImportOptions),
    Query(Query),
}

#[derive(Clone, Debug)]
pub enum Response {
    Loaded {
        reports: Vec<ImportReport>,
        demo: bool,
    },
    Dashboard(Box<Report>),
}

/// The demo data set: the generator's output for a fixed seed.
pub fn demo_options() -> GenerateOptions {
    GenerateOptions {
        deals: 3000,
        seed: 7,
        lang: Lang::En,
    }
}

/// Holds the loaded files and their tables between requests.
pub struct Engine {
    files: Vec<InputFile>,
    options: ImportOptions,
    demo: bool,
    data: Dataset,
    prepared: Prepared,
    reports: Vec<ImportReport>,
}

impl Default for Engine {
    fn default() -> Self {
        let data = Dataset::default();
        Engine {
            files: Vec::new(),
            options: ImportOptions::default(),
            demo: false,
            prepared: Prepared::new(&data),
            data,
            reports: Vec::new(),
        }
    }
}

impl Engine {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn handle(&mut self, request: Request) -> Response {
        match request {
            Request::LoadDemo => {
                self.files = generate::generate(&demo_options())
                    .into_iter()
                    .map(|f| InputFile {
                        name: f.name,
                        bytes: f.bytes,
                    })
                    .collect();
                self.demo = true;
                self.import()
            }
            Request::Load(files) => {
                if self.demo {
                    self.files.clear();
                    self.demo = false;
                }
                for file in files {
                    self.files.retain(|f| f.name != file.name);
                    self.files.push(file);
                }
                self.import()
            }
            Request::SetImportOptions(options) => {
                self.options = options;
                self.import()
            }
            Request::Query(query) => Response::Dashboard(Box::new(self.report(&query))),
        }
    }

    /// The dashboard for `query` on the loaded data.
    pub fn report(&self, query: &Query) -> Report {
        let period = self.prepared.range.map(|range| query.period.resolve(range));
        report::build(
            &self.data,
            &self.prepared,
            period,
            &query.filters,
            &query.settings,
            &self.reports,
        )
    }

    fn import(&mut self) -> Response {
        let imported = ingest::import(&self.files, &self.options);
        self.data = imported.dataset;
        self.prepared = Prepared::new(&self.data);
        self.reports = imported.reports;
        Response::Loaded {
            reports: self.reports.clone(),
            demo: self.demo,
        }
    }
}
