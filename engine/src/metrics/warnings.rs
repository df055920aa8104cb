//! Early warnings (`METRICS.md` "Lifecycle, churn, retention").
//!
//! > **Early warnings** (as of T, for non-churned customers), each a named signal: *interval
//! > stretched* (`d > 2 ×` the customer's median gap between occasions, with ≥ 3 occasions);
//! > *spend falling* (revenue in the last 90 days < 50 % of the 90 days before); *detractor*
//! > (latest NPS response ≤ 6); *stalled deal* (owns a stalled deal). The list is sorted by the
//! > customer's revenue in the last 365 days, descending: valuable customers at risk come first.
//!
//! > "The last 90 days" is `[T − 89, T]` and the 90 before it `[T − 179, T − 90]`; "the last 365
//! > days" is `[T − 364, T]`. […] The detractor warning uses the customer's latest response on or
//! > before T, of any date. […] The warning list holds non-churned customers with an occasion; a
//! > customer with no revenue in the earlier 90-day window is never "spend falling".
//! > **Stalled deals**: open deals with `days(last_activity_at or created_at, T) > S`.
//!
//! Choices:
//! - Occasions, gaps and revenues use the occasions on or before T only.
//! - "No revenue in the earlier window" is revenue ≤ 0 there: spend falling needs a positive
//!   earlier revenue, then `last < 0.5 × earlier`.
//! - Detractor: an undated response (from a customers `nps` column) counts as on or before any T
//!   and older than every dated response; same-date ties go to the later row.
//! - Stalled deal: an open deal of the selection created on or before T (as for the pipeline),
//!   with `days(last_activity_at or created_at, T) > S`.
//! - Only customers with at least one signal are listed; ties in revenue go by `customer_id` in
//!   byte order.

use serde::{Deserialize, Serialize};

use super::abc::sort_by_value_then_id;
use super::lifecycle::{state_as_of, State};
use super::purchases::Occasions;
use super::repurchase::median_int;
use super::settings::Settings;
use crate::model::day::{self, Day, NO_DAY};
use crate::model::{Dataset, Status, NULL};
use crate::query::Selection;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    IntervalStretched,
    SpendFalling,
    Detractor,
    StalledDeal,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// Customer code.
    pub code: u32,
    pub customer_id: String,
    pub name: Option<String>,
    pub state: State,
    /// The signals raised, in the order of `Signal`.
    pub signals: Vec<Signal>,
    /// Revenue in `[T − 364, T]`: the sort key.
    pub revenue_last_365: f64,
    /// The last occasion on or before T (ISO date in JSON).
    #[serde(serialize_with = "iso_day", deserialize_with = "parse_iso_day")]
    pub last_occasion: Day,
    /// `d = days(last occasion, T)`.
    pub days_since_last: i64,
    /// Median gap between consecutive occasions (with at least two occasions).
    pub median_gap_days: Option<f64>,
    /// Revenue in `[T − 89, T]`.
    pub revenue_last_90: f64,
    /// Revenue in `[T − 179, T − 90]`.
    pub revenue_previous_90: f64,
    /// The latest response's score on or before T.
    pub latest_score: Option<u8>,
    /// Stalled open deals the customer owns.
    pub stalled_deals: u64,
}

fn iso_day<S: serde::Serializer>(d: &Day, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&day::format(*d))
}

fn parse_iso_day<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Day, D::Error> {
    let text = String::deserialize(d)?;
    day::parse_iso(&text)
        .ok_or_else(|| serde::de::Error::custom(format!("not an ISO date: {text}")))
}

/// Latest response score on or before `t` by customer code (undated responses always count and
/// are the oldest).
fn latest_scores(data: &Dataset, sel: &Selection, t: Day) -> Vec<Option<u8>> {
    let mut out = vec![None; data.customers.len()];
    let Some(s) = &data.surveys else { return out };
    let mut best_day = vec![NO_DAY; data.customers.len()];
    for &r in &sel.surveys {
        let r = r as usize;
        let (code, d) = (s.customer[r], s.date.0[r]);
        if code == NULL || (d != NO_DAY && d > t) {
            continue;
        }
        let c = code as usize;
        // Rows ascend: a later row of the same date replaces the kept one.
        if out[c].is_none() || best_day[c] <= d {
            out[c] = Some(s.score[r]);
            best_day[c] = d;
        }
    }
    out
}

