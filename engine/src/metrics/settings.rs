//! The parameters a user can change, with the defaults of `METRICS.md`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbcMode {
    RevenueShare,
    CustomerRank,
}

/// ABC thresholds in percent: 80 / 95 by revenue share, 20 / 50 by customer rank.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AbcSettings {
    pub mode: AbcMode,
    pub a: u32,
    pub b: u32,
}

impl AbcSettings {
    pub fn revenue_share() -> Self {
        AbcSettings {
            mode: AbcMode::RevenueShare,
            a: 80,
            b: 95,
        }
    }

    pub fn customer_rank() -> Self {
        AbcSettings {
            mode: AbcMode::CustomerRank,
            a: 20,
            b: 50,
        }
    }
}

impl Default for AbcSettings {
    fn default() -> Self {
        Self::revenue_share()
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CohortGrain {
    #[default]
    Month,
    Week,
    Quarter,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub abc: AbcSettings,
    /// Churn window W in days.
    pub churn_window: i32,
    /// Stalled after strictly more than this many days without activity.
    pub stalled_days: i32,
    pub cohort_grain: CohortGrain,
    /// NPS over the latest response per customer within the period only.
    pub nps_latest_only: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            abc: AbcSettings::default(),
            churn_window: 180,
            stalled_days: 7,
            cohort_grain: CohortGrain::Month,
            nps_latest_only: false,
        }
    }
}
