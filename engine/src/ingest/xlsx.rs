//! Excel `.xlsx` workbooks through calamine: sheet names, one sheet's cells typed (numbers,
//! dates from date-formatted cells, text).

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use calamine::{Data, Range, Reader, Xlsx};

use super::report::FileError;
use super::table::{Cell, HeadRow, Resume, Row, Source, Visit};
use super::values;

pub struct Workbook<'a> {
    xlsx: Xlsx<Cursor<&'a [u8]>>,
    pub sheets: Vec<String>,
}

/// Runs calamine, turning a panic inside it (on a malformed file) into an error.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err("the workbook is malformed".into()))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Why a ZIP file could not be opened as a workbook, in the user's terms.
fn zip_error(bytes: &[u8], detail: String) -> FileError {
    if contains(bytes, b"xl/workbook") || contains(bytes, b"[Content_Types].xml") {
        FileError::DamagedExcel { detail }
    } else if contains(bytes, b"application/vnd.oasis.opendocument.spreadsheet") {
        FileError::OpenDocument
    } else {
        FileError::Zip
    }
}

impl<'a> Workbook<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, FileError> {
        let opened = guarded(|| Xlsx::new(Cursor::new(bytes)).map_err(|e| e.to_string()));
        match opened {
            Ok(xlsx) => {
                let sheets = xlsx.sheet_names();
                Ok(Self { xlsx, sheets })
            }
            Err(detail) => Err(zip_error(bytes, detail)),
        }
    }

    pub fn sheet(&mut self, name: &str) -> Result<SheetSource, FileError> {
        let xlsx = &mut self.xlsx;
        guarded(|| xlsx.worksheet_range(name).map_err(|e| e.to_string()))
            .map(|range| SheetSource { range })
            .map_err(|detail| FileError::UnreadableSheet {
                name: name.to_string(),
                detail,
            })
    }
}

pub struct SheetSource {
    range: Range<Data>,
}

impl SheetSource {
    /// The spreadsheet row number (1-based) of the range's row `index`.
    fn line(&self, index: usize) -> usize {
        self.range.start().map_or(0, |(row, _)| row as usize) + index + 1
    }
}

pub struct SheetRow<'r>(&'r [Data]);

impl Row for SheetRow<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn cell(&self, column: usize) -> Cell<'_> {
        let Some(data) = self.0.get(column) else {
            return Cell::Empty;
        };
        match data {
            Data::Empty => Cell::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::from_text(s),
            Data::Float(f) => Cell::Number(*f),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Bool(b) => Cell::Owned(if *b { "TRUE" } else { "FALSE" }.into()),
            Data::DateTime(dt) if dt.is_datetime() => {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                match values::ymd(i64::from(y), i64::from(m), i64::from(d)) {
                    Some(day) => Cell::Date(day),
                    None => Cell::Number(dt.as_f64()),
                }
            }
            Data::DateTime(dt) => Cell::Number(dt.as_f64()),
            Data::Error(e) => Cell::Owned(e.to_string()),
        }
    }
}

impl Source for SheetSource {
    const RAGGED: bool = false;

    fn head(&self, n: usize) -> Vec<HeadRow> {
        self.range
            .rows()
            .enumerate()
            .filter(|(_, cells)| !SheetRow(cells).is_blank())
            .take(n)
            .map(|(i, cells)| {
                let row = SheetRow(cells);
                HeadRow {
                    cells: (0..row.len()).map(|c| row.cell(c).display()).collect(),
                    resume: Resume::Row(i + 1),
                }
            })
            .collect()
    }

    fn rows_hint(&self, header: &HeadRow) -> usize {
        match header.resume {
            Resume::Row(i) => self.range.height().saturating_sub(i),
            Resume::Byte(_) => 0,
        }
    }

    fn scan<V: Visit>(&self, header: &HeadRow, visit: &mut V, progress: &mut dyn FnMut(f64)) {
        let start = match header.resume {
            Resume::Row(i) => i,
            Resume::Byte(_) => 0,
        };
        let total = self.range.height().max(1) as f64;
        for (i, cells) in self.range.rows().enumerate().skip(start) {
            if i % 65_536 == 0 {
                progress(i as f64 / total);
            }
            let row = SheetRow(cells);
            if row.is_blank() {
                continue;
            }
            if visit.row(self.line(i), &row).is_break() {
                break;
            }
        }
    }
}
