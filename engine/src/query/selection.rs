//! The rows that remain after the segment filters. The period is applied by each metric,
//! since each defines which date puts a row in the period.

use crate::model::Dataset;

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
