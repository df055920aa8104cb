//! `METRICS.md` repurchase. Worked example: `tests/fixtures/lifecycle.md` ("Repurchase").

use engine::metrics::purchases::Occasions;
use engine::metrics::repurchase::compute;
use engine::query::Selection;

use crate::{assert_close_opt, d, Fixture};

#[test]
fn history_up_to_t_with_pooled_gaps() {
    let data = crate::lifecycle::fixture().build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    let r = compute(&occ, d("2024-12-31"));
    assert_eq!((r.customers, r.repeat_customers, r.gaps), (9, 5, 5));
    assert_close_opt(r.repurchase_rate, Some(5.0 / 9.0));
    assert_eq!(r.median_interval_days, Some(265.0)); // 63, 125, 265, 266, 568
}

#[test]
fn even_number_of_gaps_and_occasions_before_the_period() {
    let mut f = Fixture::new();
    f.order("A", "2020-01-01", 1.0)
        .order("A", "2020-01-11", 1.0)
        .order("A", "2024-01-01", 1.0);
    f.order("B", "2024-01-01", 1.0)
        .order("B", "2024-01-01", 1.0)
        .order("B", "2024-01-05", 1.0);
    f.order("C", "2024-06-01", 1.0)
        .order("C", "2025-06-01", 1.0); // second occasion after T
    let data = f.build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    let r = compute(&occ, d("2024-12-31"));
    // Gaps: A 10 and 1451, B 4 (same-day rows are one occasion): median (4 + 10) / 2.
    assert_eq!((r.customers, r.repeat_customers, r.gaps), (3, 2, 3));
    assert_eq!(r.median_interval_days, Some(10.0));
    let r = compute(&occ, d("2024-01-04"));
    assert_eq!((r.customers, r.repeat_customers), (2, 1));
    assert_eq!(r.median_interval_days, Some((10.0 + 1451.0) / 2.0));
}

#[test]
fn no_history_no_value() {
    let data = Fixture::new().build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    let r = compute(&occ, d("2024-12-31"));
    assert_eq!((r.repurchase_rate, r.median_interval_days), (None, None));
}
