//! One file per metric family of `METRICS.md`: pure functions over the columnar tables and a
//! `Selection`. "No value" is `None`, never 0 or NaN.

pub mod settings;
pub mod stats;

pub use settings::Settings;
