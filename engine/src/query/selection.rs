//! The rows that remain after the segment filters. The period is applied by each metric,
//! since each defines which date puts a row in the period.
//!
//! `METRICS.md` "Period, as-of date, comparison":
//!
//! > Segment filters restrict the rows first; every metric is then computed on what remains. A
//! > filter on a customer attribute (industry, region, size, tier) keeps those customers and the
//! > deals, orders and responses linked to them. Owner and channel exist on both tables: each
//! > table is filtered by its own column, and orders and responses follow their customer. A deal
//! > without a customer is dropped only by filters on customer attributes; an order or response
//! > without a customer is dropped by any segment filter. Tiers used by the tier filter are
//! > computed on the data with the other filters applied and before the tier filter (never
//! > circular). Several values of one field mean any of them; different fields must all match.
//!
//! and "Further decisions": spend follows only the channel filter, by its own column; customers
//! missing from the customers file have no attributes, so customer-attribute filters drop them
//! (tier excepted: it comes from revenue).

use crate::metrics::abc::{revenue_share_tiers, Tier};
use crate::model::{Dataset, DictColumn};
use crate::query::{Filters, Period};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Row indices into `Dataset::deals`, ascending.
    pub deals: Vec<u32>,
    /// Row indices into `Dataset::orders`, ascending (empty when none are loaded).
    pub orders: Vec<u32>,
    /// Row indices into `Dataset::surveys`, ascending.
    pub surveys: Vec<u32>,
    /// Row indices into `Dataset::spend`, ascending.
    pub spend: Vec<u32>,
    /// By customer code: whether the customer remains (for breakdowns, prospects, bases).
    pub customers: Vec<bool>,
}

impl Selection {
    /// Every row of every table.
    pub fn all(data: &Dataset) -> Selection {
        let rows = |n: usize| (0..n as u32).collect::<Vec<u32>>();
        Selection {
            deals: rows(data.deals.len()),
            orders: rows(data.orders.as_ref().map_or(0, |t| t.len())),
            surveys: rows(data.surveys.as_ref().map_or(0, |t| t.len())),
            spend: rows(data.spend.as_ref().map_or(0, |t| t.len())),
            customers: vec![true; data.customers.len()],
        }
    }
}

/// Which codes of a dictionary one filter field accepts; `None` when the field is not filtered.
///
/// Filter values are trimmed and matched whole and case-sensitively against the (trimmed)
/// dictionary values; an empty cell (`NULL`) matches no filter value, and a value found nowhere
/// matches nothing.
struct Accept(Option<Vec<bool>>);

impl Accept {
    fn new(column: &DictColumn, values: &[String]) -> Accept {
        if values.is_empty() {
            return Accept(None);
        }
        let wanted: Vec<&str> = values.iter().map(|v| v.trim()).collect();
        Accept(Some(
            column
                .values
                .iter()
                .map(|v| wanted.contains(&v.as_str()))
                .collect(),
        ))
    }

    /// By code, whether the code passes; `None` when every code does.
    fn table(&self) -> Option<&[bool]> {
        self.0.as_deref()
    }
}

/// Whether `code` passes `ok` (by code); `NULL`, past the table's end, never does.
#[inline]
fn passes(ok: &[bool], code: u32) -> bool {
    ok.get(code as usize).copied().unwrap_or(false)
}

/// The rows of a table narrowed one filtered column at a time (a scan of that column's codes,
/// then of the rows left): `None` while no filter has applied.
struct Rows(Option<Vec<u32>>);

impl Rows {
    /// Keeps the rows whose code in `codes` passes `ok`; nothing changes without `ok`.
    fn narrow(&mut self, codes: &[u32], ok: Option<&[bool]>) {
        let Some(ok) = ok else { return };
        match &mut self.0 {
            Some(rows) => rows.retain(|&r| passes(ok, codes[r as usize])),
            None => self.0 = Some(rows_passing(codes, ok)),
        }
    }

    /// The rows left, ascending, of a table of `len` rows.
    fn into_rows(self, len: usize) -> Vec<u32> {
        self.0.unwrap_or_else(|| (0..len as u32).collect())
    }
}

/// The rows whose code passes `ok`, ascending.
fn rows_passing(codes: &[u32], ok: &[bool]) -> Vec<u32> {
    let mut rows = Vec::new();
    for (r, &code) in codes.iter().enumerate() {
        if passes(ok, code) {
            rows.push(r as u32);
        }
    }
    rows
}

/// By code, whether each code passes every table of `filters` (`None` tables pass all).
fn mask(len: usize, filters: &[(&[u32], Option<&[bool]>)]) -> Vec<bool> {
    let mut keep = vec![true; len];
    for &(codes, ok) in filters {
        if let Some(ok) = ok {
            for (k, &code) in keep.iter_mut().zip(codes) {
                *k &= passes(ok, code);
            }
        }
    }
    keep
}

