//! `METRICS.md` "Won, lost, revenue". Worked example: `tests/fixtures/sales.md` "Deals report".

use engine::metrics::deals::{compute, lost_rows, won_rows, RevenueSource};
use engine::query::Selection;

use crate::{assert_close, assert_close_opt, p, period, sales, with_orders};

#[test]
fn won_lost_revenue_and_cycle() {
    let data = sales().build();
    let r = compute(&data, &Selection::all(&data), p());
    assert_eq!(r.revenue_source, RevenueSource::WonDeals);
    assert_close(r.revenue, 4900.0);
    assert_close(r.won_amount, 4900.0);
    assert_eq!((r.won_deals, r.lost_deals, r.deals_created), (4, 2, 8));
    assert_close_opt(r.win_rate, Some(4.0 / 6.0));
    assert_close_opt(r.avg_deal_size, Some(1225.0));
    assert_eq!(r.sales_cycle_median, Some(41.0));
    assert_close_opt(r.sales_cycle_mean, Some(142.0 / 3.0));
    assert_eq!(r.sales_cycle_p90, Some(71.0));
    // D3 closed before it was created: flagged and left out of the cycle, still won revenue.
    assert_eq!(r.closed_before_created, 1);
    assert_eq!(r.won_without_closed_at, 1);
}

#[test]
fn lost_reasons_with_unspecified() {
    let data = sales().build();
    let r = compute(&data, &Selection::all(&data), p());
    let reasons: Vec<(&str, u64, f64)> = r
        .lost_reasons
        .iter()
        .map(|l| (l.reason.as_str(), l.deals, l.amount))
        .collect();
    assert_eq!(reasons, [("Price", 1, 2000.0), ("Unspecified", 1, 700.0)]);
}

#[test]
fn an_unspecified_reason_merges_with_empty_ones() {
    let mut f = sales();
    f.deal("D12", "Closed Lost", "2024-01-02")
        .lost("2024-01-03")
        .amount(5.0)
        .lost_reason("Unspecified");
    let data = f.build();
    let r = compute(&data, &Selection::all(&data), p());
    let reasons: Vec<(&str, u64, f64)> = r
        .lost_reasons
        .iter()
        .map(|l| (l.reason.as_str(), l.deals, l.amount))
        .collect();
    assert_eq!(reasons, [("Unspecified", 2, 705.0), ("Price", 1, 2000.0)]);
}

#[test]
fn monthly_trend() {
    let data = sales().build();
    let r = compute(&data, &Selection::all(&data), p());
    let trend: Vec<(&str, f64, u64, u64)> = r
        .trend
        .iter()
        .map(|m| (m.month.as_str(), m.revenue, m.deals_created, m.deals_won))
        .collect();
    assert_eq!(
        trend,
        [
            ("2024-01", 3000.0, 3, 1),
            ("2024-02", 1500.0, 3, 2),
            ("2024-03", 400.0, 2, 1)
        ]
    );
}

#[test]
fn revenue_from_orders_where_loaded() {
    let data = with_orders(sales()).build();
    let r = compute(&data, &Selection::all(&data), p());
    assert_eq!(r.revenue_source, RevenueSource::Orders);
    assert_close(r.revenue, 350.0);
    // Average deal size still comes from won deals.
    assert_close_opt(r.avg_deal_size, Some(1225.0));
    let revenue: Vec<f64> = r.trend.iter().map(|m| m.revenue).collect();
    assert_eq!(revenue, [100.0, 200.0, 50.0]);
}

#[test]
fn empty_period_has_no_values() {
    let data = sales().build();
    let r = compute(
        &data,
        &Selection::all(&data),
        period("2030-01-01", "2030-01-31"),
    );
    assert_eq!(r.revenue, 0.0);
    assert_eq!((r.won_deals, r.lost_deals), (0, 0));
    assert_eq!(r.win_rate, None);
    assert_eq!(r.avg_deal_size, None);
    assert_eq!(
        (r.sales_cycle_median, r.sales_cycle_mean, r.sales_cycle_p90),
        (None, None, None)
    );
    assert!(r.lost_reasons.is_empty());
    assert_eq!(r.trend.len(), 1);
    let json = serde_json::to_value(&r).unwrap();
    assert!(json["win_rate"].is_null());
}

#[test]
fn drill_down_rows() {
    let data = sales().build();
    let sel = Selection::all(&data);
    assert_eq!(won_rows(&data, &sel, p()), [0, 1, 2, 9]);
    assert_eq!(lost_rows(&data, &sel, p()), [3, 4]);
}
