//! The typed columnar tables that import fills and metrics scan (`METRICS.md` "Inputs").
//!
//! Every customer id seen in any file gets one customer code; the customer columns are indexed
//! by that code, so deals, orders and responses join to their customer by array index.

use serde::{Deserialize, Serialize};

use super::day::{Dates, Day};
use super::dict::DictColumn;
use super::ids::Ids;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Open,
    Won,
    Lost,
}

/// One row per customer code. Ids found only on deals, orders or responses have
/// `in_file == false` and no attributes.
#[derive(Clone, Debug, Default)]
pub struct Customers {
    /// Customer id by code.
    pub ids: Vec<String>,
    /// True where the id has a row in a customers file.
    pub in_file: Vec<bool>,
    /// A value per customer, a repeated name not shared: names are nearly all different.
    pub name: DictColumn,
    pub industry: DictColumn,
    pub region: DictColumn,
    pub size: DictColumn,
    pub channel: DictColumn,
    pub owner: DictColumn,
    pub created_at: Dates,
    pub acquisition_cost: Vec<Option<f64>>,
}

impl Customers {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[derive(Clone, Debug, Default)]
pub struct Deals {
    pub id: Ids,
    /// Customer code, `dict::NULL` when the deal names no customer.
    pub customer: Vec<u32>,
    /// Stage names, case-insensitive, first spelling kept.
    pub stage: DictColumn,
    pub status: Vec<Status>,
    /// 0 where the file had no amount (flagged at import).
    pub amount: Vec<f64>,
    pub created_at: Vec<Day>,
    pub closed_at: Dates,
    pub lost_reason: DictColumn,
    /// Stage names as written in the lost-stage column (case-insensitive dictionary).
    pub lost_stage: DictColumn,
    /// Whether any deals file had a lost-stage column.
    pub has_lost_stage: bool,
    pub owner: DictColumn,
    pub channel: DictColumn,
    pub last_activity_at: Dates,
}

impl Deals {
    pub fn len(&self) -> usize {
        self.id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }
}

#[derive(Clone, Debug, Default)]
pub struct Orders {
    pub customer: Vec<u32>,
    pub date: Vec<Day>,
    pub amount: Vec<f64>,
}

impl Orders {
    pub fn len(&self) -> usize {
        self.date.len()
    }

    pub fn is_empty(&self) -> bool {
        self.date.is_empty()
    }
}

/// Survey responses in file order (the order breaks same-day ties).
#[derive(Clone, Debug, Default)]
pub struct Surveys {
    pub customer: Vec<u32>,
    /// `NO_DAY` for responses taken from an `nps` column on customers: they count in every period.
    pub date: Dates,
    /// Whole number 0–10.
    pub score: Vec<u8>,
    /// 1–5 where the file has a CSAT column and the cell is filled.
    pub csat: Vec<Option<u8>>,
}

impl Surveys {
    pub fn len(&self) -> usize {
        self.score.len()
    }

    pub fn is_empty(&self) -> bool {
        self.score.is_empty()
    }
}

#[derive(Clone, Debug, Default)]
pub struct Spend {
    pub channel: DictColumn,
    /// Month index (`day::month_index`).
    pub month: Vec<i32>,
    pub amount: Vec<f64>,
}

impl Spend {
    pub fn len(&self) -> usize {
        self.month.len()
    }

    pub fn is_empty(&self) -> bool {
        self.month.is_empty()
    }
}

/// Everything imported. An optional table is `None` when no file of that kind has a valid row:
/// a metric whose input is absent has no value.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub customers: Customers,
    pub deals: Deals,
    pub orders: Option<Orders>,
    pub surveys: Option<Surveys>,
    pub spend: Option<Spend>,
}
