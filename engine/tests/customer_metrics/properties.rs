//! Invariants on seeded random data (proptest), and occasions against a naive grouping.

use std::collections::BTreeMap;

use engine::metrics::abc::{self, Tier};
use engine::metrics::clv;
use engine::metrics::cohort;
use engine::metrics::lifecycle;
use engine::metrics::nps;
use engine::metrics::purchases::Occasions;
use engine::metrics::repurchase;
use engine::metrics::settings::{AbcMode, AbcSettings, CohortGrain};
use engine::metrics::Settings;
use engine::model::{day, Dataset, Day};
use engine::query::{Period, Selection};
use proptest::prelude::*;

use crate::Fixture;

const BASE: &str = "2023-01-01";

fn iso(offset: i32) -> String {
    day::format(day::parse_iso(BASE).unwrap() + offset)
}

#[derive(Clone, Debug)]
struct Input {
    orders: Vec<(u8, i32, i32)>,
    surveys: Vec<(u8, i32, u8)>,
    from: i32,
    len: i32,
    window: i32,
}

fn input() -> impl Strategy<Value = Input> {
    (
        prop::collection::vec((0u8..12, 0i32..900, -20i32..1000), 0..60),
        prop::collection::vec((0u8..12, -1i32..900, 0u8..=10), 0..40),
        0i32..900,
        1i32..500,
        1i32..400,
    )
        .prop_map(|(orders, surveys, from, len, window)| Input {
            orders,
            surveys,
            from,
            len,
            window,
        })
}

fn build(input: &Input) -> Dataset {
    let mut f = Fixture::new();
    for &(c, day, amount) in &input.orders {
        // Customer 11 is "no customer".
        let id = if c == 11 {
            String::new()
        } else {
            format!("c{c}")
        };
        f.order(&id, &iso(day), f64::from(amount));
    }
    for &(c, day, score) in &input.surveys {
        let id = if c == 11 {
            String::new()
        } else {
            format!("c{c}")
        };
        let date = if day < 0 { String::new() } else { iso(day) };
        f.survey(&id, &date, score);
    }
    f.build()
}

