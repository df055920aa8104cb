//! Delimited text: the delimiter detected among `,` `;` tab `|`, quoted fields with embedded
//! delimiters, quotes and newlines, CRLF or LF. Records are read with the `csv` crate straight
//! from the decoded bytes, one reused record at a time.

use csv::{Position, Reader, ReaderBuilder, StringRecord};

use super::table::{Cell, HeadRow, Resume, Row, Source, Visit};

const CANDIDATES: [u8; 4] = [b',', b'\t', b';', b'|'];

/// Chooses the delimiter that splits the first records into the same number of fields most
/// often (ties: more fields, then `,` tab `;` `|`, with tab first for `.tsv` and `.tab`).
pub fn detect_delimiter(data: &[u8], name: &str) -> u8 {
    let sample = &data[..data.len().min(64 * 1024)];
    let lower = name.to_ascii_lowercase();
    let mut order = CANDIDATES;
    if lower.ends_with(".tsv") || lower.ends_with(".tab") {
        order = [b'\t', b',', b';', b'|'];
    }
    let mut best = (0usize, 0usize, order[0]);
    for &d in &order {
        let counts = field_counts(sample, d, 50);
        let mut tally: Vec<(usize, usize)> = Vec::new();
        for c in counts.into_iter().filter(|&c| c > 1) {
            match tally.iter_mut().find(|(n, _)| *n == c) {
                Some((_, hits)) => *hits += 1,
                None => tally.push((c, 1)),
            }
        }
        let Some(&(mode, hits)) = tally.iter().max_by_key(|(n, hits)| (*hits, *n)) else {
            continue;
        };
        if (hits, mode) > (best.0, best.1) {
            best = (hits, mode, d);
        }
    }
    best.2
}

/// Fields per record for the first `max` non-blank records, honouring quotes.
fn field_counts(sample: &[u8], delimiter: u8, max: usize) -> Vec<usize> {
    let mut counts = Vec::new();
    let (mut fields, mut in_quotes, mut blank) = (1usize, false, true);
    for &b in sample {
        match b {
            b'"' => {
                in_quotes = !in_quotes;
                blank = false;
            }
            b'\n' if !in_quotes => {
                if !blank {
                    counts.push(fields);
                    if counts.len() == max {
                        return counts;
                    }
                }
                fields = 1;
                blank = true;
            }
            b'\r' => {}
            _ if b == delimiter && !in_quotes => {
                fields += 1;
                blank = false;
            }
            _ => blank = false,
        }
    }
    if !blank {
        counts.push(fields);
    }
    counts
}

/// A delimited text file, decoded to UTF-8.
pub struct CsvSource<'a> {
    data: &'a [u8],
    pub delimiter: u8,
    /// The file holds this many times the bytes given here (a head whose tail comes later,
    /// `split`): the rows hint counts them all, so the columns are sized once.
    whole_scale: f64,
    /// Lines before the first byte (a piece of a file's tail, `split`).
    lines_before: usize,
    /// Where the last record scanned starts: `split` checks a piece of a tail from there for
    /// a quoted value running on, rather than reading the whole piece again.
    last_record: std::cell::Cell<usize>,
    /// The line ends in the text, once a scan has read it to the end.
    newlines: std::cell::Cell<Option<usize>>,
}

impl<'a> CsvSource<'a> {
    pub fn new(data: &'a [u8], name: &str) -> Self {
        Self {
            data,
            delimiter: detect_delimiter(data, name),
            whole_scale: 1.0,
            lines_before: 0,
            last_record: std::cell::Cell::new(0),
            newlines: std::cell::Cell::new(None),
        }
    }

    /// Text read with a delimiter found elsewhere (the tail of a file, `split`).
    pub fn with_delimiter(data: &'a [u8], delimiter: u8) -> Self {
        Self {
            data,
            delimiter,
            whole_scale: 1.0,
            lines_before: 0,
            last_record: std::cell::Cell::new(0),
            newlines: std::cell::Cell::new(None),
        }
    }

    /// Where the last record [`Source::scan`] read starts (0 before a scan).
    pub fn last_record(&self) -> usize {
        self.last_record.get()
    }

    /// The text.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// The line ends in the text: counted by the reader when a scan has read it all.
    pub fn newlines(&self) -> usize {
        self.newlines
            .get()
            .unwrap_or_else(|| self.data.iter().filter(|&&b| b == b'\n').count())
    }

    /// Text after `lines` lines of its file: its records' lines count on from there.
    pub fn after_lines(self, lines: usize) -> Self {
        Self {
            lines_before: lines,
            ..self
        }
    }

