//! Deals: created through the window with a seasonal rhythm, each bound to win or lose after a
//! sales cycle; the ones whose cycle ends after the window's last day are still open.
//!
//! Open deals have an empty `closed_at` (no expected close date), a current stage that reflects
//! how far their cycle has run, and a last activity that is recent for most and more than a
//! week old for the stalled ones. About 2.5 % of deals get stuck: open long after their cycle.

use super::calendar::Calendar;
use super::csv_out::Table;
use super::customers::{self, Customer, CHANNEL_WEIGHTS, INDUSTRY_WEIGHTS, SIZE_WEIGHTS};
use super::names::{Vocab, CHANNELS, INDUSTRIES, LOST_REASONS, OPEN_STAGES, OWNERS, SIZES};
use super::names::{STAGE_LOST, STAGE_WON};
use super::rng::{Rng, Stream};
use super::GeneratedFile;
use crate::model::day::{Day, NO_DAY};

const NO_CUSTOMER: u32 = u32::MAX;
const NONE: u8 = u8::MAX;

/// Share of deals without a customer id.
const ORPHAN_SHARE: f64 = 0.01;
/// Share of deals still open long after their cycle should have ended.
const STUCK_SHARE: f64 = 0.025;
const BASE_WIN_RATE: f64 = 0.30;
/// Website, Referral, Partner, Events, Paid Search, Outbound.
const CHANNEL_WIN: [f64; CHANNELS] = [0.0, 0.10, 0.05, -0.02, -0.06, -0.05];
const SIZE_WIN: [f64; SIZES] = [0.03, 0.0, -0.05];
/// Won deals closing in the fourth quarter: the year-end push.
const Q4_WIN: f64 = 0.05;
const SIZE_AMOUNT: [f64; SIZES] = [4_000.0, 15_000.0, 60_000.0];
const INDUSTRY_AMOUNT: [f64; INDUSTRIES] = [1.1, 1.2, 0.8, 1.1, 1.4, 0.7, 0.9, 1.3];
const SIZE_CYCLE: [f64; SIZES] = [0.7, 1.0, 1.8];
const WON_CYCLE_DAYS: f64 = 40.0;
const LOST_CYCLE_DAYS: f64 = 15.0;
const MIN_CYCLE: i32 = 5;
const MAX_CYCLE: i32 = 180;
/// Where lost deals were lost: Lead … Negotiation.
const LOST_STAGE_WEIGHTS: [f64; OPEN_STAGES] = [0.22, 0.26, 0.22, 0.18, 0.12];
/// Price, Competitor, No budget, Timing, No decision; early stages, then late ones.
const EARLY_REASONS: [f64; LOST_REASONS] = [0.15, 0.15, 0.30, 0.20, 0.20];
const LATE_REASONS: [f64; LOST_REASONS] = [0.35, 0.30, 0.10, 0.10, 0.15];
const NO_REASON_SHARE: f64 = 0.08;

pub(crate) struct Deal {
    customer: u32,
    created: Day,
    closed: Day,
    last_activity: Day,
    amount: f64,
    /// `0..OPEN_STAGES` open, `STAGE_WON` or `STAGE_LOST`.
    stage: u8,
    lost_stage: u8,
    lost_reason: u8,
    owner: u8,
    channel: u8,
}

pub(crate) struct DealSet {
    /// In order of creation (their ids follow that order).
    pub deals: Vec<Deal>,
    /// Per customer: the day its first won deal closed, or `NO_DAY`.
    pub first_won: Vec<Day>,
}

/// Picks customers in proportion to their deal weight.
struct CustomerPicker {
    cumulative: Vec<f64>,
}

impl CustomerPicker {
    fn new(customers: &[Customer]) -> Self {
        let mut total = 0.0;
        let cumulative = customers
            .iter()
            .map(|c| {
                total += c.deal_weight;
                total
            })
            .collect();
        CustomerPicker { cumulative }
    }

    fn pick(&self, rng: &mut Rng) -> Option<usize> {
        let total = *self.cumulative.last()?;
        let x = rng.unit() * total;
        let i = self.cumulative.partition_point(|&c| c <= x);
        Some(i.min(self.cumulative.len() - 1))
    }
}

pub(crate) fn generate(
    seed: u64,
    count: usize,
    owners: usize,
    customers: &[Customer],
    cal: &Calendar,
) -> DealSet {
    let mut rng = Rng::new(seed, Stream::Deals);
    let skill: [f64; OWNERS] = std::array::from_fn(|_| (rng.normal() * 0.04).clamp(-0.08, 0.08));
    let picker = CustomerPicker::new(customers);
    let mut first_won = vec![NO_DAY; customers.len()];
    let mut deals = Vec::with_capacity(count);
    for _ in 0..count {
        let customer = if rng.chance(ORPHAN_SHARE) {
            None
        } else {
            picker.pick(&mut rng)
        };
        let deal = one_deal(
            &mut rng,
            customer.map(|i| &customers[i]),
            owners,
            &skill,
            cal,
        );
        let deal = Deal {
            customer: customer.map_or(NO_CUSTOMER, |i| i as u32),
            ..deal
        };
        if let Some(i) = customer {
            if deal.stage as usize == STAGE_WON
                && (first_won[i] == NO_DAY || deal.closed < first_won[i])
            {
                first_won[i] = deal.closed;
            }
        }
        deals.push(deal);
    }
    deals.sort_by_key(|d| d.created); // stable: same seed, same order
    DealSet { deals, first_won }
}

