//! The fixed three-year window of the synthetic data, its seasonality and its date text.

use super::rng::Rng;
use crate::model::day::{self, Day};

/// The last day of the data: fixed, never "today", so a seed always gives the same files.
pub(crate) const LAST_DAY: (i32, u32, u32) = (2026, 10, 31);
/// The first day: three years before the day after `LAST_DAY`.
pub(crate) const FIRST_DAY: (i32, u32, u32) = (2023, 11, 1);

/// Relative activity by calendar month, January first: a slow summer, a strong fourth quarter.
const MONTH_SEASON: [f64; 12] = [
    0.80, 0.85, 1.05, 0.95, 1.00, 1.05, 0.90, 0.85, 1.05, 1.15, 1.25, 1.30,
];
const MAX_SEASON: f64 = 1.30;

/// One month of the window.
pub(crate) struct Month {
    /// `YYYY-MM`.
    pub text: String,
    /// 0 = January.
    pub month0: usize,
}

/// Precomputed per-day facts of the window, so the hot loops neither format nor divide dates.
pub(crate) struct Calendar {
    pub first: Day,
    pub last: Day,
    text: Vec<[u8; 10]>,
    month_of: Vec<u16>,
    pub months: Vec<Month>,
}

impl Calendar {
    pub fn new() -> Self {
        let (y, m, d) = FIRST_DAY;
        let first = day::from_ymd(y, m, d).expect("valid first day");
        let (y, m, d) = LAST_DAY;
        let last = day::from_ymd(y, m, d).expect("valid last day");
        let mut text = Vec::with_capacity((last - first + 1) as usize);
        let mut month_of = Vec::with_capacity(text.capacity());
        let mut months: Vec<Month> = Vec::new();
        for d in first..=last {
            let iso = day::format(d);
            let bytes: [u8; 10] = iso.as_bytes().try_into().expect("ISO date is 10 bytes");
            let month_text = &iso[..7];
            if months.last().is_none_or(|m| m.text != month_text) {
                months.push(Month {
                    text: month_text.to_string(),
                    month0: iso[5..7].parse::<usize>().expect("month digits") - 1,
                });
            }
            text.push(bytes);
            month_of.push((months.len() - 1) as u16);
        }
        Calendar {
            first,
            last,
            text,
            month_of,
            months,
        }
    }

    fn offset(&self, d: Day) -> usize {
        debug_assert!(
            (self.first..=self.last).contains(&d),
            "day {d} outside the window"
        );
        (d.clamp(self.first, self.last) - self.first) as usize
    }

    /// `YYYY-MM-DD` of a day in the window.
    pub fn text(&self, d: Day) -> &str {
        std::str::from_utf8(&self.text[self.offset(d)]).expect("ASCII date")
    }

    /// Index into `months` of a day in the window.
    pub fn month_index(&self, d: Day) -> usize {
        self.month_of[self.offset(d)] as usize
    }

    /// Calendar month (0 = January) of a day in the window.
    pub fn month0(&self, d: Day) -> usize {
        self.months[self.month_index(d)].month0
    }

    /// The seasonal weight of a day's month.
    pub fn season(&self, d: Day) -> f64 {
        MONTH_SEASON[self.month0(d)]
    }

    /// A day in `lo..=hi` (both in the window), more likely in busy months.
    pub fn seasonal_day(&self, rng: &mut Rng, lo: Day, hi: Day) -> Day {
        loop {
            let d = rng.between(lo, hi);
            if rng.unit() * MAX_SEASON < self.season(d) {
                return d;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_is_three_years_of_months() {
        let cal = Calendar::new();
        assert_eq!(cal.text(cal.first), "2023-11-01");
        assert_eq!(cal.text(cal.last), "2026-10-31");
        assert_eq!(cal.months.len(), 36);
        assert_eq!(cal.months[0].text, "2023-11");
        assert_eq!(cal.months[35].text, "2026-10");
        assert_eq!(cal.month0(cal.last), 9);
        assert_eq!(cal.month_index(cal.last), 35);
    }
}