    /// The head of a file of `whole_size` bytes: its rows hint is for the whole file.
    pub fn head_of(self, whole_size: u64) -> Self {
        Self {
            whole_scale: whole_size as f64 / self.data.len().max(1) as f64,
            ..self
        }
    }

    fn reader(&self, from: usize) -> Reader<&'a [u8]> {
        ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .from_reader(self.data.get(from..).unwrap_or_default())
    }
}

/// Line numbers of records. A record's position from the `csv` crate is where its read began:
/// before the line end that closed the record before it when that was a CRLF, and before any
/// blank lines. Its line counts every `\n` read up to there, so only those few bytes are
/// counted here, not the file again.
struct Lines<'a> {
    data: &'a [u8],
    /// Lines before the reader's first byte, past its own count starting at 1.
    before: usize,
}

impl<'a> Lines<'a> {
    /// Lines of a reader started at byte `from` of `data`, the text after `lines_before` lines.
    fn new(data: &'a [u8], from: usize, lines_before: usize) -> Self {
        let head = &data[..from.min(data.len())];
        Self {
            data,
            before: lines_before + head.iter().filter(|&&b| b == b'\n').count(),
        }
    }

    /// The line of the record whose position is `position`, from a reader started at `from`.
    fn at(&self, from: usize, position: &Position) -> usize {
        let start = from + position.byte() as usize;
        let gap = self.data.get(start..).unwrap_or_default();
        let newlines = gap
            .iter()
            .take_while(|&&b| matches!(b, b'\r' | b'\n'))
            .filter(|&&b| b == b'\n')
            .count();
        self.before + position.line() as usize + newlines
    }
}

/// A record, validated as UTF-8 once as a whole by the `csv` crate. The decoded file is valid
/// UTF-8, so a record that is not cannot happen; if it did, the row is reported.
pub struct CsvRow<'r> {
    record: &'r StringRecord,
    invalid: bool,
}

impl Row for CsvRow<'_> {
    fn len(&self) -> usize {
        self.record.len()
    }

    fn cell(&self, column: usize) -> Cell<'_> {
        match self.record.get(column) {
            Some(text) => Cell::from_text(text),
            None => Cell::Empty,
        }
    }

    fn malformed(&self) -> Option<(String, String)> {
        self.invalid
            .then(|| (String::new(), "the row is not valid text".to_string()))
    }

    fn is_blank(&self) -> bool {
        !self.invalid
            && self
                .record
                .iter()
                .all(|f| f.bytes().all(|b| b.is_ascii_whitespace()))
    }
}

/// Reads the next record: `Some(valid)`, or `None` at the end.
fn next_record(reader: &mut Reader<&[u8]>, record: &mut StringRecord) -> Option<bool> {
    match reader.read_record(record) {
        Ok(true) => Some(true),
        Ok(false) => None,
        Err(e) => match e.kind() {
            csv::ErrorKind::Utf8 { pos, .. } => {
                record.set_position(pos.clone());
                Some(false)
            }
            // Reading a byte slice has no I/O errors.
            _ => None,
        },
    }
}

fn byte_of(record: &StringRecord) -> usize {
    record.position().map_or(0, |p| p.byte() as usize)
}

impl Source for CsvSource<'_> {
    const RAGGED: bool = true;

    fn head(&self, n: usize) -> Vec<HeadRow> {
        let mut reader = self.reader(0);
        let mut record = StringRecord::new();
        let mut rows = Vec::new();
        while rows.len() < n {
            let Some(valid) = next_record(&mut reader, &mut record) else {
                break;
            };
            let row = CsvRow {
                record: &record,
                invalid: !valid,
            };
            if row.is_blank() {
                continue;
            }
            let cells = (0..row.len()).map(|c| row.cell(c).display()).collect();
            rows.push(HeadRow {
                cells,
                resume: Resume::Byte(reader.position().byte() as usize),
            });
        }
        rows
    }

    fn rows_hint(&self, header: &HeadRow) -> usize {
        let from = match header.resume {
            Resume::Byte(b) => b.min(self.data.len()),
            Resume::Row(_) => 0,
        };
        let rest = &self.data[from..];
        let sample = &rest[..rest.len().min(64 * 1024)];
        let lines = sample.iter().filter(|&&b| b == b'\n').count().max(1);
        let rows = rest.len() / (sample.len() / lines).max(1);
        (rows as f64 * self.whole_scale) as usize
    }

    fn scan<V: Visit>(&self, header: &HeadRow, visit: &mut V, progress: &mut dyn FnMut(f64)) {
        let from = match header.resume {
            Resume::Byte(b) => b.min(self.data.len()),
            Resume::Row(_) => 0,
        };
        let mut reader = self.reader(from);
        let lines = Lines::new(self.data, from, self.lines_before);
        let total = self.data.len().max(1) as f64;
        let mut records: Vec<StringRecord> = (0..BATCH).map(|_| StringRecord::new()).collect();
        let mut lines_valid: Vec<(usize, bool)> = Vec::with_capacity(BATCH);
        let mut count = 0u32;
        let mut done = false;
        while !done {
            lines_valid.clear();
            while lines_valid.len() < BATCH {
                let n = lines_valid.len();
                let Some(valid) = next_record(&mut reader, &mut records[n]) else {
                    done = true;
                    break;
                };
                self.last_record.set(from + byte_of(&records[n]));
                count = count.wrapping_add(1);
                if count.is_multiple_of(65_536) {
                    progress((from as u64 + reader.position().byte()) as f64 / total);
                }
                if (CsvRow {
                    record: &records[n],
                    invalid: !valid,
                })
                .is_blank()
                {
                    continue;
                }
                let line = records[n].position().map_or(0, |p| lines.at(from, p));
                lines_valid.push((line, valid));
            }
            let batch: Vec<(usize, CsvRow)> = lines_valid
                .iter()
                .zip(&records)
                .map(|(&(line, valid), record)| {
                    (
                        line,
                        CsvRow {
                            record,
                            invalid: !valid,
                        },
                    )
                })
                .collect();
            if !batch.is_empty() && visit.rows(&batch).is_break() {
                return;
            }
        }
        // The reader counted every line end after `from`, from 1.
        let after = reader.position().line() as usize - 1;
        self.newlines
            .set(Some(lines.before - self.lines_before + after));
    }
}

