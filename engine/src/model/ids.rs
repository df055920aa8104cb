//! A column of distinct short strings (deal ids): the text end to end with where each ends, so
//! that a million ids are two allocations, not a million.

use std::ops::Index;

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Ids {
    text: String,
    /// The end of each id in `text`.
    #[serde(with = "super::packed")]
    ends: Vec<u32>,
}

impl Ids {
    pub fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len() as u32);
    }

    pub fn get(&self, row: usize) -> Option<&str> {
        let end = *self.ends.get(row)? as usize;
        let start = match row {
            0 => 0,
            _ => self.ends[row - 1] as usize,
        };
        self.text.get(start..end)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Room for `rows` more ids as long as those so far (of about ten bytes before any), and
    /// no more: the room is not doubled.
    pub fn reserve(&mut self, rows: usize) {
        self.ends.reserve_exact(rows);
        self.text.reserve_exact(rows * self.mean_len());
    }

    /// Whether [`Ids::reserve`] of `rows` would add no room.
    pub fn has_room(&self, rows: usize) -> bool {
        self.ends.capacity() - self.ends.len() >= rows
            && self.text.capacity() - self.text.len() >= rows * self.mean_len()
    }

    /// Bytes an id takes, rounded up.
    fn mean_len(&self) -> usize {
        match self.len() {
            0 => 10,
            n => self.text.len().div_ceil(n),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|row| &self[row])
    }
}

impl<'a> FromIterator<&'a str> for Ids {
    fn from_iter<I: IntoIterator<Item = &'a str>>(ids: I) -> Self {
        let mut out = Ids::default();
        for id in ids {
            out.push(id);
        }
        out
    }
}

impl Index<usize> for Ids {
    type Output = str;

    fn index(&self, row: usize) -> &str {
        self.get(row).expect("row within the column")
    }
}

impl<const N: usize> PartialEq<[&str; N]> for Ids {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == *b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_end_to_end() {
        let mut ids = Ids::default();
        for id in ["D1", "", "Д-20", "x"] {
            ids.push(id);
        }
        assert_eq!(ids.len(), 4);
        assert_eq!(ids, ["D1", "", "Д-20", "x"]);
        assert_eq!(&ids[2], "Д-20");
        assert_eq!(ids.get(4), None);
    }
}
