//! One file's rows into the tables, by the rules of `METRICS.md` ("Decisions on edge cases",
//! "Required fields"): required fields rejected with their reason, a deal's missing amount
//! loaded as 0 and flagged, duplicates of an id rejected after the first, the status column
//! over the stage name, data errors flagged.

use std::ops::ControlFlow;

use crate::model::{Day, Status, NULL};

use super::build::{DatasetBuilder, Origin};
use super::mapping::{Field, FileKind, Mapping};
use super::report::{ImportReport, RowIssue, Severity};
use super::table::{Cell, Row, Visit};
use super::values::{self, DateOrder, DateOrderProbe};

/// A value that could not be read.
struct Bad {
    value: String,
    nested: bool,
}

impl Bad {
    fn of(cell: &Cell) -> Self {
        Self {
            value: cell.display(),
            nested: matches!(cell, Cell::Nested(_)),
        }
    }
}

type Got<T> = Result<Option<T>, Bad>;

fn date_of(cell: Cell, order: DateOrder) -> Got<Day> {
    let day = match &cell {
        Cell::Empty => return Ok(None),
        Cell::Text(s) => values::parse_date(s, order),
        Cell::Owned(s) => values::parse_date(s, order),
        Cell::Number(n) => values::serial_to_day(*n),
        Cell::Date(d) => Some(*d),
        Cell::Nested(_) => None,
    };
    day.map(Some).ok_or_else(|| Bad::of(&cell))
}

fn amount_of(cell: Cell) -> Got<f64> {
    let amount = match &cell {
        Cell::Empty => return Ok(None),
        Cell::Text(s) => values::parse_amount(s),
        Cell::Owned(s) => values::parse_amount(s),
        Cell::Number(n) => n.is_finite().then_some(*n),
        Cell::Date(_) | Cell::Nested(_) => None,
    };
    amount.map(Some).ok_or_else(|| Bad::of(&cell))
}

fn score_of(cell: Cell, max: u8, min: u8) -> Got<u8> {
    let score = match &cell {
        Cell::Empty => return Ok(None),
        Cell::Text(s) => values::parse_score(s),
        Cell::Owned(s) => values::parse_score(s),
        Cell::Number(n) => values::score_from_number(*n),
        Cell::Date(_) | Cell::Nested(_) => None,
    };
    score
        .filter(|s| (min..=max).contains(s))
        .map(Some)
        .ok_or_else(|| Bad::of(&cell))
}

fn month_of(cell: Cell, order: DateOrder) -> Got<i32> {
    let month = match &cell {
        Cell::Empty => return Ok(None),
        Cell::Text(s) => values::parse_month(s, order),
        Cell::Owned(s) => values::parse_month(s, order),
        Cell::Number(n) => values::serial_to_day(*n)
            .and_then(|d| values::parse_month(&crate::model::day::format(d), order)),
        Cell::Date(d) => values::parse_month(&crate::model::day::format(*d), order),
        Cell::Nested(_) => None,
    };
    month.map(Some).ok_or_else(|| Bad::of(&cell))
}

/// The date fields, whose day/month order is detected per column.
const DATE_FIELDS: [Field; 5] = [
    Field::CreatedAt,
    Field::ClosedAt,
    Field::LastActivityAt,
    Field::Date,
    Field::Month,
];

/// Reads the date columns to choose each one's day/month order: the first 1,000 rows, and on
/// to the end while a column has only ambiguous `a/b/yyyy` values.
pub(crate) struct DateProbe {
    columns: Vec<(Field, usize)>,
    pub probes: [DateOrderProbe; 23],
    seen: usize,
    buf: String,
}

impl DateProbe {
    pub fn new(mapping: &Mapping) -> Self {
        let columns = DATE_FIELDS
            .iter()
            .filter_map(|&f| mapping.column(f).map(|c| (f, c)))
            .collect();
        Self {
            columns,
            probes: [DateOrderProbe::default(); 23],
            seen: 0,
            buf: String::new(),
        }
    }

