//! Typed columnar tables: dictionary-encoded text, dates as day numbers, amounts as `f64`.

pub mod day;
pub mod dict;
pub mod hash;
pub mod ids;
pub mod packed;
pub mod tables;

pub use day::{Dates, Day, NO_DAY};
pub use dict::{DictBuilder, DictColumn, NULL};
pub use ids::Ids;
pub use tables::{Customers, Dataset, Deals, Orders, Spend, Status, Surveys};
