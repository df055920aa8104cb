//! The customer metric families (purchases, ABC, cohorts, NPS, lifecycle, warnings, repurchase,
//! CLV) on hand-made fixtures. Expected values are worked out in `tests/fixtures/*.md`.

#[path = "../common/mod.rs"]
mod common;

mod abc;
mod clv;
mod cohort;
mod lifecycle;
mod nps;
mod properties;
mod purchases;
mod repurchase;
mod warnings;

use engine::model::{Dataset, Day};
use engine::query::Period;

pub use common::fixture::{d, Fixture};

/// The customer code of an id.
pub fn code(data: &Dataset, id: &str) -> u32 {
    data.customers
        .ids
        .iter()
        .position(|x| x == id)
        .unwrap_or_else(|| panic!("no customer {id}")) as u32
}

pub fn period(from: &str, to: &str) -> Period {
    Period {
        from: d(from),
        to: d(to),
    }
}

/// `a` equals `b` to a relative 1e-12.
pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
}

#[track_caller]
pub fn assert_close(a: f64, b: f64) {
    assert!(close(a, b), "{a} != {b}");
}

#[track_caller]
pub fn assert_close_opt(a: Option<f64>, b: Option<f64>) {
    match (a, b) {
        (Some(x), Some(y)) => assert_close(x, y),
        (None, None) => {}
        _ => panic!("{a:?} != {b:?}"),
    }
}

pub fn days(list: &[&str]) -> Vec<Day> {
    list.iter().map(|s| d(s)).collect()
}
