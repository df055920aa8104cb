//! `METRICS.md` "Pipeline" and "Stalled deals". Worked example: `tests/fixtures/sales.md`.

use engine::metrics::funnel::StageOrder;
use engine::metrics::pipeline::{compute, open_rows, StalledDeal};
use engine::metrics::Settings;
use engine::query::Selection;

use crate::{p, period, sales};

#[test]
fn pipeline_by_stage_in_funnel_order() {
    let data = sales().build();
    let order = StageOrder::detect(&data.deals);
    let r = compute(
        &data,
        &Selection::all(&data),
        p(),
        &Settings::default(),
        &order,
    );
    assert_eq!(r.open_deals, 2);
    assert_eq!(r.pipeline_value, 5800.0);
    let stages: Vec<(&str, u64, f64)> = r
        .by_stage
        .iter()
        .map(|s| (s.stage.as_str(), s.deals, s.amount))
        .collect();
    assert_eq!(
        stages,
        [
            ("Prospecting", 1, 800.0),
            ("Qualification", 0, 0.0),
            ("Negotiation", 1, 5000.0)
        ]
    );
    assert_eq!(open_rows(&data, &Selection::all(&data), p()), [6, 7]);
}

#[test]
fn stalled_is_strictly_more_than_s_days() {
    let data = sales().build();
    let order = StageOrder::detect(&data.deals);
    let r = compute(
        &data,
        &Selection::all(&data),
        p(),
        &Settings::default(),
        &order,
    );
    // D7 idle exactly 7 days: not stalled; D8 idle 8 days: stalled.
    assert_eq!(r.stalled_deals, 1);
    assert_eq!(
        r.stalled,
        [StalledDeal {
            row: 7,
            days_idle: 8
        }]
    );
    assert_eq!(r.stalled_amount, 800.0);

    let lenient = Settings {
        stalled_days: 8,
        ..Settings::default()
    };
    assert_eq!(
        compute(&data, &Selection::all(&data), p(), &lenient, &order).stalled_deals,
        0
    );
    let strict = Settings {
        stalled_days: 6,
        ..Settings::default()
    };
    let r = compute(&data, &Selection::all(&data), p(), &strict, &order);
    assert_eq!(
        r.stalled,
        [
            StalledDeal {
                row: 7,
                days_idle: 8
            },
            StalledDeal {
                row: 6,
                days_idle: 7
            }
        ]
    );
}

#[test]
fn without_activity_the_creation_date_counts() {
    let data = sales().build();
    let order = StageOrder::detect(&data.deals);
    // T = 2024-04-11: D9 (created 04-02, no activity) idle 9 days; D8 idle 19; D7 idle 18.
    let r = compute(
        &data,
        &Selection::all(&data),
        period("2024-04-01", "2024-04-11"),
        &Settings::default(),
        &order,
    );
    assert_eq!(r.open_deals, 3);
    let rows: Vec<(u32, i32)> = r.stalled.iter().map(|s| (s.row, s.days_idle)).collect();
    assert_eq!(rows, [(7, 19), (6, 18), (8, 9)]);
}
