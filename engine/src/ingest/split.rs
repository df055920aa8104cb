//! A large text file read in two parts on two threads: its head by the import under way, its
//! tail by [`TailImport`] (a piece at a time) on another thread meanwhile, appended in order by
//! [`Waiting::append`] so that tables and report are exactly those of the whole file. Where a
//! join could differ (a quoted value across the split, a date order not settled in the head,
//! another encoding), the join is refused and the whole file is imported instead.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::build::DatasetBuilder;
use super::csv::CsvSource;
use super::load::{duplicate_reason, Loader};
use super::mapping::{header_signature, Field, FileKind, Mapping, Recognised};
use super::report::{ImportReport, RowIssue, Severity};
use super::sniff::{self, Format};
use super::table::{HeadRow, Resume, Source};
use super::values::DateOrder;
use super::{
    choose_header, date_orders, decode, ImportOptions, Imported, Importer, InputFile, Step,
    HEAD_ROWS,
};
use crate::model::{packed, Day, DictColumn, Ids, Status, NULL};

/// Files smaller than this are read whole: a second thread would save less than it costs.
pub const MIN_SPLIT_BYTES: u64 = 16 << 20;

/// How much of a file's start [`import_tail`] reads to find the header and the date orders.
pub const FIRST_BYTES: usize = 256 << 10;

/// A file given by its head: the import holds its first `start` bytes, of `size` in all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Head {
    pub name: String,
    pub start: u64,
    pub size: u64,
}

/// Whether a file whose first bytes are `first` may be read in two parts: delimited text in
/// UTF-8 holding deals or orders (the tables whose rows join by customer id only).
pub fn splittable(name: &str, first: &[u8], options: &ImportOptions) -> bool {
    head_mapping(name, first, options).is_ok()
}

/// Where to split: just after the first line end in `window`, which starts at byte `at`.
pub fn split_point(window: &[u8], at: u64) -> Option<u64> {
    let end = window.iter().position(|&b| b == b'\n')?;
    Some(at + end as u64 + 1)
}

/// `bytes` cut after their last line end (the start of a file read in part).
pub fn whole_lines(bytes: &[u8]) -> &[u8] {
    let end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    &bytes[..end]
}

/// The header, mapping and date orders of a splittable file from its first bytes.
fn head_mapping(name: &str, first: &[u8], options: &ImportOptions) -> Result<Start, String> {
    if !matches!(sniff::sniff(name, first), Ok(Format::Text)) {
        return Err("not delimited text".into());
    }
    let decoded = decode::decode(first);
    if !matches!(decoded.encoding, "UTF-8" | "UTF-8 (BOM)") {
        return Err(format!("encoded in {}", decoded.encoding));
    }
    let std::borrow::Cow::Borrowed(text) = decoded.text else {
        return Err("not valid UTF-8".into());
    };
    let source = CsvSource::new(text, name);
    let head = source.head(HEAD_ROWS);
    let (i, headers, recognised) =
        choose_header(&head, name, &options.overrides).ok_or("no header")?;
    let Recognised::Kind(mut mapping) = recognised else {
        return Err("not a known kind of file".into());
    };
    if !matches!(mapping.kind, FileKind::Deals | FileKind::Orders) {
        return Err(format!("holds {}", mapping.kind.as_str()));
    }
    let (orders, settled) = date_orders(&source, &head[i], &mut mapping);
    if !settled {
        return Err("the date order is not settled in the first rows".into());
    }
    let mut report = ImportReport::new(name);
    report.kind = Some(mapping.kind);
    report.encoding = decoded.encoding.into();
    report.delimiter = Some(source.delimiter as char);
    report.header_signature = header_signature(&headers);
    report.mapping = mapping.columns.clone();
    Ok(Start {
        report,
        delimiter: source.delimiter,
        header_len: headers.len(),
        mapping,
        orders,
    })
}

struct Start {
    /// The tail's report so far: what the head's must agree with.
    report: ImportReport,
    delimiter: u8,
    header_len: usize,
    mapping: Mapping,
    orders: [DateOrder; 23],
}

/// The rows of a tail, with their own customer codes and dictionaries.
#[derive(Debug, Serialize, Deserialize)]
pub enum TailRows {
    Deals(Box<TailDeals>),
    Orders(TailOrders),
}

