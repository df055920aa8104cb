//! ABC tiers (`METRICS.md` "ABC tiers (customers, by revenue in the period)").
//!
//! > Customers with revenue > 0 in the period, sorted by revenue descending, ties by
//! > `customer_id` ascending. Let `share_before(i)` be the revenue of all customers ranked before
//! > `i` divided by the total.
//! > - **By revenue share** (default, thresholds 80 / 95): A if `share_before(i) < 0.80`, else B
//! >   if `< 0.95`, else C. (The customer that crosses 80 % is still A.)
//! > - **By customer rank** (thresholds 20 / 50): with n customers and rank r (1-based), A if
//! >   `r ≤ ceil(20 n / 100)`, else B if `r ≤ ceil(50 n / 100)`, else C (integer arithmetic).
//! > - Per tier: customers, revenue, share of revenue, share of customers.
//!
//! > ABC shares are over the total revenue of the ranked customers (revenue > 0, with a customer
//! > id), not the revenue tile; ties by `customer_id` in byte order; compare
//! > `before × 100 < total × 80` exactly.
//!
//! Revenue in the period is the sum of the purchases `P` dated in the period, per customer.
//! `before` is the running sum in rank order and `total` the sum of all ranked revenues in the
//! same order, so the last customer's `before + revenue` is exactly `total`.

use serde::{Deserialize, Serialize};

use super::purchases::revenue_by_customer;
use super::settings::{AbcMode, AbcSettings};
use crate::model::Dataset;
use crate::query::{Period, Selection};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Tier {
    A,
    B,
    C,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::A, Tier::B, Tier::C];

    pub fn as_str(self) -> &'static str {
        match self {
            Tier::A => "A",
            Tier::B => "B",
            Tier::C => "C",
        }
    }

    /// `"A"`, `"B"` or `"C"` exactly (filter values match case-sensitively).
    pub fn parse(text: &str) -> Option<Tier> {
        match text.trim() {
            "A" => Some(Tier::A),
            "B" => Some(Tier::B),
            "C" => Some(Tier::C),
            _ => None,
        }
    }
}

/// One tier's row of the tier table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TierSummary {
    pub tier: Tier,
    pub customers: u64,
    pub revenue: f64,
    /// Revenue of the tier / revenue of all ranked customers; `None` when none are ranked.
    pub revenue_share: Option<f64>,
    /// Customers of the tier / ranked customers; `None` when none are ranked.
    pub customer_share: Option<f64>,
}

/// One customer of the ranked list (the Pareto chart), by customer code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ranked {
    pub code: u32,
    pub revenue: f64,
    /// Revenue of this customer and of all ranked before it, over the total.
    pub cumulative_share: f64,
    pub tier: Tier,
}

/// A Pareto point with the customer's id and name resolved (see [`AbcReport::pareto`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParetoPoint {
    pub customer_id: String,
    pub name: Option<String>,
    pub revenue: f64,
    pub cumulative_share: f64,
    pub tier: Tier,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AbcReport {
    pub mode: AbcMode,
    /// Thresholds in percent.
    pub a: u32,
    pub b: u32,
    /// Ranked customers (revenue > 0 in the period).
    pub customers: u64,
    /// Revenue of the ranked customers (the denominator of the shares).
    pub total_revenue: f64,
    /// Always three rows: A, B, C.
    pub tiers: Vec<TierSummary>,
    /// Tile `a_tier_revenue_share`: revenue share of tier A; `None` when no customer is ranked.
    pub a_tier_revenue_share: Option<f64>,
    /// The ranked customers, best first (by code: resolve ids with [`AbcReport::pareto`]).
    /// Left out of the JSON: it has one entry per customer.
    #[serde(skip)]
    pub ranked: Vec<Ranked>,
}