fn period_of(input: &Input) -> Period {
    let from = day::parse_iso(BASE).unwrap() + input.from;
    Period {
        from,
        to: from + input.len - 1,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn occasions_match_a_naive_grouping(input in input()) {
        let data = build(&input);
        let occ = Occasions::build(&data, &Selection::all(&data));
        let orders = data.orders.as_ref();
        let mut naive: BTreeMap<(u32, Day), f64> = BTreeMap::new();
        if let Some(o) = orders {
            for r in 0..o.len() {
                if o.customer[r] != engine::model::NULL {
                    *naive.entry((o.customer[r], o.date[r])).or_default() += o.amount[r];
                }
            }
        }
        let mut flat = Vec::new();
        for c in 0..occ.customers() as u32 {
            let (days, amounts) = occ.of(c);
            prop_assert!(days.windows(2).all(|w| w[0] < w[1]));
            flat.extend(days.iter().zip(amounts).map(|(&d, &a)| ((c, d), a)));
        }
        let naive: Vec<((u32, Day), f64)> = naive.into_iter().collect();
        // The buyers are exactly the codes with an occasion, ascending.
        let mut buyers: Vec<u32> = naive.iter().map(|((c, _), _)| *c).collect();
        buyers.dedup();
        prop_assert_eq!(occ.buyers(), buyers.as_slice());
        prop_assert_eq!(flat, naive);
    }

    #[test]
    fn tier_shares_sum_to_one(input in input()) {
        let data = build(&input);
        let sel = Selection::all(&data);
        for s in [AbcSettings::revenue_share(), AbcSettings::customer_rank(),
                  AbcSettings { mode: AbcMode::RevenueShare, a: 50, b: 51 }] {
            let r = abc::compute(&data, &sel, period_of(&input), &s);
            if r.customers == 0 {
                prop_assert!(r.tiers.iter().all(|t| t.revenue_share.is_none()));
                continue;
            }
            let rev: f64 = r.tiers.iter().map(|t| t.revenue_share.unwrap()).sum();
            let cust: f64 = r.tiers.iter().map(|t| t.customer_share.unwrap()).sum();
            prop_assert!((rev - 1.0).abs() < 1e-9, "revenue shares {}", rev);
            prop_assert!((cust - 1.0).abs() < 1e-9, "customer shares {}", cust);
            // Tiers never improve down the ranking, and the first customer is A.
            prop_assert_eq!(r.ranked[0].tier, Tier::A);
            prop_assert!(r.ranked.windows(2).all(|w| w[0].tier <= w[1].tier && w[0].revenue >= w[1].revenue));
        }
    }

    #[test]
    fn nps_stays_within_bounds(input in input(), latest in any::<bool>()) {
        let data = build(&input);
        let settings = Settings { nps_latest_only: latest, ..Settings::default() };
        if let Some(r) = nps::compute(&data, &Selection::all(&data), period_of(&input), &settings, &[]) {
            let all = std::iter::once(r.nps)
                .chain(r.trend.iter().map(|m| m.nps))
                .chain(r.breakdowns.iter().flat_map(|b| b.groups.iter().map(|g| g.nps)));
            for v in all.flatten() {
                prop_assert!((-100.0..=100.0).contains(&v), "nps {}", v);
            }
            prop_assert_eq!(r.nps.is_none(), r.tally.responses == 0);
            prop_assert_eq!(r.tally.responses, r.tally.promoters + r.tally.passives + r.tally.detractors);
            for b in &r.breakdowns {
                prop_assert_eq!(b.groups.iter().map(|g| g.tally.responses).sum::<u64>(), r.tally.responses);
            }
        }
    }

    #[test]
    fn lifecycle_counts_every_customer_with_an_occasion_once(input in input()) {
        let data = build(&input);
        let sel = Selection::all(&data);
        let occ = Occasions::build(&data, &sel);
        let p = period_of(&input);
        let settings = Settings { churn_window: input.window, ..Settings::default() };
        let r = lifecycle::compute(&data, &sel, &occ, p, &settings);
        let with_occasion = (0..occ.customers() as u32).filter(|&c| !occ.until(c, p.to).0.is_empty()).count() as u64;
        let c = r.counts;
        prop_assert_eq!(c.new + c.active + c.dormant + c.churned, with_occasion);
        if let Some(rate) = r.churn.churn_rate {
            prop_assert!((0.0..=1.0).contains(&rate));
        }
        let annual = lifecycle::churn(&occ, clv::year(p.to), input.window);
        let v = clv::compute(&data, &sel, &occ, p.to, annual);
        if p == clv::year(p.to) {
            prop_assert_eq!(v.annual_churn, r.churn);
        }
        prop_assert_eq!(v.clv.is_none(), v.reason.is_some());
        if let Some(l) = v.lifetime_years {
            prop_assert!(l > 0.0 && l <= 10.0, "lifetime {}", l);
        }
        prop_assert!(v.cac_missing && v.cac == Some(0.0));
        let rep = repurchase::compute(&occ, p.to);
        prop_assert_eq!(rep.customers, with_occasion);
        if let Some(rate) = rep.repurchase_rate {
            prop_assert!((0.0..=1.0).contains(&rate));
        }
    }

    #[test]
    fn retention_is_a_fraction(input in input(), grain in 0u8..3) {
        let data = build(&input);
        let occ = Occasions::build(&data, &Selection::all(&data));
        let grain = [CohortGrain::Month, CohortGrain::Week, CohortGrain::Quarter][grain as usize];
        let r = cohort::compute(&occ, period_of(&input), grain);
        for row in &r.cohorts {
            prop_assert!(row.size > 0);
            prop_assert_eq!(row.retention[0], 1.0);
            prop_assert!(row.retention.iter().all(|v| (0.0..=1.0).contains(v)));
            prop_assert_eq!(row.retention.len(), row.revenue_retention.len());
        }
        let sizes: u64 = r.cohorts.iter().map(|c| c.size).sum();
        prop_assert!(sizes <= occ.customers() as u64);
    }
}
