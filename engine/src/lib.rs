//! Dealscope's engine: the columnar data model, import, metrics and the request/response
//! boundary that the app, its Web Worker and the `dealscope` command line share.
//! No web dependency: everything here compiles and tests natively.

pub mod api;
pub mod cli;
pub mod export;
pub mod generate;
pub mod ingest;
pub mod metrics;
pub mod model;
pub mod query;
pub mod report;