impl AbcReport {
    /// The first `limit` ranked customers with id and name, for the Pareto chart.
    pub fn pareto(&self, data: &Dataset, limit: usize) -> Vec<ParetoPoint> {
        let c = &data.customers;
        self.ranked
            .iter()
            .take(limit)
            .map(|r| ParetoPoint {
                customer_id: c.ids[r.code as usize].clone(),
                name: c
                    .name
                    .codes
                    .get(r.code as usize)
                    .and_then(|&n| c.name.value(n))
                    .map(str::to_string),
                revenue: r.revenue,
                cumulative_share: r.cumulative_share,
                tier: r.tier,
            })
            .collect()
    }

    /// Tier by customer code (`None`: not ranked), for breakdowns by tier.
    pub fn tier_by_customer(&self, customers: usize) -> Vec<Option<Tier>> {
        let mut tiers = vec![None; customers];
        for r in &self.ranked {
            tiers[r.code as usize] = Some(r.tier);
        }
        tiers
    }
}

/// Sorts `items` by a value descending, ties by customer id in byte order, as a full sort by
/// `(value desc, id)` would, but touching ids only inside runs of equal values (ids live on the
/// heap: comparing them is what costs with 200,000 customers and round amounts).
pub fn sort_by_value_then_id<T>(
    items: &mut [T],
    ids: &[String],
    value: impl Fn(&T) -> f64,
    code: impl Fn(&T) -> u32,
) {
    items.sort_unstable_by(|x, y| value(y).total_cmp(&value(x)).then(code(x).cmp(&code(y))));
    let mut start = 0;
    while start < items.len() {
        let v = value(&items[start]);
        let mut end = start + 1;
        while end < items.len() && value(&items[end]).total_cmp(&v).is_eq() {
            end += 1;
        }
        if end - start > 1 {
            items[start..end].sort_unstable_by(|x, y| {
                ids[code(x) as usize]
                    .as_bytes()
                    .cmp(ids[code(y) as usize].as_bytes())
            });
        }
        start = end;
    }
}

/// The customers with revenue > 0 as (revenue, code), by revenue descending, ties by
/// `customer_id` byte order. Sorted as pairs: comparing through `revenue[code]` reads two
/// places far apart in memory at each comparison.
fn rank(data: &Dataset, revenue: &[f64]) -> Vec<(f64, u32)> {
    let mut ranked: Vec<(f64, u32)> = revenue
        .iter()
        .zip(0u32..)
        .filter(|&(&r, _)| r > 0.0)
        .map(|(&r, code)| (r, code))
        .collect();
    sort_by_value_then_id(&mut ranked, &data.customers.ids, |r| r.0, |r| r.1);
    ranked
}

/// The tier of each ranked customer, in rank order, and the total.
fn assign(revenues: &[f64], settings: &AbcSettings) -> (Vec<Tier>, f64) {
    let total: f64 = revenues.iter().fold(0.0, |acc, r| acc + r);
    let tiers = match settings.mode {
        AbcMode::RevenueShare => {
            let (a, b) = (f64::from(settings.a), f64::from(settings.b));
            let mut before = 0.0;
            revenues
                .iter()
                .map(|&r| {
                    let scaled = before * 100.0;
                    let tier = if scaled < total * a {
                        Tier::A
                    } else if scaled < total * b {
                        Tier::B
                    } else {
                        Tier::C
                    };
                    before += r;
                    tier
                })
                .collect()
        }
        AbcMode::CustomerRank => {
            let n = revenues.len() as u64;
            let cut_a = (u64::from(settings.a) * n).div_ceil(100);
            let cut_b = (u64::from(settings.b) * n).div_ceil(100);
            (1..=n)
                .map(|r| {
                    if r <= cut_a {
                        Tier::A
                    } else if r <= cut_b {
                        Tier::B
                    } else {
                        Tier::C
                    }
                })
                .collect()
        }
    };
    (tiers, total)
}

