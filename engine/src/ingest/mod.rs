//! Import: files in, columnar tables and an import report out.
//!
//! Each file is sniffed (`sniff`), decoded (`decode`), read as a table (`csv`, `xlsx`, `json`),
//! recognised and mapped from its headers (`mapping`), and its rows parsed (`values`) straight
//! into the columns (`load`, `build`). Bad rows are reported, never fatal; a file that cannot
//! be read says why (`report`); nothing here panics on any input.

mod build;
mod csv;
mod decode;
mod json;
mod load;
pub mod mapping;
pub mod report;
mod sniff;
pub mod split;
mod table;
pub mod values;
mod xlsx;

use serde::{Deserialize, Serialize};

pub use mapping::{header_key, ColumnMapping, ColumnOverride, Field, FileKind, MappingOverride};
pub use report::{rejected_rows_csv, FileError, ImportReport, RowIssue, Severity};

use build::DatasetBuilder;
use load::{CountRows, DateProbe, Loader};
use mapping::{header_signature, missing_columns, recognise, Mapping, Recognised};
use sniff::Format;
use table::{HeadRow, Source};
use values::DateOrder;

/// A dropped or fetched file.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct InputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The largest file imported when `ImportOptions::max_bytes` is not set: 1.5 GB, about what a
/// browser tab can hold with the tables built from it.
pub const DEFAULT_MAX_BYTES: u64 = 1_500_000_000;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ImportOptions {
    /// The user's corrections, by file name or header signature.
    #[serde(default)]
    pub overrides: Vec<MappingOverride>,
    /// Files larger than this are refused with a message; `None` means [`DEFAULT_MAX_BYTES`].
    #[serde(default)]
    pub max_bytes: Option<u64>,
}

/// The tables and one report per file (in the order given, a file replaced by a later one with
/// the same name and headers left out).
#[derive(Clone, Debug)]
pub struct Imported {
    pub dataset: crate::model::Dataset,
    pub reports: Vec<ImportReport>,
}

/// How far an import has got, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Progress {
    /// Index of the file being read.
    pub file: usize,
    pub files: usize,
    /// Fraction of that file read, 0–1.
    pub fraction: f64,
}

/// Imports every file into one data set. Several files of one kind append; a later file with
/// the same name and headers as an earlier one replaces it.
pub fn import(files: &[InputFile], options: &ImportOptions) -> Imported {
    import_with_progress(files, options, &mut |_| {})
}

