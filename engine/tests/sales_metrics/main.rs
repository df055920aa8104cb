//! The sales metric families (funnel, deals, pipeline, channels, owners) and the segment
//! filters on hand-made fixtures. Expected values are worked out in `tests/fixtures/sales.md`.

#[path = "../common/mod.rs"]
mod common;

mod channel;
mod deals;
mod funnel;
mod owner;
mod pipeline;
mod properties;
mod selection;

use engine::query::Period;

pub use common::fixture::{d, Fixture};

pub fn period(from: &str, to: &str) -> Period {
    Period {
        from: d(from),
        to: d(to),
    }
}

/// The fixture's period P.
pub fn p() -> Period {
    period("2024-01-01", "2024-03-31")
}

#[track_caller]
pub fn assert_close(a: f64, b: f64) {
    assert!(
        (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0),
        "{a} != {b}"
    );
}

#[track_caller]
pub fn assert_close_opt(a: Option<f64>, b: Option<f64>) {
    match (a, b) {
        (Some(x), Some(y)) => assert_close(x, y),
        (None, None) => {}
        _ => panic!("{a:?} != {b:?}"),
    }
}

/// The fixture of `tests/fixtures/sales.md`.
pub fn sales() -> Fixture {
    let mut f = Fixture::new();
    f.customer("C1")
        .industry("Retail")
        .region("East")
        .size("S")
        .channel("Web")
        .owner("Ann");
    f.customer("C2")
        .industry("Tech")
        .region("West")
        .size("L")
        .channel("Partner")
        .owner("Bob");
    f.customer("C3")
        .industry("Retail")
        .region("West")
        .size("M")
        .owner("Ann");
    f.deal("D1", "Closed Won", "2024-01-10")
        .won("2024-02-09")
        .amount(1000.0)
        .owner("Ann")
        .channel("Web")
        .customer("C1");
    f.deal("D2", "Closed Won", "2023-12-01")
        .won("2024-01-11")
        .amount(3000.0)
        .owner("Bob")
        .customer("C2");
    f.deal("D3", "Closed Won", "2024-03-01")
        .won("2024-02-20")
        .amount(500.0)
        .owner("Ann")
        .channel("Web")
        .customer("C3");
    f.deal("D4", "Closed Lost", "2024-01-05")
        .lost("2024-03-01")
        .amount(2000.0)
        .lost_reason("Price")
        .owner("Bob")
        .channel("Partner")
        .customer("C2");
    f.deal("D5", "Closed Lost", "2024-02-01")
        .lost("2024-02-15")
        .amount(700.0)
        .owner("Ann")
        .channel("Web")
        .customer("C1");
    f.deal("D6", "Closed Lost", "2024-02-02")
        .lost("2024-04-05")
        .amount(300.0)
        .lost_reason("Price")
        .owner("Ann");
    f.deal("D7", "Negotiation", "2024-03-10")
        .amount(5000.0)
        .owner("Ann")
        .channel("Web")
        .customer("C1")
        .activity("2024-03-24");
    f.deal("D8", "Prospecting", "2024-02-10")
        .amount(800.0)
        .owner("Bob")
        .customer("C2")
        .activity("2024-03-23");
    f.deal("D9", "Qualification", "2024-04-02")
        .amount(1200.0)
        .owner("Ann")
        .customer("C9");
    f.deal("D10", "Closed Won", "2024-01-20")
        .won("2024-03-31")
        .amount(400.0)
        .channel("Email");
    f.deal("D11", "Closed Won", "2023-06-01")
        .status(engine::model::Status::Won)
        .amount(250.0)
        .owner("Bob")
        .customer("C2");
    f
}

/// `sales()` with the spend rows of the channel table.
pub fn with_spend(mut f: Fixture) -> Fixture {
    f.spend("Web", "2024-01", 300.0)
        .spend("Web", "2024-03", 150.0)
        .spend("Web", "2024-04", 999.0)
        .spend("Web", "2023-12", 77.0)
        .spend("Partner", "2024-02", 1000.0)
        .spend("Events", "2024-02", 50.0);
    f
}

/// `sales()` with the orders of the orders variant.
pub fn with_orders(mut f: Fixture) -> Fixture {
    f.order("C1", "2024-01-15", 100.0)
        .order("C2", "2024-02-01", 200.0)
        .order("", "2024-03-05", 50.0)
        .order("C1", "2023-12-31", 999.0);
    f
}
