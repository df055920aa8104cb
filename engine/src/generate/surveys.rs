//! NPS survey responses (0–10) from about three in ten customers, some of them answering
//! several times. Each customer has a lasting mood; those who stopped buying are less happy.

use super::calendar::Calendar;
use super::csv_out::Table;
use super::customers;
use super::rng::{Rng, Stream};
use super::{GeneratedFile, Vocab};
use crate::model::day::{Day, NO_DAY};

const RESPONSE_RATE_BUYERS: f64 = 0.40;
const RESPONSE_RATE_OTHERS: f64 = 0.15;
/// After each response, the chance that the customer answers again later.
const ANSWERS_AGAIN: f64 = 0.45;
const MEAN_SCORE: f64 = 8.9;
const MOOD_SPREAD: f64 = 2.0;
const RESPONSE_NOISE: f64 = 0.8;
/// Mood lost by a customer who has not ordered for half a year.
const CHURNED_MOOD: f64 = 0.8;
const CHURN_DAYS: Day = 180;
/// Customers keep answering up to this long after their last order.
const ANSWER_AFTER_LAST_ORDER: Day = 90;

pub(crate) struct Response {
    customer: u32,
    day: Day,
    score: u8,
}

/// `first_order` and `last_order` per customer (`NO_DAY` without orders).
pub(crate) fn generate(
    seed: u64,
    created: impl Iterator<Item = Day>,
    first_order: &[Day],
    last_order: &[Day],
    cal: &Calendar,
) -> Vec<Response> {
    let mut rng = Rng::new(seed, Stream::Surveys);
    let mut responses = Vec::with_capacity(first_order.len() / 2);
    let mut days = Vec::new();
    for (i, created) in created.enumerate() {
        let buyer = first_order[i] != NO_DAY;
        let mut mood = rng.normal();
        let rate = if buyer {
            RESPONSE_RATE_BUYERS
        } else {
            RESPONSE_RATE_OTHERS
        };
        if !rng.chance(rate) {
            continue;
        }
        let (lo, hi) = if buyer {
            if last_order[i] < cal.last - CHURN_DAYS {
                mood -= CHURNED_MOOD;
            }
            let hi = (last_order[i] + ANSWER_AFTER_LAST_ORDER).min(cal.last);
            (first_order[i], hi)
        } else {
            (created, cal.last)
        };
        days.clear();
        days.push(rng.between(lo, hi));
        while rng.chance(ANSWERS_AGAIN) {
            days.push(rng.between(lo, hi));
        }
        days.sort_unstable();
        for &day in &days {
            let score = MEAN_SCORE + MOOD_SPREAD * mood + RESPONSE_NOISE * rng.normal();
            responses.push(Response {
                customer: i as u32,
                day,
                score: score.round().clamp(0.0, 10.0) as u8,
            });
        }
    }
    responses.sort_by_key(|r| r.day); // stable
    responses
}

pub(crate) fn write(responses: &[Response], vocab: &Vocab, cal: &Calendar) -> GeneratedFile {
    let mut table = Table::new(
        "surveys.csv",
        &vocab.surveys_header,
        responses.len() * 24 + 64,
    );
    for r in responses {
        customers::customer_id(&mut table, r.customer as usize);
        table.text(cal.text(r.day));
        table.integer(r.score as i64);
        table.end_row();
    }
    table.finish()
}
