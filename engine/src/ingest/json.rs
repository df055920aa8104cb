//! JSON: an array of objects (also the first such array inside an object, as APIs wrap
//! them: `{"records": […]}`, or one object per line). Nested objects become dotted columns
//! (`properties.dealname`); arrays are nested values, reported where a mapped column holds one.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::report::FileError;
use super::table::{Cell, HeadRow, Resume, Row, Source, Visit};

pub struct JsonSource {
    records: Vec<Value>,
    /// Each column's key path.
    paths: Vec<Vec<String>>,
}

impl JsonSource {
    pub fn parse(text: &[u8]) -> Result<Self, FileError> {
        let value: Value = match serde_json::from_slice(text) {
            Ok(v) => v,
            Err(e) => match json_lines(text) {
                Some(records) => Value::Array(records),
                None => {
                    return Err(FileError::InvalidJson {
                        detail: e.to_string(),
                    })
                }
            },
        };
        let records = match value {
            Value::Array(items) => items,
            Value::Object(map) => {
                let found = map.into_iter().find_map(|(_, v)| match v {
                    Value::Array(items) if items.iter().any(Value::is_object) => Some(items),
                    _ => None,
                });
                found.ok_or(FileError::NotJsonRecords {
                    what: "one object, not a list of records",
                })?
            }
            _ => {
                return Err(FileError::NotJsonRecords {
                    what: "a single value",
                })
            }
        };
        if !records.iter().any(Value::is_object) {
            return Err(FileError::NotJsonRecords {
                what: "an array without objects",
            });
        }
        let mut paths = Vec::new();
        let mut seen = HashSet::new();
        let mut prefix = Vec::new();
        for record in &records {
            if let Value::Object(map) = record {
                collect_paths(map, &mut prefix, &mut paths, &mut seen);
            }
        }
        Ok(Self { records, paths })
    }
}

/// One JSON object per line (NDJSON).
fn json_lines(text: &[u8]) -> Option<Vec<Value>> {
    let mut records = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Value>(line) {
            Ok(v @ Value::Object(_)) => records.push(v),
            _ => return None,
        }
    }
    (records.len() > 1).then_some(records)
}

fn collect_paths(
    map: &Map<String, Value>,
    prefix: &mut Vec<String>,
    paths: &mut Vec<Vec<String>>,
    seen: &mut HashSet<Vec<String>>,
) {
    // Deep nesting is a malformed export: stop flattening there (and never overflow the stack).
    for (key, value) in map {
        prefix.push(key.clone());
        match value {
            Value::Object(inner) if prefix.len() < 8 && !inner.is_empty() => {
                collect_paths(inner, prefix, paths, seen)
            }
            _ => {
                if seen.insert(prefix.clone()) {
                    paths.push(prefix.clone());
                }
            }
        }
        prefix.pop();
    }
}

pub struct JsonRow<'r> {
    record: &'r Value,
    paths: &'r [Vec<String>],
}

impl Row for JsonRow<'_> {
    fn len(&self) -> usize {
        self.paths.len()
    }

    fn malformed(&self) -> Option<(String, String)> {
        (!self.record.is_object()).then(|| {
            let mut text = self.record.to_string();
            truncate(&mut text);
            (text, "the row is not a JSON object".to_string())
        })
    }

    fn cell(&self, column: usize) -> Cell<'_> {
        let Some(path) = self.paths.get(column) else {
            return Cell::Empty;
        };
        let mut value = Some(self.record);
        for key in path {
            value = value.and_then(|v| v.as_object()).and_then(|o| o.get(key));
        }
        match value {
            None | Some(Value::Null) => Cell::Empty,
            Some(Value::String(s)) => Cell::from_text(s),
            Some(Value::Number(n)) => Cell::Owned(n.to_string()),
            Some(Value::Bool(b)) => Cell::Owned(b.to_string()),
            Some(v @ (Value::Array(_) | Value::Object(_))) => {
                let mut text = v.to_string();
                truncate(&mut text);
                Cell::Nested(text)
            }
        }
    }
}

/// Long JSON text cut to 200 bytes for the report.
fn truncate(text: &mut String) {
    if text.len() > 200 {
        let mut cut = 200;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push('…');
    }
}

impl Source for JsonSource {
    const RAGGED: bool = false;

    fn head(&self, _n: usize) -> Vec<HeadRow> {
        vec![HeadRow {
            cells: self.paths.iter().map(|p| p.join(".")).collect(),
            resume: Resume::Row(0),
        }]
    }

    fn rows_hint(&self, _header: &HeadRow) -> usize {
        self.records.len()
    }

    fn scan<V: Visit>(&self, _header: &HeadRow, visit: &mut V, _progress: &mut dyn FnMut(f64)) {
        for (i, record) in self.records.iter().enumerate() {
            let row = JsonRow {
                record,
                paths: &self.paths,
            };
            if row.malformed().is_none() && row.is_blank() {
                continue;
            }
            if visit.row(i + 2, &row).is_break() {
                break;
            }
        }
    }
}