fn one_deal(
    rng: &mut Rng,
    customer: Option<&Customer>,
    owners: usize,
    skill: &[f64; OWNERS],
    cal: &Calendar,
) -> Deal {
    let (earliest, latest, size, industry, scale) = match customer {
        Some(c) => (
            c.created,
            c.active_until,
            c.size as usize,
            c.industry as usize,
            c.scale,
        ),
        None => (
            cal.first,
            cal.last,
            rng.weighted(&SIZE_WEIGHTS),
            rng.weighted(&INDUSTRY_WEIGHTS),
            1.0,
        ),
    };
    let owner = match customer {
        Some(c) if rng.chance(0.85) => c.owner as usize,
        _ => rng.below(owners as u64) as usize,
    };
    let channel = match customer {
        Some(c) if rng.chance(0.9) => c.channel as usize,
        _ => rng.weighted(&CHANNEL_WEIGHTS),
    };
    let created = cal.seasonal_day(rng, earliest, latest);

    // One draw sets how slow this deal is, whichever way it ends.
    let pace = (0.5 * rng.normal()).exp() * SIZE_CYCLE[size];
    let cycle_days = |median: f64| ((median * pace).round() as i32).clamp(MIN_CYCLE, MAX_CYCLE);
    let lost_stage = rng.weighted(&LOST_STAGE_WEIGHTS);
    let won_cycle = cycle_days(WON_CYCLE_DAYS);
    let lost_cycle = cycle_days(LOST_CYCLE_DAYS * (1.0 + 0.6 * lost_stage as f64));
    let mut win_rate = BASE_WIN_RATE + CHANNEL_WIN[channel] + SIZE_WIN[size] + skill[owner];
    let won_close = created + won_cycle;
    if won_close <= cal.last && cal.month0(won_close) >= 9 {
        win_rate += Q4_WIN;
    }
    let won = rng.chance(win_rate.clamp(0.05, 0.8));
    let cycle = if won { won_cycle } else { lost_cycle };
    let close = created + cycle;
    let stuck = rng.chance(STUCK_SHARE);

    let median = SIZE_AMOUNT[size] * INDUSTRY_AMOUNT[industry] * scale;
    let mut amount = rng.log_normal(median, 0.8);
    if rng.chance(0.6) {
        amount = (amount / 10.0).round() * 10.0;
    }

    let mut deal = Deal {
        customer: NO_CUSTOMER,
        created,
        closed: NO_DAY,
        last_activity: created,
        amount,
        stage: 0,
        lost_stage: NONE,
        lost_reason: NONE,
        owner: owner as u8,
        channel: channel as u8,
    };
    if close <= cal.last && !stuck {
        deal.closed = close;
        if won {
            deal.stage = STAGE_WON as u8;
            deal.last_activity = close - rng.between(0, 2.min(cycle));
        } else {
            deal.stage = STAGE_LOST as u8;
            deal.lost_stage = lost_stage as u8;
            let reasons = if lost_stage >= 3 {
                &LATE_REASONS
            } else {
                &EARLY_REASONS
            };
            if !rng.chance(NO_REASON_SHARE) {
                deal.lost_reason = rng.weighted(reasons) as u8;
            }
            deal.last_activity = close - rng.between(0, 14.min(cycle));
        }
        return deal;
    }

    // Still open on the last day: the furthest stage it will reach bounds where it is now.
    let age = cal.last - created;
    let reach = if won { OPEN_STAGES - 1 } else { lost_stage };
    if close <= cal.last {
        deal.stage = rng.between(0, reach as i32) as u8;
        deal.last_activity = cal.last - rng.between(30.min(age), age);
    } else {
        let progress = age as f64 / cycle as f64;
        deal.stage = ((progress * (reach + 1) as f64) as usize).min(reach) as u8;
        deal.last_activity = if rng.chance(0.75) {
            cal.last - rng.between(0, 7.min(age))
        } else {
            cal.last - rng.between(8.min(age), 60.min(age))
        };
    }
    deal
}

pub(crate) fn write(set: &DealSet, vocab: &Vocab, cal: &Calendar) -> GeneratedFile {
    let mut table = Table::new(
        "deals.csv",
        &vocab.deals_header,
        set.deals.len() * 120 + 256,
    );
    for (i, d) in set.deals.iter().enumerate() {
        table.id('D', i + 1, 7);
        if d.customer == NO_CUSTOMER {
            table.empty();
        } else {
            customers::customer_id(&mut table, d.customer as usize);
        }
        table.text(vocab.stages[d.stage as usize]);
        table.text(
            vocab.statuses[match d.stage as usize {
                STAGE_WON => 1,
                STAGE_LOST => 2,
                _ => 0,
            }],
        );
        table.amount(d.amount);
        table.text(cal.text(d.created));
        if d.closed == NO_DAY {
            table.empty();
        } else {
            table.text(cal.text(d.closed));
        }
        match d.lost_reason {
            NONE => table.empty(),
            r => table.text(vocab.lost_reasons[r as usize]),
        }
        match d.lost_stage {
            NONE => table.empty(),
            s => table.text(vocab.stages[s as usize]),
        }
        table.text(vocab.owners[d.owner as usize]);
        table.text(vocab.channels[d.channel as usize]);
        table.text(cal.text(d.last_activity));
        table.end_row();
    }
    table.finish()
}
