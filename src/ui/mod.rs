//! The views: one component per file, named after it.

mod app;
mod demo_banner;
mod file_input;
mod import_report;
mod kpi_tile;

pub use app::App;
pub use demo_banner::DemoBanner;
pub use file_input::FileInput;
pub use import_report::ImportReport;
pub use kpi_tile::KpiTile;
