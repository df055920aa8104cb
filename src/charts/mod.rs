//! Charts are data: one pure builder per chart (`&Report` or a part of it → `charming::Chart`),
//! tested natively by serialising the chart to JSON, and one `<EChart/>` component that draws any
//! of them. File text reaches a chart only as data: see [`escape`].

mod channels;
mod cohorts;
mod common;
mod deals_trend;
mod echart;
pub mod escape;
mod funnel;
mod funnel_current;
mod lifecycle;
mod loader;
mod lost_reasons;
mod nps_breakdown;
mod nps_split;
mod nps_trend;
mod palette;
mod pareto;
mod pipeline;
mod revenue_trend;

pub use channels::{channel_label, channels_chart, has_spend};
pub use cohorts::{cohort_cell, cohort_chart, CohortMode};
pub use deals_trend::deals_trend_chart;
pub use echart::{ChartClick, EChart};
pub use funnel::funnel_chart;
pub use funnel_current::{current_kind, current_stage_chart, CurrentKind};
pub use lifecycle::{lifecycle_chart, state_counts, state_label, STATES};
pub use lost_reasons::lost_reasons_chart;
pub use nps_breakdown::nps_breakdown_chart;
pub use nps_split::{nps_split_chart, CATEGORIES as NPS_CATEGORIES};
pub use nps_trend::nps_trend_chart;
pub use pareto::{pareto_chart, CUMULATIVE_SERIES};
pub use pipeline::pipeline_chart;
pub use revenue_trend::revenue_trend_chart;
