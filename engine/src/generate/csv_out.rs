//! Writing a generated table as CSV in memory: UTF-8 without BOM, LF line ends, quoting only
//! where RFC 4180 needs it (the csv crate's `Writer`).

use std::io::Write;

use super::GeneratedFile;

/// One CSV file being written, a field at a time.
pub(crate) struct Table {
    name: &'static str,
    writer: csv::Writer<Vec<u8>>,
    scratch: Vec<u8>,
}

const IN_MEMORY: &str = "writing CSV to memory cannot fail";

impl Table {
    /// Starts a file with its header row; `bytes_hint` sizes the buffer.
    pub fn new(name: &'static str, header: &[&str], bytes_hint: usize) -> Self {
        let mut writer = csv::WriterBuilder::new().from_writer(Vec::with_capacity(bytes_hint));
        writer.write_record(header).expect(IN_MEMORY);
        Table {
            name,
            writer,
            scratch: Vec::with_capacity(32),
        }
    }

    pub fn text(&mut self, value: &str) {
        self.writer.write_field(value).expect(IN_MEMORY);
    }

    pub fn empty(&mut self) {
        self.text("");
    }

    /// An id such as `C000123`: a letter and the number zero-padded to `width` digits.
    pub fn id(&mut self, prefix: char, number: usize, width: usize) {
        self.scratch.clear();
        write!(self.scratch, "{prefix}{number:0width$}").expect(IN_MEMORY);
        self.writer.write_field(&self.scratch).expect(IN_MEMORY);
    }

    pub fn integer(&mut self, value: i64) {
        self.scratch.clear();
        write!(self.scratch, "{value}").expect(IN_MEMORY);
        self.writer.write_field(&self.scratch).expect(IN_MEMORY);
    }

    /// A plain decimal with at most two decimals and no trailing zeros: `1234.5`, `80`.
    pub fn amount(&mut self, value: f64) {
        self.scratch.clear();
        push_amount(&mut self.scratch, value);
        self.writer.write_field(&self.scratch).expect(IN_MEMORY);
    }

    pub fn end_row(&mut self) {
        self.writer
            .write_record(std::iter::empty::<&[u8]>())
            .expect(IN_MEMORY);
    }

    pub fn finish(self) -> GeneratedFile {
        let bytes = self.writer.into_inner().expect(IN_MEMORY);
        GeneratedFile {
            name: self.name.to_string(),
            bytes,
        }
    }
}

/// Rounds to cents and writes without trailing zeros.
fn push_amount(out: &mut Vec<u8>, value: f64) {
    let cents = (value * 100.0).round() as i64;
    if cents < 0 {
        out.push(b'-');
    }
    let cents = cents.unsigned_abs();
    let (whole, fraction) = (cents / 100, cents % 100);
    write!(out, "{whole}").expect(IN_MEMORY);
    if fraction == 0 {
        return;
    }
    if fraction % 10 == 0 {
        write!(out, ".{}", fraction / 10).expect(IN_MEMORY);
    } else {
        write!(out, ".{fraction:02}").expect(IN_MEMORY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(value: f64) -> String {
        let mut out = Vec::new();
        push_amount(&mut out, value);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn amounts_have_two_decimals_at_most_and_no_trailing_zeros() {
        assert_eq!(amount(1234.5), "1234.5");
        assert_eq!(amount(1234.0), "1234");
        assert_eq!(amount(0.07), "0.07");
        assert_eq!(amount(19.999), "20");
        assert_eq!(amount(12.3456), "12.35");
        assert_eq!(amount(-2.5), "-2.5");
        assert_eq!(amount(-0.001), "0");
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        let mut table = Table::new("t.csv", &["id", "name"], 0);
        table.id('C', 42, 6);
        table.text("Acme, Inc.");
        table.end_row();
        table.integer(7);
        table.empty();
        table.end_row();
        let file = table.finish();
        assert_eq!(
            String::from_utf8(file.bytes).unwrap(),
            "id,name\nC000042,\"Acme, Inc.\"\n7,\n"
        );
    }
}
