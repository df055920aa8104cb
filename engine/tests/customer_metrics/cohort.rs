//! `METRICS.md` "Cohorts". Worked example: `tests/fixtures/cohort.md`.

use engine::metrics::cohort::compute;
use engine::metrics::purchases::Occasions;
use engine::metrics::settings::CohortGrain;
use engine::query::Selection;

use crate::{assert_close, period, Fixture};

fn fixture() -> Fixture {
    let mut f = Fixture::new();
    f.order("K1", "2024-01-20", 10.0)
        .order("K1", "2024-02-10", 30.0);
    f.order("K2", "2024-02-05", 100.0)
        .order("K2", "2024-02-20", 50.0)
        .order("K2", "2024-03-10", 60.0)
        .order("K2", "2024-04-20", 999.0); // after T
    f.order("K3", "2024-02-28", 200.0)
        .order("K3", "2024-04-10", 40.0);
    f.order("K4", "2024-03-01", 80.0)
        .order("K4", "2024-04-15", 20.0); // on T
    f.order("K5", "2024-04-16", 500.0); // first occasion after T: no cohort
    f.order("K6", "2024-04-02", 0.0);
    f.order("", "2024-02-01", 1000.0); // no customer: in no cohort
    f
}

#[test]
fn monthly_cohorts_with_a_partial_last_month() {
    let data = fixture().build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    let r = compute(&occ, period("2024-02-01", "2024-04-15"), CohortGrain::Month);
    let labels: Vec<&str> = r.cohorts.iter().map(|c| c.cohort.as_str()).collect();
    assert_eq!(labels, ["2024-02", "2024-03", "2024-04"]);

    let feb = &r.cohorts[0];
    assert_eq!(feb.start, "2024-02-01");
    assert_eq!(feb.size, 2);
    assert_eq!(feb.retention, [1.0, 0.5, 0.5]);
    assert_eq!(feb.active, [2, 1, 1]);
    assert_eq!(feb.revenue, [350.0, 60.0, 40.0]);
    let rr: Vec<f64> = feb.revenue_retention.iter().map(|v| v.unwrap()).collect();
    assert_close(rr[0], 1.0);
    assert_close(rr[1], 60.0 / 350.0);
    assert_close(rr[2], 40.0 / 350.0);

    let mar = &r.cohorts[1];
    assert_eq!((mar.size, mar.retention.clone()), (1, vec![1.0, 1.0]));
    assert_eq!(mar.revenue_retention, [Some(1.0), Some(0.25)]);

    let apr = &r.cohorts[2];
    assert_eq!((apr.size, apr.retention.clone()), (1, vec![1.0]));
    assert_eq!(apr.revenue_retention, [None], "no base revenue: no value");

    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["cohorts"][0]["cohort"], "2024-02");
    assert_eq!(json["cohorts"][0]["size"], 2);
    assert_eq!(json["cohorts"][0]["retention"][1], 0.5);
    assert_eq!(
        json["cohorts"][2]["revenue_retention"][0],
        serde_json::Value::Null
    );
}

#[test]
fn quarterly_cohorts_include_the_bucket_overlapping_the_period() {
    let data = fixture().build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    let r = compute(
        &occ,
        period("2024-02-01", "2024-04-15"),
        CohortGrain::Quarter,
    );
    let labels: Vec<&str> = r.cohorts.iter().map(|c| c.cohort.as_str()).collect();
    assert_eq!(labels, ["2024-Q1", "2024-Q2"]);
    let q1 = &r.cohorts[0];
    assert_eq!(q1.size, 4); // K1 (January) belongs: Q1 overlaps the period
    assert_eq!(q1.retention, [1.0, 0.5]);
    assert_eq!(q1.revenue, [530.0, 60.0]);
    assert_close(q1.revenue_retention[1].unwrap(), 60.0 / 530.0);
    assert_eq!(r.cohorts[1].size, 1);
    assert_eq!(r.cohorts[1].start, "2024-04-01");
}

#[test]
fn iso_week_cohorts_count_a_customer_once_per_week() {
    let mut f = Fixture::new();
    f.order("W", "2024-01-29", 1.0)
        .order("W", "2024-02-04", 2.0)
        .order("W", "2024-02-05", 4.0);
    f.order("V", "2024-02-07", 8.0);
    let data = f.build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    let r = compute(&occ, period("2024-01-29", "2024-02-07"), CohortGrain::Week);
    let labels: Vec<&str> = r.cohorts.iter().map(|c| c.cohort.as_str()).collect();
    assert_eq!(labels, ["2024-W05", "2024-W06"]);
    let w5 = &r.cohorts[0];
    assert_eq!(w5.start, "2024-01-29");
    assert_eq!(w5.active, [1, 1]);
    assert_eq!(w5.retention, [1.0, 1.0]);
    assert_eq!(w5.revenue, [3.0, 4.0]);
    assert_eq!(r.cohorts[1].size, 1);
}

#[test]
fn empty_period_and_no_purchases_show_no_cohort() {
    let data = fixture().build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    assert!(
        compute(&occ, period("2019-01-01", "2019-12-31"), CohortGrain::Month)
            .cohorts
            .is_empty()
    );
    let empty = Fixture::new().build();
    let occ = Occasions::build(&empty, &Selection::all(&empty));
    assert!(
        compute(&occ, period("2024-01-01", "2024-12-31"), CohortGrain::Week)
            .cohorts
            .is_empty()
    );
}
