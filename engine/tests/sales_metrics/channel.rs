//! `METRICS.md` "Channels and owners": the channel table. Worked example:
//! `tests/fixtures/sales.md` "Channels".

use engine::metrics::channel::{compute, ChannelReport};
use engine::metrics::deals::RevenueSource;
use engine::metrics::purchases::Occasions;
use engine::model::Dataset;
use engine::query::Selection;

use crate::{assert_close_opt, p, sales, with_orders, with_spend};

/// The channel table of every row in `p()`.
fn channels(data: &Dataset) -> ChannelReport {
    let sel = Selection::all(data);
    compute(data, &sel, &Occasions::build(data, &sel), p())
}

#[test]
fn channels_with_spend() {
    let data = with_spend(sales()).build();
    let r = channels(&data);
    assert!(r.spend_loaded);
    assert_eq!(r.revenue_source, RevenueSource::WonDeals);
    type Row<'a> = (Option<&'a str>, u64, u64, u64, f64, u64, Option<f64>);
    let rows: Vec<Row> = r
        .channels
        .iter()
        .map(|c| {
            (
                c.channel.as_deref(),
                c.deals_created,
                c.won,
                c.lost,
                c.revenue,
                c.new_customers,
                c.spend,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (Some("Partner"), 2, 1, 1, 3000.0, 1, Some(1000.0)),
            (Some("Web"), 4, 2, 1, 1500.0, 1, Some(450.0)),
            (Some("Email"), 1, 1, 0, 400.0, 0, Some(0.0)),
            (Some("Events"), 0, 0, 0, 0.0, 0, Some(50.0)),
            (None, 1, 0, 0, 0.0, 1, Some(0.0)),
        ]
    );
    let c = &r.channels;
    assert_close_opt(c[0].cac, Some(1000.0));
    assert_close_opt(c[0].roi, Some(2.0));
    assert_close_opt(c[0].win_rate, Some(0.5));
    assert_close_opt(c[1].cac, Some(450.0));
    assert_close_opt(c[1].roi, Some(1050.0 / 450.0));
    assert_close_opt(c[1].win_rate, Some(2.0 / 3.0));
    assert_eq!((c[2].cac, c[2].roi), (None, None));
    assert_eq!(c[3].cac, None);
    assert_close_opt(c[3].roi, Some(-1.0));
    assert_eq!(c[4].win_rate, None);
    assert_eq!((c[4].cac, c[4].roi), (Some(0.0), None));
}

#[test]
fn without_spend_cac_and_roi_have_no_value() {
    let data = sales().build();
    let r = channels(&data);
    assert!(!r.spend_loaded);
    assert!(r
        .channels
        .iter()
        .all(|c| c.spend.is_none() && c.cac.is_none() && c.roi.is_none()));
}

#[test]
fn order_revenue_follows_the_customers_channel() {
    let data = with_orders(sales()).build();
    let r = channels(&data);
    assert_eq!(r.revenue_source, RevenueSource::Orders);
    let revenue: Vec<(Option<&str>, f64)> = r
        .channels
        .iter()
        .map(|c| (c.channel.as_deref(), c.revenue))
        .collect();
    // C2's order under Partner, C1's under Web, the customer-less one under none.
    assert_eq!(
        revenue,
        [
            (Some("Partner"), 200.0),
            (Some("Web"), 100.0),
            (Some("Email"), 0.0),
            (None, 50.0)
        ]
    );
    // New customers come from the orders: C1 (first 2023-12-31) is not new; C2 (2024-02-01) is.
    let new: Vec<u64> = r.channels.iter().map(|c| c.new_customers).collect();
    assert_eq!(new, [1, 0, 0, 0]);
}
