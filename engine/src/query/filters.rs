//! What the user filters by: a period and segment values.

use serde::{Deserialize, Serialize};

use crate::model::Day;

/// Inclusive range of days `[from, to]`; the as-of date `T` is `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: Day,
    pub to: Day,
}

impl Period {
    pub fn contains(&self, day: Day) -> bool {
        self.from <= day && day <= self.to
    }

    pub fn len_days(&self) -> i32 {
        self.to - self.from + 1
    }

    /// Same length, ending the day before `from`.
    pub fn previous(&self) -> Period {
        Period {
            from: self.from - self.len_days(),
            to: self.from - 1,
        }
    }
}

/// Segment filters. Several values of one field mean any of them; different fields must all
/// match. Values match whole values after trimming, case-sensitively.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    pub owner: Vec<String>,
    pub channel: Vec<String>,
    pub region: Vec<String>,
    pub industry: Vec<String>,
    pub size: Vec<String>,
    /// "A", "B" or "C": the revenue-share tiers of the period.
    pub tier: Vec<String>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.owner.is_empty()
            && self.channel.is_empty()
            && self.region.is_empty()
            && self.industry.is_empty()
            && self.size.is_empty()
            && self.tier.is_empty()
    }
}
