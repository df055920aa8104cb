//! `METRICS.md` segment filters. Worked example: `tests/fixtures/sales.md` "Filters".

use engine::query::{select, Filters, Selection};

use crate::{p, sales, with_orders, with_spend};

fn filters(f: impl FnOnce(&mut Filters)) -> Filters {
    let mut filters = Filters::default();
    f(&mut filters);
    filters
}

fn v(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

#[test]
fn no_filter_keeps_everything() {
    let data = with_spend(with_orders(sales())).build();
    assert_eq!(
        select(&data, &Filters::default(), p()),
        Selection::all(&data)
    );
}

#[test]
fn customer_attribute_drops_deals_without_customer() {
    let data = sales().build();
    let sel = select(&data, &filters(|f| f.region = v(&["West"])), p());
    // D6 and D10 have no customer, D9's customer C9 is not in the customers file.
    assert_eq!(sel.deals, [1, 2, 3, 7, 10]);
    assert_eq!(sel.customers, [false, true, true, false]);
}

#[test]
fn two_values_of_one_field_mean_any() {
    let data = sales().build();
    let sel = select(&data, &filters(|f| f.region = v(&["West", "East"])), p());
    assert_eq!(sel.deals, [0, 1, 2, 3, 4, 6, 7, 10]);
    assert_eq!(sel.customers, [true, true, true, false]);
}

#[test]
fn owner_filters_each_table_by_its_own_column() {
    let data = with_orders(sales()).build();
    let sel = select(&data, &filters(|f| f.owner = v(&["Ann"])), p());
    // Deals by the deal's owner: D6 without a customer stays.
    assert_eq!(sel.deals, [0, 2, 4, 5, 6, 8]);
    // Customers by their own owner; orders follow them, the customer-less order is dropped.
    assert_eq!(sel.customers, [true, false, true, false]);
    assert_eq!(sel.orders, [0, 3]);
}

#[test]
fn fields_must_all_match() {
    let data = sales().build();
    let sel = select(
        &data,
        &filters(|f| {
            f.owner = v(&["Ann"]);
            f.region = v(&["West"]);
        }),
        p(),
    );
    assert_eq!(sel.deals, [2]);
    assert_eq!(sel.customers, [false, false, true, false]);
}

#[test]
fn channel_filter_applies_to_spend_only_by_its_column() {
    let data = with_spend(sales()).build();
    let sel = select(&data, &filters(|f| f.channel = v(&["Web"])), p());
    assert_eq!(sel.deals, [0, 2, 4, 6]);
    assert_eq!(sel.customers, [true, false, false, false]);
    assert_eq!(sel.spend, [0, 1, 2, 3]);
    // Other filters leave spend whole.
    let sel = select(&data, &filters(|f| f.region = v(&["West"])), p());
    assert_eq!(sel.spend, [0, 1, 2, 3, 4, 5]);
}

#[test]
fn values_are_trimmed_and_case_sensitive() {
    let data = sales().build();
    let sel = select(&data, &filters(|f| f.industry = v(&[" Retail "])), p());
    assert_eq!(sel.deals, [0, 2, 4, 6]);
    let sel = select(&data, &filters(|f| f.industry = v(&["retail"])), p());
    assert!(sel.deals.is_empty());
    assert_eq!(sel.customers, [false; 4]);
}

#[test]
fn tier_filter_uses_tiers_after_the_other_filters() {
    let data = sales().build();
    let sel = select(&data, &filters(|f| f.tier = v(&["A"])), p());
    assert_eq!(sel.deals, [0, 1, 3, 4, 6, 7, 10]);
    assert_eq!(sel.customers, [true, true, false, false]);
    let sel = select(&data, &filters(|f| f.tier = v(&["B"])), p());
    assert_eq!(sel.deals, [2]);
    // With Ann's deals only, C3 is A.
    let sel = select(
        &data,
        &filters(|f| {
            f.tier = v(&["A"]);
            f.owner = v(&["Ann"]);
        }),
        p(),
    );
    assert_eq!(sel.deals, [0, 2, 4, 6]);
    assert_eq!(sel.customers, [true, false, true, false]);
    let sel = select(&data, &filters(|f| f.tier = v(&["Z"])), p());
    assert!(sel.deals.is_empty());
}

#[test]
fn orders_and_responses_without_customer_drop_under_any_filter() {
    let mut f = with_orders(sales());
    f.survey("C2", "2024-02-01", 9).survey("", "2024-02-02", 3);
    let data = f.build();
    let all = select(&data, &Filters::default(), p());
    assert_eq!((all.orders.len(), all.surveys.len()), (4, 2));
    let sel = select(&data, &filters(|f| f.size = v(&["L"])), p());
    assert_eq!(sel.orders, [1]);
    assert_eq!(sel.surveys, [0]);
}

#[test]
fn customers_missing_from_the_file_keep_a_tier_but_no_attributes() {
    let mut f = crate::Fixture::new();
    f.customer("C1").region("East");
    f.order("X", "2024-02-01", 900.0)
        .order("C1", "2024-02-02", 100.0);
    let data = f.build();
    // X (only on an order) has 90 % of the revenue: tier A; C1 crosses 80 % after it: B.
    let sel = select(&data, &filters(|f| f.tier = v(&["A"])), p());
    assert_eq!(sel.orders, [0]);
    assert_eq!(sel.customers, [false, true]);
    let sel = select(&data, &filters(|f| f.region = v(&["East"])), p());
    assert_eq!(sel.orders, [1]);
    assert_eq!(sel.customers, [true, false]);
}