/// Rows handed to the visitor at once.
const BATCH: usize = 256;

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter(b"a,b,c\n1,2,3\n", "x.csv"), b',');
        assert_eq!(
            detect_delimiter(b"a;b;c\n1,5;2;3\n4;5,5;6\n", "x.csv"),
            b';'
        );
        assert_eq!(detect_delimiter(b"a\tb\n1\t2\n", "x.txt"), b'\t');
        assert_eq!(detect_delimiter(b"a|b|c\n1|2|3\n", "x.txt"), b'|');
        assert_eq!(detect_delimiter(b"\"x;y\",b\n\"1;2\",3\n", "x.csv"), b',');
        assert_eq!(detect_delimiter(b"single\n1\n", "x.csv"), b',');
        assert_eq!(detect_delimiter(b"a,b\tc\n1,2\t3\n", "x.tsv"), b'\t');
    }

    #[test]
    fn lines_count_embedded_newlines() {
        let data = b"id,note\r\n1,\"two\r\nlines\"\r\n\r\n2,\"say \"\"hi\"\"\"\r\n";
        let src = CsvSource::new(data, "x.csv");
        let head = src.head(1);
        assert_eq!(head[0].cells, ["id", "note"]);
        struct Seen(Vec<(usize, String)>);
        impl Visit for Seen {
            fn row<R: Row>(&mut self, line: usize, row: &R) -> ControlFlow<()> {
                self.0.push((line, row.cell(1).display()));
                ControlFlow::Continue(())
            }
        }
        let mut seen = Seen(Vec::new());
        src.scan(&head[0], &mut seen, &mut |_| {});
        assert_eq!(
            seen.0,
            [
                (2, "two\r\nlines".to_string()),
                (5, "say \"hi\"".to_string())
            ]
        );
        let data = b"\n\nid,note\n1,\"two\nlines\"\n\n2,x\n,\n  \n3,y";
        let src = CsvSource::new(data, "x.csv");
        let head = src.head(1);
        let mut seen = Seen(Vec::new());
        src.scan(&head[0], &mut seen, &mut |_| {});
        let lines: Vec<usize> = seen.0.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [4, 7, 10]);
    }

    #[test]
    fn a_scan_counts_the_line_ends_of_the_whole_text() {
        struct Rows;
        impl Visit for Rows {
            fn row<R: Row>(&mut self, _: usize, _: &R) -> ControlFlow<()> {
                ControlFlow::Continue(())
            }
        }
        for data in [
            &b"\n\nid,note\n1,\"two\nlines\"\n\n2,x\n,\n  \n3,y"[..],
            b"id,note\r\n1,\"a\r\nb\"\r\n\r\n2,c\r\n",
            b"id\n",
            b"id",
        ] {
            let src = CsvSource::new(data, "x.csv");
            let head = src.head(1);
            src.scan(&head[0], &mut Rows, &mut |_| {});
            let want = data.iter().filter(|&&b| b == b'\n').count();
            assert_eq!(
                src.newlines.get(),
                Some(want),
                "{:?}",
                String::from_utf8_lossy(data)
            );
        }
    }
}
