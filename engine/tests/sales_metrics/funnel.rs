//! `METRICS.md` "Funnel". Worked examples: `tests/fixtures/funnel.md` and `sales.md`.

use engine::metrics::funnel::{compute, rows_reaching, OrderSource, StageOrder};
use engine::query::Selection;

use crate::{assert_close_opt, p, period, sales, Fixture};

fn reached(stages: &[engine::metrics::funnel::FunnelStage]) -> Vec<u64> {
    stages.iter().map(|s| s.reached).collect()
}

fn salesforce() -> Fixture {
    let mut f = Fixture::new();
    f.deal("S1", "Prospecting", "2024-01-02");
    f.deal("S2", "Qualification", "2024-01-03");
    f.deal("S3", " qualification", "2024-01-04");
    f.deal("S4", "Proposal/Price Quote", "2024-01-05");
    f.deal("S5", "Closed Won", "2024-01-06")
        .closed("2024-01-20");
    f.deal("S6", "Closed Won", "2024-01-07")
        .closed("2024-01-21");
    f.deal("S7", "Closed Lost", "2024-01-08")
        .closed("2024-01-22")
        .lost_stage("Negotiation/Review");
    f.deal("S8", "Closed Lost", "2024-01-09")
        .closed("2024-01-22")
        .lost_stage("qualification");
    f.deal("S9", "Closed Lost", "2024-01-10")
        .closed("2024-01-22");
    f.deal("S10", "Closed Lost", "2024-01-11")
        .closed("2024-01-22")
        .lost_stage("Demo");
    f.deal("S11", "Won", "2024-01-12").closed("2024-01-23");
    // Created before the period: in the stage order, not in the funnel.
    f.deal("S12", "Prospecting", "2023-12-31");
    f
}

fn custom_pipeline() -> Fixture {
    let mut f = Fixture::new();
    f.deal("U1", "Discovery", "2024-01-02");
    f.deal("U2", "Closed Won", "2024-01-03")
        .closed("2024-01-10");
    f.deal("U3", "Demo", "2024-01-04");
    f.deal("U4", "discovery", "2024-01-05");
    f.deal("U5", "Trial", "2024-01-06");
    f.deal("U6", "Closed Lost", "2024-01-07")
        .closed("2024-01-10")
        .lost_stage("demo");
    f.deal("U7", "Prospecting", "2024-01-08");
    f
}

fn january() -> engine::query::Period {
    period("2024-01-01", "2024-01-31")
}

#[test]
fn salesforce_order_with_lost_stages() {
    let data = salesforce().build();
    let order = StageOrder::detect(&data.deals);
    assert_eq!(order.source, OrderSource::Salesforce);
    assert_eq!(
        order.steps(),
        [
            "Prospecting",
            "Qualification",
            "Proposal/Price Quote",
            "Negotiation/Review",
            "Closed Won"
        ]
    );
    let r = compute(&data, &Selection::all(&data), january(), &order);
    assert_eq!(r.deals, 11);
    assert_eq!(reached(&r.stages), [11, 8, 5, 4, 3]);
    let ended: Vec<u64> = r.stages.iter().map(|s| s.ended_here).collect();
    assert_eq!(ended, [3, 3, 1, 1, 3]);
    assert_eq!(r.lost_without_stage, 2);
    let conv: Vec<Option<f64>> = r
        .stages
        .iter()
        .map(|s| s.conversion_from_previous)
        .collect();
    assert_eq!(conv[0], None);
    for (got, want) in conv[1..]
        .iter()
        .zip([8.0 / 11.0, 5.0 / 8.0, 4.0 / 5.0, 3.0 / 4.0])
    {
        assert_close_opt(*got, Some(want));
    }
    assert_close_opt(r.overall_conversion, Some(3.0 / 11.0));
    assert_close_opt(r.stages[4].share_of_first, Some(3.0 / 11.0));
}

#[test]
fn unknown_stages_keep_file_order_and_can_be_reordered() {
    let data = custom_pipeline().build();
    let order = StageOrder::detect(&data.deals);
    assert_eq!(order.source, OrderSource::FileOrder);
    assert_eq!(
        order.steps(),
        ["Discovery", "Demo", "Trial", "Prospecting", "Closed Won"]
    );
    let r = compute(&data, &Selection::all(&data), january(), &order);
    assert_eq!(reached(&r.stages), [7, 5, 3, 2, 1]);
    assert_eq!(r.lost_without_stage, 0);

    let custom = order.reordered(&["trial".into(), "Discovery".into(), "nowhere".into()]);
    assert_eq!(custom.source, OrderSource::Custom);
    assert_eq!(
        custom.steps(),
        ["Trial", "Discovery", "Demo", "Prospecting", "Closed Won"]
    );
    let r = compute(&data, &Selection::all(&data), january(), &custom);
    assert_eq!(reached(&r.stages), [7, 6, 4, 2, 1]);
}

