//! Lifecycle, churn and retention (`METRICS.md` "Lifecycle, churn, retention (as of T, window
//! W = 180 days)").
//!
//! > For each customer with an occasion on or before T, `d = days(last occasion, T)`:
//! > - **new**: `days(first occasion, T) ≤ 30`;
//! > - else **active**: `d ≤ W / 2`; **dormant** (at risk): `W / 2 < d ≤ W`; **churned**: `d > W`.
//! >
//! > Customers with no occasion are **prospects**.
//! >
//! > - **Churn rate** of the period: the base is the customers not churned and not prospects as
//! >   of `from`; churn rate = those of the base that are churned as of `to` / base.
//! >   **Retention rate** = 1 − churn rate.
//!
//! > **Prospects** are customer rows created on or before T (or undated) and customer ids on
//! > deals created on or before T, with no occasion on or before T.
//!
//! > **Active customers** (the tile) counts new plus active customers as of T.
//!
//! `W / 2` is compared exactly, as `2 d ≤ W`, so an odd W needs no rounding.

use serde::{Deserialize, Serialize};

use super::purchases::Occasions;
use super::settings::Settings;
use crate::model::{Dataset, Day, NO_DAY, NULL};
use crate::query::{Period, Selection};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    New,
    Active,
    Dormant,
    Churned,
}

/// A customer's state as of `t`, from its occasions on or before `t`; `None` when it has none.
pub fn state_as_of(occ: &Occasions, code: u32, t: Day, window: i32) -> Option<State> {
    let (days, _) = occ.until(code, t);
    let (&first, &last) = (days.first()?, days.last()?);
    if i64::from(t) - i64::from(first) <= 30 {
        return Some(State::New);
    }
    let d = i64::from(t) - i64::from(last);
    let w = i64::from(window);
    Some(if 2 * d <= w {
        State::Active
    } else if d <= w {
        State::Dormant
    } else {
        State::Churned
    })
}

/// Counts by state as of T (the JSON `lifecycle`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleCounts {
    pub new: u64,
    pub active: u64,
    pub dormant: u64,
    pub churned: u64,
    pub prospects: u64,
}

/// The churn rate of a period.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Churn {
    /// Customers with an occasion on or before `from` and not churned as of `from`.
    pub base: u64,
    /// Those of the base churned as of `to`.
    pub churned: u64,
    /// `churned / base`; `None` on an empty base.
    pub churn_rate: Option<f64>,
    /// `1 − churn_rate`; `None` on an empty base.
    pub retention_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LifecycleReport {
    /// As of T.
    pub counts: LifecycleCounts,
    /// Tile `active_customers`: new + active as of T.
    pub active_customers: u64,
    /// Tiles `churn_rate` and retention, over the period.
    pub churn: Churn,
    pub window: i32,
}

/// The churn rate of `period` with window `window` (also the annual churn of CLV).
pub fn churn(occ: &Occasions, period: Period, window: i32) -> Churn {
    let mut base = 0u64;
    let mut churned = 0u64;
    for &code in occ.buyers() {
        match state_as_of(occ, code, period.from, window) {
            None | Some(State::Churned) => continue,
            Some(_) => {}
        }
        base += 1;
        if state_as_of(occ, code, period.to, window) == Some(State::Churned) {
            churned += 1;
        }
    }
    let churn_rate = (base > 0).then(|| churned as f64 / base as f64);
    Churn {
        base,
        churned,
        churn_rate,
        retention_rate: churn_rate.map(|c| 1.0 - c),
    }
}

/// Each customer code's state as of `t` (`None`: no occasion on or before `t`).
pub fn states(occ: &Occasions, t: Day, window: i32) -> Vec<Option<State>> {
    let mut states = vec![None; occ.customers()];
    for &code in occ.buyers() {
        states[code as usize] = state_as_of(occ, code, t, window);
    }
    states
}

/// The prospects as of `t`: customers of the selection that are customer rows created on or
/// before `t` (or undated), or named on a selected deal created on or before `t`, and that have
/// no occasion on or before `t`. By customer code.
pub fn prospects(data: &Dataset, sel: &Selection, occ: &Occasions, t: Day) -> Vec<bool> {
    let customers = &data.customers;
    let mut candidate = vec![false; customers.len()];
    for (code, slot) in candidate.iter_mut().enumerate() {
        let selected = sel.customers.get(code).copied().unwrap_or(false);
        let created = customers.created_at.0[code];
        if customers.in_file[code] && selected && (created == NO_DAY || created <= t) {
            *slot = true;
        }
    }
    let deals = &data.deals;
    for &row in &sel.deals {
        let r = row as usize;
        let code = deals.customer[r];
        if code != NULL && deals.created_at[r] <= t {
            candidate[code as usize] = true;
        }
    }
    for (code, slot) in candidate.iter_mut().enumerate() {
        if *slot && !occ.until(code as u32, t).0.is_empty() {
            *slot = false;
        }
    }
    candidate
}

/// Lifecycle counts as of T = `period.to` and the churn rate of the period.
pub fn compute(
    data: &Dataset,
    sel: &Selection,
    occ: &Occasions,
    period: Period,
    settings: &Settings,
) -> LifecycleReport {
    let t = period.to;
    let w = settings.churn_window;
    let mut counts = LifecycleCounts::default();
    for &code in occ.buyers() {
        match state_as_of(occ, code, t, w) {
            Some(State::New) => counts.new += 1,
            Some(State::Active) => counts.active += 1,
            Some(State::Dormant) => counts.dormant += 1,
            Some(State::Churned) => counts.churned += 1,
            None => {}
        }
    }
    counts.prospects = prospects(data, sel, occ, t).iter().filter(|&&p| p).count() as u64;
    LifecycleReport {
        counts,
        active_customers: counts.new + counts.active,
        churn: churn(occ, period, w),
        window: w,
    }
}
