//! Orders: repeat purchases. A customer starts buying when its first deal is won (or, for
//! some, directly after it signs up), then buys again at gaps that stretch, until it stops:
//! so new, active, dormant and churned customers all occur.

use super::calendar::Calendar;
use super::csv_out::Table;
use super::customers::{self, Customer, ENTERPRISE};
use super::names::{Vocab, SIZES};
use super::rng::{Rng, Stream};
use super::GeneratedFile;
use crate::model::day::{Day, NO_DAY};

/// Share of customers without a won deal who still buy (self-serve).
const DIRECT_BUYERS: f64 = 0.5;
/// Median days between a customer's first two orders.
const FIRST_GAP_DAYS: f64 = 30.0;
/// Each gap is this much longer than the last, at most.
const MAX_STRETCH: f64 = 1.25;
/// After each order a customer stops buying with a probability in this range.
const STOP_RANGE: (f64, f64) = (0.015, 0.12);
const SIZE_ORDER: [f64; SIZES] = [300.0, 1_200.0, 5_000.0];

pub(crate) struct Order {
    customer: u32,
    day: Day,
    amount: f64,
}

pub(crate) struct OrderSet {
    /// By date; a customer's orders in the order it placed them.
    pub orders: Vec<Order>,
    /// Per customer: first and last order day, or `NO_DAY`.
    pub first: Vec<Day>,
    pub last: Vec<Day>,
}

pub(crate) fn generate(
    seed: u64,
    customers: &[Customer],
    first_won: &[Day],
    cal: &Calendar,
) -> OrderSet {
    let mut rng = Rng::new(seed, Stream::Orders);
    let mut orders = Vec::with_capacity(customers.len() * 5);
    let mut first = vec![NO_DAY; customers.len()];
    let mut last = vec![NO_DAY; customers.len()];
    for (i, c) in customers.iter().enumerate() {
        let direct = rng.chance(DIRECT_BUYERS);
        let signup_delay = rng.between(0, 60);
        let start = match first_won[i] {
            NO_DAY if direct => c.created + signup_delay,
            NO_DAY => continue,
            day => day,
        };
        if start > cal.last {
            continue;
        }
        let size_gap = if c.size as usize == ENTERPRISE {
            0.7
        } else {
            1.0
        };
        let mut gap = rng.log_normal(FIRST_GAP_DAYS * size_gap, 0.5);
        let stretch = rng.uniform(1.0, MAX_STRETCH);
        let stop = rng.uniform(STOP_RANGE.0, STOP_RANGE.1);
        let median = SIZE_ORDER[c.size as usize] * c.scale;
        let mut trend = 1.0;
        let mut day = start;
        first[i] = start;
        loop {
            orders.push(Order {
                customer: i as u32,
                day,
                amount: rng.log_normal(median * trend, 0.6),
            });
            last[i] = day;
            if rng.chance(stop) {
                break;
            }
            day += ((gap * rng.uniform(0.7, 1.3)).round() as Day).max(1);
            if day > cal.last {
                break;
            }
            gap *= stretch;
            trend *= rng.uniform(0.88, 1.04);
        }
    }
    orders.sort_by_key(|o| o.day); // stable
    OrderSet {
        orders,
        first,
        last,
    }
}

pub(crate) fn write(set: &OrderSet, vocab: &Vocab, cal: &Calendar) -> GeneratedFile {
    let mut table = Table::new(
        "orders.csv",
        &vocab.orders_header,
        set.orders.len() * 32 + 64,
    );
    for o in &set.orders {
        customers::customer_id(&mut table, o.customer as usize);
        table.text(cal.text(o.day));
        table.amount(o.amount);
        table.end_row();
    }
    table.finish()
}
