//! The KPI tiles of the testing contract: one `Option<f64>` per id, `None` where there is no value.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tiles {
    pub revenue: Option<f64>,
    pub won_deals: Option<f64>,
    pub win_rate: Option<f64>,
    pub avg_deal_size: Option<f64>,
    pub sales_cycle_median: Option<f64>,
    pub pipeline_value: Option<f64>,
    pub stalled_deals: Option<f64>,
    pub nps: Option<f64>,
    pub active_customers: Option<f64>,
    pub churn_rate: Option<f64>,
    pub repurchase_rate: Option<f64>,
    pub clv: Option<f64>,
    pub a_tier_revenue_share: Option<f64>,
}

impl Tiles {
    /// The tiles in display order, by id.
    pub fn entries(&self) -> Vec<(&'static str, Option<f64>)> {
        vec![
            ("revenue", self.revenue),
            ("won_deals", self.won_deals),
            ("win_rate", self.win_rate),
            ("avg_deal_size", self.avg_deal_size),
            ("sales_cycle_median", self.sales_cycle_median),
            ("pipeline_value", self.pipeline_value),
            ("stalled_deals", self.stalled_deals),
            ("nps", self.nps),
            ("active_customers", self.active_customers),
            ("churn_rate", self.churn_rate),
            ("repurchase_rate", self.repurchase_rate),
            ("clv", self.clv),
            ("a_tier_revenue_share", self.a_tier_revenue_share),
        ]
    }
}
