//! Calendar days as plain integers, so date columns are `i32` arrays.

use chrono::{Datelike, NaiveDate};

/// A calendar day: days since 1970-01-01 (negative before).
pub type Day = i32;

/// The stored value of an empty date cell.
pub const NO_DAY: Day = i32::MIN;

const EPOCH_CE: i32 = 719_163; // NaiveDate::from_ymd(1970,1,1).num_days_from_ce()

pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
    NaiveDate::from_ymd_opt(year, month, day).map(from_date)
}

pub fn from_date(date: NaiveDate) -> Day {
    date.num_days_from_ce() - EPOCH_CE
}

pub fn to_date(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + EPOCH_CE).expect("day within chrono's range")
}

/// ISO `YYYY-MM-DD`.
pub fn format(day: Day) -> String {
    to_date(day).format("%Y-%m-%d").to_string()
}

/// Parses ISO `YYYY-MM-DD` only; the tolerant parser for imported cells lives in `ingest::values`.
pub fn parse_iso(text: &str) -> Option<Day> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .map(from_date)
}

/// Months since year 0 (`year * 12 + month - 1`): consecutive months differ by one.
pub fn month_index(day: Day) -> i32 {
    let d = to_date(day);
    d.year() * 12 + d.month0() as i32
}

/// The first day of a month index.
pub fn month_start(month: i32) -> Day {
    from_ymd(month.div_euclid(12), month.rem_euclid(12) as u32 + 1, 1).expect("valid month")
}

/// `YYYY-MM` of a month index.
pub fn format_month(month: i32) -> String {
    format!(
        "{:04}-{:02}",
        month.div_euclid(12),
        month.rem_euclid(12) + 1
    )
}

/// A date column: one `Day` per row, `NO_DAY` where the cell was empty.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dates(pub Vec<Day>);

impl Dates {
    pub fn get(&self, row: usize) -> Option<Day> {
        let d = self.0[row];
        (d != NO_DAY).then_some(d)
    }

    pub fn push(&mut self, day: Option<Day>) {
        self.0.push(day.unwrap_or(NO_DAY));
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_round_trip() {
        assert_eq!(from_ymd(1970, 1, 1), Some(0));
        assert_eq!(
            from_ymd(2024, 2, 29).map(format).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(from_ymd(2023, 2, 29), None);
        assert_eq!(parse_iso("1969-12-31"), Some(-1));
    }

    #[test]
    fn months() {
        let d = from_ymd(2024, 3, 15).unwrap();
        assert_eq!(format_month(month_index(d)), "2024-03");
        assert_eq!(month_start(month_index(d)), from_ymd(2024, 3, 1).unwrap());
        assert_eq!(
            month_index(from_ymd(2024, 1, 1).unwrap())
                - month_index(from_ymd(2023, 12, 31).unwrap()),
            1
        );
    }
}