    pub fn needed(&self) -> bool {
        !self.columns.is_empty()
    }

    /// Whether every column's order is settled: the probe stops reading there, so rows further
    /// on cannot change it.
    pub fn decided(&self) -> bool {
        !self.needed() || (self.seen >= 1000 && !self.open())
    }

    fn open(&self) -> bool {
        self.columns
            .iter()
            .any(|(f, _)| self.probes[f.index()].undecided())
    }
}

impl Visit for DateProbe {
    fn row<R: Row>(&mut self, _line: usize, row: &R) -> ControlFlow<()> {
        for &(field, column) in &self.columns {
            if let Some(text) = row.cell(column).into_text(&mut self.buf) {
                self.probes[field.index()].observe(text);
            }
        }
        self.seen += 1;
        if self.seen >= 1000 && !self.open() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

/// Counts the rows of a file that is not loaded.
#[derive(Default)]
pub(crate) struct CountRows(pub usize);

impl Visit for CountRows {
    fn row<R: Row>(&mut self, _line: usize, _row: &R) -> ControlFlow<()> {
        self.0 += 1;
        ControlFlow::Continue(())
    }
}

#[derive(Default)]
struct Bufs {
    id: String,
    stage: String,
    text: String,
    /// A batch's customer ids, end to end.
    ids: String,
}

/// Why a row repeating an id is rejected: where the id was first loaded (`first`), in words,
/// for a row of file `file`.
pub(crate) fn duplicate_reason(
    files: &[String],
    file: u32,
    field: Field,
    id: &str,
    (first_file, line): Origin,
) -> String {
    let place = if first_file == file {
        format!("line {line}")
    } else {
        let name = files.get(first_file as usize).map_or("", String::as_str);
        format!("line {line} of {name}")
    };
    format!("duplicate {} {id}, first on {place}", field.as_str())
}

/// Loads the rows of one file.
pub(crate) struct Loader<'a> {
    pub file_index: u32,
    pub mapping: &'a Mapping,
    /// Cells in the header row (trailing empty ones left out).
    pub header_len: usize,
    pub ragged: bool,
    pub orders: [DateOrder; 23],
    pub report: &'a mut ImportReport,
    pub ds: &'a mut DatasetBuilder,
    /// Whether repeated deal ids are rejected here; a file's tail read on another thread
    /// keeps them all, and they are checked when it is appended (`split`).
    pub dedupe: bool,
    bufs: Bufs,
    flags: usize,
    pending: Vec<Pending>,
    /// The ids of a batch's pending deals, end to end.
    arena: String,
    repeats: Vec<Option<Origin>>,
    ranges: Vec<(usize, usize)>,
    /// The customer codes of a batch, reused.
    codes: Vec<u32>,
}

/// A row that passed its required fields, between the passes of its batch.
struct Pending {
    /// Its index in the batch.
    index: usize,
    /// A deal's created date, an order's or a response's date.
    day: Day,
    /// An order's amount.
    amount: f64,
    /// A response's score.
    score: u8,
    /// A deal's id: its range in the arena.
    id: (usize, usize),
    customer: u32,
    /// A JSON object or array in the customer column.
    nested: Option<String>,
}

impl Pending {
    fn new(index: usize, day: Day) -> Self {
        Self {
            index,
            day,
            amount: 0.0,
            score: 0,
            id: (0, 0),
            customer: NULL,
            nested: None,
        }
    }
}

impl<'a> Loader<'a> {
    pub fn new(
        file_index: u32,
        mapping: &'a Mapping,
        header_len: usize,
        ragged: bool,
        orders: [DateOrder; 23],
        report: &'a mut ImportReport,
        ds: &'a mut DatasetBuilder,
    ) -> Self {
        Self {
            file_index,
            mapping,
            header_len,
            ragged,
            orders,
            report,
            ds,
            dedupe: true,
            bufs: Bufs::default(),
            flags: 0,
            pending: Vec::new(),
            arena: String::new(),
            repeats: Vec::new(),
            ranges: Vec::new(),
            codes: Vec::new(),
        }
    }

