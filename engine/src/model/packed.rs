//! Columns in a binary form (a file's tail passed between threads, `ingest::split`) as one
//! block of little-endian bytes each: a million numbers are read in one copy, not in a million
//! small reads. Human-readable forms (JSON) keep the plain list.
//!
//! Use with `#[serde(with = "crate::model::packed")]` on a `Vec` of numbers or statuses (a
//! list of strings is an [`Ids`](super::Ids), whose ends are packed).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::tables::Status;

/// A value of a fixed number of bytes.
pub trait Packed: Sized + Serialize + for<'de> Deserialize<'de> {
    const SIZE: usize;
    fn put(&self, out: &mut Vec<u8>);
    /// The value of `bytes` ([`Packed::SIZE`] long), `None` if they hold none.
    fn take(bytes: &[u8]) -> Option<Self>;
}

macro_rules! packed_number {
    ($($t:ty),*) => {$(
        impl Packed for $t {
            const SIZE: usize = std::mem::size_of::<$t>();
            fn put(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn take(bytes: &[u8]) -> Option<Self> {
                Some(<$t>::from_le_bytes(bytes.try_into().ok()?))
            }
        }
    )*};
}

packed_number!(u32, i32, f64);

impl Packed for Status {
    const SIZE: usize = 1;
    fn put(&self, out: &mut Vec<u8>) {
        out.push(match self {
            Status::Open => 0,
            Status::Won => 1,
            Status::Lost => 2,
        });
    }
    fn take(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0] => Some(Status::Open),
            [1] => Some(Status::Won),
            [2] => Some(Status::Lost),
            _ => None,
        }
    }
}

pub fn serialize<T: Packed, S: Serializer>(values: &[T], serializer: S) -> Result<S::Ok, S::Error> {
    if serializer.is_human_readable() {
        return values.serialize(serializer);
    }
    let mut bytes = Vec::with_capacity(values.len() * T::SIZE);
    for value in values {
        value.put(&mut bytes);
    }
    serializer.serialize_bytes(&bytes)
}

pub fn deserialize<'de, T: Packed, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    if deserializer.is_human_readable() {
        return Vec::deserialize(deserializer);
    }
    deserializer.deserialize_byte_buf(Block(PhantomData))
}

/// Reads a block of bytes as values of `T`.
struct Block<T>(PhantomData<T>);

impl<T: Packed> Visitor<'_> for Block<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a block of values of {} bytes each", T::SIZE)
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Vec<T>, E> {
        if !bytes.len().is_multiple_of(T::SIZE) {
            return Err(E::invalid_length(bytes.len(), &self));
        }
        // Sized first: collecting `Result`s would grow the vector by doubling.
        let mut values = Vec::with_capacity(bytes.len() / T::SIZE);
        for value in bytes.chunks_exact(T::SIZE) {
            values.push(T::take(value).ok_or_else(|| E::custom("a value out of range"))?);
        }
        Ok(values)
    }

    fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Vec<T>, E> {
        self.visit_bytes(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ids;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Columns {
        #[serde(with = "super")]
        codes: Vec<u32>,
        #[serde(with = "super")]
        days: Vec<i32>,
        #[serde(with = "super")]
        amounts: Vec<f64>,
        #[serde(with = "super")]
        status: Vec<Status>,
        names: Ids,
    }

    fn columns() -> Columns {
        Columns {
            codes: vec![0, 7, u32::MAX],
            days: vec![-3, 0, i32::MAX],
            amounts: vec![1.5, -0.0, f64::MAX],
            status: vec![Status::Won, Status::Open, Status::Lost],
            names: ["Acme", "", "Zoë"].into_iter().collect(),
        }
    }

    #[test]
    fn binary_round_trip_is_exact_and_packed() {
        let bytes = bincode::serialize(&columns()).unwrap();
        assert_eq!(bincode::deserialize::<Columns>(&bytes).unwrap(), columns());
        let reader = std::io::BufReader::new(bytes.as_slice());
        assert_eq!(
            bincode::deserialize_from::<_, Columns>(reader).unwrap(),
            columns()
        );
        // Each block is its length (8 bytes) and its values; the strings are one text (8 + 8
        // bytes: "ë" is two) and three ends.
        let expected = (8 + 12) + (8 + 12) + (8 + 24) + (8 + 3) + (8 + 8) + (8 + 12);
        assert_eq!(bytes.len(), expected);
    }

    #[test]
    fn json_keeps_plain_lists() {
        let json = serde_json::to_string(&columns()).unwrap();
        assert!(json.contains(r#""codes":[0,7,4294967295]"#), "{json}");
        assert!(json.contains(r#""status":["won","open","lost"]"#), "{json}");
        assert_eq!(serde_json::from_str::<Columns>(&json).unwrap(), columns());
    }

    #[test]
    fn a_bad_block_is_an_error() {
        let mut bytes = bincode::serialize(&columns()).unwrap();
        // The first status byte (after the three number blocks and the status block's length).
        bytes[(8 + 12) + (8 + 12) + (8 + 24) + 8] = 9;
        assert!(bincode::deserialize::<Columns>(&bytes).is_err());
        let odd = bincode::serialize(&(5u64, [0u8; 5])).unwrap();
        assert!(bincode::deserialize::<Columns>(&odd).is_err());
    }
}
