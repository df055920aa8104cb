//! What a file is, from its first bytes: a text table, an Excel workbook, JSON, or something
//! Dealscope cannot read (with a message that says what it is and what to do).

use super::report::FileError;

/// The readable formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// CSV, TSV or any delimited text, in any of the encodings of `decode`.
    Text,
    /// A ZIP container: an `.xlsx` workbook if calamine can open it.
    Xlsx,
    /// Text that starts with `[` or `{`, or a file named `.json`.
    Json,
}

/// The byte-order mark of a text file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bom {
    None,
    Utf8,
    Utf16Le,
    Utf16Be,
}

pub fn bom(bytes: &[u8]) -> Bom {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => Bom::Utf8,
        [0xFF, 0xFE, ..] => Bom::Utf16Le,
        [0xFE, 0xFF, ..] => Bom::Utf16Be,
        _ => Bom::None,
    }
}

/// Binary formats people drop by mistake, by magic number.
const MAGIC: [(&[u8], &str); 10] = [
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1F\x8B", "a gzip-compressed file (unpack it first)"),
    (b"Rar!", "a RAR archive (unpack it first)"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive (unpack it first)"),
    (b"\x7FELF", "a program"),
    (b"\0asm", "a WebAssembly module"),
    (b"SQLite format 3\0", "an SQLite database"),
];

/// Decides the format, or says why the file cannot be read.
pub fn sniff(name: &str, bytes: &[u8]) -> Result<Format, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(Format::Xlsx);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(FileError::OldExcel);
    }
    let bom = bom(bytes);
    if bom == Bom::None {
        if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
            return Err(FileError::OtherFormat { what });
        }
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if matches!(bom, Bom::None | Bom::Utf8) && utf16_without_bom(sample).is_none() {
        let controls = sample
            .iter()
            .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A | 0x1B))
            .count();
        if sample.contains(&0) || controls > sample.len() / 50 {
            return Err(FileError::Binary);
        }
        let start = first_text(sample);
        if start.starts_with(b"<") {
            return Err(markup_error(start));
        }
        let lower = name.to_ascii_lowercase();
        if [".json", ".jsonl", ".ndjson"]
            .iter()
            .any(|ext| lower.ends_with(ext))
            || start.starts_with(b"[")
            || start.starts_with(b"{")
        {
            return Ok(Format::Json);
        }
    }
    Ok(Format::Text)
}

/// The sample without a UTF-8 BOM and leading whitespace.
fn first_text(sample: &[u8]) -> &[u8] {
    let s = sample.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(sample);
    let start = s
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(s.len());
    &s[start..]
}

fn markup_error(start: &[u8]) -> FileError {
    let head: Vec<u8> = start
        .iter()
        .take(4096)
        .map(u8::to_ascii_lowercase)
        .collect();
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"urn:schemas-microsoft-com:office:spreadsheet") {
        FileError::ExcelXml
    } else if has(b"<html") || has(b"<!doctype html") || has(b"<table") {
        FileError::Html
    } else {
        FileError::Markup
    }
}

/// UTF-16 text without a BOM shows a NUL in every other byte (for ASCII-range text).
pub fn utf16_without_bom(sample: &[u8]) -> Option<Bom> {
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even_nul += usize::from(pair[0] == 0);
        odd_nul += usize::from(pair[1] == 0);
    }
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 <= pairs {
        Some(Bom::Utf16Le)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 <= pairs {
        Some(Bom::Utf16Be)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(sniff("a.csv", b"a,b\n1,2\n"), Ok(Format::Text));
        assert_eq!(sniff("a.txt", b"\xEF\xBB\xBFa,b\n"), Ok(Format::Text));
        assert_eq!(sniff("a.csv", b"\xFF\xFEa\0,\0b\0"), Ok(Format::Text));
        assert_eq!(sniff("a.csv", b"a\0,\0b\0\n\0"), Ok(Format::Text));
        assert_eq!(sniff("a.x", b" [{\"a\":1}]"), Ok(Format::Json));
        assert_eq!(sniff("a.json", b"oops"), Ok(Format::Json));
        assert_eq!(sniff("a.xlsx", b"PK\x03\x04rest"), Ok(Format::Xlsx));
    }

    #[test]
    fn refusals() {
        assert_eq!(sniff("a.csv", b""), Err(FileError::Empty));
        let pdf = FileError::OtherFormat {
            what: "a PDF document",
        };
        assert_eq!(sniff("a.csv", b"%PDF-1.7"), Err(pdf));
        let xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
        assert_eq!(sniff("a.xls", xls), Err(FileError::OldExcel));
        assert_eq!(sniff("a.xls", b"<html><table>"), Err(FileError::Html));
        assert_eq!(
            sniff("a.xml", b"<?xml version=\"1.0\"?><a/>"),
            Err(FileError::Markup)
        );
        assert_eq!(
            sniff("a.bin", b"\x01\x02\x03\x00\x05"),
            Err(FileError::Binary)
        );
    }
}
