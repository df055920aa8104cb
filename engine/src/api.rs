//! The boundary between the UI and the engine: a request in, a response out. The app talks to
//! the engine only through these messages, so the engine can move behind a Web Worker without
//! touching a component.

use serde::{Deserialize, Serialize};

use crate::generate::{self, GenerateOptions, Lang};
use crate::ingest::split::{Head, Tail};
pub use crate::ingest::InputFile;
use crate::ingest::{self, ImportOptions, ImportReport, Imported, Importer, Step};
pub use crate::metrics::period::Preset;
use crate::metrics::Settings;
use crate::model::Dataset;
use crate::query::drill::{Drill, RowTable};
pub use crate::query::drill::{DrillInfo, DrillPage, DrillTarget, RowKind, Sort};
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

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// Replace everything with the built-in demo data set.
    LoadDemo,
    /// Add the user's files: a file with the name of a loaded one replaces it, demo data goes.
    Load(Vec<InputFile>),
    /// Correct how files are read (kind, sheet, column mapping) and import them again.
    SetImportOptions(ImportOptions),
    Query(Query),
    /// Open a drill-down: the rows behind `DrillTarget` for the latest `Query`. The engine keeps
    /// it until the next drill-down or load.
    Drill(DrillTarget),
    /// A window of the open drill-down, sorted and searched (`range` positions in that view).
    DrillRows {
        range: std::ops::Range<usize>,
        sort: Option<Sort>,
        search: String,
    },
    /// The open drill-down's latest view (order and search of the last `DrillRows`) as CSV.
    DrillCsv,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Response {
    Loaded {
        reports: Vec<ImportReport>,
        demo: bool,
    },
    Dashboard(Box<Report>),
    /// The columns and row count of the drill-down just opened.
    Drill(DrillInfo),
    DrillRows(DrillPage),
    /// UTF-8 CSV text starting with a byte order mark; empty when no drill-down is open.
    DrillCsv(String),
}

/// The demo data set's files.
fn demo_files() -> Vec<InputFile> {
    generate::generate(&demo_options())
        .into_iter()
        .map(|f| InputFile {
            name: f.name,
            bytes: f.bytes,
        })
        .collect()
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
    /// The latest query, which drill-downs are made on.
    query: Query,
    drill: Option<OpenDrill>,
    /// Told how far an import has got: the file being read and the fraction of it.
    progress: Option<Box<ProgressFn>>,
    /// A load in parts waiting for a file's tail ([`Engine::load_in_parts`]).
    importer: Option<Importer>,
}

/// Where a load in parts stands.
#[derive(Debug)]
pub enum LoadStep {
    Done(Response),
    /// The tail of this file is needed: [`Engine::append_tail`].
    NeedTail(String),
    /// The bytes of this file are needed: [`Engine::give_bytes`].
    NeedBytes(String),
    /// The parts cannot be joined exactly (why): load the whole files instead.
    Whole(String),
}

/// See [`Engine::on_progress`].
pub type ProgressFn = dyn FnMut(&InputFile, ingest::Progress);

