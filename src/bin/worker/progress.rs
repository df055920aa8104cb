//! Progress of a load as the worker reports it: the engine tells which file it parses and the
//! fraction done; this adds bytes and rows across all files.

use crate::protocol::{LoadProgress, Phase};

/// Counts the `\n` bytes of `bytes`, eight at a time.
pub fn count_newlines(bytes: &[u8]) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0u64;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // A byte of `x` is zero exactly where `bytes` holds '\n'; its high bit in `zero` is set
        // exactly then (no carry crosses bytes: each sum stays below 0x100).
        let x = u64::from_le_bytes(word) ^ (ONES * u64::from(b'\n'));
        let zero = !(((x & LOW7) + LOW7) | x) & HIGH;
        count += u64::from(zero.count_ones());
    }
    count + chunks.remainder().iter().filter(|&&b| b == b'\n').count() as u64
}

/// Follows the parse of one load and keeps its [`LoadProgress`] current.
#[derive(Debug)]
pub struct Tracker {
    pub progress: LoadProgress,
    /// The file being parsed: the engine's index, its size, whether rows can be counted, and
    /// the bytes counted so far.
    current: Option<Current>,
    /// Bytes and rows of the files parsed before it.
    bytes_before: u64,
    rows_before: u64,
    /// An Excel file was parsed: its rows are not counted, so the total is not shown.
    uncounted: bool,
}

#[derive(Debug)]
struct Current {
    index: usize,
    len: u64,
    text: bool,
    counted_to: usize,
    newlines: u64,
    /// The end was reached and the last line has no `\n`.
    unterminated: bool,
}

impl Current {
    /// Data rows passed: lines after the header, the last line counted once the end is reached.
    fn rows(&self) -> u64 {
        (self.newlines + u64::from(self.unterminated)).saturating_sub(1)
    }
}

impl Tracker {
    pub fn new(progress: LoadProgress) -> Tracker {
        Tracker {
            progress,
            current: None,
            bytes_before: 0,
            rows_before: 0,
            uncounted: false,
        }
    }

    /// The parser is at `fraction` (0–1) of the engine's file `index`, whose bytes are `bytes`.
    pub fn parsed(&mut self, index: usize, name: &str, bytes: &[u8], fraction: f64) {
        if self.current.as_ref().is_none_or(|c| c.index != index) {
            if let Some(done) = self.current.take() {
                self.bytes_before += done.len;
                if done.text {
                    self.rows_before += done.rows();
                }
            }
            // An .xlsx file is a zip archive: its bytes are no lines.
            let text = !bytes.starts_with(b"PK\x03\x04");
            self.uncounted |= !text;
            self.current = Some(Current {
                index,
                len: bytes.len() as u64,
                text,
                counted_to: 0,
                newlines: 0,
                unterminated: false,
            });
            self.progress.file = name.to_string();
        }
        self.progress.phase = Phase::Parsing;
        let Some(current) = self.current.as_mut() else {
            return;
        };
        let at = ((bytes.len() as f64 * fraction.clamp(0.0, 1.0)) as usize).min(bytes.len());
        if current.text && at > current.counted_to {
            current.newlines += count_newlines(&bytes[current.counted_to..at]);
            current.counted_to = at;
            current.unterminated = at == bytes.len() && bytes.last() != Some(&b'\n');
        }
        self.progress.bytes_parsed = self.bytes_before + at as u64;
        self.progress.rows = if current.text && !self.uncounted {
            Some(self.rows_before + current.rows())
        } else {
            None
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(bytes: &[u8]) -> u64 {
        bytes.iter().filter(|&&b| b == b'\n').count() as u64
    }

    #[test]
    fn newlines_are_counted_exactly() {
        // Every byte value, at every alignment, and lines of every length up to 20.
        let all: Vec<u8> = (0..=255u8).cycle().take(1000).collect();
        for start in 0..9 {
            assert_eq!(count_newlines(&all[start..]), naive(&all[start..]));
        }
        let mut lines = Vec::new();
        for len in 0..20 {
            lines.extend(std::iter::repeat_n(b'x', len));
            lines.push(b'\n');
        }
        assert_eq!(count_newlines(&lines), 20);
        assert_eq!(count_newlines(b""), 0);
        assert_eq!(count_newlines(b"\n\n\n\n\n\n\n\n\n"), 9);
        assert_eq!(count_newlines(&[0x8a; 16]), 0);
    }

    #[test]
    fn rows_and_bytes_add_up_across_files() {
        let a = b"id,x\n1,a\n2,b\n3,c\n";
        let b = b"h\n1\n2";
        let mut t = Tracker::new(LoadProgress {
            parse_total: (a.len() + b.len()) as u64,
            ..LoadProgress::default()
        });
        t.parsed(0, "a.csv", a, 0.5);
        assert_eq!(t.progress.phase, Phase::Parsing);
        assert_eq!(t.progress.file, "a.csv");
        assert_eq!(t.progress.bytes_parsed, (a.len() / 2) as u64);
        t.parsed(0, "a.csv", a, 1.0);
        assert_eq!(t.progress.rows, Some(3));
        t.parsed(1, "b.csv", b, 1.0);
        assert_eq!(t.progress.file, "b.csv");
        assert_eq!(
            t.progress.rows,
            Some(5),
            "the unterminated last line is a row"
        );
        assert_eq!(t.progress.bytes_parsed, (a.len() + b.len()) as u64);
    }

    #[test]
    fn excel_rows_are_not_guessed() {
        let mut t = Tracker::new(LoadProgress::default());
        t.parsed(0, "deals.xlsx", b"PK\x03\x04\n\n\n", 1.0);
        assert_eq!(t.progress.rows, None);
        assert_eq!(t.progress.bytes_parsed, 7);
    }
}