/// [`import`], reporting progress now and then.
pub fn import_with_progress(
    files: &[InputFile],
    options: &ImportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Imported {
    let mut importer = Importer::new(files, options.clone(), Vec::new(), Vec::new());
    importer.run(files, progress);
    importer.finish()
}

/// An import file by file, which stops after the head of a file read in two parts
/// ([`split::Head`]) until that file's tail is given ([`Importer::append_tail`]), so that the
/// tail can be read on another thread meanwhile. The result is the same as [`import`] of the
/// whole files.
pub struct Importer {
    /// Indexes of the files imported (the others are replaced by later ones).
    kept: Vec<usize>,
    /// How many of `kept` are done.
    next: usize,
    options: ImportOptions,
    heads: Vec<split::Head>,
    /// Files given without their bytes, asked for when the import reaches them.
    later: Vec<String>,
    ds: DatasetBuilder,
    reports: Vec<ImportReport>,
    /// The head imported last, waiting for its tail.
    waiting: Option<split::Waiting>,
}

/// Where an [`Importer`] stopped.
#[derive(Debug, PartialEq)]
pub enum Step {
    /// Every file is imported: [`Importer::finish`].
    Done,
    /// The tail of this file is needed next.
    NeedTail(String),
    /// The bytes of this file, given without them, are needed next.
    NeedBytes(String),
    /// A head cannot be joined to a tail exactly (a quoted value runs across the split, the
    /// date order is not settled in the head, the file is not what was expected): import the
    /// whole files instead.
    Whole(String),
}

impl Importer {
    /// An import of `files`, where those named in `heads` hold only their first bytes and those
    /// named in `later` none yet ([`Importer::bytes_given`]; each such name occurs once, as in
    /// an engine's files, since a repeated name is told apart by its header).
    pub fn new(
        files: &[InputFile],
        options: ImportOptions,
        heads: Vec<split::Head>,
        later: Vec<String>,
    ) -> Self {
        let kept = without_replaced(files, &options.overrides);
        let reports = Vec::with_capacity(kept.len());
        Self {
            kept,
            next: 0,
            options,
            heads,
            later,
            ds: DatasetBuilder::default(),
            reports,
            waiting: None,
        }
    }

    /// Imports the next files, up to the end or the next head.
    pub fn run(&mut self, files: &[InputFile], progress: &mut dyn FnMut(Progress)) -> Step {
        if let Some(waiting) = &self.waiting {
            return Step::NeedTail(waiting.head.name.clone());
        }
        while let Some(&i) = self.kept.get(self.next) {
            let file = &files[i];
            if self.later.contains(&file.name) {
                return Step::NeedBytes(file.name.clone());
            }
            let (index, count) = (self.next, self.kept.len());
            self.next += 1;
            self.ds.files.push(file.name.clone());
            let mut report = ImportReport::new(&file.name);
            let mut file_progress = |fraction: f64| {
                progress(Progress {
                    file: index,
                    files: count,
                    fraction,
                })
            };
            let head = self.heads.iter().find(|h| h.name == file.name);
            let result = import_file(
                file,
                index as u32,
                &self.options,
                head.map(|h| h.size),
                &mut report,
                &mut self.ds,
                &mut file_progress,
            );
            file_progress(1.0);
            let end = match result {
                Ok(end) => end,
                Err(e) => {
                    report.error = Some(e.to_string());
                    None
                }
            };
            self.reports.push(report);
            if let Some(head) = head {
                let head = head.clone();
                return match split::Waiting::new(head, index as u32, end, &self.reports[index]) {
                    Ok(waiting) => {
                        let name = waiting.head.name.clone();
                        self.waiting = Some(waiting);
                        Step::NeedTail(name)
                    }
                    Err(why) => Step::Whole(why),
                };
            }
        }
        Step::Done
    }

    /// The indexes of the files imported so far (of the files given to [`Importer::run`]).
    pub fn imported(&self) -> &[usize] {
        &self.kept[..self.next]
    }

    /// The bytes of `name`, given without them, are in place.
    pub fn bytes_given(&mut self, name: &str) {
        self.later.retain(|later| later != name);
    }

    /// Appends the tail the import waits for; an error says why the whole files must be
    /// imported instead.
    pub fn append_tail(&mut self, tail: split::Tail) -> Result<(), String> {
        let waiting = self
            .waiting
            .take()
            .ok_or_else(|| "no file is waiting for its tail".to_string())?;
        let report = &mut self.reports[waiting.file as usize];
        waiting.append(tail, &mut self.ds, report)
    }

    pub fn finish(self) -> Imported {
        Imported {
            dataset: self.ds.finish(),
            reports: self.reports,
        }
    }
}

/// The files left when a later file with the same name and headers replaces an earlier one
/// (`METRICS.md`, "Decisions on edge cases"). Headers are peeked at only for repeated names.
fn without_replaced(files: &[InputFile], overrides: &[MappingOverride]) -> Vec<usize> {
    let repeated = |f: &InputFile| files.iter().filter(|g| g.name == f.name).count() > 1;
    let signatures: Vec<Option<String>> = files
        .iter()
        .map(|f| {
            if repeated(f) {
                peek_signature(f, overrides)
            } else {
                None
            }
        })
        .collect();
    files
        .iter()
        .enumerate()
        .filter(|&(i, f)| {
            !files[i + 1..]
                .iter()
                .zip(&signatures[i + 1..])
                .any(|(later, signature)| later.name == f.name && *signature == signatures[i])
        })
        .map(|(i, _)| i)
        .collect()
}

/// The header signature of a file, read as `import_file` would read it (`None` if it cannot be
/// read).
fn peek_signature(file: &InputFile, overrides: &[MappingOverride]) -> Option<String> {
    fn of<S: Source>(source: &S, file: &str, overrides: &[MappingOverride]) -> Option<String> {
        let head = source.head(HEAD_ROWS);
        choose_header(&head, file, overrides).map(|(_, headers, _)| header_signature(&headers))
    }
    match sniff::sniff(&file.name, &file.bytes).ok()? {
        Format::Xlsx => {
            let mut book = xlsx::Workbook::open(&file.bytes).ok()?;
            let chosen = overrides
                .iter()
                .find(|o| o.matches_file(&file.name))
                .and_then(|o| o.sheet.clone());
            let names = match chosen {
                Some(name) => vec![name],
                None => book.sheets.clone(),
            };
            let mut first = None;
            for name in &names {
                let Ok(sheet) = book.sheet(name) else {
                    continue;
                };
                let head = sheet.head(HEAD_ROWS);
                let Some((_, headers, recognised)) = choose_header(&head, &file.name, overrides)
                else {
                    continue;
                };
                let signature = header_signature(&headers);
                if matches!(recognised, Recognised::Kind(_)) {
                    return Some(signature);
                }
                first.get_or_insert(signature);
            }
            first
        }
        Format::Json => {
            let decoded = decode::decode(&file.bytes);
            match json::JsonSource::parse(&decoded.text) {
                Ok(source) => of(&source, &file.name, overrides),
                Err(_) => of(
                    &csv::CsvSource::new(&decoded.text, &file.name),
                    &file.name,
                    overrides,
                ),
            }
        }
        Format::Text => {
            let decoded = decode::decode(&file.bytes);
            of(
                &csv::CsvSource::new(&decoded.text, &file.name),
                &file.name,
                overrides,
            )
        }
    }
}

/// Imports one file; `whole_size` is set when `file` holds only the head of a file of that
/// size, and then the result tells where the head ends (a text file's only).
fn import_file(
    file: &InputFile,
    index: u32,
    options: &ImportOptions,
    whole_size: Option<u64>,
    report: &mut ImportReport,
    ds: &mut DatasetBuilder,
    progress: &mut dyn FnMut(f64),
) -> Result<Option<split::HeadEnd>, FileError> {
    let limit = options.max_bytes.unwrap_or(DEFAULT_MAX_BYTES);
    let size = whole_size.unwrap_or(file.bytes.len() as u64);
    if size > limit {
        return Err(FileError::TooLarge {
            size: human_size(size),
            limit: human_size(limit),
        });
    }
    let overrides = &options.overrides;
    let name = file.name.as_str();
    match sniff::sniff(name, &file.bytes)? {
        Format::Xlsx => {
            report.encoding = "xlsx".into();
            let mut book = xlsx::Workbook::open(&file.bytes)?;
            report.sheets = book.sheets.clone();
            let chosen = overrides
                .iter()
                .find(|o| o.matches_file(name))
                .and_then(|o| o.sheet.clone());
            if let Some(sheet_name) = chosen {
                if !book.sheets.contains(&sheet_name) {
                    let sheets = book.sheets.join(", ");
                    return Err(FileError::NoSuchSheet {
                        name: sheet_name,
                        sheets,
                    });
                }
                let sheet = book.sheet(&sheet_name)?;
                report.sheet = Some(sheet_name);
                load_source(&sheet, name, index, overrides, report, ds, progress)?;
                return Ok(None);
            }
            // The first sheet, or a later one if the first holds nothing Dealscope knows.
            let mut first: Option<(String, xlsx::SheetSource)> = None;
            for sheet_name in book.sheets.clone() {
                let sheet = match book.sheet(&sheet_name) {
                    Ok(sheet) => sheet,
                    Err(e) if first.is_none() => return Err(e),
                    Err(_) => continue,
                };
                let known = choose_header(&sheet.head(HEAD_ROWS), name, overrides)
                    .is_some_and(|(_, _, r)| matches!(r, Recognised::Kind(_)));
                if known {
                    report.sheet = Some(sheet_name);
                    load_source(&sheet, name, index, overrides, report, ds, progress)?;
                    return Ok(None);
                }
                if first.is_none() {
                    first = Some((sheet_name, sheet));
                }
            }
            let (sheet_name, sheet) = first.ok_or(FileError::NoSheets)?;
            report.sheet = Some(sheet_name);
            load_source(&sheet, name, index, overrides, report, ds, progress)?;
            Ok(None)
        }
        Format::Json => {
            let decoded = decode::decode(&file.bytes);
            report.encoding = decoded.encoding.into();
            match json::JsonSource::parse(&decoded.text) {
                Ok(source) => {
                    load_source(&source, name, index, overrides, report, ds, progress)?;
                }
                Err(e) if name.to_ascii_lowercase().contains(".json") => return Err(e),
                Err(_) => {
                    // Text that merely starts with `[` or `{`: read it as CSV.
                    let source = csv::CsvSource::new(&decoded.text, name);
                    report.delimiter = Some(source.delimiter as char);
                    load_source(&source, name, index, overrides, report, ds, progress)?;
                }
            }
            Ok(None)
        }
        Format::Text => {
            let decoded = decode::decode(&file.bytes);
            report.encoding = decoded.encoding.into();
            let mut source = csv::CsvSource::new(&decoded.text, name);
            if let Some(size) = whole_size {
                // Columns sized for the whole file, which its tail will fill.
                source = source.head_of(size);
            }
            report.delimiter = Some(source.delimiter as char);
            let settled = load_source(&source, name, index, overrides, report, ds, progress)?;
            Ok(whole_size.map(|_| split::HeadEnd::of(&source, settled)))
        }
    }
}

fn human_size(bytes: u64) -> String {
    let b = bytes as f64;
    if b >= 1e9 {
        format!("{:.1} GB", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{bytes} bytes")
    }
}

/// How many leading rows may precede the header (report titles, export notes).
const HEAD_ROWS: usize = 10;

/// Header cells: trailing empty ones dropped, other empty ones named by position.
fn header_cells(cells: &[String]) -> Vec<String> {
    let len = cells
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1);
    cells[..len]
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let c = c.trim();
            if c.is_empty() {
                format!("column {}", i + 1)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The header row: the first row, or a later one when a kind is recognised from it but not
/// from the first and every row before it is a title (at most half as many filled cells, as
/// the report name and filter lines above a Salesforce report). Returns its index, the cells
/// and the recognition.
fn choose_header(
    head: &[HeadRow],
    file: &str,
    overrides: &[MappingOverride],
) -> Option<(usize, Vec<String>, Recognised)> {
    let filled = |row: &HeadRow| row.cells.iter().filter(|c| !c.trim().is_empty()).count();
    let mut fallback = None;
    let mut widest_before = 0;
    for (i, row) in head.iter().enumerate() {
        let n = filled(row);
        let titles_only_before = widest_before * 2 <= n;
        widest_before = widest_before.max(n);
        if i > 0 && !titles_only_before {
            continue;
        }
        let headers = header_cells(&row.cells);
        let signature = header_signature(&headers);
        let choice = overrides.iter().find(|o| {
            o.matches_file(file) || o.header_signature.as_deref() == Some(signature.as_str())
        });
        let recognised = recognise(&headers, choice);
        if matches!(recognised, Recognised::Kind(_)) {
            return Some((i, headers, recognised));
        }
        if fallback.is_none() {
            fallback = Some((i, headers, recognised));
        }
    }
    fallback
}

/// Loads a table's rows; `Ok(true)` when the date orders were settled before its last row.
fn load_source<S: Source>(
    source: &S,
    file: &str,
    index: u32,
    overrides: &[MappingOverride],
    report: &mut ImportReport,
    ds: &mut DatasetBuilder,
    progress: &mut dyn FnMut(f64),
) -> Result<bool, FileError> {
    let head = source.head(HEAD_ROWS);
    let (i, headers, recognised) =
        choose_header(&head, file, overrides).ok_or(FileError::NoRows)?;
    let header = &head[i];
    report.header_signature = header_signature(&headers);
    let mapping = match recognised {
        Recognised::Kind(mapping) => mapping,
        Recognised::Incomplete(mapping) => {
            report.kind = Some(mapping.kind);
            report.mapping = mapping.columns.clone();
            report.rows = count_rows(source, header);
            return Err(missing_columns(&mapping));
        }
        Recognised::Unknown(error) => {
            report.mapping = headers
                .iter()
                .map(|h| ColumnMapping {
                    header: h.clone(),
                    field: None,
                    also: None,
                    note: None,
                })
                .collect();
            report.rows = count_rows(source, header);
            return Err(error);
        }
    };
    report.kind = Some(mapping.kind);
    let mut mapping = mapping;
    let (orders, settled) = date_orders(source, header, &mut mapping);
    report.mapping = mapping.columns.clone();
    if mapping.kind == FileKind::Deals && mapping.column(Field::LostStage).is_some() {
        ds.deals.has_lost_stage = true;
    }
    // A hint from a byte count can be far off; never reserve more than the file could hold.
    let hint = source.rows_hint(header).min(1 << 26);
    ds.reserve(mapping.kind, hint);
    let mut loader = Loader::new(
        index,
        &mapping,
        headers.len(),
        S::RAGGED,
        orders,
        report,
        ds,
    );
    source.scan(header, &mut loader, progress);
    loader.finish();
    Ok(settled)
}

fn count_rows<S: Source>(source: &S, header: &HeadRow) -> usize {
    let mut count = CountRows::default();
    source.scan(header, &mut count, &mut |_| {});
    count.0
}

/// Detects each date column's day/month order and notes it in the mapping where it matters;
/// true when the orders were settled before the last row.
fn date_orders<S: Source>(
    source: &S,
    header: &HeadRow,
    mapping: &mut Mapping,
) -> ([DateOrder; 23], bool) {
    let mut probe = DateProbe::new(mapping);
    if probe.needed() {
        source.scan(header, &mut probe, &mut |_| {});
    }
    let settled = probe.decided();
    let probes = probe.probes;
    let mut orders = [DateOrder::MonthFirst; 23];
    for field in Field::ALL {
        let probe = &probes[field.index()];
        orders[field.index()] = probe.order();
        if !probe.seen() {
            continue;
        }
        if let Some(column) = mapping.column(field) {
            let note = match probe.order() {
                DateOrder::DayFirst => "dates read as day/month/year",
                DateOrder::MonthFirst => "dates read as month/day/year",
            };
            if let Some(c) = mapping.columns.get_mut(column) {
                c.note = Some(note.into());
            }
        }
    }
    (orders, settled)
}
