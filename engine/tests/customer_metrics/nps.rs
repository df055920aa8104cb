//! `METRICS.md` "NPS and satisfaction". Worked example: `tests/fixtures/nps.md`.

use engine::metrics::abc::Tier;
use engine::metrics::nps::{compute, NpsReport, Tally};
use engine::metrics::Settings;
use engine::model::Dataset;
use engine::query::{Period, Selection};

use crate::{assert_close_opt, code, period, Fixture};

fn fixture() -> Fixture {
    let mut f = Fixture::new();
    f.customer("N1").industry("Retail").region("East");
    f.customer("N2").industry("Tech");
    f.customer("N3").industry("Retail");
    f.survey_csat("N1", "2024-01-10", 10, Some(5)) // r0
        .survey_csat("N1", "2024-02-15", 6, Some(3)) // r1
        .survey_csat("N2", "2024-02-15", 8, Some(4)) // r2
        .survey("N2", "2024-02-15", 9) // r3: same day, later row
        .survey_csat("N3", "2024-03-05", 7, Some(2)) // r4
        .survey("N4", "2024-03-20", 10) // r5: not in the customers file
        .survey("", "2024-01-31", 0) // r6: no customer
        .survey_csat("N1", "2024-04-02", 9, Some(1)) // r7: after the period
        .survey("N3", "2023-12-31", 10); // r8: before the period
    f
}

const Q1: (&str, &str) = ("2024-01-01", "2024-03-31");

fn tiers(data: &Dataset) -> Vec<Option<Tier>> {
    let mut t = vec![None; data.customers.len()];
    for (id, tier) in [("N1", Tier::A), ("N3", Tier::B), ("N4", Tier::C)] {
        if let Some(c) = data.customers.ids.iter().position(|x| x == id) {
            t[c] = Some(tier);
        }
    }
    t
}

fn run(data: &Dataset, p: Period, latest_only: bool) -> NpsReport {
    let settings = Settings {
        nps_latest_only: latest_only,
        ..Settings::default()
    };
    compute(data, &Selection::all(data), p, &settings, &tiers(data)).expect("surveys loaded")
}

fn group<'a>(r: &'a NpsReport, field: &str) -> Vec<(&'a str, u64, Option<f64>)> {
    let b = r.breakdowns.iter().find(|b| b.field == field).unwrap();
    b.groups
        .iter()
        .map(|g| (g.value.as_str(), g.tally.responses, g.nps))
        .collect()
}

#[test]
fn all_responses_of_the_period() {
    let data = fixture().build();
    let r = run(&data, period(Q1.0, Q1.1), false);
    assert_eq!(
        r.tally,
        Tally {
            responses: 7,
            promoters: 3,
            passives: 2,
            detractors: 2
        }
    );
    assert_close_opt(r.nps, Some(100.0 / 7.0));
    assert_eq!(r.csat_responses, 4);
    assert_eq!(r.csat, Some(0.5));

    assert_eq!(
        group(&r, "industry"),
        [
            ("Retail", 3, Some(0.0)),
            ("Tech", 2, Some(50.0)),
            ("(none)", 2, Some(0.0))
        ]
    );
    assert_eq!(
        group(&r, "region"),
        [("East", 2, Some(0.0)), ("(none)", 5, Some(20.0))]
    );
    assert_eq!(group(&r, "size"), [("(none)", 7, r.nps)]);
    assert_eq!(
        group(&r, "tier"),
        [
            ("A", 2, Some(0.0)),
            ("B", 1, Some(0.0)),
            ("C", 1, Some(100.0)),
            ("(none)", 3, Some(0.0))
        ]
    );

    let trend: Vec<(&str, u64, Option<f64>)> = r
        .trend
        .iter()
        .map(|m| (m.month.as_str(), m.tally.responses, m.nps))
        .collect();
    assert_eq!(
        trend,
        [
            ("2024-01", 2, Some(0.0)),
            ("2024-02", 3, Some(0.0)),
            ("2024-03", 2, Some(50.0))
        ]
    );

    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["responses"], 7);
    assert_eq!(json["promoters"], 3);
}

