//! `METRICS.md` early warnings. Worked example: `tests/fixtures/lifecycle.md` ("Warnings").

use engine::metrics::lifecycle::State;
use engine::metrics::purchases::Occasions;
use engine::metrics::warnings::{compute, Signal, Warning};
use engine::metrics::Settings;
use engine::model::Dataset;
use engine::query::Selection;

use crate::{d, Fixture};

/// As of T = 2024-12-31, W = 180, S = 7.
fn fixture() -> Fixture {
    let mut f = Fixture::new();
    f.customer("Wd").name("Detractor Ltd");
    // Interval stretched (gaps 30, 31; d = 152) and spend falling (100 → 0).
    f.order("Wi", "2024-06-01", 100.0)
        .order("Wi", "2024-07-01", 100.0)
        .order("Wi", "2024-08-01", 100.0);
    // Two occasions only, spend rising: no signal.
    f.order("Wi2", "2024-11-01", 50.0)
        .order("Wi2", "2024-11-05", 50.0);
    // Exactly 50 %: not falling. 99 of 200: falling. Window edges T−90 and T−89.
    f.order("Ws", "2024-08-01", 200.0)
        .order("Ws", "2024-11-01", 100.0);
    f.order("Ws2", "2024-08-01", 200.0)
        .order("Ws2", "2024-11-01", 99.0);
    f.order("Ws3", "2024-10-02", 100.0)
        .order("Ws3", "2024-10-03", 40.0);
    // Detractor: latest response on or before T is 5 (a later 10 is after T).
    f.order("Wd", "2024-01-05", 500.0)
        .order("Wd", "2024-12-01", 10.0);
    f.survey("Wd", "2024-06-01", 10)
        .survey("Wd", "2024-12-30", 5)
        .survey("Wd", "2025-01-05", 10);
    // Latest response is a promoter: no signal.
    f.order("Wd_ok", "2024-01-01", 10.0)
        .order("Wd_ok", "2024-12-01", 10.0);
    f.survey("Wd_ok", "2024-03-01", 2)
        .survey("Wd_ok", "2024-11-01", 9);
    // Stalled: 8 days since activity; 7 days is not stalled.
    f.order("Wst", "2024-12-15", 300.0);
    f.deal("D1", "Proposal", "2024-12-01")
        .customer("Wst")
        .activity("2024-12-23");
    f.order("Wst2", "2024-12-15", 300.0);
    f.deal("D2", "Proposal", "2024-12-01")
        .customer("Wst2")
        .activity("2024-12-24");
    // Churned: never warned, whatever its signals.
    f.order("Wc", "2023-01-01", 100.0)
        .order("Wc", "2023-02-01", 100.0)
        .order("Wc", "2023-03-01", 100.0);
    f.survey("Wc", "2023-03-01", 0);
    f.deal("D3", "Proposal", "2023-01-01").customer("Wc");
    // No occasion: a prospect, never warned.
    f.deal("D4", "Proposal", "2023-01-01").customer("Wp");
    f
}

/// Every warning as of 2024-12-31 on all the data, with the default settings.
fn every_warning(data: &Dataset) -> Vec<Warning> {
    let sel = Selection::all(data);
    let occ = Occasions::build(data, &sel);
    compute(
        data,
        &sel,
        &occ,
        d("2024-12-31"),
        &Settings::default(),
        usize::MAX,
    )
}

#[test]
fn signals_sorted_by_last_year_revenue() {
    let data = fixture().build();
    let w = every_warning(&data);
    let got: Vec<(&str, Vec<Signal>, f64)> = w
        .iter()
        .map(|x| {
            (
                x.customer_id.as_str(),
                x.signals.clone(),
                x.revenue_last_365,
            )
        })
        .collect();
    use Signal::*;
    assert_eq!(
        got,
        [
            ("Wd", vec![Detractor], 510.0),
            ("Wi", vec![IntervalStretched, SpendFalling], 300.0),
            ("Wst", vec![StalledDeal], 300.0),
            ("Ws2", vec![SpendFalling], 299.0),
            ("Ws3", vec![SpendFalling], 140.0),
        ]
    );
    let wi = &w[1];
    assert_eq!(wi.state, State::Dormant);
    assert_eq!(wi.median_gap_days, Some(30.5));
    assert_eq!(wi.days_since_last, 152);
    assert_eq!(wi.last_occasion, d("2024-08-01"));
    assert_eq!((wi.revenue_last_90, wi.revenue_previous_90), (0.0, 100.0));
    assert_eq!(w[0].latest_score, Some(5));
    assert_eq!(w[0].name.as_deref(), Some("Detractor Ltd"));
    assert_eq!(w[2].stalled_deals, 1);
    assert_eq!(w[2].state, State::New);
    assert_eq!(
        (w[4].revenue_last_90, w[4].revenue_previous_90),
        (40.0, 100.0)
    );

    let json = serde_json::to_value(&w[1]).unwrap();
    assert_eq!(json["signals"][0], "interval_stretched");
    assert_eq!(json["state"], "dormant");
    assert_eq!(json["last_occasion"], "2024-08-01");
}

#[test]
fn undated_responses_are_the_oldest() {
    let mut f = Fixture::new();
    f.order("A", "2024-12-01", 1.0)
        .order("B", "2024-12-01", 1.0);
    f.survey("A", "", 3)
        .survey("B", "", 3)
        .survey("B", "2020-01-01", 9);
    let data = f.build();
    let w = every_warning(&data);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].customer_id, "A");
    assert_eq!(w[0].signals, [Signal::Detractor]);
}

#[test]
fn nothing_to_warn_about() {
    assert!(every_warning(&Fixture::new().build()).is_empty());
}

#[test]
fn the_first_few_are_the_head_of_the_whole_list_ties_by_id() {
    let mut f = fixture();
    // Three detractors of equal revenue, added out of id order: ties go by customer id.
    for id in ["Wt3", "Wt1", "Wt2"] {
        f.order(id, "2024-12-01", 300.0);
        f.survey(id, "2024-12-02", 0);
    }
    let data = f.build();
    let sel = Selection::all(&data);
    let occ = Occasions::build(&data, &sel);
    let settings = Settings::default();
    let key = |w: &[Warning]| {
        w.iter()
            .map(|x| (x.customer_id.clone(), x.name.clone(), x.revenue_last_365))
            .collect::<Vec<_>>()
    };
    let all = every_warning(&data);
    assert!(key(&all)
        .windows(3)
        .any(|w| w.iter().map(|x| x.0.as_str()).eq(["Wt1", "Wt2", "Wt3"])));
    for limit in 0..=all.len() + 1 {
        let few = compute(&data, &sel, &occ, d("2024-12-31"), &settings, limit);
        assert_eq!(
            key(&few),
            key(&all[..limit.min(all.len())]),
            "limit {limit}"
        );
    }
}