/// Applies the segment filters (`METRICS.md` above). `period` is used only by the tier filter,
/// whose tiers are the revenue-share tiers (80 / 95) of that period.
///
/// Rules, each table by its own columns:
/// - **Customers** (`Selection::customers`, by code) remain when their industry, region and size
///   match the customer-attribute filters, their own owner and channel columns match the owner
///   and channel filters, and their tier matches the tier filter. A customer missing from the
///   customers file has no attributes, owner or channel, so any filter but tier drops it.
/// - **Deals** remain when the deal's own owner and channel columns match those filters and,
///   when a customer-attribute filter (industry, region, size, tier) is set, the deal has a
///   customer whose attributes match. The customer's owner and channel do not matter for deals,
///   so a deal can remain while its customer is filtered out by the owner or channel filter.
/// - **Orders and responses** follow their customer: with any segment filter set, they remain
///   exactly when their customer remains (`Selection::customers`); without a customer they are
///   dropped. With no segment filter every row remains.
/// - **Spend** follows only the channel filter, by spend's own channel column.
/// - **Tier**: the tiers are computed on the selection made with every other filter, and the
///   tier filter is then applied to it (never circular). A tier value other than `A`, `B` or `C`
///   matches nothing; customers without revenue in the period have no tier and are dropped by
///   the tier filter.
///
/// The comparison (previous) period is computed on the selection made here, so the tiers of the
/// current period also restrict the previous period's rows.
pub fn select(data: &Dataset, filters: &Filters, period: Period) -> Selection {
    if filters.is_empty() {
        return Selection::all(data);
    }
    let customers = &data.customers;
    let deals = &data.deals;

    let industry = Accept::new(&customers.industry, &filters.industry);
    let region = Accept::new(&customers.region, &filters.region);
    let size = Accept::new(&customers.size, &filters.size);
    let attribute_filter =
        !(filters.industry.is_empty() && filters.region.is_empty() && filters.size.is_empty());

    // Customer-attribute match (tier aside) and full customer match, by code.
    let attributes_ok = mask(
        customers.len(),
        &[
            (&customers.industry.codes, industry.table()),
            (&customers.region.codes, region.table()),
            (&customers.size.codes, size.table()),
        ],
    );
    let c_owner = Accept::new(&customers.owner, &filters.owner);
    let c_channel = Accept::new(&customers.channel, &filters.channel);
    let mut customer_ok = mask(
        customers.len(),
        &[
            (&customers.owner.codes, c_owner.table()),
            (&customers.channel.codes, c_channel.table()),
        ],
    );
    for (ok, &attributes) in customer_ok.iter_mut().zip(&attributes_ok) {
        *ok &= attributes;
    }

    let mut deal_rows = Rows(None);
    deal_rows.narrow(
        &deals.owner.codes,
        Accept::new(&deals.owner, &filters.owner).table(),
    );
    deal_rows.narrow(
        &deals.channel.codes,
        Accept::new(&deals.channel, &filters.channel).table(),
    );
    deal_rows.narrow(
        &deals.customer,
        attribute_filter.then_some(attributes_ok.as_slice()),
    );
    let mut deal_rows = deal_rows.into_rows(deals.len());

    let order_rows = |ok: &[bool]| {
        data.orders
            .as_ref()
            .map_or_else(Vec::new, |o| rows_passing(&o.customer, ok))
    };
    let survey_rows = |ok: &[bool]| {
        data.surveys
            .as_ref()
            .map_or_else(Vec::new, |s| rows_passing(&s.customer, ok))
    };

    let spend = data.spend.as_ref().map_or_else(Vec::new, |s| {
        let mut rows = Rows(None);
        rows.narrow(
            &s.channel.codes,
            Accept::new(&s.channel, &filters.channel).table(),
        );
        rows.into_rows(s.len())
    });

    if !filters.tier.is_empty() {
        // The tiers of the data with every other filter applied. Without any other filter that
        // is every row (customer-less orders and responses included, as revenue counts them).
        let others = Filters {
            tier: Vec::new(),
            ..filters.clone()
        };
        let before = if others.is_empty() {
            Selection::all(data)
        } else {
            Selection {
                deals: deal_rows.clone(),
                orders: order_rows(&customer_ok),
                surveys: survey_rows(&customer_ok),
                spend: spend.clone(),
                customers: customer_ok.clone(),
            }
        };
        let tiers = revenue_share_tiers(data, &before, period);
        let wanted: Vec<Tier> = filters.tier.iter().filter_map(|t| Tier::parse(t)).collect();
        let tier_ok: Vec<bool> = tiers
            .iter()
            .map(|t| t.is_some_and(|t| wanted.contains(&t)))
            .collect();
        for (ok, &t) in customer_ok.iter_mut().zip(&tier_ok) {
            *ok &= t;
        }
        deal_rows.retain(|&r| passes(&tier_ok, deals.customer[r as usize]));
    }

    Selection {
        deals: deal_rows,
        orders: order_rows(&customer_ok),
        surveys: survey_rows(&customer_ok),
        spend,
        customers: customer_ok,
    }
}
