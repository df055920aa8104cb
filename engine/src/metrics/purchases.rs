//! Purchases and purchase occasions (`METRICS.md` "Purchases").
//!
//! > `P(customer_id, day, amount)` is the orders table where one is loaded, else the won deals
//! > (`closed_at` as the day, `amount`). Rows of the same customer on the same day are one
//! > **purchase occasion** with the summed amount. Occasions drive repurchase, lifecycle, cohorts
//! > and CLV; revenue always sums amounts.
//!
//! > Won deals without `closed_at` are not purchases […]. Purchases without a customer count in
//! > revenue only. Zero or negative amounts are still occasions.
//!
//! [`Occasions`] holds every occasion of the selection's rows, of all dates: each metric applies
//! its own as-of restriction (occasions on or before T).

use crate::model::{Dataset, Day, Status, NULL};
use crate::query::Selection;

/// Calls `f(customer_code, day, amount)` for every purchase row of the selection, in row order.
/// The customer code is `NULL` for a purchase without a customer.
pub fn for_each_purchase(data: &Dataset, sel: &Selection, mut f: impl FnMut(u32, Day, f64)) {
    if let Some(orders) = &data.orders {
        for &row in &sel.orders {
            let r = row as usize;
            f(orders.customer[r], orders.date[r], orders.amount[r]);
        }
    } else {
        let deals = &data.deals;
        for &row in &sel.deals {
            let r = row as usize;
            if deals.status[r] != Status::Won {
                continue;
            }
            if let Some(day) = deals.closed_at.get(r) {
                f(deals.customer[r], day, deals.amount[r]);
            }
        }
    }
}

/// Revenue by customer code of the purchases dated in `[from, to]` (customer-less purchases are
/// left out). A direct scan of the rows, for metrics that need no occasions (ABC).
pub fn revenue_by_customer(data: &Dataset, sel: &Selection, from: Day, to: Day) -> Vec<f64> {
    let mut revenue = vec![0.0; data.customers.len()];
    for_each_purchase(data, sel, |code, day, amount| {
        if code != NULL && from <= day && day <= to {
            revenue[code as usize] += amount;
        }
    });
    revenue
}

/// Every purchase occasion of a selection, grouped by customer code (CSR layout), ascending by
/// day within a customer; plus the purchases without a customer (revenue only).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Occasions {
    /// `offsets[c]..offsets[c + 1]` are customer `c`'s occasions; length = customers + 1.
    offsets: Vec<u32>,
    /// The codes with at least one occasion, ascending: what per-customer scans visit (a
    /// filtered selection leaves most customers without one).
    buyers: Vec<u32>,
    day: Vec<Day>,
    amount: Vec<f64>,
    /// Purchases without a customer, ascending by day (not merged: they are not occasions).
    unowned_day: Vec<Day>,
    unowned_amount: Vec<f64>,
}

impl Occasions {
    /// Groups the selection's purchases into occasions. Same-day amounts are summed in row order.
    pub fn build(data: &Dataset, sel: &Selection) -> Occasions {
        let customers = data.customers.len();
        // Counting sort by customer, stable in row order.
        let mut counts = vec![0u32; customers + 1];
        let mut unowned: Vec<(Day, f64)> = Vec::new();
        for_each_purchase(data, sel, |code, day, amount| {
            if code == NULL {
                unowned.push((day, amount));
            } else {
                counts[code as usize + 1] += 1;
            }
        });
        for c in 0..customers {
            counts[c + 1] += counts[c];
        }
        let total = counts[customers] as usize;
        let mut day: Vec<Day> = vec![0; total];
        let mut amount = vec![0.0; total];
        let mut next = counts.clone();
        for_each_purchase(data, sel, |code, d, a| {
            if code != NULL {
                let slot = &mut next[code as usize];
                day[*slot as usize] = d;
                amount[*slot as usize] = a;
                *slot += 1;
            }
        });

        // Each customer's rows sorted by day (stable) and same-day rows merged, in place: the
        // occasions written never pass the row being read.
        let mut offsets = Vec::with_capacity(customers + 1);
        let mut buyers = Vec::new();
        let mut scratch: Vec<(Day, f64)> = Vec::new();
        let mut end = 0;
        offsets.push(0u32);
        for c in 0..customers {
            let rows = counts[c] as usize..counts[c + 1] as usize;
            if !rows.is_empty() {
                buyers.push(c as u32);
            }
            if !day[rows.clone()].is_sorted() {
                scratch.clear();
                scratch.extend(rows.clone().map(|i| (day[i], amount[i])));
                scratch.sort_by_key(|r| r.0);
                for (i, &(d, a)) in rows.clone().zip(&scratch) {
                    (day[i], amount[i]) = (d, a);
                }
            }
            let first = end;
            for i in rows {
                if end > first && day[end - 1] == day[i] {
                    amount[end - 1] += amount[i];
                } else {
                    (day[end], amount[end]) = (day[i], amount[i]);
                    end += 1;
                }
            }
            offsets.push(end as u32);
        }
        day.truncate(end);
        amount.truncate(end);

        unowned.sort_by_key(|r| r.0);
        let (unowned_day, unowned_amount) = unowned.into_iter().unzip();
        Occasions {
            offsets,
            buyers,
            day,
            amount,
            unowned_day,
            unowned_amount,
        }
    }

