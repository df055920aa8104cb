//! `METRICS.md` "ABC tiers". Worked example: `tests/fixtures/abc.md`.

use engine::metrics::abc::{compute, revenue_share_tiers, Tier};
use engine::metrics::settings::{AbcMode, AbcSettings};
use engine::query::Selection;

use crate::{assert_close, assert_close_opt, code, period, Fixture};

/// Revenues in 2024: A1 500 (300 + 200), A2 300, X 100, Tz 50, ta 50: total 1000.
fn fixture() -> Fixture {
    let mut f = Fixture::new();
    f.customer("ta").name("Lower");
    f.customer("Tz").name("Upper");
    f.order("A1", "2024-02-01", 300.0)
        .order("A1", "2024-06-01", 200.0)
        .order("A2", "2024-03-01", 300.0)
        .order("X", "2024-04-01", 100.0)
        .order("ta", "2024-05-01", 50.0)
        .order("Tz", "2024-05-01", 50.0)
        // Outside the period, non-positive, or without a customer: not ranked.
        .order("Old", "2023-12-31", 5000.0)
        .order("A2", "2025-01-01", 5000.0)
        .order("Zero", "2024-05-01", 0.0)
        .order("Neg", "2024-05-01", 30.0)
        .order("Neg", "2024-06-01", -40.0)
        .order("", "2024-05-01", 700.0);
    f
}

#[test]
fn revenue_share_tiers_with_exact_boundary_and_byte_order_ties() {
    let data = fixture().build();
    let sel = Selection::all(&data);
    let r = compute(
        &data,
        &sel,
        period("2024-01-01", "2024-12-31"),
        &AbcSettings::default(),
    );
    let order: Vec<&str> = r
        .ranked
        .iter()
        .map(|x| data.customers.ids[x.code as usize].as_str())
        .collect();
    assert_eq!(order, ["A1", "A2", "X", "Tz", "ta"]);
    let tiers: Vec<Tier> = r.ranked.iter().map(|x| x.tier).collect();
    assert_eq!(tiers, [Tier::A, Tier::A, Tier::B, Tier::B, Tier::C]);
    let cumulative: Vec<f64> = r.ranked.iter().map(|x| x.cumulative_share).collect();
    assert_eq!(cumulative, [0.5, 0.8, 0.9, 0.95, 1.0]);
    assert_eq!(r.customers, 5);
    assert_eq!(r.total_revenue, 1000.0);

    let rows: Vec<(Tier, u64, f64)> = r
        .tiers
        .iter()
        .map(|t| (t.tier, t.customers, t.revenue))
        .collect();
    assert_eq!(
        rows,
        [(Tier::A, 2, 800.0), (Tier::B, 2, 150.0), (Tier::C, 1, 50.0)]
    );
    assert_close_opt(r.tiers[0].revenue_share, Some(0.8));
    assert_close_opt(r.tiers[1].revenue_share, Some(0.15));
    assert_close_opt(r.tiers[2].customer_share, Some(0.2));
    assert_close_opt(r.a_tier_revenue_share, Some(0.8));

    let pareto = r.pareto(&data, 10);
    assert_eq!(pareto[3].customer_id, "Tz");
    assert_eq!(pareto[3].name.as_deref(), Some("Upper"));
    assert_eq!(pareto[0].name, None);

    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["tiers"][0]["tier"], "A");
    assert_eq!(json["tiers"][0]["customers"], 2);
    assert_eq!(json["tiers"][0]["revenue"], 800.0);
    assert_eq!(json["mode"], "revenue_share");

    // The filter's tiers are the same ones, by customer code.
    let by_code = revenue_share_tiers(&data, &sel, period("2024-01-01", "2024-12-31"));
    assert_eq!(by_code, r.tier_by_customer(data.customers.len()));
    assert_eq!(by_code[code(&data, "X") as usize], Some(Tier::B));
    assert_eq!(by_code[code(&data, "Neg") as usize], None);
    assert_eq!(by_code[code(&data, "Old") as usize], None);
}

