//! Dictionary-encoded text: a `u32` code per row and the list of distinct values.

use super::hash::FastMap;

use serde::{Deserialize, Serialize};

/// The code of an empty cell.
pub const NULL: u32 = u32::MAX;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DictColumn {
    #[serde(with = "super::packed")]
    pub codes: Vec<u32>,
    pub values: Vec<String>,
}

impl DictColumn {
    pub fn get(&self, row: usize) -> Option<&str> {
        self.value(self.codes[row])
    }

    pub fn value(&self, code: u32) -> Option<&str> {
        (code != NULL).then(|| self.values[code as usize].as_str())
    }

    /// The code of a value, matched exactly (filters match case-sensitively).
    pub fn code_of(&self, value: &str) -> Option<u32> {
        self.values
            .iter()
            .position(|v| v == value)
            .map(|i| i as u32)
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

/// Builds a `DictColumn`, trimming values; empty cells become `NULL`.
///
/// With `case_insensitive`, values that differ only in case share one code and keep the
/// first spelling seen (stage names, `METRICS.md` "Matching").
#[derive(Debug, Default)]
pub struct DictBuilder {
    column: DictColumn,
    lookup: FastMap<Box<str>, u32>,
    case_insensitive: bool,
}

impl DictBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn case_insensitive() -> Self {
        Self {
            case_insensitive: true,
            ..Self::default()
        }
    }

    /// The code for `value` (interned if new), without pushing a row.
    pub fn intern(&mut self, value: &str) -> u32 {
        let value = value.trim();
        if value.is_empty() {
            return NULL;
        }
        let lower;
        let key = if self.case_insensitive {
            lower = value.to_lowercase();
            lower.as_str()
        } else {
            value
        };
        if let Some(&code) = self.lookup.get(key) {
            return code;
        }
        let code = self.column.values.len() as u32;
        self.column.values.push(value.to_string());
        self.lookup.insert(key.into(), code);
        code
    }

    /// A new code for `value` (trimmed), not looked up: for values mostly distinct.
    pub fn append(&mut self, value: &str) -> u32 {
        let value = value.trim();
        if value.is_empty() {
            return NULL;
        }
        self.column.values.push(value.to_string());
        (self.column.values.len() - 1) as u32
    }

    pub fn push(&mut self, value: Option<&str>) -> u32 {
        let code = value.map_or(NULL, |v| self.intern(v));
        self.column.codes.push(code);
        code
    }

    pub fn push_code(&mut self, code: u32) {
        self.column.codes.push(code);
    }

    pub fn len(&self) -> usize {
        self.column.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.column.codes.is_empty()
    }

    pub fn finish(self) -> DictColumn {
        self.column
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_trimmed_values_and_nulls() {
        let mut b = DictBuilder::new();
        for v in [Some(" East"), Some("West"), None, Some("East "), Some("  ")] {
            b.push(v);
        }
        let col = b.finish();
        assert_eq!(col.values, ["East", "West"]);
        assert_eq!(col.codes, [0, 1, NULL, 0, NULL]);
        assert_eq!(col.get(3), Some("East"));
        assert_eq!(col.get(2), None);
        assert_eq!(col.code_of("east"), None);
    }

    #[test]
    fn case_insensitive_keeps_first_spelling() {
        let mut b = DictBuilder::case_insensitive();
        b.push(Some("Closed Won"));
        b.push(Some("closed won"));
        let col = b.finish();
        assert_eq!(col.values, ["Closed Won"]);
        assert_eq!(col.codes, [0, 0]);
    }
}
