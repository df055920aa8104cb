//! `METRICS.md` CLV. Worked example: `tests/fixtures/clv.md`.

use engine::metrics::clv::{compute, customer_values, year, ClvReport, NoClvReason};
use engine::metrics::lifecycle::churn;
use engine::metrics::purchases::Occasions;
use engine::metrics::Settings;
use engine::query::Selection;

use crate::{assert_close, assert_close_opt, d, Fixture};

/// As of T = 2024-12-31: the window is [2024-01-02, 2024-12-31].
fn fixture(with_v3: bool, with_spend: bool) -> Fixture {
    let mut f = Fixture::new();
    f.order("V1", "2023-12-01", 100.0)
        .order("V1", "2024-03-01", 200.0)
        .order("V1", "2024-09-01", 300.0);
    f.order("V1", "2025-01-10", 999.0);
    f.order("V2", "2023-11-15", 50.0)
        .order("V2", "2024-12-01", 150.0);
    if with_v3 {
        f.order("V3", "2023-10-01", 80.0);
    }
    f.order("V4", "2024-06-01", 400.0);
    f.order("V5", "2024-02-01", 0.0)
        .order("V5", "2024-02-01", 20.0);
    f.order("", "2024-05-05", 100.0);
    if with_spend {
        f.spend("Web", "2024-01", 1000.0) // first day 2024-01-01: outside the window
            .spend("Web", "2024-02", 300.0)
            .spend("Ads", "2024-12", 100.0)
            .spend("Web", "2025-01", 500.0);
    }
    f
}

fn run(f: Fixture, t: &str) -> ClvReport {
    let data = f.build();
    let sel = Selection::all(&data);
    let occ = Occasions::build(&data, &sel);
    clv_of(&data, &sel, &occ, t)
}

/// CLV as of `t` with the churn of the year to `t` at the default window.
fn clv_of(data: &engine::model::Dataset, sel: &Selection, occ: &Occasions, t: &str) -> ClvReport {
    let annual = churn(occ, year(d(t)), Settings::default().churn_window);
    compute(data, sel, occ, d(t), annual)
}

#[test]
fn clv_with_spend() {
    let r = run(fixture(true, true), "2024-12-31");
    assert_eq!(r.window_from, "2024-01-02");
    assert_eq!(
        (r.revenue, r.occasions, r.customers, r.new_customers),
        (1170.0, 5, 4, 2)
    );
    assert_eq!(r.aov, Some(234.0));
    assert_eq!(r.frequency, Some(1.25));
    assert_eq!((r.annual_churn.base, r.annual_churn.churned), (3, 1));
    assert_close_opt(r.lifetime_years, Some(3.0));
    assert_eq!(r.spend, Some(400.0));
    assert_eq!((r.cac, r.cac_missing), (Some(200.0), false));
    assert_close(r.clv.unwrap(), 877.5 - 200.0);
    assert_eq!(r.reason, None);
}

#[test]
fn clv_without_spend_flags_cac_missing() {
    let r = run(fixture(true, false), "2024-12-31");
    assert_eq!((r.cac, r.cac_missing, r.spend), (Some(0.0), true, None));
    assert_close(r.clv.unwrap(), 877.5);
}

#[test]
fn zero_churn_gives_ten_years() {
    let r = run(fixture(false, false), "2024-12-31");
    assert_eq!((r.annual_churn.base, r.annual_churn.churned), (2, 0));
    assert_eq!(r.lifetime_years, Some(10.0));
    // Revenue 1170, 5 occasions, 4 customers: 234 × 1.25 × 10.
    assert_close(r.clv.unwrap(), 2925.0);
}

#[test]
fn no_new_customers_means_no_cac_and_no_clv() {
    let r = run(fixture(true, true), "2025-06-30");
    assert_eq!(r.new_customers, 0);
    assert_eq!(r.cac, None);
    assert_eq!(r.clv, None);
    assert_eq!(r.reason, Some(NoClvReason::NoNewCustomers));
}

#[test]
fn empty_churn_base_means_no_clv() {
    let data = crate::lifecycle::fixture().build();
    let sel = Selection::all(&data);
    let occ = Occasions::build(&data, &sel);
    let r = clv_of(&data, &sel, &occ, "2024-12-31");
    assert_eq!(r.annual_churn.base, 0);
    assert_eq!(
        (r.clv, r.reason, r.lifetime_years),
        (None, Some(NoClvReason::NoChurnBase), None)
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["reason"], "no_churn_base");
    assert_eq!(json["clv"], serde_json::Value::Null);
}

#[test]
fn per_customer_historical_value() {
    let data = fixture(true, true).build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    let rows = customer_values(&data, &occ, d("2024-12-31"));
    let got: Vec<(&str, f64, u64)> = rows
        .iter()
        .map(|r| {
            (
                data.customers.ids[r.code as usize].as_str(),
                r.historical_value,
                r.occasions,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("V1", 600.0, 3),
            ("V4", 400.0, 1),
            ("V2", 200.0, 2),
            ("V3", 80.0, 1),
            ("V5", 20.0, 1)
        ]
    );
}
