//! The synthetic data set of `dealscope generate`: customers, deals, orders, survey responses
//! and marketing spend over a fixed three-year window ending 2026-10-31.
//!
//! Everything is drawn from a seeded generator of our own ([`rng`]), so a seed gives the same
//! bytes on every run and with every crate version. Generation runs in memory without threads,
//! clocks or files, so the app can build its demo data in the browser; [`write_to`] saves the
//! files for the command line.
//!
//! The shape, so that every metric has something to show:
//! - about one customer per five deals, a fifth there from the start and the rest acquired at a
//!   growing pace, each bringing deals for a while, a few holding many;
//! - deals with a seasonal rhythm (a strong fourth quarter), log-normal amounts, a win rate of
//!   about 30 %, lost deals with the stage they reached and usually a reason, and open deals
//!   with an empty `closed_at` (no expected close date), some of them stalled;
//! - orders repeating at stretching gaps until the customer stops, about five per customer;
//! - NPS responses from about 30 % of customers, NPS between 0 and 50;
//! - spend per channel and month, following the channels' acquisition costs.

mod calendar;
mod csv_out;
mod customers;
mod deals;
mod names;
mod orders;
mod rng;
mod spend;
mod surveys;

use std::path::Path;

use calendar::Calendar;
use names::Vocab;

/// The language of the headers and of the text values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

#[derive(Clone, Debug)]
pub struct GenerateOptions {
    /// Number of deals; customers are about a fifth of it (at least one).
    pub deals: usize,
    pub seed: u64,
    pub lang: Lang,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            deals: 5000,
            seed: 42,
            lang: Lang::En,
        }
    }
}

/// One CSV file: UTF-8 without BOM, LF line ends, a header row.
#[derive(Clone, Debug)]
pub struct GeneratedFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl GeneratedFile {
    /// Data rows, not counting the header: line ends outside quoted fields, minus one.
    pub fn rows(&self) -> usize {
        let mut quoted = false;
        let mut lines: usize = 0;
        for &b in &self.bytes {
            match b {
                b'"' => quoted = !quoted,
                b'\n' if !quoted => lines += 1,
                _ => {}
            }
        }
        lines.saturating_sub(1)
    }
}

/// Generates `customers.csv`, `deals.csv`, `orders.csv`, `surveys.csv` and `spend.csv`, in
/// that order.
pub fn generate(options: &GenerateOptions) -> Vec<GeneratedFile> {
    let GenerateOptions { deals, seed, lang } = *options;
    let vocab = Vocab::of(lang);
    let cal = Calendar::new();
    let owners = customers::owners_for(deals);
    let customers = customers::generate(seed, customers::count_for(deals), owners, &cal);
    let deal_set = deals::generate(seed, deals, owners, &customers, &cal);
    let order_set = orders::generate(seed, &customers, &deal_set.first_won, &cal);
    let responses = surveys::generate(
        seed,
        customers.iter().map(|c| c.created),
        &order_set.first,
        &order_set.last,
        &cal,
    );
    let spend = spend::generate(seed, &customers, &cal);
    vec![
        customers::write(seed, &customers, vocab, &cal),
        deals::write(&deal_set, vocab, &cal),
        orders::write(&order_set, vocab, &cal),
        surveys::write(&responses, vocab, &cal),
        spend::write(&spend, vocab, &cal),
    ]
}

/// Writes the files into `dir`, creating it (and its parents) if needed.
pub fn write_to(dir: &Path, files: &[GeneratedFile]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for file in files {
        std::fs::write(dir.join(&file.name), &file.bytes)?;
    }
    Ok(())
}