#[test]
fn the_customer_crossing_the_threshold_is_still_a() {
    let mut f = Fixture::new();
    f.order("P", "2024-01-01", 70.0)
        .order("Q", "2024-01-01", 20.0)
        .order("R", "2024-01-01", 10.0);
    let data = f.build();
    let r = compute(
        &data,
        &Selection::all(&data),
        period("2024-01-01", "2024-01-31"),
        &AbcSettings::default(),
    );
    let tiers: Vec<Tier> = r.ranked.iter().map(|x| x.tier).collect();
    assert_eq!(tiers, [Tier::A, Tier::A, Tier::B]); // Q: before 70 % < 80 % → A; R: before 90 % → B
}

#[test]
fn rank_mode_takes_the_integer_ceiling() {
    let mut f = Fixture::new();
    for i in 0..15 {
        f.order(&format!("K{i:02}"), "2024-01-10", 100.0 - i as f64);
    }
    let data = f.build();
    let r = compute(
        &data,
        &Selection::all(&data),
        period("2024-01-01", "2024-01-31"),
        &AbcSettings::customer_rank(),
    );
    assert_eq!(r.mode, AbcMode::CustomerRank);
    let counts: Vec<u64> = r.tiers.iter().map(|t| t.customers).collect();
    assert_eq!(counts, [3, 5, 7]); // ceil(20·15/100) = 3, ceil(50·15/100) = 8
    assert_close_opt(r.tiers[0].customer_share, Some(0.2));
    assert_close(
        r.a_tier_revenue_share.unwrap(),
        (100.0 + 99.0 + 98.0) / r.total_revenue,
    );

    // Custom thresholds: 10 % of 15 → ceil(1.5) = 2 A; 100 % → everything else B.
    let s = AbcSettings {
        mode: AbcMode::CustomerRank,
        a: 10,
        b: 100,
    };
    let r = compute(
        &data,
        &Selection::all(&data),
        period("2024-01-01", "2024-01-31"),
        &s,
    );
    let counts: Vec<u64> = r.tiers.iter().map(|t| t.customers).collect();
    assert_eq!(counts, [2, 13, 0]);
    assert_eq!(r.tiers[2].revenue_share, Some(0.0));
}

#[test]
fn empty_period_has_no_shares() {
    let data = fixture().build();
    let r = compute(
        &data,
        &Selection::all(&data),
        period("2020-01-01", "2020-12-31"),
        &AbcSettings::default(),
    );
    assert_eq!(r.customers, 0);
    assert_eq!(r.total_revenue, 0.0);
    assert_eq!(r.tiers.len(), 3);
    assert!(r
        .tiers
        .iter()
        .all(|t| t.customers == 0 && t.revenue_share.is_none() && t.customer_share.is_none()));
    assert_eq!(r.a_tier_revenue_share, None);
    assert!(revenue_share_tiers(
        &data,
        &Selection::all(&data),
        period("2020-01-01", "2020-12-31")
    )
    .iter()
    .all(Option::is_none));
}

#[test]
fn won_deals_rank_when_no_orders_are_loaded() {
    let mut f = Fixture::new();
    f.deal("D1", "Won", "2024-01-01")
        .customer("B")
        .won("2024-02-01")
        .amount(10.0);
    f.deal("D2", "Won", "2024-01-01")
        .customer("A")
        .won("2024-02-01")
        .amount(10.0);
    f.deal("D3", "Won", "2024-01-01")
        .customer("C")
        .won("2024-03-01")
        .amount(40.0);
    f.deal("D4", "Proposal", "2024-01-01")
        .customer("D")
        .amount(500.0);
    let data = f.build();
    let r = compute(
        &data,
        &Selection::all(&data),
        period("2024-01-01", "2024-12-31"),
        &AbcSettings::default(),
    );
    let order: Vec<&str> = r
        .ranked
        .iter()
        .map(|x| data.customers.ids[x.code as usize].as_str())
        .collect();
    assert_eq!(order, ["C", "A", "B"]);
    // before: 0, 40 (< 48 → A), 50 (< 57 → B)
    let tiers: Vec<Tier> = r.ranked.iter().map(|x| x.tier).collect();
    assert_eq!(tiers, [Tier::A, Tier::A, Tier::B]);
}