/// Deals of a tail, every row kept (repeated ids are rejected when appended).
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct TailDeals {
    pub id: Ids,
    /// The line of each row, counted from the tail's start.
    #[serde(with = "packed")]
    pub line: Vec<u32>,
    #[serde(with = "packed")]
    pub customer: Vec<u32>,
    pub stage: DictColumn,
    #[serde(with = "packed")]
    pub status: Vec<Status>,
    #[serde(with = "packed")]
    pub amount: Vec<f64>,
    #[serde(with = "packed")]
    pub created_at: Vec<Day>,
    #[serde(with = "packed")]
    pub closed_at: Vec<Day>,
    pub lost_reason: DictColumn,
    pub lost_stage: DictColumn,
    pub owner: DictColumn,
    pub channel: DictColumn,
    #[serde(with = "packed")]
    pub last_activity_at: Vec<Day>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct TailOrders {
    #[serde(with = "packed")]
    pub customer: Vec<u32>,
    #[serde(with = "packed")]
    pub date: Vec<Day>,
    #[serde(with = "packed")]
    pub amount: Vec<f64>,
}

/// A file's tail read on its own: what the head must agree with, its report (lines counted
/// from the tail's start) and its rows.
#[derive(Debug, Serialize, Deserialize)]
pub struct Tail {
    pub name: String,
    pub start: u64,
    /// The tail's [`ImportReport`] as JSON (its optional fields are left out when empty, which
    /// a binary encoding cannot do).
    report: String,
    /// Customer ids by the tail's own customer codes: one text, not a string each.
    customers: Ids,
    rows: TailRows,
}

impl Tail {
    /// The tail in a compact binary form, to pass between threads.
    pub fn to_bytes(&self) -> Result<Vec<u8>, String> {
        // Sized first: one allocation rather than a growing buffer's larger and larger copies.
        let mut bytes = Vec::with_capacity(self.size()? as usize);
        self.write_into(&mut bytes)?;
        Ok(bytes)
    }

    /// The length of [`Tail::to_bytes`].
    pub fn size(&self) -> Result<u64, String> {
        bincode::serialized_size(self).map_err(|e| e.to_string())
    }

    /// Writes [`Tail::to_bytes`] to `out` (a buffer outside this thread's memory, say).
    pub fn write_into(&self, out: impl std::io::Write) -> Result<(), String> {
        bincode::serialize_into(out, self).map_err(|e| e.to_string())
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Tail, String> {
        bincode::deserialize(bytes).map_err(|e| e.to_string())
    }

    /// [`Tail::from_bytes`] read a piece at a time, so that its bytes need not be copied whole
    /// first (they come from another thread's memory).
    pub fn from_reader(reader: impl std::io::Read) -> Result<Tail, String> {
        bincode::deserialize_from(std::io::BufReader::with_capacity(1 << 16, reader))
            .map_err(|e| e.to_string())
    }
}

/// Imports `files` as the Web Worker imports a large load, on one thread: each file named in
/// `cuts` split at about that fraction of its bytes, its tail imported on its own and joined
/// through bytes, as between threads, and every file but the first given its bytes only when
/// the import reaches it (`asked` is told). `Err` when a join is refused. Tests compare it
/// with the whole import; the worker runs it on the demo while idle, so that the code of
/// joins is optimised before a large load calls it (in wasm, a function called once runs in
/// baseline code).
pub fn import_in_parts(
    files: &[InputFile],
    cuts: &[(&str, f64)],
    options: &ImportOptions,
    mut asked: impl FnMut(&str),
) -> Result<Imported, String> {
    let mut inputs = files.to_vec();
    let mut heads = Vec::new();
    let mut tails = Vec::new();
    for &(name, fraction) in cuts {
        let Some(file) = inputs.iter_mut().find(|f| f.name == name) else {
            continue;
        };
        let size = file.bytes.len();
        let at = (size as f64 * fraction) as usize;
        let Some(start) = split_point(&file.bytes[at.min(size)..], at as u64) else {
            continue;
        };
        let first = whole_lines(&file.bytes[..size.min(FIRST_BYTES)]);
        let tail = import_tail(name, first, &file.bytes[start as usize..], start, options)?;
        tails.push(tail);
        heads.push(Head {
            name: name.into(),
            start,
            size: size as u64,
        });
        file.bytes.truncate(start as usize);
    }
    let later: Vec<String> = inputs.iter().skip(1).map(|f| f.name.clone()).collect();
    // The files as the import starts: the first one's bytes, the others' to come.
    let mut unread: Vec<InputFile> = inputs
        .iter_mut()
        .enumerate()
        .map(|(i, file)| InputFile {
            name: file.name.clone(),
            bytes: match i {
                0 => std::mem::take(&mut file.bytes),
                _ => Vec::new(),
            },
        })
        .collect();
    let mut importer = Importer::new(&unread, options.clone(), heads, later);
    loop {
        match importer.run(&unread, &mut |_| {}) {
            Step::Done => return Ok(importer.finish()),
            Step::NeedBytes(name) => {
                if let Some(at) = inputs.iter().position(|f| f.name == name) {
                    unread[at].bytes = std::mem::take(&mut inputs[at].bytes);
                }
                importer.bytes_given(&name);
                asked(&name);
            }
            Step::NeedTail(name) => {
                let Some(at) = tails.iter().position(|t| t.name == name) else {
                    return Err(format!("no tail of {name}"));
                };
                let tail = Tail::from_bytes(&tails.remove(at).to_bytes()?)?;
                importer.append_tail(tail)?;
            }
            Step::Whole(why) => return Err(why),
        }
    }
}

/// Imports the rows of `tail`, the bytes of file `name` from byte `start` on (just after a line
/// end); `first` are the file's first bytes (about [`FIRST_BYTES`], whole lines), read for the
/// header and the date orders.
pub fn import_tail(
    name: &str,
    first: &[u8],
    tail: &[u8],
    start: u64,
    options: &ImportOptions,
) -> Result<Tail, String> {
    let mut import = TailImport::new(name, first, start, tail.len() as u64, options)?;
    import.add(tail, true)?;
    import.finish()
}

/// [`import_tail`] a piece at a time, so that only one piece's bytes are held at once: each
/// piece whole records, in order, the last one to the file's end.
pub struct TailImport {
    name: String,
    start: u64,
    /// Bytes of the whole tail: the first piece's rows hint counts them all.
    len: u64,
    head: Start,
    ds: DatasetBuilder,
    /// Line ends in the pieces imported.
    lines: usize,
}

impl TailImport {
    /// The import of a tail of `len` bytes of file `name` from byte `start` on (just after a
    /// line end); `first` are the file's first bytes (about [`FIRST_BYTES`], whole lines),
    /// read for the header and the date orders.
    pub fn new(
        name: &str,
        first: &[u8],
        start: u64,
        len: u64,
        options: &ImportOptions,
    ) -> Result<Self, String> {
        let head = head_mapping(name, first, options)?;
        let mut ds = DatasetBuilder::default();
        ds.files.push(name.to_string());
        Ok(Self {
            name: name.to_string(),
            start,
            len,
            head,
            ds,
            lines: 0,
        })
    }

    /// Imports the next piece; a piece but the `last` must end after a whole record.
    pub fn add(&mut self, piece: &[u8], last: bool) -> Result<(), String> {
        std::str::from_utf8(piece).map_err(|_| "the tail is not valid UTF-8".to_string())?;
        let delimiter = self.head.delimiter;
        let source = CsvSource::with_delimiter(piece, delimiter).after_lines(self.lines);
        let from = HeadRow {
            cells: Vec::new(),
            resume: Resume::Byte(0),
        };
        let kind = self.head.mapping.kind;
        if self.lines == 0 {
            let whole = CsvSource::with_delimiter(piece, delimiter).head_of(self.len);
            self.ds.reserve(kind, whole.rows_hint(&from).min(1 << 26));
        }
        let mut loader = Loader::new(
            0,
            &self.head.mapping,
            self.head.header_len,
            true,
            self.head.orders,
            &mut self.head.report,
            &mut self.ds,
        );
        loader.dedupe = false;
        source.scan(&from, &mut loader, &mut |_| {});
        loader.finish();
        // The scan is in step with the records from the piece's start, so the last record it
        // read starts outside any quoted value.
        let end = HeadEnd::of(&source, true);
        if !last && !end.between_records {
            return Err(format!(
                "{}: a quoted value runs across a piece of the tail",
                self.name
            ));
        }
        self.lines += end.newlines;
        Ok(())
    }

    pub fn finish(self) -> Result<Tail, String> {
        let kind = self.head.mapping.kind;
        let report = self.head.report;
        let lines = self.ds.deals.origin.iter().map(|&(_, line)| line).collect();
        let data = self.ds.finish();
        let rows = match kind {
            FileKind::Deals => {
                let d = data.deals;
                TailRows::Deals(Box::new(TailDeals {
                    id: d.id,
                    line: lines,
                    customer: d.customer,
                    stage: d.stage,
                    status: d.status,
                    amount: d.amount,
                    created_at: d.created_at,
                    closed_at: d.closed_at.0,
                    lost_reason: d.lost_reason,
                    lost_stage: d.lost_stage,
                    owner: d.owner,
                    channel: d.channel,
                    last_activity_at: d.last_activity_at.0,
                }))
            }
            _ => {
                let o = data.orders.unwrap_or_default();
                TailRows::Orders(TailOrders {
                    customer: o.customer,
                    date: o.date,
                    amount: o.amount,
                })
            }
        };
        Ok(Tail {
            name: self.name,
            start: self.start,
            report: serde_json::to_string(&report).map_err(|e| e.to_string())?,
            customers: data.customers.ids.iter().map(String::as_str).collect(),
            rows,
        })
    }
}

/// How a head ends.
#[derive(Clone, Copy, Debug)]
pub struct HeadEnd {
    /// Line ends in the head: a tail's line `n` is line `newlines + n` of the file.
    newlines: usize,
    /// The head ends after a whole record, not inside a quoted value.
    between_records: bool,
    /// The date orders were settled before the head's end, as they are for the whole file.
    settled: bool,
}

impl HeadEnd {
    /// How the text of `source` ends, once scanned: whether it ends inside a quoted value
    /// shows from the start of its last record on.
    pub(crate) fn of(source: &CsvSource, settled: bool) -> Self {
        let text = source.data();
        Self {
            newlines: source.newlines(),
            between_records: ends_between_records(
                text.get(source.last_record()..).unwrap_or_default(),
                source.delimiter,
            ),
            settled,
        }
    }
}

/// Whether `text` ends after a whole record: after a line end, and not inside a quoted value
/// (told by reading it as the import does, when it has quotes at all).
fn ends_between_records(text: &[u8], delimiter: u8) -> bool {
    use csv_core::{ReadRecordResult, ReaderBuilder};
    if text.last().is_some_and(|&b| b != b'\n') {
        return false;
    }
    if !text.contains(&b'"') {
        return true;
    }
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    let (mut out, mut ends) = (vec![0; 1 << 16], vec![0; 1 << 10]);
    let mut input = text;
    loop {
        let (result, read, _, _) = reader.read_record(input, &mut out, &mut ends);
        input = &input[read..];
        match result {
            ReadRecordResult::End => return true,
            ReadRecordResult::InputEmpty if input.is_empty() => break,
            _ => {}
        }
    }
    // At the end of the input, a record still open is a quoted value running on.
    matches!(
        reader.read_record(&[], &mut out, &mut ends).0,
        ReadRecordResult::End
    )
}

/// A head imported, waiting for its tail.
pub(crate) struct Waiting {
    pub head: Head,
    /// The file's index in the import.
    pub file: u32,
    newlines: usize,
}

impl Waiting {
    /// Checks that `head` (file `file`, reported in `report`) ends where a tail can join it.
    pub(crate) fn new(
        head: Head,
        file: u32,
        end: Option<HeadEnd>,
        report: &ImportReport,
    ) -> Result<Self, String> {
        let end = end.ok_or_else(|| format!("{} is not delimited text", head.name))?;
        if let Some(error) = &report.error {
            return Err(format!("{}: {error}", head.name));
        }
        if !end.between_records {
            return Err(format!(
                "{}: a quoted value runs across the split",
                head.name
            ));
        }
        if !end.settled {
            return Err(format!(
                "{}: the date order is not settled in the head",
                head.name
            ));
        }
        Ok(Self {
            head,
            file,
            newlines: end.newlines,
        })
    }

    /// Appends `tail` to the tables and its rows to `report`, as if the file had been read
    /// whole; an error says why it cannot be.
    pub(crate) fn append(
        self,
        tail: Tail,
        ds: &mut DatasetBuilder,
        report: &mut ImportReport,
    ) -> Result<(), String> {
        if tail.name != self.head.name || tail.start != self.head.start {
            return Err(format!("the tail is not that of {}", self.head.name));
        }
        let tail_report: ImportReport =
            serde_json::from_str(&tail.report).map_err(|e| e.to_string())?;
        let agree = tail_report.kind == report.kind
            && tail_report.encoding == report.encoding
            && tail_report.delimiter == report.delimiter
            && tail_report.header_signature == report.header_signature
            && tail_report.mapping == report.mapping;
        if !agree {
            return Err(format!("{}: the tail is read differently", self.head.name));
        }
        let offset = self.newlines as u32;
        let mut issues = tail_report.issues;
        for issue in &mut issues {
            issue.line += offset as usize;
        }
        report.rows += tail_report.rows;
        report.loaded += tail_report.loaded;
        report.rejected += tail_report.rejected;
        report.flagged += tail_report.flagged;
        match tail.rows {
            TailRows::Deals(deals) => {
                let repeats = append_deals(*deals, &tail.customers, ds, self.file, offset);
                reject_repeats(repeats, ds, self.file, report, &mut issues);
            }
            TailRows::Orders(orders) => append_orders(orders, &tail.customers, ds),
        }
        report.issues.extend(issues);
        report.issues.sort_by_key(|issue| issue.line);
        report.split_at = Some(self.head.start);
        Ok(())
    }
}

/// A row whose id was loaded before: its line, id and where the id was first loaded.
type Repeat = (usize, String, (u32, u32));

/// Maps a tail's codes (customer codes, dictionary codes) to the import's, interning each in
/// the order rows first use it, as reading the rows in place would.
struct Remap(Vec<u32>);

impl Remap {
    const UNSET: u32 = NULL - 1;

    fn new(len: usize) -> Self {
        Self(vec![Self::UNSET; len])
    }

    fn code(&mut self, local: u32, intern: impl FnOnce(usize) -> u32) -> u32 {
        let Some(slot) = self.0.get_mut(local as usize) else {
            return NULL;
        };
        if *slot == Self::UNSET {
            *slot = intern(local as usize);
        }
        *slot
    }
}

/// Appends a tail's deals; returns the rows left out for repeating an id. Column by column:
/// each column's codes are interned in the order its rows first use them, as row by row.
fn append_deals(
    t: TailDeals,
    customers: &Ids,
    ds: &mut DatasetBuilder,
    file: u32,
    offset: u32,
) -> Vec<Repeat> {
    let deals = &mut ds.deals;
    deals.reserve(t.id.len());
    let mut repeats = Vec::with_capacity(t.id.len());
    let ids = t.id.iter().zip(&t.line);
    deals.push_ids(
        ids.map(|(id, &line)| (id, (file, line + offset))),
        &mut repeats,
    );
    let mut left_out = Vec::new();
    for (i, repeat) in repeats.iter().enumerate() {
        if let Some(first) = repeat {
            let line = (t.line[i] + offset) as usize;
            left_out.push((line, t.id[i].to_string(), *first));
        }
    }
    // The rows kept, when some are left out.
    let kept: Option<Vec<usize>> = (!left_out.is_empty()).then(|| {
        (0..repeats.len())
            .filter(|&i| repeats[i].is_none())
            .collect()
    });
    let kept = kept.as_deref();
    let mut customer = Remap::new(customers.len());
    for local in rows(&t.customer, kept) {
        let code = customer.code(local, |k| {
            ds.customers.code(customers.get(k).unwrap_or_default())
        });
        ds.deals.customer.push(code);
    }
    let deals = &mut ds.deals;
    let columns = [
        (&t.stage, &mut deals.stage),
        (&t.lost_reason, &mut deals.lost_reason),
        (&t.lost_stage, &mut deals.lost_stage),
        (&t.owner, &mut deals.owner),
        (&t.channel, &mut deals.channel),
    ];
    for (from, to) in columns {
        let mut remap = Remap::new(from.values.len());
        for local in rows(&from.codes, kept) {
            let code = remap.code(local, |k| to.code(&from.values[k]));
            to.codes.push(code);
        }
    }
    extend(&mut deals.status, &t.status, kept);
    extend(&mut deals.amount, &t.amount, kept);
    extend(&mut deals.created_at, &t.created_at, kept);
    extend(&mut deals.closed_at, &t.closed_at, kept);
    extend(&mut deals.last_activity_at, &t.last_activity_at, kept);
    left_out
}

/// The values of `column` in the rows `kept` (all when `None`), in order.
fn rows<'c, T: Copy>(column: &'c [T], kept: Option<&'c [usize]>) -> impl Iterator<Item = T> + 'c {
    let (all, some) = match kept {
        None => (Some(column.iter().copied()), None),
        Some(kept) => (None, Some(kept.iter().map(|&i| column[i]))),
    };
    all.into_iter().flatten().chain(some.into_iter().flatten())
}

/// Appends the values of `from` in the rows `kept` (all when `None`) to `to`.
fn extend<T: Copy>(to: &mut Vec<T>, from: &[T], kept: Option<&[usize]>) {
    match kept {
        None => to.extend_from_slice(from),
        Some(_) => to.extend(rows(from, kept)),
    }
}

/// Turns the rows that repeat an id into rejected rows, as the import of the whole file
/// rejects them before reading their other columns (so their flags go).
fn reject_repeats(
    repeats: Vec<Repeat>,
    ds: &DatasetBuilder,
    file: u32,
    report: &mut ImportReport,
    issues: &mut Vec<RowIssue>,
) {
    if repeats.is_empty() {
        return;
    }
    let column = report
        .mapping
        .iter()
        .find(|c| c.field == Some(Field::DealId))
        .map(|c| c.header.clone());
    let lines: HashSet<usize> = repeats.iter().map(|r| r.0).collect();
    let flagged: HashSet<usize> = issues
        .iter()
        .filter(|i| i.severity == Severity::Flagged && lines.contains(&i.line))
        .map(|i| i.line)
        .collect();
    report.loaded -= lines.len();
    report.rejected += lines.len();
    report.flagged -= flagged.len();
    issues.retain(|i| !lines.contains(&i.line));
    for (line, id, first) in repeats {
        issues.push(RowIssue {
            file: report.file.clone(),
            line,
            column: column.clone(),
            reason: duplicate_reason(&ds.files, file, Field::DealId, &id, first),
            value: id,
            severity: Severity::Rejected,
        });
    }
}

fn append_orders(t: TailOrders, customers: &Ids, ds: &mut DatasetBuilder) {
    let mut customer = Remap::new(customers.len());
    ds.reserve(FileKind::Orders, t.customer.len());
    for (i, &local) in t.customer.iter().enumerate() {
        let code = customer.code(local, |k| {
            ds.customers.code(customers.get(k).unwrap_or_default())
        });
        ds.orders.customer.push(code);
        ds.orders.date.push(t.date[i]);
        ds.orders.amount.push(t.amount[i]);
    }
}

/// Where to cut the files of `sizes` (in import order; `true` for those that may be split): the
/// byte about which each is cut, so that the tails, read by a second thread, hold about half
/// of all the bytes, and no tail more than 60% of its file (the first thread must reach each
/// tail's turn after the tail is ready).
pub fn plan(sizes: &[(u64, bool)]) -> Vec<Option<u64>> {
    let total: u64 = sizes.iter().map(|s| s.0).sum();
    let splittable: u64 = sizes
        .iter()
        .filter(|s| s.1 && s.0 >= MIN_SPLIT_BYTES)
        .map(|s| s.0)
        .sum();
    if splittable == 0 {
        return vec![None; sizes.len()];
    }
    let share = (total as f64 / 2.0 / splittable as f64).min(0.6);
    sizes
        .iter()
        .map(|&(size, ok)| {
            (ok && size >= MIN_SPLIT_BYTES).then_some((size as f64 * (1.0 - share)) as u64)
        })
        .collect()
}
