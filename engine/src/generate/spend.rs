//! Marketing spend per channel and month: what the channel's customers of that month cost to
//! acquire, give or take, plus a floor of always-on spend. Events spend comes in waves.

use super::calendar::Calendar;
use super::csv_out::Table;
use super::customers::{Customer, CHANNEL_CAC};
use super::names::CHANNELS;
use super::rng::{Rng, Stream};
use super::{GeneratedFile, Vocab};

/// Events: the spring and autumn trade-show seasons cost more (January first).
const EVENTS_MONTHS: [f64; 12] = [0.6, 0.8, 1.6, 1.3, 0.8, 0.7, 0.5, 0.5, 1.5, 1.6, 1.2, 0.6];
const EVENTS: usize = 3;
/// Always-on spend per month, as a share of one customer's median acquisition cost.
const FLOOR_CUSTOMERS: f64 = 0.5;

/// `spend[month][channel]` over the calendar's months.
pub(crate) fn generate(seed: u64, customers: &[Customer], cal: &Calendar) -> Vec<[f64; CHANNELS]> {
    let mut rng = Rng::new(seed, Stream::Spend);
    let mut spend = vec![[0.0; CHANNELS]; cal.months.len()];
    for c in customers {
        spend[cal.month_index(c.created)][c.channel as usize] += c.acquisition_cost;
    }
    for (month, row) in cal.months.iter().zip(spend.iter_mut()) {
        for (channel, value) in row.iter_mut().enumerate() {
            let floor = FLOOR_CUSTOMERS * CHANNEL_CAC[channel];
            let wave = if channel == EVENTS {
                EVENTS_MONTHS[month.month0]
            } else {
                1.0
            };
            *value = (*value + floor) * wave * rng.uniform(0.9, 1.15);
        }
    }
    spend
}

pub(crate) fn write(spend: &[[f64; CHANNELS]], vocab: &Vocab, cal: &Calendar) -> GeneratedFile {
    let mut table = Table::new(
        "spend.csv",
        &vocab.spend_header,
        spend.len() * CHANNELS * 40,
    );
    for (month, row) in cal.months.iter().zip(spend) {
        for (channel, value) in row.iter().enumerate() {
            table.text(vocab.channels[channel]);
            table.text(&month.text);
            table.amount(*value);
            table.end_row();
        }
    }
    table.finish()
}
