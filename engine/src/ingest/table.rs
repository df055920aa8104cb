//! The rows of a file whatever its format: typed cells, so that loading is written once for
//! CSV, Excel and JSON.

use std::fmt::Write;
use std::ops::ControlFlow;

use crate::model::{day, Day};

/// One cell, borrowed from the file where it can be.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell<'a> {
    Empty,
    /// Trimmed text, never empty.
    Text(&'a str),
    /// Text made for the cell (a JSON number or boolean, an Excel error value).
    Owned(String),
    /// An Excel number (a serial where the column holds dates).
    Number(f64),
    /// An Excel cell formatted as a date.
    Date(Day),
    /// A JSON object or array, as JSON text.
    Nested(String),
}

impl<'a> Cell<'a> {
    pub fn from_text(text: &'a str) -> Cell<'a> {
        let t = trim(text);
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t)
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as text: borrowed, or written into `buf`. `None` when empty.
    pub fn text<'s>(&'s self, buf: &'s mut String) -> Option<&'s str> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => Some(s),
            Cell::Owned(s) | Cell::Nested(s) => Some(s.as_str()),
            Cell::Number(n) => {
                buf.clear();
                write_number(buf, *n);
                Some(buf.as_str())
            }
            Cell::Date(d) => {
                buf.clear();
                buf.push_str(&day::format(*d));
                Some(buf.as_str())
            }
        }
    }

    /// Like [`Cell::text`], keeping the borrow from the file where there is one.
    pub fn into_text<'b>(self, buf: &'b mut String) -> Option<&'b str>
    where
        'a: 'b,
    {
        match self {
            Cell::Text(s) => Some(s),
            Cell::Empty => None,
            Cell::Owned(s) | Cell::Nested(s) => {
                *buf = s;
                Some(buf.as_str())
            }
            Cell::Number(n) => {
                buf.clear();
                write_number(buf, n);
                Some(buf.as_str())
            }
            Cell::Date(d) => {
                buf.clear();
                buf.push_str(&day::format(d));
                Some(buf.as_str())
            }
        }
    }

    /// The cell as the user would see it, for issue reports.
    pub fn display(&self) -> String {
        let mut buf = String::new();
        self.text(&mut buf).unwrap_or("").to_string()
    }
}

/// `str::trim`, with a fast path for the usual ASCII edges.
pub fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return text;
    };
    if first.is_ascii()
        && last.is_ascii()
        && !first.is_ascii_whitespace()
        && !last.is_ascii_whitespace()
    {
        return text;
    }
    text.trim()
}

/// Whole numbers without `.0` (Excel shows an id `1001`, not `1001.0`).
pub fn write_number(buf: &mut String, n: f64) {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        let _ = write!(buf, "{}", n as i64);
    } else {
        let _ = write!(buf, "{n}");
    }
}

/// A data row of any source.
pub trait Row {
    /// The number of cells the row has (a CSV record's field count).
    fn len(&self) -> usize;
    fn cell(&self, column: usize) -> Cell<'_>;

    /// The value and reason when the row as a whole cannot be read (a JSON array item that
    /// is not an object).
    fn malformed(&self) -> Option<(String, String)> {
        None
    }

    fn is_blank(&self) -> bool {
        (0..self.len()).all(|c| self.cell(c).is_empty())
    }
}

/// Where to resume reading after a candidate header row.
#[derive(Clone, Debug)]
pub enum Resume {
    /// A byte offset in a text file.
    Byte(usize),
    /// A row index in a sheet or JSON array.
    Row(usize),
}

/// One of the first non-blank rows of a file: a header candidate.
#[derive(Clone, Debug)]
pub struct HeadRow {
    pub cells: Vec<String>,
    pub resume: Resume,
}

/// What is done with each data row.
pub trait Visit {
    fn row<R: Row>(&mut self, line: usize, row: &R) -> ControlFlow<()>;

    /// Several rows at once, in file order.
    fn rows<R: Row>(&mut self, batch: &[(usize, R)]) -> ControlFlow<()> {
        for (line, row) in batch {
            self.row(*line, row)?;
        }
        ControlFlow::Continue(())
    }
}

impl<R: Row + ?Sized> Row for &R {
    fn len(&self) -> usize {
        (**self).len()
    }

    fn cell(&self, column: usize) -> Cell<'_> {
        (**self).cell(column)
    }

    fn malformed(&self) -> Option<(String, String)> {
        (**self).malformed()
    }

    fn is_blank(&self) -> bool {
        (**self).is_blank()
    }
}

/// A readable table.
pub trait Source {
    /// Rows longer than the header are errors (a CSV with an unquoted delimiter in a value);
    /// in a worksheet, cells right of the header are just not part of the table.
    const RAGGED: bool;

    /// The first `n` non-blank rows.
    fn head(&self, n: usize) -> Vec<HeadRow>;

    /// About how many rows follow `header`, to size the columns once.
    fn rows_hint(&self, header: &HeadRow) -> usize;

    /// Visits each non-blank row after `header` with its line, until the visitor breaks;
    /// `progress` gets the fraction read now and then.
    fn scan<V: Visit>(&self, header: &HeadRow, visit: &mut V, progress: &mut dyn FnMut(f64));
}
