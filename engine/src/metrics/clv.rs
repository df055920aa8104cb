//! Customer lifetime value (`METRICS.md` "Repurchase and lifetime value (history up to T)").
//!
//! > **CLV** = AOV × F × L − CAC, with the last 365 days up to T: AOV = revenue / occasions;
//! > F = occasions / customers with an occasion; L = 1 / annual churn rate (the churn rate of
//! > `[T − 364, T]`), capped at 10 years; CAC = spend / new customers of that year where spend is
//! > loaded, else 0 and the tile says CAC is missing. The per-customer table also shows the
//! > historical value (revenue to date).
//!
//! > **CLV** has no value when the churn base of `[T − 364, T]` is empty (less than a year of
//! > history): the tile says why. L is 10 years when that churn rate is 0. CAC with no new
//! > customers has no value.
//!
//! > A spend month counts in a window when its first day does. […] the channel filter filters
//! > spend by its own column; other filters leave it whole.
//!
//! Choices:
//! - Revenue (of AOV) sums every purchase of the window, purchases without a customer included
//!   ("Purchases without a customer count in revenue only"); occasions and customers count only
//!   purchases with a customer.
//! - New customers of the year: customers whose first occasion in the selection lies in the
//!   window.
//! - When CAC has no value (spend loaded, no new customer), CLV has no value either
//!   (`reason: no_new_customers`). With no occasion in the window AOV has no value, and nor has
//!   CLV (`reason: no_purchases`). An empty churn base is checked first (`reason: no_churn_base`).
//! - The customers file's `acquisition_cost` column is not used: `METRICS.md` defines CAC from
//!   spend only.

use serde::{Deserialize, Serialize};

use super::abc::sort_by_value_then_id;
use super::lifecycle::Churn;
use super::purchases::Occasions;
use crate::model::day::{self, Day};
use crate::model::Dataset;
use crate::query::{Period, Selection};

/// The years L is capped at (and equals when the churn rate is 0).
pub const MAX_LIFETIME_YEARS: f64 = 10.0;

/// Why CLV has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoClvReason {
    /// The churn base of `[T − 364, T]` is empty: less than a year of history.
    NoChurnBase,
    /// No purchase occasion in `[T − 364, T]`: AOV has no value.
    NoPurchases,
    /// Spend is loaded but no customer is new in `[T − 364, T]`: CAC has no value.
    NoNewCustomers,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClvReport {
    /// Tile `clv`.
    pub clv: Option<f64>,
    /// Set when `clv` is `None`.
    pub reason: Option<NoClvReason>,
    /// The window `[T − 364, T]`, ISO dates.
    pub window_from: String,
    pub window_to: String,
    /// All revenue of the window.
    pub revenue: f64,
    pub occasions: u64,
    /// Customers with an occasion in the window.
    pub customers: u64,
    pub aov: Option<f64>,
    pub frequency: Option<f64>,
    /// The churn of `[T − 364, T]`.
    pub annual_churn: Churn,
    /// L in years, capped at 10; `None` with an empty churn base.
    pub lifetime_years: Option<f64>,
    /// Customers whose first occasion is in the window.
    pub new_customers: u64,
    /// Spend of the window; `None` when no spend is loaded.
    pub spend: Option<f64>,
    /// `spend / new_customers`; 0 when spend is missing, `None` without new customers.
    pub cac: Option<f64>,
    /// True when no spend file is loaded (CAC taken as 0).
    pub cac_missing: bool,
}

/// One row of the per-customer value table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CustomerValue {
    pub code: u32,
    /// Revenue of the customer's occasions on or before T.
    pub historical_value: f64,
    /// Occasions on or before T.
    pub occasions: u64,
    pub first_occasion: Day,
    pub last_occasion: Day,
}

/// The year to `t`, `[T − 364, T]`: what CLV's averages and its annual churn are of.
pub fn year(t: Day) -> Period {
    Period {
        from: t - 364,
        to: t,
    }
}

/// CLV as of `t`, with `annual_churn` the churn of [`year`]`(t)` (`lifecycle::churn`; the
/// lifecycle's own when its period is that year, as the default period is).
pub fn compute(
    data: &Dataset,
    sel: &Selection,
    occ: &Occasions,
    t: Day,
    annual_churn: Churn,
) -> ClvReport {
    let year = year(t);
    let from = year.from;
    let (mut occasions, mut customers, mut new_customers) = (0u64, 0u64, 0u64);
    // One pass over the buyers for the counts and the revenue, summed in the order of
    // `Occasions::revenue_in` over the buyers.
    let owned: f64 = occ
        .buyers()
        .iter()
        .map(|&code| {
            let (n, revenue) = occ.window(code, from, t);
            if n > 0 {
                occasions += n as u64;
                customers += 1;
            }
            if occ.first_day(code).is_some_and(|f| year.contains(f)) {
                new_customers += 1;
            }
            revenue
        })
        .sum();
    let revenue = owned + occ.unowned_revenue_in(from, t);
    let aov = (occasions > 0).then(|| revenue / occasions as f64);
    let frequency = (customers > 0).then(|| occasions as f64 / customers as f64);

    let lifetime_years = annual_churn.churn_rate.map(|c| {
        if c == 0.0 {
            MAX_LIFETIME_YEARS
        } else {
            (1.0 / c).min(MAX_LIFETIME_YEARS)
        }
    });

    let spend = data.spend.as_ref().map(|s| {
        sel.spend
            .iter()
            .map(|&r| r as usize)
            .filter(|&r| year.contains(day::month_start(s.month[r])))
            .map(|r| s.amount[r])
            .sum::<f64>()
    });
    let cac_missing = spend.is_none();
    let cac = match spend {
        None => Some(0.0),
        Some(spend) => (new_customers > 0).then(|| spend / new_customers as f64),
    };

    let (clv, reason) = match (lifetime_years, aov, frequency, cac) {
        (None, ..) => (None, Some(NoClvReason::NoChurnBase)),
        (_, None, ..) | (_, _, None, _) => (None, Some(NoClvReason::NoPurchases)),
        (_, _, _, None) => (None, Some(NoClvReason::NoNewCustomers)),
        (Some(l), Some(a), Some(f), Some(c)) => (Some(a * f * l - c), None),
    };

    ClvReport {
        clv,
        reason,
        window_from: day::format(from),
        window_to: day::format(t),
        revenue,
        occasions,
        customers,
        aov,
        frequency,
        annual_churn,
        lifetime_years,
        new_customers,
        spend,
        cac,
        cac_missing,
    }
}

/// Customers with an occasion on or before `t`, by historical value descending, ties by
/// `customer_id` in byte order.
pub fn customer_values(data: &Dataset, occ: &Occasions, t: Day) -> Vec<CustomerValue> {
    let mut rows: Vec<CustomerValue> = occ
        .buyers()
        .iter()
        .filter_map(|&code| {
            let (days, amounts) = occ.until(code, t);
            Some(CustomerValue {
                code,
                historical_value: amounts.iter().sum(),
                occasions: days.len() as u64,
                first_occasion: *days.first()?,
                last_occasion: *days.last()?,
            })
        })
        .collect();
    sort_by_value_then_id(
        &mut rows,
        &data.customers.ids,
        |r| r.historical_value,
        |r| r.code,
    );
    rows
}
