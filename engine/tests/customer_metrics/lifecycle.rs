//! `METRICS.md` "Lifecycle, churn, retention". Worked example: `tests/fixtures/lifecycle.md`.

use engine::metrics::lifecycle::{churn, compute, prospects, state_as_of, LifecycleCounts, State};
use engine::metrics::purchases::Occasions;
use engine::metrics::Settings;
use engine::query::Selection;

use crate::{code, d, period, Fixture};

/// As of T = 2024-12-31, period [2024-07-01, 2024-12-31], W = 180.
pub fn fixture() -> Fixture {
    let mut f = Fixture::new();
    f.customer("L_future").created("2024-06-01");
    f.customer("P_row").created("2024-11-01");
    f.customer("P_undated");
    f.customer("P_later").created("2025-02-01");
    f.customer("L_act").created("2025-06-01"); // a purchase makes it no prospect, whatever the date
    f.order("L_new", "2024-12-05", 10.0);
    f.order("L_new30", "2024-12-01", 10.0);
    f.order("L_act", "2024-01-10", 10.0)
        .order("L_act", "2024-10-02", 10.0);
    f.order("L_dorm", "2024-01-10", 10.0)
        .order("L_dorm", "2024-10-01", 10.0);
    f.order("L_dorm2", "2024-03-01", 10.0)
        .order("L_dorm2", "2024-07-04", 10.0);
    f.order("L_churn", "2024-05-01", 10.0)
        .order("L_churn", "2024-07-03", 10.0);
    f.order("L_old", "2023-01-01", 10.0);
    f.order("L_back", "2023-06-01", 10.0)
        .order("L_back", "2024-12-20", 10.0);
    f.order("L_base_new", "2024-06-20", 10.0);
    f.order("L_future", "2025-01-05", 10.0);
    f.deal("D1", "Proposal", "2024-05-01").customer("P_deal");
    f.deal("D2", "Proposal", "2025-01-10")
        .customer("P_deal_late");
    f.deal("D3", "Won", "2024-02-01")
        .customer("P_won")
        .won("2024-03-01")
        .amount(5.0); // orders loaded: not a purchase
    f
}

#[test]
fn states_as_of_t_with_exact_boundaries() {
    let data = fixture().build();
    let sel = Selection::all(&data);
    let occ = Occasions::build(&data, &sel);
    let t = d("2024-12-31");
    let state = |id: &str| state_as_of(&occ, code(&data, id), t, 180);
    assert_eq!(state("L_new"), Some(State::New));
    assert_eq!(state("L_new30"), Some(State::New)); // days(first, T) = 30
    assert_eq!(state("L_act"), Some(State::Active)); // d = 90 = W / 2
    assert_eq!(state("L_back"), Some(State::Active));
    assert_eq!(state("L_dorm"), Some(State::Dormant)); // d = 91
    assert_eq!(state("L_dorm2"), Some(State::Dormant)); // d = 180 = W
    assert_eq!(state("L_churn"), Some(State::Churned)); // d = 181
    assert_eq!(state("L_future"), None);

    let r = compute(
        &data,
        &sel,
        &occ,
        period("2024-07-01", "2024-12-31"),
        &Settings::default(),
    );
    assert_eq!(
        r.counts,
        LifecycleCounts {
            new: 2,
            active: 2,
            dormant: 2,
            churned: 3,
            prospects: 5
        }
    );
    assert_eq!(r.active_customers, 4);
    assert_eq!((r.churn.base, r.churn.churned), (5, 2));
    assert_eq!(r.churn.churn_rate, Some(0.4));
    assert_eq!(r.churn.retention_rate, Some(0.6));

    let p = prospects(&data, &sel, &occ, t);
    let mut names: Vec<&str> = (0..p.len())
        .filter(|&c| p[c])
        .map(|c| data.customers.ids[c].as_str())
        .collect();
    names.sort();
    assert_eq!(names, ["L_future", "P_deal", "P_row", "P_undated", "P_won"]);

    let json = serde_json::to_value(r.counts).unwrap();
    assert_eq!(json["dormant"], 2);
    assert_eq!(json["prospects"], 5);
}

#[test]
fn an_odd_window_compares_w_over_2_exactly() {
    let data = fixture().build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    let t = d("2024-12-31");
    // W = 181: W / 2 = 90.5, so d = 90 is active and d = 91 dormant (no rounding up).
    assert_eq!(
        state_as_of(&occ, code(&data, "L_act"), t, 181),
        Some(State::Active)
    );
    assert_eq!(
        state_as_of(&occ, code(&data, "L_dorm"), t, 181),
        Some(State::Dormant)
    );
    // W = 179: 89.5, so d = 90 is dormant; d = 180 churned.
    assert_eq!(
        state_as_of(&occ, code(&data, "L_act"), t, 179),
        Some(State::Dormant)
    );
    assert_eq!(
        state_as_of(&occ, code(&data, "L_dorm2"), t, 179),
        Some(State::Churned)
    );
}

#[test]
fn empty_churn_base_has_no_rate() {
    let data = fixture().build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    let c = churn(&occ, period("2022-01-01", "2024-12-31"), 180);
    assert_eq!(c.base, 0);
    assert_eq!(c.churn_rate, None);
    assert_eq!(c.retention_rate, None);
    let r = compute(
        &data,
        &Selection::all(&data),
        &occ,
        period("2020-01-01", "2020-12-31"),
        &Settings::default(),
    );
    // Nobody has an occasion yet; the only prospect is the undated customer row.
    assert_eq!(
        r.counts,
        LifecycleCounts {
            prospects: 1,
            ..Default::default()
        }
    );
    assert_eq!(r.churn.churn_rate, None);
}
