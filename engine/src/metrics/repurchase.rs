//! Repurchase (`METRICS.md` "Repurchase and lifetime value (history up to T)").
//!
//! > - **Repurchase rate** = customers with ≥ 2 occasions / customers with ≥ 1 occasion.
//! > - **Median repurchase interval** = median of the gaps in days between consecutive
//! >   occasions, over all customers.
//!
//! > Repurchase and the median interval use every occasion on or before T, including those
//! > before `from`; the median interval pools all customers' gaps.

use serde::{Deserialize, Serialize};

use super::purchases::Occasions;
use crate::model::Day;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepurchaseReport {
    /// Customers with at least one occasion on or before T.
    pub customers: u64,
    /// Customers with at least two.
    pub repeat_customers: u64,
    /// Tile `repurchase_rate`; `None` when no customer has an occasion.
    pub repurchase_rate: Option<f64>,
    /// Gaps pooled over all customers.
    pub gaps: u64,
    /// The usual median of the pooled gaps, in days; `None` without a gap.
    pub median_interval_days: Option<f64>,
}

/// Repurchase as of `t`.
pub fn compute(occ: &Occasions, t: Day) -> RepurchaseReport {
    let mut gaps: Vec<i64> = Vec::new();
    let (customers, repeat) = buyers(occ, t, |days| {
        gaps.extend(days.windows(2).map(|w| i64::from(w[1]) - i64::from(w[0])));
    });
    RepurchaseReport {
        customers,
        repeat_customers: repeat,
        repurchase_rate: rate_of(customers, repeat),
        gaps: gaps.len() as u64,
        median_interval_days: median_int(&mut gaps),
    }
}

/// The repurchase rate as of `t` alone (the previous period's tile), without the gaps that
/// the median interval pools: a million of them at 1M orders.
pub fn rate(occ: &Occasions, t: Day) -> Option<f64> {
    let (customers, repeat) = buyers(occ, t, |_| {});
    rate_of(customers, repeat)
}

fn rate_of(customers: u64, repeat: u64) -> Option<f64> {
    (customers > 0).then(|| repeat as f64 / customers as f64)
}

/// The customers with an occasion on or before `t`, and those with two or more; `each` is
/// given each one's occasion days.
fn buyers(occ: &Occasions, t: Day, mut each: impl FnMut(&[Day])) -> (u64, u64) {
    let (mut customers, mut repeat) = (0u64, 0u64);
    for &code in occ.buyers() {
        let (days, _) = occ.until(code, t);
        if days.is_empty() {
            continue;
        }
        customers += 1;
        if days.len() >= 2 {
            repeat += 1;
        }
        each(days);
    }
    (customers, repeat)
}

/// The usual median of whole numbers in linear time (selection, no full sort).
pub fn median_int(values: &mut [i64]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (left, &mut mid, _) = values.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        return Some(mid as f64);
    }
    let below = *left.iter().max().expect("n ≥ 2");
    Some((below as f64 + mid as f64) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::median_int;

    #[test]
    fn integer_median() {
        assert_eq!(median_int(&mut []), None);
        assert_eq!(median_int(&mut [5]), Some(5.0));
        assert_eq!(median_int(&mut [9, 1, 4, 2]), Some(3.0));
        assert_eq!(median_int(&mut [3, 1, 2]), Some(2.0));
    }
}
