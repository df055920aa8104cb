//! [`RowTable`]: a drill-down's rows as typed columns, served by range (`STYLE.md` habit 9:
//! "A drill-down table asks a provider for `rows(range)` and renders only what is visible").
//!
//! Text columns stay dictionary-encoded (codes into the values actually used), numbers are
//! `f64` and dates day numbers, so sorting compares values, never their text: `9` before `10`,
//! `2024-02-01` before `2024-10-01`. Empty cells sort last in either direction; ties keep the
//! drill-down's own order (the sort is stable). Search is a case-insensitive substring match
//! over the row's cells as shown. The view for one (sort, search) is computed once and kept,
//! so scrolling asks only for slices of it.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::metrics::nps::Category;
use crate::metrics::purchases::Occasions;
use crate::model::{day, Dataset, Day, DictColumn, Status, NO_DAY, NULL};
use crate::query::Period;

use super::RowKind;

/// How a column's values compare and read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    Text,
    Number,
    Date,
}

/// A column of a drill-down table: its id (the CSV header, and the key of its label in the UI)
/// and kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub id: String,
    pub kind: ColumnKind,
}

/// Sort by column index `column`, ascending unless `descending`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub column: usize,
    pub descending: bool,
}

#[derive(Clone, Debug)]
enum Values {
    /// Codes into `values` (`NULL`: empty cell).
    Text {
        codes: Vec<u32>,
        values: Vec<String>,
    },
    Number(Vec<Option<f64>>),
    /// `NO_DAY`: empty cell.
    Date(Vec<Day>),
}

impl Values {
    /// Cells given by codes into `dict` (`NULL`: empty), re-encoded with a dictionary of only
    /// the values used.
    fn text(dict: &[String], cells: impl Iterator<Item = u32>) -> Values {
        let mut remap = vec![NULL; dict.len()];
        let mut values = Vec::new();
        let codes = cells
            .map(|code| {
                if code == NULL {
                    return NULL;
                }
                let slot = &mut remap[code as usize];
                if *slot == NULL {
                    *slot = values.len() as u32;
                    values.push(dict[code as usize].clone());
                }
                *slot
            })
            .collect();
        Values::Text { codes, values }
    }

    /// The cells of a dictionary column at `rows`.
    fn column(column: &DictColumn, rows: &[u32]) -> Values {
        Values::text(
            &column.values,
            rows.iter().map(|&r| column.codes[r as usize]),
        )
    }

    /// The cells of a customer column at customer codes (`NULL`: no customer).
    fn of_customers(column: &DictColumn, codes: &[u32]) -> Values {
        Values::text(
            &column.values,
            codes.iter().map(|&k| match k {
                NULL => NULL,
                k => column.codes[k as usize],
            }),
        )
    }

    /// One distinct text per row (ids).
    fn strings(values: Vec<String>) -> Values {
        Values::Text {
            codes: (0..values.len() as u32).collect(),
            values,
        }
    }

    fn kind(&self) -> ColumnKind {
        match self {
            Values::Text { .. } => ColumnKind::Text,
            Values::Number(_) => ColumnKind::Number,
            Values::Date(_) => ColumnKind::Date,
        }
    }

    fn cell(&self, i: usize) -> String {
        match self {
            Values::Text { codes, values } => match codes[i] {
                NULL => String::new(),
                c => values[c as usize].clone(),
            },
            Values::Number(v) => v[i].map(format_number).unwrap_or_default(),
            Values::Date(v) => format_day(v[i]),
        }
    }
}

/// A number as a cell shows it: whole numbers without decimals, others to two decimals with
/// trailing zeros dropped (`1250`, `99.5`, `0.33`).
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let text = format!("{v:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" {
        "0".to_string()
    } else {
        text.to_string()
    }
}

fn format_day(d: Day) -> String {
    if d == NO_DAY {
        String::new()
    } else {
        day::format(d)
    }
}