    fn cell<'r, R: Row>(&self, row: &'r R, field: Field) -> Cell<'r> {
        self.mapping
            .column(field)
            .map_or(Cell::Empty, |c| row.cell(c))
    }

    fn header(&self, field: Field) -> Option<String> {
        let column = self.mapping.column(field)?;
        self.mapping.columns.get(column).map(|c| c.header.clone())
    }

    fn issue(
        &mut self,
        line: usize,
        field: Option<Field>,
        value: String,
        reason: String,
        severity: Severity,
    ) {
        let column = field.and_then(|f| self.header(f));
        self.report.issues.push(RowIssue {
            file: self.report.file.clone(),
            line,
            column,
            value,
            reason,
            severity,
        });
    }

    fn reject(&mut self, line: usize, field: Field, bad: Option<Bad>, what: &str) {
        let name = field.as_str();
        let (value, reason) = match bad {
            None => (String::new(), format!("{name} is empty (required)")),
            Some(Bad {
                value,
                nested: true,
            }) => (value, format!("{name} holds a nested object or array")),
            Some(Bad {
                value,
                nested: false,
            }) => (value, format!("{name} is not {what}")),
        };
        self.issue(line, Some(field), value, reason, Severity::Rejected);
    }

    fn flag(&mut self, line: usize, field: Option<Field>, value: String, reason: String) {
        self.flags += 1;
        self.issue(line, field, value, reason, Severity::Flagged);
    }

    fn flag_bad(&mut self, line: usize, field: Field, bad: Bad, what: &str, consequence: &str) {
        let name = field.as_str();
        let reason = if bad.nested {
            format!("{name} holds a nested object or array: {consequence}")
        } else {
            format!("{name} is not {what}: {consequence}")
        };
        self.flag(line, Some(field), bad.value, reason);
    }

    fn required<T>(&mut self, line: usize, field: Field, got: Got<T>, what: &str) -> Option<T> {
        match got {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                self.reject(line, field, None, what);
                None
            }
            Err(bad) => {
                self.reject(line, field, Some(bad), what);
                None
            }
        }
    }

    fn optional<T>(
        &mut self,
        line: usize,
        field: Field,
        got: Got<T>,
        what: &str,
        consequence: &str,
    ) -> Option<T> {
        match got {
            Ok(v) => v,
            Err(bad) => {
                self.flag_bad(line, field, bad, what, consequence);
                None
            }
        }
    }

    fn required_text<R: Row>(
        &mut self,
        line: usize,
        row: &R,
        field: Field,
        out: &mut String,
    ) -> bool {
        out.clear();
        match self.cell(row, field) {
            Cell::Empty => {
                self.reject(line, field, None, "");
                false
            }
            cell @ Cell::Nested(_) => {
                self.reject(line, field, Some(Bad::of(&cell)), "");
                false
            }
            cell => {
                if let Some(text) = cell.into_text(&mut self.bufs.text) {
                    out.push_str(text);
                }
                true
            }
        }
    }

    fn optional_text<'b, R: Row>(
        &mut self,
        line: usize,
        row: &'b R,
        field: Field,
        buf: &'b mut String,
    ) -> Option<&'b str> {
        match self.cell(row, field) {
            cell @ Cell::Nested(_) => {
                self.flag_bad(line, field, Bad::of(&cell), "", "left empty");
                None
            }
            cell => cell.into_text(buf),
        }
    }

    fn date<R: Row>(&self, row: &R, field: Field) -> Got<Day> {
        date_of(self.cell(row, field), self.orders[field.index()])
    }

    fn duplicate_reason(&self, field: Field, id: &str, first: Origin) -> String {
        duplicate_reason(&self.ds.files, self.file_index, field, id, first)
    }

    /// Loads one data row.
    /// Rejects a row that cannot be read as a whole; true if it can.
    fn readable<R: Row>(&mut self, line: usize, row: &R) -> bool {
        if let Some((value, reason)) = row.malformed() {
            self.issue(line, None, value, reason, Severity::Rejected);
            return false;
        }
        if self.ragged && row.len() > self.header_len {
            let extra = (self.header_len..row.len())
                .map(|c| row.cell(c))
                .find(|c| !c.is_empty());
            if let Some(extra) = extra {
                let reason = format!(
                    "row has {} values but the header has {} columns (a delimiter inside an \
                     unquoted value?)",
                    row.len(),
                    self.header_len
                );
                self.issue(line, None, extra.display(), reason, Severity::Rejected);
                return false;
            }
        }
        true
    }

    /// Counts a loaded row, flagging a short one.
    fn loaded<R: Row>(&mut self, line: usize, row: &R) {
        if self.ragged && row.len() < self.header_len {
            let reason = format!(
                "row has {} values but the header has {} columns: the missing cells are read as \
                 empty",
                row.len(),
                self.header_len
            );
            self.flag(line, None, String::new(), reason);
        }
        self.report.loaded += 1;
        if self.flags > 0 {
            self.report.flagged += 1;
        }
    }

    /// Loads one row of customers or spend (the other kinds go by batch).
    fn load<R: Row>(&mut self, line: usize, row: &R) {
        self.report.rows += 1;
        if !self.readable(line, row) {
            self.report.rejected += 1;
            return;
        }
        self.flags = 0;
        let mut bufs = std::mem::take(&mut self.bufs);
        let loaded = match self.mapping.kind {
            FileKind::Customers => self.customer(line, row, &mut bufs),
            FileKind::Spend => self.spend_row(line, row, &mut bufs),
            // Loaded by batch, in `load_batch`.
            FileKind::Deals | FileKind::Orders | FileKind::Surveys => false,
        };
        self.bufs = bufs;
        if loaded {
            self.loaded(line, row);
        } else {
            self.report.rejected += 1;
        }
    }

    /// Loads rows of deals, orders or responses in passes: the required fields row by row;
    /// then (deals) the ids and the customer codes of the rows that passed, each in a tight
    /// loop, so that the hash-table lookups of many rows overlap instead of waiting for memory
    /// one at a time; then the other columns. Issues are sorted by line when the file is done.
    fn load_batch<R: Row>(&mut self, batch: &[(usize, R)]) {
        let mut pending = std::mem::take(&mut self.pending);
        let mut arena = std::mem::take(&mut self.arena);
        let mut bufs = std::mem::take(&mut self.bufs);
        pending.clear();
        arena.clear();
        let kind = self.mapping.kind;
        for (index, (line, row)) in batch.iter().enumerate() {
            self.report.rows += 1;
            let passed = if self.readable(*line, row) {
                match kind {
                    FileKind::Deals => self.deal_required(*line, row, &mut bufs).map(|created| {
                        let start = arena.len();
                        arena.push_str(&bufs.id);
                        Pending {
                            id: (start, arena.len()),
                            ..Pending::new(index, created)
                        }
                    }),
                    FileKind::Orders => {
                        self.order_required(*line, row)
                            .map(|(date, amount)| Pending {
                                amount,
                                ..Pending::new(index, date)
                            })
                    }
                    _ => self
                        .survey_required(*line, row)
                        .map(|(date, score)| Pending {
                            score,
                            ..Pending::new(index, date)
                        }),
                }
            } else {
                None
            };
            match passed {
                Some(p) => pending.push(p),
                None => self.report.rejected += 1,
            }
        }
        if kind == FileKind::Deals {
            if self.dedupe {
                self.drop_repeated_ids(batch, &mut pending, &arena);
            } else {
                let file = self.file_index;
                let deals = &mut self.ds.deals;
                for p in &pending {
                    deals.id.push(&arena[p.id.0..p.id.1]);
                    deals.origin.push((file, batch[p.index].0 as u32));
                }
            }
        }
        if let Some(column) = self.mapping.column(Field::CustomerId) {
            // The customer ids first, then their codes in a tight loop.
            let mut texts = std::mem::take(&mut bufs.ids);
            texts.clear();
            let mut ranges = std::mem::take(&mut self.ranges);
            ranges.clear();
            for p in pending.iter_mut() {
                let start = texts.len();
                match batch[p.index].1.cell(column) {
                    Cell::Nested(json) => p.nested = Some(json),
                    cell => {
                        if let Some(id) = cell.into_text(&mut bufs.text) {
                            texts.push_str(id);
                        }
                    }
                }
                ranges.push((start, texts.len()));
            }
            let mut codes = std::mem::take(&mut self.codes);
            self.ds.customers.codes(&texts, &ranges, &mut codes);
            for (p, &code) in pending.iter_mut().zip(&codes) {
                p.customer = code;
            }
            self.codes = codes;
            bufs.ids = texts;
            self.ranges = ranges;
        }
        for p in pending.iter_mut() {
            let (line, row) = &batch[p.index];
            self.flags = 0;
            if let Some(json) = p.nested.take() {
                let bad = Bad {
                    value: json,
                    nested: true,
                };
                self.flag_bad(*line, Field::CustomerId, bad, "", "left empty");
            }
            match kind {
                FileKind::Deals => self.deal_columns(*line, row, p.day, p.customer, &mut bufs),
                FileKind::Orders => {
                    self.ds.orders.customer.push(p.customer);
                    self.ds.orders.date.push(p.day);
                    self.ds.orders.amount.push(p.amount);
                }
                _ => {
                    let got = score_of(self.cell(row, Field::Csat), 5, 1);
                    let csat =
                        self.optional(*line, Field::Csat, got, "a whole number 1–5", "left empty");
                    let surveys = &mut self.ds.surveys;
                    surveys.customer.push(p.customer);
                    surveys.date.push(Some(p.day));
                    surveys.score.push(p.score);
                    surveys.csat.push(csat);
                }
            }
            self.loaded(*line, row);
        }
        self.pending = pending;
        self.arena = arena;
        self.bufs = bufs;
    }

    /// Starts the deals of a batch with their ids; a repeated id rejects its row.
    fn drop_repeated_ids<R: Row>(
        &mut self,
        batch: &[(usize, R)],
        pending: &mut Vec<Pending>,
        arena: &str,
    ) {
        let mut repeats = std::mem::take(&mut self.repeats);
        repeats.clear();
        let file = self.file_index;
        let ids = pending
            .iter()
            .map(|p| (&arena[p.id.0..p.id.1], (file, batch[p.index].0 as u32)));
        self.ds.deals.push_ids(ids, &mut repeats);
        let mut kept = 0;
        for (k, repeat) in repeats.iter().enumerate() {
            match repeat {
                None => {
                    pending.swap(kept, k);
                    kept += 1;
                }
                Some(first) => {
                    let p = &pending[k];
                    let (id, line) = (&arena[p.id.0..p.id.1], batch[p.index].0);
                    let reason = self.duplicate_reason(Field::DealId, id, *first);
                    let value = id.to_string();
                    self.issue(line, Some(Field::DealId), value, reason, Severity::Rejected);
                    self.report.rejected += 1;
                }
            }
        }
        pending.truncate(kept);
        self.repeats = repeats;
    }

    /// Sorts the issues by line (batches report a row's duplicate after later rows' misses).
    pub fn finish(self) {
        self.report.issues.sort_by_key(|issue| issue.line);
    }

    /// The required fields of a deal: its id (left in `bufs.id`) and created date, or `None`
    /// with the row rejected.
    fn deal_required<R: Row>(&mut self, line: usize, row: &R, bufs: &mut Bufs) -> Option<Day> {
        if !self.required_text(line, row, Field::DealId, &mut bufs.id)
            || !self.required_text(line, row, Field::Stage, &mut bufs.stage)
        {
            return None;
        }
        let got = self.date(row, Field::CreatedAt);
        self.required(line, Field::CreatedAt, got, "a date")
    }

    /// Every column of an accepted deal but its id.
    fn deal_columns<R: Row>(
        &mut self,
        line: usize,
        row: &R,
        created: Day,
        customer: u32,
        bufs: &mut Bufs,
    ) {
        self.ds.deals.customer.push(customer);
        bufs.stage.clear();
        if let Some(stage) = self.cell(row, Field::Stage).into_text(&mut bufs.text) {
            bufs.stage.push_str(stage);
        }
        self.ds.deals.stage.push(Some(&bufs.stage));
        let status = match self.optional_text(line, row, Field::Status, &mut bufs.text) {
            Some(text) => values::parse_status(text),
            None => None,
        }
        .unwrap_or_else(|| values::status_from_stage(&bufs.stage));
        self.ds.deals.status.push(status);
        let amount = match amount_of(self.cell(row, Field::Amount)) {
            Ok(Some(a)) => a,
            Ok(None) => {
                self.flag(
                    line,
                    Some(Field::Amount),
                    String::new(),
                    "amount is empty: loaded as 0".into(),
                );
                0.0
            }
            Err(bad) => {
                self.flag_bad(line, Field::Amount, bad, "a number", "loaded as 0");
                0.0
            }
        };
        self.ds.deals.amount.push(amount);
        self.ds.deals.created_at.push(created);
        let got = self.date(row, Field::ClosedAt);
        let closed = self.optional(line, Field::ClosedAt, got, "a date", "left empty");
        self.ds
            .deals
            .closed_at
            .push(closed.unwrap_or(crate::model::NO_DAY));
        match closed {
            None if status == Status::Won => {
                let reason = "won deal without closed_at: not a purchase and not in win rates";
                self.flag(line, Some(Field::ClosedAt), String::new(), reason.into());
            }
            Some(day) if day < created => {
                let value = self.cell(row, Field::ClosedAt).display();
                let reason = "closed_at is before created_at: left out of the sales cycle";
                self.flag(line, Some(Field::ClosedAt), value, reason.into());
            }
            _ => {}
        }
        let text = self.optional_text(line, row, Field::LostReason, &mut bufs.text);
        self.ds.deals.lost_reason.push(text);
        let text = self.optional_text(line, row, Field::LostStage, &mut bufs.text);
        self.ds.deals.lost_stage.push(text);
        let text = self.optional_text(line, row, Field::Owner, &mut bufs.text);
        self.ds.deals.owner.push(text);
        let text = self.optional_text(line, row, Field::Channel, &mut bufs.text);
        self.ds.deals.channel.push(text);
        let got = self.date(row, Field::LastActivityAt);
        let last = self.optional(line, Field::LastActivityAt, got, "a date", "left empty");
        self.ds
            .deals
            .last_activity_at
            .push(last.unwrap_or(crate::model::NO_DAY));
    }

    fn customer<R: Row>(&mut self, line: usize, row: &R, bufs: &mut Bufs) -> bool {
        if !self.required_text(line, row, Field::CustomerId, &mut bufs.id) {
            return false;
        }
        let code = self.ds.customers.code(&bufs.id);
        let slot = code as usize;
        if let Some(first) = self.ds.customers.origin.get(slot).copied().flatten() {
            let reason = self.duplicate_reason(Field::CustomerId, &bufs.id, first);
            self.issue(
                line,
                Some(Field::CustomerId),
                bufs.id.clone(),
                reason,
                Severity::Rejected,
            );
            return false;
        }
        if let Some(origin) = self.ds.customers.origin.get_mut(slot) {
            *origin = Some((self.file_index, line as u32));
        }
        if let Some(text) = self.optional_text(line, row, Field::Name, &mut bufs.text) {
            self.ds.customers.name.set(slot, text);
        }
        if let Some(text) = self.optional_text(line, row, Field::Industry, &mut bufs.text) {
            self.ds.customers.industry.set(slot, text);
        }
        if let Some(text) = self.optional_text(line, row, Field::Region, &mut bufs.text) {
            self.ds.customers.region.set(slot, text);
        }
        let headcount = self.mapping.headcount_size;
        if let Some(text) = self.optional_text(line, row, Field::Size, &mut bufs.text) {
            // Only a headcount column is read as numbers: sizes in words skip the number parse.
            match headcount.then(|| values::parse_amount(text)).flatten() {
                Some(n) => self
                    .ds
                    .customers
                    .size
                    .set(slot, values::size_from_headcount(n)),
                None => self.ds.customers.size.set(slot, text),
            }
        }
        if let Some(text) = self.optional_text(line, row, Field::Channel, &mut bufs.text) {
            self.ds.customers.channel.set(slot, text);
        }
        if let Some(text) = self.optional_text(line, row, Field::Owner, &mut bufs.text) {
            self.ds.customers.owner.set(slot, text);
        }
        let got = self.date(row, Field::CreatedAt);
        let created = self.optional(line, Field::CreatedAt, got, "a date", "left empty");
        self.ds.customers.set_created_at(code, created);
        let got = amount_of(self.cell(row, Field::AcquisitionCost));
        let cost = self.optional(line, Field::AcquisitionCost, got, "a number", "left empty");
        self.ds.customers.set_acquisition_cost(code, cost);
        let got = score_of(self.cell(row, Field::Nps), 10, 0);
        if let Some(score) = self.optional(
            line,
            Field::Nps,
            got,
            "a whole number 0–10",
            "no response recorded",
        ) {
            self.ds.customer_nps.push((code, score));
        }
        true
    }

    /// An order's date and amount, or `None` with the row rejected.
    fn order_required<R: Row>(&mut self, line: usize, row: &R) -> Option<(Day, f64)> {
        let got = self.date(row, Field::Date);
        let date = self.required(line, Field::Date, got, "a date")?;
        let got = amount_of(self.cell(row, Field::Amount));
        let amount = self.required(line, Field::Amount, got, "a number")?;
        Some((date, amount))
    }

    /// A response's date and score, or `None` with the row rejected.
    fn survey_required<R: Row>(&mut self, line: usize, row: &R) -> Option<(Day, u8)> {
        let got = self.date(row, Field::Date);
        let date = self.required(line, Field::Date, got, "a date")?;
        let got = score_of(self.cell(row, Field::Score), 10, 0);
        let score = self.required(line, Field::Score, got, "a whole number 0–10")?;
        Some((date, score))
    }

    fn spend_row<R: Row>(&mut self, line: usize, row: &R, bufs: &mut Bufs) -> bool {
        if !self.required_text(line, row, Field::Channel, &mut bufs.id) {
            return false;
        }
        let got = month_of(
            self.cell(row, Field::Month),
            self.orders[Field::Month.index()],
        );
        let Some(month) = self.required(line, Field::Month, got, "a month (YYYY-MM) or a date")
        else {
            return false;
        };
        let got = amount_of(self.cell(row, Field::Spend));
        let Some(spend) = self.required(line, Field::Spend, got, "a number") else {
            return false;
        };
        self.ds.spend.channel.push(Some(&bufs.id));
        self.ds.spend.month.push(month);
        self.ds.spend.amount.push(spend);
        true
    }
}

impl Visit for Loader<'_> {
    fn row<R: Row>(&mut self, line: usize, row: &R) -> ControlFlow<()> {
        self.rows(&[(line, row)])
    }

    fn rows<R: Row>(&mut self, batch: &[(usize, R)]) -> ControlFlow<()> {
        self.ds.room(self.mapping.kind, batch.len());
        if matches!(
            self.mapping.kind,
            FileKind::Deals | FileKind::Orders | FileKind::Surveys
        ) {
            self.load_batch(batch);
        } else {
            for (line, row) in batch {
                self.load(*line, row);
            }
        }
        ControlFlow::Continue(())
    }
}
