//! Colours shared by the chart builders (the light theme; style/base.css uses the same values).

/// Revenue and money series.
pub const REVENUE: &str = "#2f6fdf";
/// Deal counts.
pub const DEALS: &str = "#e8833a";
/// Axis labels and secondary text.
pub const MUTED: &str = "#5b6475";