/// A drill-down the app is looking at, with its latest view.
struct OpenDrill {
    table: RowTable,
    sort: Option<Sort>,
    search: String,
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
            query: Query::default(),
            drill: None,
            progress: None,
            importer: None,
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
                self.files = demo_files();
                self.demo = true;
                self.import()
            }
            Request::Load(files) => {
                self.add_files(files);
                self.import()
            }
            Request::SetImportOptions(options) => {
                self.options = options;
                self.import()
            }
            Request::Query(query) => {
                let report = self.report(&query);
                self.query = query;
                Response::Dashboard(Box::new(report))
            }
            Request::Drill(target) => {
                let table = self.drill_table(&self.query, &target);
                let info = DrillInfo {
                    target,
                    kind: table.kind(),
                    columns: table.columns().to_vec(),
                    total: table.len(),
                };
                self.drill = Some(OpenDrill {
                    table,
                    sort: None,
                    search: String::new(),
                });
                Response::Drill(info)
            }
            Request::DrillRows {
                range,
                sort,
                search,
            } => {
                let page = match &mut self.drill {
                    Some(open) => {
                        let rows = open.table.rows(range.clone(), sort, &search);
                        let matching = open.table.matching(sort, &search);
                        open.sort = sort;
                        open.search.clone_from(&search);
                        DrillPage {
                            start: range.start.min(matching),
                            rows,
                            matching,
                            total: open.table.len(),
                            sort,
                            search,
                        }
                    }
                    None => DrillPage {
                        start: 0,
                        rows: Vec::new(),
                        matching: 0,
                        total: 0,
                        sort,
                        search,
                    },
                };
                Response::DrillRows(page)
            }
            Request::DrillCsv => Response::DrillCsv(
                self.drill
                    .as_mut()
                    .map(|open| open.table.to_csv(open.sort, &open.search))
                    .unwrap_or_default(),
            ),
        }
    }

    /// The rows behind `target` for `query` on the loaded data, as a table.
    pub fn drill_table(&self, query: &Query, target: &DrillTarget) -> RowTable {
        let Some(range) = self.prepared.range else {
            return RowTable::deals(&self.data, Vec::new());
        };
        Drill {
            data: &self.data,
            order: &self.prepared.order,
            period: query.period.resolve(range),
            filters: &query.filters,
            settings: &query.settings,
        }
        .table(target)
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

    /// Calls `progress` now and then during each import with the file being read and how far
    /// it has got (for a progress bar; the Web Worker posts it to the page).
    pub fn on_progress(&mut self, progress: impl FnMut(&InputFile, ingest::Progress) + 'static) {
        self.progress = Some(Box::new(progress));
    }

    /// The loaded files (without their bytes once [`Engine::release_bytes`] has freed them).
    pub fn files(&self) -> &[InputFile] {
        &self.files
    }

    /// Frees the loaded files' bytes, keeping their names and tables, so that queries use that
    /// memory. The next import needs them back first ([`Engine::restore_bytes`]): the Web
    /// Worker releases them after each import of the user's files and reads them again from
    /// disk when files are added or read differently.
    pub fn release_bytes(&mut self) {
        for file in &mut self.files {
            file.bytes = Vec::new();
        }
    }

    /// Gives back the bytes of the loaded file `name` after [`Engine::release_bytes`].
    pub fn restore_bytes(&mut self, name: &str, bytes: Vec<u8>) {
        if let Some(file) = self.files.iter_mut().find(|f| f.name == name) {
            file.bytes = bytes;
        }
    }

    /// Loads `files` like [`Request::Load`], where those named in `heads` hold only their head
    /// and those named in `later` no bytes yet: the import stops after each head until
    /// [`Engine::append_tail`] gives its tail, which another thread reads meanwhile
    /// (`ingest::split`), and before each file of `later` until [`Engine::give_bytes`] gives
    /// its bytes, read then into the memory of the files imported before.
    pub fn load_in_parts(
        &mut self,
        files: Vec<InputFile>,
        heads: Vec<Head>,
        later: Vec<String>,
    ) -> LoadStep {
        self.add_files(files);
        self.clear_tables();
        let importer = Importer::new(&self.files, self.options.clone(), heads, later);
        self.importer = Some(importer);
        self.step()
    }

    /// Gives the load in parts the bytes of the file it waits for.
    pub fn give_bytes(&mut self, name: &str, bytes: Vec<u8>) -> LoadStep {
        self.restore_bytes(name, bytes);
        let Some(importer) = self.importer.as_mut() else {
            return LoadStep::Whole("no load is waiting for a file".into());
        };
        importer.bytes_given(name);
        self.step()
    }

    /// The query answered last.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// How files are read: the user's corrections and the size limit.
    pub fn options(&self) -> &ImportOptions {
        &self.options
    }

    /// Sets how files are read from the next load on, importing nothing now (where
    /// [`Request::SetImportOptions`] imports the files held again at once).
    pub fn set_options(&mut self, options: ImportOptions) {
        self.options = options;
    }

    /// Gives the load in parts the tail it waits for.
    pub fn append_tail(&mut self, tail: Tail) -> LoadStep {
        let Some(importer) = self.importer.as_mut() else {
            return LoadStep::Whole("no load is waiting for a tail".into());
        };
        match importer.append_tail(tail) {
            Ok(()) => self.step(),
            Err(why) => {
                self.importer = None;
                LoadStep::Whole(why)
            }
        }
    }

    fn step(&mut self) -> LoadStep {
        let Some(importer) = self.importer.as_mut() else {
            return LoadStep::Whole("no load is under way".into());
        };
        let files = &self.files;
        let step = match self.progress.as_mut() {
            Some(report) => importer.run(files, &mut |p| {
                if let Some(file) = files.get(p.file) {
                    report(file, p);
                }
            }),
            None => importer.run(files, &mut |_| {}),
        };
        if matches!(step, Step::NeedTail(_) | Step::NeedBytes(_)) {
            // What comes next comes into the memory of the files imported so far.
            for &i in importer.imported() {
                if let Some(file) = self.files.get_mut(i) {
                    file.bytes = Vec::new();
                }
            }
        }
        match step {
            Step::NeedTail(name) => LoadStep::NeedTail(name),
            Step::NeedBytes(name) => LoadStep::NeedBytes(name),
            Step::Whole(why) => {
                self.importer = None;
                LoadStep::Whole(why)
            }
            Step::Done => match self.importer.take() {
                Some(importer) => LoadStep::Done(self.install(importer.finish())),
                None => LoadStep::Whole("no load is under way".into()),
            },
        }
    }

    /// Adds files to those loaded, a file replacing one of the same name (the demo's all).
    fn add_files(&mut self, files: Vec<InputFile>) {
        if self.demo {
            self.files.clear();
            self.demo = false;
        }
        for file in files {
            self.files.retain(|f| f.name != file.name);
            self.files.push(file);
        }
    }

    /// Drops the tables first, so that their memory serves the new ones.
    fn clear_tables(&mut self) {
        self.data = Dataset::default();
        self.prepared = Prepared::new(&self.data);
        self.drill = None;
        self.importer = None;
    }

    fn import(&mut self) -> Response {
        self.clear_tables();
        let files = &self.files;
        let imported = match self.progress.as_mut() {
            Some(report) => ingest::import_with_progress(files, &self.options, &mut |p| {
                if let Some(file) = files.get(p.file) {
                    report(file, p);
                }
            }),
            None => ingest::import(files, &self.options),
        };
        self.install(imported)
    }

    fn install(&mut self, imported: Imported) -> Response {
        self.data = imported.dataset;
        self.prepared = Prepared::new(&self.data);
        self.reports = imported.reports;
        self.drill = None;
        Response::Loaded {
            reports: self.reports.clone(),
            demo: self.demo,
        }
    }
}
