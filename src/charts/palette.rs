//! Colours the chart builders set themselves, where a colour means something (won is green,
//! detractors are red). Everything else (text, axes, the series order) comes from the ECharts
//! theme of the page's light or dark theme. They read on both backgrounds.

/// Revenue and money series.
pub const REVENUE: &str = "#2f6fdf";
/// Deal counts.
pub const DEALS: &str = "#e8833a";
/// Axis labels and secondary text.
pub const MUTED: &str = "#5b6475";
/// Won deals, promoters, healthy states.
pub const GOOD: &str = "#2a9d6f";
/// Lost deals, detractors, churned customers.
pub const BAD: &str = "#d6455a";
/// Passives, dormant customers: neither good nor bad.
pub const NEUTRAL: &str = "#b8921a";
/// Marketing spend.
pub const SPEND: &str = "#8e5ad0";
/// Prospects and other secondary series.
pub const SECONDARY: &str = "#6b7a90";
/// Lines drawn over bars (cumulative share, conversion).
pub const LINE: &str = "#1597ad";

/// The colour of an ABC tier.
pub fn tier(tier: &str) -> &'static str {
    match tier {
        "A" => "#2f6fdf",
        "B" => "#7fa7ee",
        _ => "#b9c3d6",
    }
}

/// The colours of a retention heatmap, low to high.
pub const HEAT: [&str; 3] = ["#eef3fc", "#7fa7ee", "#1f4fae"];
