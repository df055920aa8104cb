//! Drill-down: the rows behind a number the dashboard shows (`PRODUCT.md` "What it shows":
//! "clicking a chart element […] filters or drills down to a table of the rows behind it").
//!
//! A [`DrillTarget`] names what was clicked; [`Drill::rows`] returns the deal rows, customer
//! codes or survey rows behind it, always on the selection of every active filter
//! (`query::select`) and through the metric modules' own row helpers, so that a drill-down's
//! count is the number it was opened from. [`RowTable`] then serves those rows to a table by
//! range, sorted and searched, and writes them as CSV.
//!
//! What each target holds (the period is the query's, T its last day):
//! - `FunnelStage`: deals created in the period whose furthest stage is at or after the step
//!   (`metrics::funnel::rows_reaching`); its count is the step's `reached`.
//! - `LostReason`: lost deals closed in the period with that reason, "Unspecified" for none
//!   (`metrics::deals::lost_rows`).
//! - `PipelineStage`: open deals created on or before T in that open stage
//!   (`metrics::pipeline::open_rows`).
//! - `CohortCell { cohort, k }`: customers of cohort `cohort` with an occasion in bucket
//!   `cohort + k` on or before T (the numerator of the cell).
//! - `Tier`: the customers of that tier in the configured ABC mode, best first.
//! - `NpsCategory`: the responses the period's NPS counts with that category
//!   (`metrics::nps::response_rows`).
//! - `Lifecycle`: customers in that state as of T (`new`, `active`, `dormant`, `churned`,
//!   `prospects`).
//! - `Channel` / `Owner`: the deals behind that row of the channel table or owner leaderboard:
//!   created or closed in the period (owners: or stalled as of T), by the deal's channel falling
//!   back to its customer's, or by the deal's owner; `None` is "no channel" / "no owner".
//! - `Stalled`, `Won`, `Lost`: the deals of those tiles, stalled ones longest idle first.
//! - `AllDeals`: deals created in the period. `AllCustomers`: every customer the filters keep.

mod table;

use std::cell::OnceCell;

use serde::{Deserialize, Serialize};

pub use table::{Column, ColumnKind, RowTable, Sort};

use crate::metrics::abc::{self, Tier};
use crate::metrics::channel::ChannelKeys;
use crate::metrics::cohort;
use crate::metrics::deals;
use crate::metrics::funnel::{self, StageOrder};
use crate::metrics::lifecycle::{self, State};
use crate::metrics::nps::{self, Category};
use crate::metrics::pipeline;
use crate::metrics::purchases::Occasions;
use crate::metrics::Settings;
use crate::model::{Dataset, NULL};
use crate::query::{select, Filters, Period, Selection};

/// What was clicked: a chart element or a tile (mirrors the app's `Pick`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DrillTarget {
    /// A funnel step, by its label (matched case-insensitively after trimming).
    FunnelStage {
        stage: String,
    },
    /// A lost reason as the report lists it ("Unspecified" for none).
    LostReason(String),
    /// An open stage of the pipeline (matched case-insensitively after trimming).
    PipelineStage(String),
    /// A cohort by its label (`2024-03`, `2024-W05`, `2024-Q1`) and the bucket offset `k`.
    CohortCell {
        cohort: String,
        k: usize,
    },
    /// `A`, `B` or `C`.
    Tier(String),
    /// `promoter(s)`, `passive(s)` or `detractor(s)`.
    NpsCategory(String),
    /// `new`, `active`, `dormant`, `churned` or `prospect(s)`.
    Lifecycle(String),
    /// A channel; `None` for deals without one.
    Channel(Option<String>),
    /// An owner; `None` for deals without one.
    Owner(Option<String>),
    Stalled,
    Won,
    Lost,
    AllDeals,
    AllCustomers,
}

/// What a drill-down's rows are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// Rows of `Dataset::deals`.
    Deals,
    /// Customer codes.
    Customers,
    /// Rows of `Dataset::surveys`.
    Responses,
}

/// The rows behind a target, in their natural order (file order unless the target has one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DrillRows {
    pub kind: RowKind,
    pub rows: Vec<u32>,
}

impl DrillRows {
    fn deals(rows: Vec<u32>) -> DrillRows {
        DrillRows {
            kind: RowKind::Deals,
            rows,
        }
    }

    fn customers(rows: Vec<u32>) -> DrillRows {
        DrillRows {
            kind: RowKind::Customers,
            rows,
        }
    }
}