/// The view of one (sort, search): positions into the table's rows.
#[derive(Clone, Debug)]
struct View {
    sort: Option<Sort>,
    search: String,
    order: Vec<u32>,
}

/// A drill-down's rows as a table that sorts, searches, pages and exports.
#[derive(Clone, Debug)]
pub struct RowTable {
    kind: RowKind,
    columns: Vec<Column>,
    values: Vec<Values>,
    len: usize,
    view: Option<View>,
}

impl RowTable {
    fn new(kind: RowKind, len: usize, columns: Vec<(&str, Values)>) -> RowTable {
        let (columns, values) = columns
            .into_iter()
            .map(|(id, v)| {
                (
                    Column {
                        id: id.to_string(),
                        kind: v.kind(),
                    },
                    v,
                )
            })
            .unzip();
        RowTable {
            kind,
            columns,
            values,
            len,
            view: None,
        }
    }

    /// Deal rows: deal_id, customer_id, customer_name, stage, status, amount, created_at,
    /// closed_at, owner, channel, lost_reason, last_activity_at.
    pub fn deals(data: &Dataset, rows: Vec<u32>) -> RowTable {
        let (d, c) = (&data.deals, &data.customers);
        let customers: Vec<u32> = rows.iter().map(|&r| d.customer[r as usize]).collect();
        let status = |s: Status| match s {
            Status::Open => 0,
            Status::Won => 1,
            Status::Lost => 2,
        };
        let statuses = ["open", "won", "lost"].map(String::from);
        let dates = |dates: &[Day]| Values::Date(rows.iter().map(|&r| dates[r as usize]).collect());
        let columns = vec![
            (
                "deal_id",
                Values::strings(rows.iter().map(|&r| d.id[r as usize].to_string()).collect()),
            ),
            (
                "customer_id",
                Values::text(&c.ids, customers.iter().copied()),
            ),
            ("customer_name", Values::of_customers(&c.name, &customers)),
            ("stage", Values::column(&d.stage, &rows)),
            (
                "status",
                Values::text(
                    &statuses,
                    rows.iter().map(|&r| status(d.status[r as usize])),
                ),
            ),
            (
                "amount",
                Values::Number(rows.iter().map(|&r| Some(d.amount[r as usize])).collect()),
            ),
            ("created_at", dates(&d.created_at)),
            ("closed_at", dates(&d.closed_at.0)),
            ("owner", Values::column(&d.owner, &rows)),
            ("channel", Values::column(&d.channel, &rows)),
            ("lost_reason", Values::column(&d.lost_reason, &rows)),
            ("last_activity_at", dates(&d.last_activity_at.0)),
        ];
        RowTable::new(RowKind::Deals, rows.len(), columns)
    }

    /// Customer codes: customer_id, name, industry, region, size, channel, owner, revenue (in the
    /// period), occasions (in the period), last_occasion (on or before T). `occ` holds the
    /// occasions of the selection the codes come from.
    pub fn customers(data: &Dataset, occ: &Occasions, period: Period, codes: Vec<u32>) -> RowTable {
        let c = &data.customers;
        let (from, to) = (period.from, period.to);
        let numbers =
            |f: &dyn Fn(u32) -> f64| Values::Number(codes.iter().map(|&k| Some(f(k))).collect());
        let columns = vec![
            (
                "customer_id",
                Values::strings(codes.iter().map(|&k| c.ids[k as usize].clone()).collect()),
            ),
            ("name", Values::of_customers(&c.name, &codes)),
            ("industry", Values::of_customers(&c.industry, &codes)),
            ("region", Values::of_customers(&c.region, &codes)),
            ("size", Values::of_customers(&c.size, &codes)),
            ("channel", Values::of_customers(&c.channel, &codes)),
            ("owner", Values::of_customers(&c.owner, &codes)),
            ("revenue", numbers(&|k| occ.revenue_in(k, from, to))),
            ("occasions", numbers(&|k| occ.count_in(k, from, to) as f64)),
            (
                "last_occasion",
                Values::Date(
                    codes
                        .iter()
                        .map(|&k| occ.until(k, to).0.last().copied().unwrap_or(NO_DAY))
                        .collect(),
                ),
            ),
        ];
        RowTable::new(RowKind::Customers, codes.len(), columns)
    }