/// Stalled open deals by customer code as of `t`.
fn stalled_by_customer(data: &Dataset, sel: &Selection, t: Day, stalled_days: i32) -> Vec<u64> {
    let mut out = vec![0u64; data.customers.len()];
    let deals = &data.deals;
    for &r in &sel.deals {
        let r = r as usize;
        let code = deals.customer[r];
        if code == NULL || deals.status[r] != Status::Open || deals.created_at[r] > t {
            continue;
        }
        let since = deals.last_activity_at.get(r).unwrap_or(deals.created_at[r]);
        if i64::from(t) - i64::from(since) > i64::from(stalled_days) {
            out[code as usize] += 1;
        }
    }
    out
}

/// The first `limit` warnings as of `t`, most valuable customer first.
pub fn compute(
    data: &Dataset,
    sel: &Selection,
    occ: &Occasions,
    t: Day,
    settings: &Settings,
    limit: usize,
) -> Vec<Warning> {
    let scores = latest_scores(data, sel, t);
    let stalled = stalled_by_customer(data, sel, t, settings.stalled_days);
    let mut gaps: Vec<i64> = Vec::new();
    let assess = |code: u32, gaps: &mut Vec<i64>| {
        let c = code as usize;
        Assessment::of(
            occ,
            code,
            t,
            settings.churn_window,
            scores[c],
            stalled[c],
            gaps,
        )
    };
    // Tens of thousands of customers may warn: they are ranked as (revenue, code) pairs, and
    // only the first `limit` are then worked out in full, with their id and name.
    let mut warned: Vec<(f64, u32)> = Vec::new();
    for &code in occ.buyers() {
        if assess(code, &mut gaps).is_some_and(|a| !a.signals.is_empty()) {
            warned.push((occ.revenue_in(code, t - 364, t), code));
        }
    }
    let ids = &data.customers.ids;
    if warned.len() > limit {
        warned.select_nth_unstable_by(limit, |x, y| {
            let id = |w: &(f64, u32)| ids[w.1 as usize].as_bytes();
            y.0.total_cmp(&x.0).then_with(|| id(x).cmp(id(y)))
        });
        warned.truncate(limit);
    }
    sort_by_value_then_id(&mut warned, ids, |w| w.0, |w| w.1);
    let customers = &data.customers;
    warned
        .into_iter()
        .filter_map(|(revenue_last_365, code)| {
            let a = assess(code, &mut gaps)?;
            let c = code as usize;
            Some(Warning {
                code,
                customer_id: ids[c].clone(),
                name: customers
                    .name
                    .codes
                    .get(c)
                    .and_then(|&n| customers.name.value(n))
                    .map(str::to_string),
                state: a.state,
                signals: a.signals,
                revenue_last_365,
                last_occasion: a.last,
                days_since_last: a.days_since_last,
                median_gap_days: a.median_gap,
                revenue_last_90: a.last_90,
                revenue_previous_90: a.previous_90,
                latest_score: scores[c],
                stalled_deals: stalled[c],
            })
        })
        .collect()
}

/// A non-churned customer's occasions as of `t`: what a warning shows, and the signals raised.
struct Assessment {
    state: State,
    last: Day,
    days_since_last: i64,
    median_gap: Option<f64>,
    last_90: f64,
    previous_90: f64,
    /// In the order of `Signal`; empty when nothing warns.
    signals: Vec<Signal>,
}

impl Assessment {
    /// `None` for a customer without an occasion on or before `t`, or churned. `gaps` is room
    /// for the gaps between occasions, reused from one customer to the next.
    fn of(
        occ: &Occasions,
        code: u32,
        t: Day,
        window: i32,
        score: Option<u8>,
        stalled: u64,
        gaps: &mut Vec<i64>,
    ) -> Option<Assessment> {
        let state = match state_as_of(occ, code, t, window)? {
            State::Churned => return None,
            s => s,
        };
        let (days, _) = occ.until(code, t);
        let last = *days.last()?;
        let d = i64::from(t) - i64::from(last);
        gaps.clear();
        gaps.extend(days.windows(2).map(|w| i64::from(w[1]) - i64::from(w[0])));
        let median_gap = median_int(gaps);
        let last_90 = occ.revenue_in(code, t - 89, t);
        let previous_90 = occ.revenue_in(code, t - 179, t - 90);

        // No allocation for the many customers without a signal.
        let mut signals = Vec::new();
        if days.len() >= 3 && median_gap.is_some_and(|m| d as f64 > 2.0 * m) {
            signals.push(Signal::IntervalStretched);
        }
        if previous_90 > 0.0 && last_90 < 0.5 * previous_90 {
            signals.push(Signal::SpendFalling);
        }
        if score.is_some_and(|s| s <= 6) {
            signals.push(Signal::Detractor);
        }
        if stalled > 0 {
            signals.push(Signal::StalledDeal);
        }
        Some(Assessment {
            state,
            last,
            days_since_last: d,
            median_gap,
            last_90,
            previous_90,
            signals,
        })
    }
}
