//! Customers: about one per five deals, a fifth of them there from the start and the rest
//! acquired at a growing pace. Each brings deals for a while (its weight says how many, heavy-
//! tailed so a few customers hold many) at a scale of its own.

use super::calendar::Calendar;
use super::csv_out::Table;
use super::names::{Vocab, CHANNELS, INDUSTRIES, REGIONS, SIZES};
use super::rng::{Rng, Stream};
use super::GeneratedFile;
use crate::model::day::Day;

pub(crate) const ENTERPRISE: usize = 2;

pub(crate) const INDUSTRY_WEIGHTS: [f64; INDUSTRIES] =
    [0.18, 0.16, 0.14, 0.12, 0.12, 0.08, 0.10, 0.10];
const REGION_WEIGHTS: [f64; REGIONS] = [0.26, 0.20, 0.20, 0.14, 0.12, 0.08];
pub(crate) const SIZE_WEIGHTS: [f64; SIZES] = [0.55, 0.33, 0.12];
/// Website, Referral, Partner, Events, Paid Search, Outbound.
pub(crate) const CHANNEL_WEIGHTS: [f64; CHANNELS] = [0.26, 0.16, 0.14, 0.10, 0.20, 0.14];
/// Median cost of acquiring a customer through each channel.
pub(crate) const CHANNEL_CAC: [f64; CHANNELS] = [400.0, 250.0, 900.0, 1500.0, 1100.0, 1300.0];
const SIZE_CAC: [f64; SIZES] = [0.7, 1.0, 2.5];
/// Larger customers bring more deals.
const SIZE_DEALS: [f64; SIZES] = [1.0, 1.8, 3.5];
/// Share of customers created in the first `STARTING_DAYS` of the window.
const STARTING_BASE: f64 = 0.2;
const STARTING_DAYS: Day = 60;
/// The others arrive at a growing pace: the share created by a fraction x of the window is
/// x^(1/GROWTH).
const GROWTH: f64 = 0.8;
/// Median number of days over which a customer brings deals.
const ACTIVE_DAYS: f64 = 420.0;

pub(crate) struct Customer {
    pub created: Day,
    pub industry: u8,
    pub region: u8,
    pub size: u8,
    pub channel: u8,
    pub owner: u8,
    pub acquisition_cost: f64,
    /// Its deals are created from `created` to this day.
    pub active_until: Day,
    /// Relative number of deals: heavy-tailed, so a few customers hold many.
    pub deal_weight: f64,
    /// Multiplies the amounts of its deals and orders.
    pub scale: f64,
}

/// About `deals / 5`, at least one.
pub(crate) fn count_for(deals: usize) -> usize {
    (deals / 5).max(1)
}

/// Salespeople: twelve from 5,000 deals, fewer below.
pub(crate) fn owners_for(deals: usize) -> usize {
    (2 + deals / 500).min(super::names::OWNERS)
}

/// Customers in order of creation (their ids follow that order).
pub(crate) fn generate(seed: u64, count: usize, owners: usize, cal: &Calendar) -> Vec<Customer> {
    let mut rng = Rng::new(seed, Stream::Customers);
    let span = cal.last - cal.first + 1;
    // The base the CRM started with arrives in the first weeks; the rest over the window.
    let mut created: Vec<Day> = (0..count)
        .map(|_| {
            if rng.chance(STARTING_BASE) {
                cal.first + rng.between(0, STARTING_DAYS - 1)
            } else {
                cal.first + (rng.unit().powf(GROWTH) * span as f64) as Day
            }
        })
        .collect();
    created.sort_unstable();
    let owner_weights: Vec<f64> = (0..owners).map(|i| 1.0 + (i % 4) as f64 * 0.3).collect();
    created
        .into_iter()
        .map(|day| {
            let size = rng.weighted(&SIZE_WEIGHTS);
            let channel = rng.weighted(&CHANNEL_WEIGHTS);
            let active_days = rng.log_normal(ACTIVE_DAYS, 0.6).round() as Day;
            let active_until = (day + active_days).min(cal.last);
            let active_share = (active_until - day + 1) as f64 / span as f64;
            Customer {
                created: day,
                industry: rng.weighted(&INDUSTRY_WEIGHTS) as u8,
                region: rng.weighted(&REGION_WEIGHTS) as u8,
                size: size as u8,
                channel: channel as u8,
                owner: rng.weighted(&owner_weights) as u8,
                acquisition_cost: rng.log_normal(CHANNEL_CAC[channel] * SIZE_CAC[size], 0.5),
                active_until,
                deal_weight: rng.log_normal(1.0, 1.0) * SIZE_DEALS[size] * active_share,
                scale: rng.log_normal(1.0, 0.5),
            }
        })
        .collect()
}

pub(crate) fn customer_id(table: &mut Table, index: usize) {
    table.id('C', index + 1, 6);
}

pub(crate) fn write(
    seed: u64,
    customers: &[Customer],
    vocab: &Vocab,
    cal: &Calendar,
) -> GeneratedFile {
    let mut names = Rng::new(seed, Stream::Names);
    let mut name = String::new();
    let mut table = Table::new(
        "customers.csv",
        &vocab.customers_header,
        customers.len() * 96 + 256,
    );
    for (i, c) in customers.iter().enumerate() {
        vocab.company_name(&mut names, c.industry as usize, &mut name);
        customer_id(&mut table, i);
        table.text(&name);
        table.text(vocab.industries[c.industry as usize]);
        table.text(vocab.regions[c.region as usize]);
        table.text(vocab.sizes[c.size as usize]);
        table.text(vocab.channels[c.channel as usize]);
        table.text(vocab.owners[c.owner as usize]);
        table.text(cal.text(c.created));
        table.amount(c.acquisition_cost);
        table.end_row();
    }
    table.finish()
}
