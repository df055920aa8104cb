//! `METRICS.md` "Purchases": won deals or orders, same-day rows merged into one occasion.

use engine::metrics::purchases::{revenue_by_customer, Occasions};
use engine::query::Selection;

use crate::{code, d, days, Fixture};

fn deals_fixture() -> Fixture {
    let mut f = Fixture::new();
    f.customer("C1");
    f.customer("C2");
    // C1: two won deals on 2024-03-05 (one occasion of 150), one earlier, listed later.
    f.deal("D1", "Won", "2024-01-01")
        .customer("C1")
        .won("2024-03-05")
        .amount(100.0);
    f.deal("D2", "Won", "2024-01-01")
        .customer("C1")
        .won("2024-03-05")
        .amount(50.0);
    f.deal("D3", "Won", "2024-01-01")
        .customer("C1")
        .won("2024-02-01")
        .amount(0.0);
    // Not purchases: open, lost, won without closed_at.
    f.deal("D4", "Proposal", "2024-01-01")
        .customer("C2")
        .amount(999.0);
    f.deal("D5", "Lost", "2024-01-01")
        .customer("C2")
        .lost("2024-02-01")
        .amount(999.0);
    f.deal("D6", "Won", "2024-01-01")
        .customer("C2")
        .amount(999.0);
    // A won deal without a customer: revenue only.
    f.deal("D7", "Won", "2024-01-01")
        .won("2024-02-10")
        .amount(70.0);
    // C3 exists only on a deal: a customer code with a purchase of -20.
    f.deal("D8", "Won", "2024-01-01")
        .customer("C3")
        .won("2024-04-01")
        .amount(-20.0);
    f
}

#[test]
fn won_deals_make_occasions_merged_by_day() {
    let data = deals_fixture().build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    let c1 = code(&data, "C1");
    assert_eq!(
        occ.of(c1),
        (&days(&["2024-02-01", "2024-03-05"])[..], &[0.0, 150.0][..])
    );
    assert_eq!(occ.first_day(c1), Some(d("2024-02-01")));
    assert_eq!(occ.of(code(&data, "C2")).0, &[] as &[i32]);
    assert_eq!(occ.first_day(code(&data, "C2")), None);
    assert_eq!(occ.of(code(&data, "C3")).1, &[-20.0]);
    assert_eq!(occ.len(), 3);
    assert_eq!(occ.unowned(), (&[d("2024-02-10")][..], &[70.0][..]));
    assert_eq!(
        occ.unowned_revenue_in(d("2024-01-01"), d("2024-12-31")),
        70.0
    );
    assert_eq!(
        occ.unowned_revenue_in(d("2024-02-11"), d("2024-12-31")),
        0.0
    );
    assert_eq!(occ.window(c1, d("2024-01-01"), d("2024-12-31")), (2, 150.0));
    assert_eq!(occ.window(c1, d("2024-02-02"), d("2024-03-31")), (1, 150.0));
    assert_eq!(occ.window(c1, d("2024-03-06"), d("2024-03-31")), (0, 0.0));
    assert_eq!(occ.revenue_in(c1, d("2024-03-05"), d("2024-03-05")), 150.0);
    assert_eq!(occ.count_in(c1, d("2024-02-01"), d("2024-03-04")), 1);
    assert_eq!(occ.until(c1, d("2024-03-04")).0, &[d("2024-02-01")]);
    // On or after the last occasion (the fast path), and before the first.
    for t in ["2024-03-05", "2024-12-31"] {
        assert_eq!(occ.until(c1, d(t)), occ.of(c1), "as of {t}");
    }
    assert_eq!(occ.until(c1, d("2024-01-31")).0, &[] as &[i32]);
    assert_eq!(
        occ.until(code(&data, "C2"), d("2024-12-31")).0,
        &[] as &[i32]
    );
}

#[test]
fn orders_replace_deals_when_loaded() {
    let mut f = deals_fixture();
    f.order("C2", "2024-05-02", 10.0)
        .order("C2", "2024-05-01", 5.0)
        .order("C2", "2024-05-02", 1.0);
    let data = f.build();
    let occ = Occasions::build(&data, &Selection::all(&data));
    assert_eq!(
        occ.of(code(&data, "C2")),
        (&days(&["2024-05-01", "2024-05-02"])[..], &[5.0, 11.0][..])
    );
    assert!(
        occ.of(code(&data, "C1")).0.is_empty(),
        "won deals are not purchases with orders"
    );
    assert!(occ.unowned().0.is_empty());
    let rev = revenue_by_customer(
        &data,
        &Selection::all(&data),
        d("2024-05-02"),
        d("2024-05-31"),
    );
    assert_eq!(rev[code(&data, "C2") as usize], 11.0);
}

#[test]
fn follows_the_selection_rows() {
    let data = deals_fixture().build();
    let mut sel = Selection::all(&data);
    sel.deals = vec![1, 6]; // D2 and D7 only
    let occ = Occasions::build(&data, &sel);
    assert_eq!(occ.of(code(&data, "C1")).1, &[50.0]);
    assert_eq!(occ.unowned().1, &[70.0]);
}
