//! Segment filters and the row selections they produce (`METRICS.md` "Period, as-of date,
//! comparison"). Metrics take a `Selection` and never copy the tables.

pub mod drill;
pub mod filters;
pub mod selection;

pub use filters::{Filters, Period};
pub use selection::{select, Selection};