#[test]
fn latest_response_per_customer_breaks_same_day_ties_by_row() {
    let data = fixture().build();
    let r = run(&data, period(Q1.0, Q1.1), true);
    // N1 → 6 (r1), N2 → 9 (r3), N3 → 7, N4 → 10, the response without a customer → 0.
    assert_eq!(
        r.tally,
        Tally {
            responses: 5,
            promoters: 2,
            passives: 1,
            detractors: 2
        }
    );
    assert_eq!(r.nps, Some(0.0), "zero is a value");
    assert_eq!(r.csat, Some(0.5), "CSAT ignores the latest-only option");
    let trend: Vec<(u64, Option<f64>)> =
        r.trend.iter().map(|m| (m.tally.responses, m.nps)).collect();
    assert_eq!(trend, [(2, Some(0.0)), (2, Some(0.0)), (2, Some(50.0))]);
    // Latest within the period: with April included, N1's latest is r7 (9).
    let r = run(&data, period(Q1.0, "2024-04-30"), true);
    assert_eq!(
        r.tally,
        Tally {
            responses: 5,
            promoters: 3,
            passives: 1,
            detractors: 1
        }
    );
}

#[test]
fn no_responses_means_no_value() {
    let data = fixture().build();
    let r = run(&data, period("2025-01-01", "2025-02-28"), false);
    assert_eq!(r.tally.responses, 0);
    assert_eq!(r.nps, None);
    assert_eq!(r.csat, None);
    assert!(r.breakdowns.iter().all(|b| b.groups.is_empty()));
    assert_eq!(r.trend.len(), 2);
    assert!(r.trend.iter().all(|m| m.nps.is_none()));

    let mut f = Fixture::new();
    f.customer("X");
    let data = f.build();
    assert!(compute(
        &data,
        &Selection::all(&data),
        period(Q1.0, Q1.1),
        &Settings::default(),
        &[]
    )
    .is_none());
}

#[test]
fn undated_responses_count_in_every_period_and_month() {
    let mut f = Fixture::new();
    f.survey("U1", "", 9)
        .survey("U2", "", 10)
        .survey("U3", "", 3);
    let data = f.build();
    for latest in [false, true] {
        let r = run(&data, period("2030-01-01", "2030-02-15"), latest);
        assert_eq!(r.tally.responses, 3);
        assert_close_opt(r.nps, Some(100.0 / 3.0));
        let trend: Vec<u64> = r.trend.iter().map(|m| m.tally.responses).collect();
        assert_eq!(trend, [3, 3]);
    }
}

#[test]
fn a_dated_response_is_later_than_an_undated_one() {
    let mut f = Fixture::new();
    f.survey("M", "", 3)
        .survey("M", "2024-02-10", 10)
        .survey("O", "", 9);
    let data = f.build();
    let r = run(&data, period("2024-01-01", "2024-02-29"), true);
    assert_eq!(
        r.tally,
        Tally {
            responses: 2,
            promoters: 2,
            passives: 0,
            detractors: 0
        }
    );
    let trend: Vec<Tally> = r.trend.iter().map(|m| m.tally).collect();
    // January: M's undated 3 and O's 9; February: M's dated 10 replaces the undated 3.
    assert_eq!(
        trend[0],
        Tally {
            responses: 2,
            promoters: 1,
            passives: 0,
            detractors: 1
        }
    );
    assert_eq!(
        trend[1],
        Tally {
            responses: 2,
            promoters: 2,
            passives: 0,
            detractors: 0
        }
    );
    let r = run(&data, period("2024-01-01", "2024-02-29"), false);
    assert_eq!(r.tally.responses, 3);
    assert_eq!(r.trend[1].tally.responses, 3);
}

#[test]
fn responses_follow_the_selection() {
    let data = fixture().build();
    let mut sel = Selection::all(&data);
    // As `select` leaves them under a segment filter: no customer-less response, N1 only.
    let n1 = code(&data, "N1");
    sel.surveys
        .retain(|&r| data.surveys.as_ref().unwrap().customer[r as usize] == n1);
    let r = compute(&data, &sel, period(Q1.0, Q1.1), &Settings::default(), &[]).unwrap();
    assert_eq!(
        r.tally,
        Tally {
            responses: 2,
            promoters: 1,
            passives: 0,
            detractors: 1
        }
    );
    assert_eq!(group(&r, "tier"), [("(none)", 2, Some(0.0))]);
}