    /// Survey rows: customer_id, customer_name, date, score, category, csat.
    pub fn responses(data: &Dataset, rows: Vec<u32>) -> RowTable {
        let c = &data.customers;
        let empty = crate::model::Surveys::default();
        let s = data.surveys.as_ref().unwrap_or(&empty);
        let customers: Vec<u32> = rows.iter().map(|&r| s.customer[r as usize]).collect();
        let categories: Vec<String> = Category::ALL.iter().map(|c| c.as_str().into()).collect();
        let columns = vec![
            (
                "customer_id",
                Values::text(&c.ids, customers.iter().copied()),
            ),
            ("customer_name", Values::of_customers(&c.name, &customers)),
            (
                "date",
                Values::Date(rows.iter().map(|&r| s.date.0[r as usize]).collect()),
            ),
            (
                "score",
                Values::Number(
                    rows.iter()
                        .map(|&r| Some(f64::from(s.score[r as usize])))
                        .collect(),
                ),
            ),
            (
                "category",
                Values::text(
                    &categories,
                    rows.iter()
                        .map(|&r| Category::of(s.score[r as usize]) as u32),
                ),
            ),
            (
                "csat",
                Values::Number(
                    rows.iter()
                        .map(|&r| s.csat[r as usize].map(f64::from))
                        .collect(),
                ),
            ),
        ];
        RowTable::new(RowKind::Responses, rows.len(), columns)
    }

    pub fn kind(&self) -> RowKind {
        self.kind
    }

    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// All rows behind the drill-down, whatever the search.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The rows of the view (sorted by `sort`, those matching `search`) at positions `range`
    /// (clamped to the view), as text cells in column order.
    pub fn rows(
        &mut self,
        range: Range<usize>,
        sort: Option<Sort>,
        search: &str,
    ) -> Vec<Vec<String>> {
        let order = self.view(sort, search);
        let end = range.end.min(order.len());
        let start = range.start.min(end);
        let order = order[start..end].to_vec();
        order.into_iter().map(|i| self.row(i as usize)).collect()
    }

    /// The number of rows matching `search`.
    pub fn matching(&mut self, sort: Option<Sort>, search: &str) -> usize {
        self.view(sort, search).len()
    }

    /// The view as CSV: UTF-8 with a byte order mark (so Excel reads Chinese text), a header
    /// of column ids, CRLF line ends, fields as [`crate::export::csv_field`] writes them
    /// (quoted when they must be, formulas guarded).
    pub fn to_csv(&mut self, sort: Option<Sort>, search: &str) -> String {
        let order = self.view(sort, search).to_vec();
        let mut out = String::from("\u{feff}");
        let header: Vec<&str> = self.columns.iter().map(|c| c.id.as_str()).collect();
        write_record(&mut out, header.iter().copied());
        for i in order {
            let row = self.row(i as usize);
            write_record(&mut out, row.iter().map(String::as_str));
        }
        out
    }

    fn row(&self, i: usize) -> Vec<String> {
        self.values.iter().map(|v| v.cell(i)).collect()
    }

    /// The positions of the view for `(sort, search)`, computed once per change.
    fn view(&mut self, sort: Option<Sort>, search: &str) -> &[u32] {
        let sort = sort.filter(|s| s.column < self.values.len());
        let needle = search.trim().to_lowercase();
        let fresh = self
            .view
            .as_ref()
            .is_some_and(|v| v.sort == sort && v.search == needle);
        if !fresh {
            let mut order: Vec<u32> = if needle.is_empty() {
                (0..self.len as u32).collect()
            } else {
                self.search(&needle)
            };
            if let Some(sort) = sort {
                self.sort(&mut order, sort);
            }
            self.view = Some(View {
                sort,
                search: needle,
                order,
            });
        }
        &self.view.as_ref().expect("view just set").order
    }

