//! Charts are data: one pure builder per chart (`&Report -> charming::Chart`), tested natively by
//! serialising the chart to JSON, and one `<EChart/>` component that draws any of them.

mod echart;
mod palette;
mod revenue_trend;

pub use echart::EChart;
pub use revenue_trend::revenue_trend_chart;
