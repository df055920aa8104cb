//! Channels (`METRICS.md` "Channels and owners (in the period)").
//!
//! > Per channel: deals created, won, win rate, revenue, new customers (first occasion in the
//! > period). With spend: **CAC** = spend / new customers, **ROI** = (revenue − spend) / spend.
//!
//! > **Channel revenue** follows the customer's channel for orders and the deal's channel
//! > (falling back to the customer's) for deals.
//!
//! > A spend month counts in a window when its first day does.
//!
//! Choices:
//! - Deals created, won and lost follow the same attribution as deal revenue: the deal's
//!   channel, falling back to its customer's.
//! - Won and lost count deals with `closed_at` in the period (as the win-rate tile); created
//!   counts deals with `created_at` in the period.
//! - A new customer is a customer whose first purchase occasion among the selection's purchases
//!   (all dates) lies in the period, counted under the customer's own channel.
//! - With spend loaded, a channel without spend rows in the period has spend 0: its CAC is 0
//!   when it won new customers and its ROI has no value. Without spend loaded, spend, CAC and ROI
//!   have no value.
//! - Rows: every channel with any deal, revenue, new customer or spend in the period; channels
//!   match by exact value across the customers, deals and spend files. Rows are sorted by
//!   revenue descending, then name, rows without a channel (`None`, shown "(none)") last.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::metrics::deals::RevenueSource;
use crate::metrics::purchases::Occasions;
use crate::metrics::stats::ratio;
use crate::model::{day, Dataset, Status, NULL};
use crate::query::{Period, Selection};

/// One index over the channel values of the customers, deals and spend files (matched by exact
/// value), so that rows of all three group together. The key `len()` means "no channel".
#[derive(Clone, Debug)]
pub struct ChannelKeys {
    names: Vec<String>,
    deal: Vec<u32>,
    customer: Vec<u32>,
    spend: Vec<u32>,
}