    /// The rows with a cell containing `needle` (lowercase), ascending.
    fn search(&self, needle: &str) -> Vec<u32> {
        let mut hit = vec![false; self.len];
        for values in &self.values {
            match values {
                Values::Text { codes, values } => {
                    let matches: Vec<bool> = values
                        .iter()
                        .map(|v| v.to_lowercase().contains(needle))
                        .collect();
                    for (h, &c) in hit.iter_mut().zip(codes) {
                        *h = *h || (c != NULL && matches[c as usize]);
                    }
                }
                Values::Number(_) | Values::Date(_) => {
                    for (i, h) in hit.iter_mut().enumerate() {
                        *h = *h || values.cell(i).contains(needle);
                    }
                }
            }
        }
        (0..self.len as u32).filter(|&i| hit[i as usize]).collect()
    }

    /// Sorts positions by a column's values, stable, empty cells last in either direction.
    fn sort(&self, order: &mut [u32], sort: Sort) {
        use std::cmp::Ordering;
        let dir = |o: Ordering| if sort.descending { o.reverse() } else { o };
        match &self.values[sort.column] {
            Values::Text { codes, values } => {
                // Rank the dictionary once: case-insensitively, then by bytes.
                let keys: Vec<String> = values.iter().map(|v| v.to_lowercase()).collect();
                let mut by_rank: Vec<u32> = (0..values.len() as u32).collect();
                by_rank.sort_by(|&a, &b| {
                    let (a, b) = (a as usize, b as usize);
                    keys[a]
                        .cmp(&keys[b])
                        .then_with(|| values[a].cmp(&values[b]))
                });
                let mut rank = vec![0u32; values.len()];
                for (r, &code) in by_rank.iter().enumerate() {
                    rank[code as usize] = r as u32;
                }
                let key = |i: u32| match codes[i as usize] {
                    NULL => None,
                    c => Some(rank[c as usize]),
                };
                order.sort_by(|&a, &b| empty_last(key(a), key(b), |x, y| dir(x.cmp(&y))));
            }
            Values::Number(v) => {
                order.sort_by(|&a, &b| {
                    empty_last(v[a as usize], v[b as usize], |x, y| dir(x.total_cmp(&y)))
                });
            }
            Values::Date(v) => {
                let key = |i: u32| Some(v[i as usize]).filter(|&d| d != NO_DAY);
                order.sort_by(|&a, &b| empty_last(key(a), key(b), |x, y| dir(x.cmp(&y))));
            }
        }
    }
}

fn empty_last<T>(
    a: Option<T>,
    b: Option<T>,
    cmp: impl Fn(T, T) -> std::cmp::Ordering,
) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(a), Some(b)) => cmp(a, b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Appends one CSV record and its CRLF.
fn write_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&crate::export::csv_field(field));
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_plainly() {
        assert_eq!(format_number(1250.0), "1250");
        assert_eq!(format_number(99.5), "99.5");
        assert_eq!(format_number(1.0 / 3.0), "0.33");
        assert_eq!(format_number(-0.001), "0");
        assert_eq!(format_number(-2.25), "-2.25");
        assert_eq!(format_number(f64::NAN), "");
    }

    #[test]
    fn records_quote_only_when_needed() {
        let mut out = String::new();
        write_record(
            &mut out,
            ["a", "b,c", "say \"hi\"", "two\nlines", ""].into_iter(),
        );
        assert_eq!(out, "a,\"b,c\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n");
    }

    #[test]
    fn records_guard_formulas_but_not_negative_amounts() {
        let mut out = String::new();
        write_record(&mut out, ["=1+2", "-12.5", "@x", "-x"].into_iter());
        assert_eq!(out, "'=1+2,-12.5,'@x,'-x\r\n");
    }
}
