//! The dashboard's panels: one component per file, each rendering a part of the engine's
//! `Report` (the app computes no metric), with its info button, its charts and tables, and the
//! picks its clicks make.

mod abc_panel;
mod channels_panel;
mod cohorts_panel;
pub mod fmt;
mod funnel_panel;
mod lifecycle_panel;
mod lost_reasons_panel;
mod missing_input;
mod nps_panel;
mod owners_panel;
mod panel;
mod panel_grid;
mod pipeline_panel;
mod staged;
mod stalled_panel;
mod trend_panel;
mod warnings_panel;

pub use abc_panel::AbcPanel;
pub use channels_panel::ChannelsPanel;
pub use cohorts_panel::CohortsPanel;
pub use funnel_panel::FunnelPanel;
pub use lifecycle_panel::LifecyclePanel;
pub use lost_reasons_panel::LostReasonsPanel;
pub use missing_input::{Input, MissingInput};
pub use nps_panel::NpsPanel;
pub use owners_panel::OwnersPanel;
pub use panel::Panel;
pub use panel_grid::PanelGrid;
pub use pipeline_panel::PipelinePanel;
pub use staged::Staged;
pub use stalled_panel::StalledPanel;
pub use trend_panel::TrendPanel;
pub use warnings_panel::WarningsPanel;
