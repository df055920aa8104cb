//! The owner leaderboard (`METRICS.md` "Channels and owners (in the period)").
//!
//! > Per owner: deals created, won, win rate, revenue, average deal size, median sales cycle,
//! > stalled deals.
//!
//! > Owner revenue follows the deal's owner.
//!
//! Choices:
//! - Everything follows the deal's own owner column; deals without an owner form one row with
//!   `owner: None` (shown "(none)").
//! - Owner revenue is the Σ amount of the owner's won deals closed in the period, also when
//!   orders are loaded (orders carry no owner), so it equals `won_amount` and average deal size
//!   is revenue / won.
//! - Won, lost, win rate, average deal size and median sales cycle are those of the deals
//!   closed in the period, exactly as the KPI tiles define them; stalled deals as in
//!   [`crate::metrics::pipeline`], as of T.
//! - Rows: every owner with a deal created or closed in the period or a stalled deal, sorted by
//!   revenue descending, then name, `None` last.

use serde::{Deserialize, Serialize};

use crate::metrics::pipeline::is_stalled;
use crate::metrics::stats::{median, ratio};
use crate::metrics::Settings;
use crate::model::{Dataset, Status, NULL};
use crate::query::{Period, Selection};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnerRow {
    /// `None`: deals without an owner ("(none)").
    pub owner: Option<String>,
    pub deals_created: u64,
    pub won: u64,
    pub lost: u64,
    pub win_rate: Option<f64>,
    pub revenue: f64,
    pub avg_deal_size: Option<f64>,
    pub sales_cycle_median: Option<f64>,
    pub stalled_deals: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OwnerReport {
    pub owners: Vec<OwnerRow>,
}

#[derive(Clone, Default)]
struct Acc {
    touched: bool,
    created: u64,
    won: u64,
    lost: u64,
    revenue: f64,
    stalled: u64,
}

pub fn compute(
    data: &Dataset,
    sel: &Selection,
    period: Period,
    settings: &Settings,
) -> OwnerReport {
    let deals = &data.deals;
    let none = deals.owner.values.len();
    let mut acc = vec![Acc::default(); none + 1];
    // The cycles of the won deals closed in the period, by owner key.
    let mut cycles: Vec<Vec<f64>> = vec![Vec::new(); none + 1];
    for &row in &sel.deals {
        let r = row as usize;
        let o = deals.owner.codes[r];
        let k = if o == NULL { none } else { o as usize };
        let a = &mut acc[k];
        if period.contains(deals.created_at[r]) {
            a.touched = true;
            a.created += 1;
        }
        if is_stalled(deals, r, period.to, settings.stalled_days) {
            a.touched = true;
            a.stalled += 1;
        }
        let status = deals.status[r];
        if status == Status::Open {
            continue;
        }
        let Some(closed) = deals.closed_at.get(r).filter(|&d| period.contains(d)) else {
            continue;
        };
        a.touched = true;
        if status == Status::Won {
            a.won += 1;
            a.revenue += deals.amount[r];
            let created = deals.created_at[r];
            if closed >= created {
                cycles[k].push(f64::from(closed - created));
            }
        } else {
            a.lost += 1;
        }
    }

    let mut owners: Vec<OwnerRow> = acc
        .iter()
        .enumerate()
        .filter(|(_, a)| a.touched)
        .map(|(k, a)| OwnerRow {
            owner: deals.owner.values.get(k).cloned(),
            deals_created: a.created,
            won: a.won,
            lost: a.lost,
            win_rate: ratio(a.won as f64, (a.won + a.lost) as f64),
            revenue: a.revenue,
            avg_deal_size: ratio(a.revenue, a.won as f64),
            sales_cycle_median: median(&mut cycles[k]),
            stalled_deals: a.stalled,
        })
        .collect();
    owners.sort_by(|a, b| {
        a.owner
            .is_none()
            .cmp(&b.owner.is_none())
            .then(b.revenue.total_cmp(&a.revenue))
            .then_with(|| a.owner.cmp(&b.owner))
    });
    OwnerReport { owners }
}