impl ChannelKeys {
    pub fn new(data: &Dataset) -> ChannelKeys {
        fn map<'a>(
            values: &'a [String],
            index: &mut HashMap<&'a str, u32>,
            names: &mut Vec<String>,
        ) -> Vec<u32> {
            values
                .iter()
                .map(|v| {
                    *index.entry(v.as_str()).or_insert_with(|| {
                        names.push(v.clone());
                        names.len() as u32 - 1
                    })
                })
                .collect()
        }
        let mut names: Vec<String> = Vec::new();
        let mut index: HashMap<&str, u32> = HashMap::new();
        let customer = map(&data.customers.channel.values, &mut index, &mut names);
        let deal = map(&data.deals.channel.values, &mut index, &mut names);
        let spend = data
            .spend
            .as_ref()
            .map_or_else(Vec::new, |s| map(&s.channel.values, &mut index, &mut names));
        ChannelKeys {
            names,
            deal,
            customer,
            spend,
        }
    }

    /// The number of channel values; also the key of "no channel".
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The channel's value, `None` for the "no channel" key.
    pub fn name(&self, key: usize) -> Option<&str> {
        self.names.get(key).map(String::as_str)
    }

    /// A customer's channel key.
    #[inline]
    pub fn of_customer(&self, data: &Dataset, code: u32) -> usize {
        if code == NULL {
            return self.len();
        }
        let c = data.customers.channel.codes[code as usize];
        if c == NULL {
            self.len()
        } else {
            self.customer[c as usize] as usize
        }
    }

    /// A deal's channel key: its own channel, falling back to its customer's.
    #[inline]
    pub fn of_deal(&self, data: &Dataset, row: usize) -> usize {
        let c = data.deals.channel.codes[row];
        if c == NULL {
            self.of_customer(data, data.deals.customer[row])
        } else {
            self.deal[c as usize] as usize
        }
    }

    /// A spend row's channel key.
    #[inline]
    pub fn of_spend(&self, data: &Dataset, row: usize) -> usize {
        let spend = data.spend.as_ref().expect("spend loaded");
        let c = spend.channel.codes[row];
        if c == NULL {
            self.len()
        } else {
            self.spend[c as usize] as usize
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelRow {
    /// `None`: deals and customers without a channel ("(none)").
    pub channel: Option<String>,
    pub deals_created: u64,
    pub won: u64,
    pub lost: u64,
    pub win_rate: Option<f64>,
    pub revenue: f64,
    pub new_customers: u64,
    /// Spend of the months whose first day is in the period; no value without spend loaded.
    pub spend: Option<f64>,
    /// `spend / new_customers`.
    pub cac: Option<f64>,
    /// `(revenue − spend) / spend`.
    pub roi: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChannelReport {
    pub revenue_source: RevenueSource,
    pub spend_loaded: bool,
    pub channels: Vec<ChannelRow>,
}

#[derive(Clone, Default)]
struct Acc {
    touched: bool,
    created: u64,
    won: u64,
    lost: u64,
    revenue: f64,
    new_customers: u64,
    spend: f64,
}

/// `occ` holds the occasions of `sel` (`Occasions::build`), shared with the other families.
pub fn compute(data: &Dataset, sel: &Selection, occ: &Occasions, period: Period) -> ChannelReport {
    let keys = ChannelKeys::new(data);
    let mut acc = vec![Acc::default(); keys.len() + 1];
    let deals = &data.deals;
    let source = RevenueSource::of(data);

    for &row in &sel.deals {
        let r = row as usize;
        let created = period.contains(deals.created_at[r]);
        let closed = deals.status[r] != Status::Open
            && deals.closed_at.get(r).is_some_and(|d| period.contains(d));
        if !created && !closed {
            continue;
        }
        let a = &mut acc[keys.of_deal(data, r)];
        a.touched = true;
        a.created += created as u64;
        if closed {
            if deals.status[r] == Status::Won {
                a.won += 1;
                if source == RevenueSource::WonDeals {
                    a.revenue += deals.amount[r];
                }
            } else {
                a.lost += 1;
            }
        }
    }
    if let Some(orders) = &data.orders {
        for &row in &sel.orders {
            let r = row as usize;
            if period.contains(orders.date[r]) {
                let a = &mut acc[keys.of_customer(data, orders.customer[r])];
                a.touched = true;
                a.revenue += orders.amount[r];
            }
        }
    }

    for &code in occ.buyers() {
        if occ.first_day(code).is_some_and(|d| period.contains(d)) {
            let a = &mut acc[keys.of_customer(data, code)];
            a.touched = true;
            a.new_customers += 1;
        }
    }

    if let Some(spend) = &data.spend {
        for &row in &sel.spend {
            let r = row as usize;
            if period.contains(day::month_start(spend.month[r])) {
                let a = &mut acc[keys.of_spend(data, r)];
                a.touched = true;
                a.spend += spend.amount[r];
            }
        }
    }

    let spend_loaded = data.spend.is_some();
    let mut channels: Vec<ChannelRow> = acc
        .iter()
        .enumerate()
        .filter(|(_, a)| a.touched)
        .map(|(k, a)| {
            let spend = spend_loaded.then_some(a.spend);
            ChannelRow {
                channel: keys.name(k).map(str::to_string),
                deals_created: a.created,
                won: a.won,
                lost: a.lost,
                win_rate: ratio(a.won as f64, (a.won + a.lost) as f64),
                revenue: a.revenue,
                new_customers: a.new_customers,
                spend,
                cac: spend.and_then(|s| ratio(s, a.new_customers as f64)),
                roi: spend.and_then(|s| ratio(a.revenue - s, s)),
            }
        })
        .collect();
    channels.sort_by(|a, b| {
        a.channel
            .is_none()
            .cmp(&b.channel.is_none())
            .then(b.revenue.total_cmp(&a.revenue))
            .then_with(|| a.channel.cmp(&b.channel))
    });
    ChannelReport {
        revenue_source: source,
        spend_loaded,
        channels,
    }
}