/// What the app shows above a drill-down table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DrillInfo {
    pub target: DrillTarget,
    pub kind: RowKind,
    pub columns: Vec<Column>,
    /// Rows behind the target.
    pub total: usize,
}

/// One window of a drill-down table's current view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DrillPage {
    /// Position of `rows[0]` in the view.
    pub start: usize,
    /// Cells as text, one `Vec` per row, in column order.
    pub rows: Vec<Vec<String>>,
    /// Rows of the view (those matching `search`).
    pub matching: usize,
    /// Rows behind the target.
    pub total: usize,
    /// The view's order and search, so a late page of an older view can be told apart.
    pub sort: Option<Sort>,
    pub search: String,
}

/// The data and query a drill-down is made on: the dashboard's.
#[derive(Clone, Copy, Debug)]
pub struct Drill<'a> {
    pub data: &'a Dataset,
    /// The stage order detected on all loaded deals (`report::Prepared::order`).
    pub order: &'a StageOrder,
    pub period: Period,
    pub filters: &'a Filters,
    pub settings: &'a Settings,
}

impl Drill<'_> {
    /// The rows behind `target`, on the rows the filters keep.
    pub fn rows(&self, target: &DrillTarget) -> DrillRows {
        let sel = select(self.data, self.filters, self.period);
        self.rows_of(&sel, &OnceCell::new(), target)
    }

    /// The rows behind `target` as a table.
    pub fn table(&self, target: &DrillTarget) -> RowTable {
        let sel = select(self.data, self.filters, self.period);
        let occ = OnceCell::new();
        let rows = self.rows_of(&sel, &occ, target);
        match rows.kind {
            RowKind::Deals => RowTable::deals(self.data, rows.rows),
            RowKind::Customers => {
                let occ = occ.get_or_init(|| Occasions::build(self.data, &sel));
                RowTable::customers(self.data, occ, self.period, rows.rows)
            }
            RowKind::Responses => RowTable::responses(self.data, rows.rows),
        }
    }

    /// `occ` holds the selection's occasions once a target needs them.
    fn rows_of(
        &self,
        sel: &Selection,
        occ: &OnceCell<Occasions>,
        target: &DrillTarget,
    ) -> DrillRows {
        let (data, period) = (self.data, self.period);
        let deals = &data.deals;
        let occ = || occ.get_or_init(|| Occasions::build(data, sel));
        match target {
            DrillTarget::FunnelStage { stage } => {
                let steps = self.order.steps();
                DrillRows::deals(match steps.iter().position(|s| same_stage(s, stage)) {
                    Some(step) => funnel::rows_reaching(data, sel, period, self.order, step),
                    None => Vec::new(),
                })
            }
            DrillTarget::LostReason(reason) => {
                let mut rows = deals::lost_rows(data, sel, period);
                rows.retain(|&r| {
                    deals.lost_reason.get(r as usize).unwrap_or(UNSPECIFIED) == reason.trim()
                });
                DrillRows::deals(rows)
            }
            DrillTarget::PipelineStage(stage) => {
                let open = &self.order.open_stages;
                let step = open.iter().position(|s| same_stage(s, stage));
                let mut rows = pipeline::open_rows(data, sel, period);
                rows.retain(|&r| {
                    step.is_some() && self.order.open_step(deals.stage.codes[r as usize]) == step
                });
                DrillRows::deals(rows)
            }
            DrillTarget::CohortCell { cohort: label, k } => {
                DrillRows::customers(self.cohort_cell(occ(), label, *k))
            }
            DrillTarget::Tier(tier) => {
                let rows = match Tier::parse(tier) {
                    Some(tier) => abc::compute(data, sel, period, &self.settings.abc)
                        .ranked
                        .iter()
                        .filter(|r| r.tier == tier)
                        .map(|r| r.code)
                        .collect(),
                    None => Vec::new(),
                };
                DrillRows::customers(rows)
            }
            DrillTarget::NpsCategory(category) => {
                let rows = match (Category::parse(category), &data.surveys) {
                    (Some(category), Some(s)) => {
                        let mut rows = nps::response_rows(data, sel, period, self.settings);
                        rows.retain(|&r| Category::of(s.score[r as usize]) == category);
                        rows
                    }
                    _ => Vec::new(),
                };
                DrillRows {
                    kind: RowKind::Responses,
                    rows,
                }
            }
            DrillTarget::Lifecycle(state) => {
                DrillRows::customers(self.lifecycle(sel, occ(), state))
            }
            DrillTarget::Channel(channel) => {
                let keys = ChannelKeys::new(data);
                let wanted = match channel {
                    None => Some(keys.len()),
                    Some(name) => (0..keys.len()).find(|&k| keys.name(k) == Some(name.trim())),
                };
                let rows = match wanted {
                    Some(key) => sel
                        .deals
                        .iter()
                        .copied()
                        .filter(|&r| {
                            keys.of_deal(data, r as usize) == key && self.in_period(r as usize)
                        })
                        .collect(),
                    None => Vec::new(),
                };
                DrillRows::deals(rows)
            }
            DrillTarget::Owner(owner) => {
                let wanted = match owner {
                    None => Some(NULL),
                    Some(name) => deals.owner.code_of(name.trim()),
                };
                let (t, s) = (period.to, self.settings.stalled_days);
                let rows = match wanted {
                    Some(code) => sel
                        .deals
                        .iter()
                        .copied()
                        .filter(|&r| {
                            let r = r as usize;
                            deals.owner.codes[r] == code
                                && (self.in_period(r) || pipeline::is_stalled(deals, r, t, s))
                        })
                        .collect(),
                    None => Vec::new(),
                };
                DrillRows::deals(rows)
            }
            DrillTarget::Stalled => DrillRows::deals(
                pipeline::compute(data, sel, period, self.settings, self.order)
                    .stalled
                    .iter()
                    .map(|s| s.row)
                    .collect(),
            ),
            DrillTarget::Won => DrillRows::deals(deals::won_rows(data, sel, period)),
            DrillTarget::Lost => DrillRows::deals(deals::lost_rows(data, sel, period)),
            DrillTarget::AllDeals => DrillRows::deals(
                sel.deals
                    .iter()
                    .copied()
                    .filter(|&r| period.contains(deals.created_at[r as usize]))
                    .collect(),
            ),
            DrillTarget::AllCustomers => DrillRows::customers(
                (0..data.customers.len() as u32)
                    .filter(|&c| sel.customers[c as usize])
                    .collect(),
            ),
        }
    }

    /// Whether a deal was created or closed in the period (won or lost: an open deal's
    /// `closed_at` is an expected date).
    fn in_period(&self, r: usize) -> bool {
        let deals = &self.data.deals;
        self.period.contains(deals.created_at[r])
            || (deals.status[r] != crate::model::Status::Open
                && deals
                    .closed_at
                    .get(r)
                    .is_some_and(|d| self.period.contains(d)))
    }

    /// Customers of the cohort labelled `label` with an occasion in its bucket + `k`, both on
    /// or before T (as `metrics::cohort::compute` counts `active[k]`).
    fn cohort_cell(&self, occ: &Occasions, label: &str, k: usize) -> Vec<u32> {
        let grain = self.settings.cohort_grain;
        let t = self.period.to;
        let (first, last) = (
            cohort::bucket(self.period.from, grain),
            cohort::bucket(t, grain),
        );
        let Some(c) = (first..=last).find(|&b| cohort::bucket_label(b, grain) == label.trim())
        else {
            return Vec::new();
        };
        let Ok(k) = i32::try_from(k) else {
            return Vec::new();
        };
        occ.buyers()
            .iter()
            .copied()
            .filter(|&code| {
                let (days, _) = occ.until(code, t);
                days.first().is_some_and(|&d| cohort::bucket(d, grain) == c)
                    && days.iter().any(|&d| cohort::bucket(d, grain) == c + k)
            })
            .collect()
    }

    /// Customers in lifecycle state `state` as of T.
    fn lifecycle(&self, sel: &Selection, occ: &Occasions, state: &str) -> Vec<u32> {
        let t = self.period.to;
        let wanted = match state.trim().to_lowercase().as_str() {
            "new" => State::New,
            "active" => State::Active,
            "dormant" | "at risk" | "at_risk" => State::Dormant,
            "churned" => State::Churned,
            "prospect" | "prospects" => {
                return lifecycle::prospects(self.data, sel, occ, t)
                    .iter()
                    .enumerate()
                    .filter(|(_, &p)| p)
                    .map(|(c, _)| c as u32)
                    .collect();
            }
            _ => return Vec::new(),
        };
        lifecycle::states(occ, t, self.settings.churn_window)
            .iter()
            .enumerate()
            .filter(|(_, s)| **s == Some(wanted))
            .map(|(c, _)| c as u32)
            .collect()
    }
}

/// The reason of a lost deal without one (`metrics::deals`).
const UNSPECIFIED: &str = "Unspecified";

/// Stage names match case-insensitively after trimming (`METRICS.md` "Matching").
fn same_stage(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}
