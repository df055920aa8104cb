//! Numbers in the panels and explanations, in the chosen language and number style (a thin
//! layer over `crate::i18n::format`, so the panels read as sentences).

use crate::i18n::format::{self, NumberStyle};

fn style() -> NumberStyle {
    NumberStyle::current()
}

/// An amount of money: `1,234,568`.
pub fn money(value: f64) -> String {
    format::money(Some(value), style())
}

/// An amount that may have no value (`—`).
pub fn money_or_dash(value: Option<f64>) -> String {
    format::money(value, style())
}

/// A count: `1,234`.
pub fn count(value: u64) -> String {
    format::count(Some(value as f64), style())
}

/// A fraction as a percentage: `29.6%`; `—` for no value.
pub fn percent(fraction: Option<f64>) -> String {
    format::percent(fraction, style())
}

/// A number of days: `41 days`; `—` for no value.
pub fn days(value: Option<f64>) -> String {
    format::days(value, style())
}

/// A net promoter score with its sign: `+40.5`; `—` for no value.
pub fn nps(value: Option<f64>) -> String {
    format::nps(value, style())
}

/// A plain number with `decimals` decimals; `—` for no value.
pub fn number(value: Option<f64>, decimals: usize) -> String {
    format::number(value, decimals, style())
}
