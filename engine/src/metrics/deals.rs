//! Won, lost, revenue (`METRICS.md` "Won, lost, revenue (deals closed in the period)").
//!
//! > - **Revenue** = Σ amount of won deals with `closed_at` in the period (or of orders dated in
//! >   the period, where orders are loaded: then the revenue tile says so).
//! > - **Win rate** = won / (won + lost), over deals whose `closed_at` is in the period.
//! > - **Average deal size** = revenue of won deals / number of won deals.
//! > - **Sales cycle** = `days(created_at, closed_at)` of won deals closed in the period: median
//! >   (the headline), mean and 90th percentile (nearest-rank). A deal whose `closed_at` precedes
//! >   `created_at` is a data error: flagged, left out of the cycle.
//! > - **Lost reasons**: count and Σ amount of lost deals closed in the period by `lost_reason`
//! >   (empty → "Unspecified").
//!
//! > Won deals without `closed_at` are not purchases and are not in any win rate (flagged). […]
//! > With orders loaded, average deal size still comes from won deals.
//!
//! Choices:
//! - A lost reason written "Unspecified" and an empty one are the same reason (one row).
//! - Lost reasons are listed by count descending, then amount descending, then name.
//! - The trend has one entry per calendar month overlapping the period, first to last, months
//!   without activity included; only days inside the period count, so the first and last
//!   months may be partial. Its revenue follows the same source as the revenue tile.

use serde::{Deserialize, Serialize};

use crate::metrics::stats::{mean, median, percentile_nearest_rank, ratio};
use crate::model::{day, Dataset, Day, Status, NULL};
use crate::query::{Period, Selection};

/// Where revenue comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevenueSource {
    /// Won deals with `closed_at` in the period.
    WonDeals,
    /// Orders dated in the period (an orders file is loaded).
    Orders,
}

