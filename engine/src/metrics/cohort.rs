//! Cohort retention (`METRICS.md` "Cohorts (customers, by month of first purchase)").
//!
//! > - A customer's cohort is the month (default; week = ISO week, or quarter) of its first
//! >   purchase occasion in all the data. Cohorts whose month lies in the period are shown.
//! > - **Customer retention** `(c, k)` for `k = 0, 1, …` up to T's month: customers of cohort `c`
//! >   with at least one occasion in month `c + k`, divided by the cohort's size (k = 0 is 100 %).
//! > - **Revenue retention** `(c, k)`: revenue of cohort `c` in month `c + k` divided by its
//! >   revenue in month `c`.
//!
//! > Cohorts shown are those whose month overlaps the period; only occasions on or before T
//! > count, so the last column may be a partial month. Weeks are ISO weeks labelled `2024-W05`,
//! > quarters `2024-Q1`.
//!
//! Choices:
//! - "All the data" is the selection's occasions of every date; since only occasions on or before
//!   T count, a customer whose first occasion is after T belongs to no cohort.
//! - Only cohorts with at least one customer are listed (a bucket without a first purchase is not
//!   a cohort).
//! - Revenue retention has no value where the cohort's revenue in its own bucket is 0.

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use super::purchases::Occasions;
use super::settings::CohortGrain;
use crate::model::day::{self, Day};
use crate::query::Period;

/// A bucket index of a grain: consecutive buckets differ by one.
pub fn bucket(d: Day, grain: CohortGrain) -> i32 {
    match grain {
        CohortGrain::Month => day::month_index(d),
        // 1970-01-01 is a Thursday: the ISO week containing it starts on day -3.
        CohortGrain::Week => (d + 3).div_euclid(7),
        CohortGrain::Quarter => day::month_index(d).div_euclid(3),
    }
}

/// The first day of a bucket.
pub fn bucket_start(b: i32, grain: CohortGrain) -> Day {
    match grain {
        CohortGrain::Month => day::month_start(b),
        CohortGrain::Week => b * 7 - 3,
        CohortGrain::Quarter => day::month_start(b * 3),
    }
}

/// `2024-03`, `2024-W05` (ISO week-numbering year) or `2024-Q1`.
pub fn bucket_label(b: i32, grain: CohortGrain) -> String {
    match grain {
        CohortGrain::Month => day::format_month(b),
        CohortGrain::Week => {
            let week = day::to_date(bucket_start(b, grain)).iso_week();
            format!("{:04}-W{:02}", week.year(), week.week())
        }
        CohortGrain::Quarter => format!("{:04}-Q{}", b.div_euclid(4), b.rem_euclid(4) + 1),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    /// The bucket's label.
    pub cohort: String,
    /// The bucket's first day, ISO.
    pub start: String,
    /// Customers whose first occasion is in this bucket.
    pub size: u64,
    /// By k: customers with an occasion in bucket `c + k` / size; `retention[0]` is 1.
    pub retention: Vec<f64>,
    /// By k: revenue in bucket `c + k` / revenue in bucket `c`; `None` when that base is 0.
    pub revenue_retention: Vec<Option<f64>>,
    /// By k: customers with an occasion in bucket `c + k` (the numerators).
    pub active: Vec<u64>,
    /// By k: the cohort's revenue in bucket `c + k`.
    pub revenue: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CohortReport {
    pub grain: CohortGrain,
    /// Oldest cohort first.
    pub cohorts: Vec<CohortRow>,
}

/// The cohorts whose bucket overlaps the period, as of T = `period.to`.
pub fn compute(occ: &Occasions, period: Period, grain: CohortGrain) -> CohortReport {
    let t = period.to;
    let first_bucket = bucket(period.from, grain);
    let last_bucket = bucket(t, grain);
    let rows = (last_bucket - first_bucket + 1).max(0) as usize;
    // Row r is cohort first_bucket + r, with last_bucket − cohort + 1 columns.
    let width = |r: usize| rows - r;
    let mut size = vec![0u64; rows];
    let mut active: Vec<Vec<u64>> = (0..rows).map(|r| vec![0; width(r)]).collect();
    let mut revenue: Vec<Vec<f64>> = (0..rows).map(|r| vec![0.0; width(r)]).collect();

    for &code in occ.buyers() {
        let (days, amounts) = occ.until(code, t);
        let Some(&first) = days.first() else { continue };
        let c = bucket(first, grain);
        if c < first_bucket || rows == 0 {
            continue;
        }
        let r = (c - first_bucket) as usize;
        size[r] += 1;
        let mut previous = None;
        for (&d, &a) in days.iter().zip(amounts) {
            let b = bucket(d, grain);
            let k = (b - c) as usize;
            if previous != Some(b) {
                active[r][k] += 1;
                previous = Some(b);
            }
            revenue[r][k] += a;
        }
    }

    let cohorts = (0..rows)
        .filter(|&r| size[r] > 0)
        .map(|r| {
            let b = first_bucket + r as i32;
            let n = size[r] as f64;
            let base = revenue[r][0];
            CohortRow {
                cohort: bucket_label(b, grain),
                start: day::format(bucket_start(b, grain)),
                size: size[r],
                retention: active[r].iter().map(|&a| a as f64 / n).collect(),
                revenue_retention: revenue[r]
                    .iter()
                    .map(|&v| (base != 0.0).then(|| v / base))
                    .collect(),
                active: std::mem::take(&mut active[r]),
                revenue: std::mem::take(&mut revenue[r]),
            }
        })
        .collect();
    CohortReport { grain, cohorts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(iso: &str) -> Day {
        day::parse_iso(iso).unwrap()
    }

    #[test]
    fn iso_weeks_and_quarters() {
        let g = CohortGrain::Week;
        // 2024-01-29 is the Monday of ISO week 5; 2021-01-03 (a Sunday) is in 2020-W53.
        assert_eq!(bucket_label(bucket(d("2024-02-04"), g), g), "2024-W05");
        assert_eq!(bucket_start(bucket(d("2024-02-04"), g), g), d("2024-01-29"));
        assert_eq!(bucket_label(bucket(d("2021-01-03"), g), g), "2020-W53");
        assert_eq!(bucket(d("2024-01-28"), g) + 1, bucket(d("2024-01-29"), g));
        assert_eq!(bucket_label(bucket(d("1969-12-29"), g), g), "1970-W01");
        let q = CohortGrain::Quarter;
        assert_eq!(bucket_label(bucket(d("2024-03-31"), q), q), "2024-Q1");
        assert_eq!(bucket_label(bucket(d("2024-04-01"), q), q), "2024-Q2");
        assert_eq!(bucket_start(bucket(d("2024-11-15"), q), q), d("2024-10-01"));
    }
}
