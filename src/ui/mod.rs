//! The views: one component per file, named after it.

mod app;
mod app_header;
mod compact_switch;
mod demo_banner;
mod explain;
mod file_input;
pub mod filters;
pub mod import;
mod import_report;
mod kpi_tile;
mod lang_switch;
pub mod panels;
pub mod present;
mod progress;
pub mod share;
pub mod table;
pub mod theme;
mod theme_switch;

pub use app::App;
pub use app_header::AppHeader;
pub use compact_switch::CompactSwitch;
pub use demo_banner::DemoBanner;
pub use explain::Explain;
pub use file_input::FileInput;
pub use filters::FilterBar;
pub use import_report::ImportReport;
pub use kpi_tile::KpiTile;
pub use lang_switch::LangSwitch;
pub use panels::PanelGrid;
pub use progress::Progress;
pub use share::{DataUrlErrors, ShareBar};
pub use table::DrillBar;
pub use theme_switch::ThemeSwitch;