impl RevenueSource {
    pub fn of(data: &Dataset) -> RevenueSource {
        if data.orders.is_some() {
            RevenueSource::Orders
        } else {
            RevenueSource::WonDeals
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LostReason {
    pub reason: String,
    pub deals: u64,
    pub amount: f64,
}

/// One month of the revenue and deals trend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthTrend {
    /// `YYYY-MM`.
    pub month: String,
    pub revenue: f64,
    pub deals_created: u64,
    pub deals_won: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DealsReport {
    pub revenue: f64,
    pub revenue_source: RevenueSource,
    /// Deals created in the period.
    pub deals_created: u64,
    /// Won deals with `closed_at` in the period.
    pub won_deals: u64,
    /// Lost deals with `closed_at` in the period.
    pub lost_deals: u64,
    /// `won / (won + lost)`.
    pub win_rate: Option<f64>,
    /// Σ amount of the won deals (equals `revenue` when it comes from won deals).
    pub won_amount: f64,
    /// `won_amount / won_deals`.
    pub avg_deal_size: Option<f64>,
    pub sales_cycle_median: Option<f64>,
    pub sales_cycle_mean: Option<f64>,
    pub sales_cycle_p90: Option<f64>,
    /// Won deals closed in the period whose `closed_at` precedes `created_at` (left out of the
    /// cycle).
    pub closed_before_created: u64,
    /// Won deals of the selection without `closed_at`, of any date (in no period).
    pub won_without_closed_at: u64,
    pub lost_reasons: Vec<LostReason>,
    pub trend: Vec<MonthTrend>,
}

/// The months overlapping a period, and the month slot of each of its days (a lookup per row
/// instead of a search).
pub(crate) struct Months {
    first: i32,
    len: usize,
    from: Day,
    /// `slots[d - from]` is the slot of day `d` of the period.
    slots: Vec<u32>,
}

impl Months {
    pub(crate) fn of(period: Period) -> Months {
        let first = day::month_index(period.from);
        let last = day::month_index(period.to);
        let mut slots = Vec::with_capacity((period.to - period.from + 1).max(0) as usize);
        for month in first..=last {
            let start = day::month_start(month).max(period.from);
            let end = day::month_start(month + 1).min(period.to + 1);
            slots.extend((start..end).map(|_| (month - first) as u32));
        }
        Months {
            first,
            len: (last - first + 1).max(0) as usize,
            from: period.from,
            slots,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The month slot of a day inside the period.
    #[inline]
    pub(crate) fn slot(&self, d: Day) -> usize {
        self.slots[(d - self.from) as usize] as usize
    }

    pub(crate) fn label(&self, slot: usize) -> String {
        day::format_month(self.first + slot as i32)
    }
}

pub fn compute(data: &Dataset, sel: &Selection, period: Period) -> DealsReport {
    let deals = &data.deals;
    let source = RevenueSource::of(data);
    let months = Months::of(period);
    let mut trend_revenue = vec![0.0; months.len()];
    let mut trend_created = vec![0u64; months.len()];
    let mut trend_won = vec![0u64; months.len()];

    let reasons = deals.lost_reason.values.len();
    let unspecified = deals
        .lost_reason
        .code_of("Unspecified")
        .map_or(reasons, |c| c as usize);
    let mut reason_count = vec![0u64; reasons + 1];
    let mut reason_amount = vec![0.0f64; reasons + 1];

    let (mut created, mut won, mut lost, mut won_amount) = (0u64, 0u64, 0u64, 0.0f64);
    let (mut flagged, mut won_undated) = (0u64, 0u64);
    let mut cycles: Vec<f64> = Vec::new();
    for &row in &sel.deals {
        let r = row as usize;
        let created_at = deals.created_at[r];
        if period.contains(created_at) {
            created += 1;
            trend_created[months.slot(created_at)] += 1;
        }
        let status = deals.status[r];
        if status == Status::Open {
            continue;
        }
        let Some(closed) = deals.closed_at.get(r) else {
            won_undated += (status == Status::Won) as u64;
            continue;
        };
        if !period.contains(closed) {
            continue;
        }
        let amount = deals.amount[r];
        if status == Status::Won {
            won += 1;
            won_amount += amount;
            let slot = months.slot(closed);
            trend_won[slot] += 1;
            if source == RevenueSource::WonDeals {
                trend_revenue[slot] += amount;
            }
            if closed < created_at {
                flagged += 1;
            } else {
                cycles.push(f64::from(closed - created_at));
            }
        } else {
            lost += 1;
            let code = deals.lost_reason.codes[r];
            let slot = if code == NULL {
                unspecified
            } else {
                code as usize
            };
            reason_count[slot] += 1;
            reason_amount[slot] += amount;
        }
    }

    let revenue = match (source, &data.orders) {
        (RevenueSource::Orders, Some(orders)) => {
            let mut total = 0.0;
            for &row in &sel.orders {
                let r = row as usize;
                let d = orders.date[r];
                if period.contains(d) {
                    total += orders.amount[r];
                    trend_revenue[months.slot(d)] += orders.amount[r];
                }
            }
            total
        }
        _ => won_amount,
    };

    let mut lost_reasons: Vec<LostReason> = (0..=reasons)
        .filter(|&i| reason_count[i] > 0)
        .map(|i| LostReason {
            reason: deals
                .lost_reason
                .values
                .get(i)
                .cloned()
                .unwrap_or_else(|| "Unspecified".to_string()),
            deals: reason_count[i],
            amount: reason_amount[i],
        })
        .collect();
    lost_reasons.sort_by(|a, b| {
        b.deals
            .cmp(&a.deals)
            .then(b.amount.total_cmp(&a.amount))
            .then_with(|| a.reason.cmp(&b.reason))
    });

    DealsReport {
        revenue,
        revenue_source: source,
        deals_created: created,
        won_deals: won,
        lost_deals: lost,
        win_rate: ratio(won as f64, (won + lost) as f64),
        won_amount,
        avg_deal_size: ratio(won_amount, won as f64),
        sales_cycle_mean: mean(&cycles),
        sales_cycle_p90: percentile_nearest_rank(&mut cycles, 90),
        sales_cycle_median: median(&mut cycles),
        closed_before_created: flagged,
        won_without_closed_at: won_undated,
        lost_reasons,
        trend: (0..months.len())
            .map(|i| MonthTrend {
                month: months.label(i),
                revenue: trend_revenue[i],
                deals_created: trend_created[i],
                deals_won: trend_won[i],
            })
            .collect(),
    }
}

/// Drill-down: the selection's won deals closed in the period, ascending.
pub fn won_rows(data: &Dataset, sel: &Selection, period: Period) -> Vec<u32> {
    closed_rows(data, sel, period, Status::Won)
}

/// Drill-down: the selection's lost deals closed in the period, ascending.
pub fn lost_rows(data: &Dataset, sel: &Selection, period: Period) -> Vec<u32> {
    closed_rows(data, sel, period, Status::Lost)
}

fn closed_rows(data: &Dataset, sel: &Selection, period: Period, status: Status) -> Vec<u32> {
    let deals = &data.deals;
    sel.deals
        .iter()
        .copied()
        .filter(|&row| {
            let r = row as usize;
            deals.status[r] == status && deals.closed_at.get(r).is_some_and(|d| period.contains(d))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> Day {
        day::from_ymd(y, m, d).unwrap()
    }

    #[test]
    fn each_day_of_a_period_falls_in_its_calendar_month() {
        let period = Period {
            from: ymd(2023, 11, 15),
            to: ymd(2024, 3, 1),
        };
        let months = Months::of(period);
        assert_eq!(months.len(), 5);
        assert_eq!(months.slot(ymd(2023, 11, 15)), 0);
        assert_eq!(months.slot(ymd(2023, 11, 30)), 0);
        assert_eq!(months.slot(ymd(2023, 12, 1)), 1);
        assert_eq!(months.slot(ymd(2024, 2, 29)), 3);
        assert_eq!(months.slot(ymd(2024, 3, 1)), 4);
        assert_eq!(months.label(3), "2024-02");
        let long = Period {
            from: ymd(2019, 6, 3),
            to: ymd(2026, 1, 9),
        };
        let months = Months::of(long);
        for d in long.from..=long.to {
            let expected = day::month_index(d) - day::month_index(long.from);
            assert_eq!(months.slot(d), expected as usize, "{}", day::format(d));
        }
        assert_eq!(months.len(), months.slot(long.to) + 1);
    }

    #[test]
    fn a_one_day_period_has_one_month() {
        let d = ymd(2024, 7, 31);
        let months = Months::of(Period { from: d, to: d });
        assert_eq!((months.len(), months.slot(d)), (1, 0));
    }
}
