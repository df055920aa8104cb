//! Open pipeline and stalled deals (`METRICS.md` "Won, lost, revenue").
//!
//! > - **Pipeline**: deals whose status is open and `created_at ≤ T`, count and Σ amount by
//! >   stage (a snapshot: the export says what is open now, not what was open at T).
//! > - **Stalled deals**: open deals with `days(last_activity_at or created_at, T) > S`, S = 7 by
//! >   default.
//!
//! > Stalled is strictly more than S days.
//!
//! Choices:
//! - The stages are the funnel's open steps in its order ([`StageOrder`]), each listed even
//!   with no open deal in this view.
//! - Stalled deals are judged literally: every open deal of the selection, whatever its
//!   `created_at` (a deal created after T has a negative idle time unless its activity date
//!   precedes its creation, a data error).
//! - The stalled list is sorted by days idle descending, then by row (file order).

use serde::{Deserialize, Serialize};

use crate::metrics::funnel::StageOrder;
use crate::metrics::Settings;
use crate::model::{Dataset, Day, Deals, Status};
use crate::query::{Period, Selection};

/// `days(last_activity_at or created_at, t)` of a deal.
#[inline]
pub fn days_idle(deals: &Deals, row: usize, t: Day) -> i32 {
    t - deals
        .last_activity_at
        .get(row)
        .unwrap_or(deals.created_at[row])
}

/// Whether a deal is open and idle for strictly more than `stalled_days` as of `t`.
#[inline]
pub fn is_stalled(deals: &Deals, row: usize, t: Day, stalled_days: i32) -> bool {
    deals.status[row] == Status::Open && days_idle(deals, row, t) > stalled_days
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PipelineStage {
    pub stage: String,
    pub deals: u64,
    pub amount: f64,
}

/// A stalled deal: its row in `Dataset::deals` and how long it has been idle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StalledDeal {
    pub row: u32,
    pub days_idle: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PipelineReport {
    /// Open deals created on or before T.
    pub open_deals: u64,
    /// Σ amount of those deals (the `pipeline_value` tile).
    pub pipeline_value: f64,
    pub by_stage: Vec<PipelineStage>,
    /// The stalled days threshold S used.
    pub stalled_days: i32,
    /// The number of stalled deals (the `stalled_deals` tile).
    pub stalled_deals: u64,
    pub stalled_amount: f64,
    /// The stalled deals, longest idle first.
    pub stalled: Vec<StalledDeal>,
}

pub fn compute(
    data: &Dataset,
    sel: &Selection,
    period: Period,
    settings: &Settings,
    order: &StageOrder,
) -> PipelineReport {
    let deals = &data.deals;
    let t = period.to;
    let s = settings.stalled_days;
    let mut by_stage: Vec<PipelineStage> = order
        .open_stages
        .iter()
        .map(|stage| PipelineStage {
            stage: stage.clone(),
            deals: 0,
            amount: 0.0,
        })
        .collect();
    let (mut open_deals, mut value) = (0u64, 0.0f64);
    let mut stalled = Vec::new();
    let mut stalled_amount = 0.0;
    for &row in &sel.deals {
        let r = row as usize;
        if deals.status[r] != Status::Open {
            continue;
        }
        let amount = deals.amount[r];
        if deals.created_at[r] <= t {
            open_deals += 1;
            value += amount;
            if let Some(step) = order.open_step(deals.stage.codes[r]) {
                by_stage[step].deals += 1;
                by_stage[step].amount += amount;
            }
        }
        let idle = days_idle(deals, r, t);
        if idle > s {
            stalled.push(StalledDeal {
                row,
                days_idle: idle,
            });
            stalled_amount += amount;
        }
    }
    let stalled = longest_idle_first(stalled);
    PipelineReport {
        open_deals,
        pipeline_value: value,
        by_stage,
        stalled_days: s,
        stalled_deals: stalled.len() as u64,
        stalled_amount,
        stalled,
    }
}

/// `stalled` (in ascending rows) longest idle first, rows ascending among equals. Sorted by
/// counting the deals of each number of days idle, a span no longer than the data's: sorting
/// tens of thousands by comparison took about 4 ms in wasm, twice a dashboard.
fn longest_idle_first(stalled: Vec<StalledDeal>) -> Vec<StalledDeal> {
    let idle = || stalled.iter().map(|s| i64::from(s.days_idle));
    let (Some(max), Some(min)) = (idle().max(), idle().min()) else {
        return stalled;
    };
    let span = (max - min) as usize + 1;
    if span > 2 * stalled.len() + 4096 {
        let mut stalled = stalled;
        stalled.sort_by_key(|s| std::cmp::Reverse(s.days_idle));
        return stalled;
    }
    // `start[k]`: where the deals idle for `max - k` days begin.
    let slot = |s: &StalledDeal| (max - i64::from(s.days_idle)) as usize;
    let mut start = vec![0u32; span + 1];
    for s in &stalled {
        start[slot(s) + 1] += 1;
    }
    for k in 1..=span {
        start[k] += start[k - 1];
    }
    let mut out = vec![
        StalledDeal {
            row: 0,
            days_idle: 0
        };
        stalled.len()
    ];
    for s in stalled {
        let at = &mut start[slot(&s)];
        out[*at as usize] = s;
        *at += 1;
    }
    out
}

/// Drill-down: the selection's open deals created on or before T, ascending.
pub fn open_rows(data: &Dataset, sel: &Selection, period: Period) -> Vec<u32> {
    let deals = &data.deals;
    sel.deals
        .iter()
        .copied()
        .filter(|&row| {
            deals.status[row as usize] == Status::Open
                && deals.created_at[row as usize] <= period.to
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{longest_idle_first, StalledDeal};

    fn by_comparison(mut stalled: Vec<StalledDeal>) -> Vec<StalledDeal> {
        stalled.sort_unstable_by(|a, b| b.days_idle.cmp(&a.days_idle).then(a.row.cmp(&b.row)));
        stalled
    }

    #[test]
    fn longest_idle_first_then_by_row() {
        // Many deals over a short span are counted; two over a span of centuries are compared.
        let counted: Vec<StalledDeal> = (0..500u32)
            .map(|row| StalledDeal {
                row,
                days_idle: 31 + (row * 37 % 90) as i32,
            })
            .collect();
        let compared = vec![
            StalledDeal {
                row: 3,
                days_idle: 40,
            },
            StalledDeal {
                row: 7,
                days_idle: 200_000,
            },
            StalledDeal {
                row: 9,
                days_idle: 40,
            },
        ];
        for stalled in [counted, compared, Vec::new()] {
            assert_eq!(longest_idle_first(stalled.clone()), by_comparison(stalled));
        }
    }
}
