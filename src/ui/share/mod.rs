//! Sharing and keeping the dashboard: the share bar (present, print to PDF, clear stored data),
//! the notes about `?data=` files that could not be fetched and storage that failed, and the
//! chart and table exports.

mod chart_png;
mod data_url_errors;
pub mod export;
mod share_bar;
mod table_csv_menu;

pub use chart_png::ChartPng;
pub use data_url_errors::DataUrlErrors;
pub use share_bar::ShareBar;
pub use table_csv_menu::TableCsvMenu;
