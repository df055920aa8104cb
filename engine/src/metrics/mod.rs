//! One file per metric family of `METRICS.md`: pure functions over the columnar tables and a
//! `Selection`. "No value" is `None`, never 0 or NaN.

pub mod abc;
pub mod channel;
pub mod clv;
pub mod cohort;
pub mod deals;
pub mod funnel;
pub mod lifecycle;
pub mod nps;
pub mod owner;
pub mod period;
pub mod pipeline;
pub mod purchases;
pub mod repurchase;
pub mod settings;
pub mod stats;
pub mod warnings;

pub use settings::Settings;