#[test]
fn known_pipelines_are_detected() {
    let detect = |stages: &[&str]| {
        let mut f = Fixture::new();
        for (i, s) in stages.iter().enumerate() {
            f.deal(&format!("X{i}"), s, "2024-01-01");
        }
        StageOrder::detect(&f.build().deals)
    };
    let hubspot = detect(&["Contract Sent", "appointment scheduled", "Closed Won"]);
    assert_eq!(hubspot.source, OrderSource::Hubspot);
    assert_eq!(
        hubspot.steps(),
        ["appointment scheduled", "Contract Sent", "Closed Won"]
    );
    let chinese = detect(&["谈判", "线索", "赢单"]);
    assert_eq!(chinese.source, OrderSource::Chinese);
    assert_eq!(chinese.steps(), ["线索", "谈判", "赢单"]);
    // Shared by Salesforce and the generic pipeline: the first listed wins.
    assert_eq!(
        detect(&["Qualification", "Prospecting"]).source,
        OrderSource::Salesforce
    );
    assert_eq!(
        detect(&["Lead", "Qualification"]).source,
        OrderSource::Generic
    );
    // Two pipelines mixed: no single pipeline has every open stage.
    let mixed = detect(&["Lead", "Contract Sent"]);
    assert_eq!(mixed.source, OrderSource::FileOrder);
    assert_eq!(mixed.steps(), ["Lead", "Contract Sent", "Won"]);
}

#[test]
fn sales_fixture_funnel_and_splits() {
    let data = sales().build();
    let order = StageOrder::detect(&data.deals);
    assert_eq!(order.source, OrderSource::Generic);
    assert_eq!(
        order.steps(),
        ["Prospecting", "Qualification", "Negotiation", "Closed Won"]
    );
    let r = compute(&data, &Selection::all(&data), p(), &order);
    assert_eq!(reached(&r.stages), [8, 4, 4, 3]);
    assert_eq!(r.lost_without_stage, 3);
    assert_close_opt(r.overall_conversion, Some(0.375));
    let conv: Vec<Option<f64>> = r
        .stages
        .iter()
        .map(|s| s.conversion_from_previous)
        .collect();
    assert_eq!(conv, [None, Some(0.5), Some(1.0), Some(0.75)]);

    let current: Vec<(&str, u64, f64)> = r
        .by_current_stage
        .iter()
        .map(|c| (c.stage.as_str(), c.deals, c.amount))
        .collect();
    assert_eq!(
        current,
        [
            ("Prospecting", 1, 800.0),
            ("Qualification", 0, 0.0),
            ("Negotiation", 1, 5000.0),
            ("Closed Won", 3, 1900.0),
            ("Closed Lost", 3, 3000.0)
        ]
    );

    let owners: Vec<(Option<&str>, Vec<u64>)> = r
        .by_owner
        .iter()
        .map(|s| (s.key.as_deref(), reached(&s.stages)))
        .collect();
    assert_eq!(
        owners,
        [
            (Some("Ann"), vec![5, 3, 3, 2]),
            (Some("Bob"), vec![2, 0, 0, 0]),
            (None, vec![1, 1, 1, 1])
        ]
    );
    let channels: Vec<(Option<&str>, Vec<u64>)> = r
        .by_channel
        .iter()
        .map(|s| (s.key.as_deref(), reached(&s.stages)))
        .collect();
    assert_eq!(
        channels,
        [
            (Some("Web"), vec![4, 3, 3, 2]),
            (Some("Partner"), vec![2, 0, 0, 0]),
            (Some("Email"), vec![1, 1, 1, 1]),
            (None, vec![1, 0, 0, 0])
        ]
    );
    // Every split shows the same steps, empty ones included.
    assert!(r.by_owner.iter().all(|s| s.stages.len() == 4));
    assert_close_opt(r.by_owner[1].overall_conversion, Some(0.0));
    assert_eq!(r.by_owner[1].stages[2].conversion_from_previous, None);
}

#[test]
fn empty_period_funnel() {
    let data = sales().build();
    let order = StageOrder::detect(&data.deals);
    let r = compute(
        &data,
        &Selection::all(&data),
        period("2030-01-01", "2030-12-31"),
        &order,
    );
    assert_eq!(r.deals, 0);
    assert_eq!(reached(&r.stages), [0, 0, 0, 0]);
    assert_eq!(r.overall_conversion, None);
    assert!(r
        .stages
        .iter()
        .all(|s| s.conversion_from_previous.is_none() && s.share_of_first.is_none()));
    assert!(r.by_owner.is_empty() && r.by_channel.is_empty());
}

#[test]
fn funnel_serialises_stages_with_reached() {
    let data = sales().build();
    let order = StageOrder::detect(&data.deals);
    let json = serde_json::to_value(compute(&data, &Selection::all(&data), p(), &order)).unwrap();
    assert_eq!(json["stages"][0]["stage"], "Prospecting");
    assert_eq!(json["stages"][0]["reached"], 8);
    assert_eq!(json["overall_conversion"], 0.375);
    assert_eq!(json["order"], "generic");
}

#[test]
fn drill_down_to_the_deals_that_reached_a_step() {
    let data = sales().build();
    let order = StageOrder::detect(&data.deals);
    let sel = Selection::all(&data);
    assert_eq!(rows_reaching(&data, &sel, p(), &order, 2), [0, 2, 6, 9]);
    assert_eq!(rows_reaching(&data, &sel, p(), &order, 3), [0, 2, 9]);
}