    /// The number of customer codes (occasion-less customers included).
    pub fn customers(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The codes of the customers with at least one occasion (any date), ascending; the others
    /// have no occasion to count.
    pub fn buyers(&self) -> &[u32] {
        &self.buyers
    }

    /// The total number of occasions, all dates.
    pub fn len(&self) -> usize {
        self.day.len()
    }

    pub fn is_empty(&self) -> bool {
        self.day.is_empty()
    }

    /// A customer's occasions: days ascending and the summed amount of each.
    pub fn of(&self, code: u32) -> (&[Day], &[f64]) {
        let c = code as usize;
        let range = self.offsets[c] as usize..self.offsets[c + 1] as usize;
        (&self.day[range.clone()], &self.amount[range])
    }

    /// A customer's occasions on or before `t`.
    pub fn until(&self, code: u32, t: Day) -> (&[Day], &[f64]) {
        let (days, amounts) = self.of(code);
        // Most asks are as of a period's end, on or after the customer's last occasion.
        let n = match days.last() {
            Some(&last) if last <= t => days.len(),
            _ => days.partition_point(|&d| d <= t),
        };
        (&days[..n], &amounts[..n])
    }

    /// The day of a customer's first occasion in the selection, any date.
    pub fn first_day(&self, code: u32) -> Option<Day> {
        self.of(code).0.first().copied()
    }

    /// The customer's revenue from occasions dated in `[from, to]`.
    pub fn revenue_in(&self, code: u32, from: Day, to: Day) -> f64 {
        let (days, amounts) = self.of(code);
        sum_in(days, amounts, from, to)
    }

    /// The number of the customer's occasions dated in `[from, to]`.
    pub fn count_in(&self, code: u32, from: Day, to: Day) -> usize {
        dated_in(self.of(code).0, from, to).len()
    }

    /// The number of the customer's occasions dated in `[from, to]` and their revenue.
    pub fn window(&self, code: u32, from: Day, to: Day) -> (usize, f64) {
        let (days, amounts) = self.of(code);
        let range = dated_in(days, from, to);
        (range.len(), sum_of(&amounts[range]))
    }

    /// Purchases without a customer: days ascending and amounts (revenue only).
    pub fn unowned(&self) -> (&[Day], &[f64]) {
        (&self.unowned_day, &self.unowned_amount)
    }

    /// The revenue of the purchases without a customer dated in `[from, to]`.
    pub fn unowned_revenue_in(&self, from: Day, to: Day) -> f64 {
        sum_in(&self.unowned_day, &self.unowned_amount, from, to)
    }
}

/// Where the days (ascending) in `[from, to]` are.
fn dated_in(days: &[Day], from: Day, to: Day) -> std::ops::Range<usize> {
    let lo = days.partition_point(|&d| d < from);
    let hi = days.partition_point(|&d| d <= to);
    lo..hi.max(lo)
}

fn sum_in(days: &[Day], amounts: &[f64], from: Day, to: Day) -> f64 {
    sum_of(&amounts[dated_in(days, from, to)])
}

/// The sum of `amounts`; 0 for none.
fn sum_of(amounts: &[f64]) -> f64 {
    if amounts.is_empty() {
        return 0.0;
    }
    amounts.iter().sum()
}