/// Revenue-share tiers (thresholds 80 / 95) of the period by customer code, `None` for customers
/// without revenue > 0 in the period. This is what the tier filter uses: call it on the selection
/// made with every filter but the tier filter.
pub fn revenue_share_tiers(data: &Dataset, sel: &Selection, period: Period) -> Vec<Option<Tier>> {
    let ranking = Ranking::of(data, sel, period);
    let (tiers, _) = assign(&ranking.revenues, &AbcSettings::revenue_share());
    let mut out = vec![None; data.customers.len()];
    for (&c, t) in ranking.codes.iter().zip(tiers) {
        out[c as usize] = Some(t);
    }
    out
}

/// The ABC tiers of the period in the chosen mode.
pub fn compute(
    data: &Dataset,
    sel: &Selection,
    period: Period,
    settings: &AbcSettings,
) -> AbcReport {
    Ranking::of(data, sel, period).tiers(settings)
}

/// The customers ranked by their revenue in a period, which both modes' tiers read: the
/// dashboard shows the tiers of each mode and ranks the customers once for both.
pub struct Ranking {
    /// Customer codes with revenue > 0, best first.
    codes: Vec<u32>,
    /// Their revenues, in the same order.
    revenues: Vec<f64>,
}

impl Ranking {
    pub fn of(data: &Dataset, sel: &Selection, period: Period) -> Ranking {
        let revenue = revenue_by_customer(data, sel, period.from, period.to);
        let (revenues, codes) = rank(data, &revenue).into_iter().unzip();
        Ranking { codes, revenues }
    }

    /// The tiers with `settings`' mode and thresholds.
    pub fn tiers(&self, settings: &AbcSettings) -> AbcReport {
        let (codes, revenues) = (&self.codes, &self.revenues);
        let (tiers, total) = assign(revenues, settings);
        let n = codes.len();

        let mut ranked = Vec::with_capacity(n);
        let mut cumulative = 0.0;
        let mut per_tier = [(0u64, 0.0f64); 3];
        for ((&code, &rev), &tier) in codes.iter().zip(revenues).zip(&tiers) {
            cumulative += rev;
            ranked.push(Ranked {
                code,
                revenue: rev,
                cumulative_share: cumulative / total,
                tier,
            });
            let slot = &mut per_tier[tier as usize];
            slot.0 += 1;
            slot.1 += rev;
        }

        let tiers: Vec<TierSummary> = Tier::ALL
            .iter()
            .map(|&tier| {
                let (customers, rev) = per_tier[tier as usize];
                TierSummary {
                    tier,
                    customers,
                    revenue: rev,
                    revenue_share: (n > 0).then(|| rev / total),
                    customer_share: (n > 0).then(|| customers as f64 / n as f64),
                }
            })
            .collect();
        let a_tier_revenue_share = tiers[0].revenue_share;

        AbcReport {
            mode: settings.mode,
            a: settings.a,
            b: settings.b,
            customers: n as u64,
            total_revenue: total,
            tiers,
            a_tier_revenue_share,
            ranked,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiers_of(revenues: &[f64], settings: AbcSettings) -> String {
        assign(revenues, &settings)
            .0
            .iter()
            .map(|t| t.as_str())
            .collect()
    }

    #[test]
    fn crossing_customer_is_a_and_exact_boundary_is_not() {
        // before: 0, 50, 80 (= 80 % exactly → B), 95 (= 95 % → C).
        assert_eq!(
            tiers_of(&[50.0, 30.0, 15.0, 5.0], AbcSettings::revenue_share()),
            "AABC"
        );
        // 70 + 20 crosses 80 %: still A.
        assert_eq!(
            tiers_of(&[70.0, 20.0, 10.0], AbcSettings::revenue_share()),
            "AAB"
        );
    }

    #[test]
    fn rank_mode_uses_integer_ceil() {
        let revenues = vec![1.0; 15];
        let t = tiers_of(&revenues, AbcSettings::customer_rank());
        assert_eq!(t, "AAABBBBBCCCCCCC"); // ceil(3.0) = 3 A, ceil(7.5) = 8 → 5 B
    }

    #[test]
    fn serializes_tier_as_letter() {
        assert_eq!(serde_json::to_string(&Tier::B).unwrap(), "\"B\"");
    }
}
