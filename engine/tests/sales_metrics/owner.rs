//! `METRICS.md` "Channels and owners": the owner leaderboard. Worked example:
//! `tests/fixtures/sales.md` "Owners".

use engine::metrics::owner::compute;
use engine::metrics::Settings;
use engine::query::Selection;

use crate::{assert_close_opt, p, sales, with_orders};

#[test]
fn owner_leaderboard() {
    let data = sales().build();
    let r = compute(&data, &Selection::all(&data), p(), &Settings::default());
    let names: Vec<Option<&str>> = r.owners.iter().map(|o| o.owner.as_deref()).collect();
    assert_eq!(names, [Some("Bob"), Some("Ann"), None]);

    let bob = &r.owners[0];
    assert_eq!(
        (bob.deals_created, bob.won, bob.lost, bob.stalled_deals),
        (2, 1, 1, 1)
    );
    assert_eq!(bob.revenue, 3000.0);
    assert_close_opt(bob.win_rate, Some(0.5));
    assert_close_opt(bob.avg_deal_size, Some(3000.0));
    assert_eq!(bob.sales_cycle_median, Some(41.0));

    let ann = &r.owners[1];
    assert_eq!(
        (ann.deals_created, ann.won, ann.lost, ann.stalled_deals),
        (5, 2, 1, 0)
    );
    assert_eq!(ann.revenue, 1500.0);
    assert_close_opt(ann.win_rate, Some(2.0 / 3.0));
    assert_close_opt(ann.avg_deal_size, Some(750.0));
    // D3 (closed before created) is left out of the cycle.
    assert_eq!(ann.sales_cycle_median, Some(30.0));

    let none = &r.owners[2];
    assert_eq!(
        (none.deals_created, none.won, none.lost, none.stalled_deals),
        (1, 1, 0, 0)
    );
    assert_close_opt(none.win_rate, Some(1.0));
    assert_eq!(none.sales_cycle_median, Some(71.0));
}

#[test]
fn owner_revenue_follows_deals_even_with_orders() {
    let data = with_orders(sales()).build();
    let r = compute(&data, &Selection::all(&data), p(), &Settings::default());
    let total: f64 = r.owners.iter().map(|o| o.revenue).sum();
    assert_eq!(total, 4900.0);
}
