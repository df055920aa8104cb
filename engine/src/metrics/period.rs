//! The data's date range, the default period, the period presets and the comparison period
//! (`METRICS.md` "Period, as-of date, comparison").

use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::model::{day, Dataset, Day, Status};
use crate::query::Period;

/// The first and last dates of the data.
///
/// > The **data's last date** is the latest deal `created_at`, deal `closed_at`, order date or
/// > survey date (not activity dates, not expected close dates, not spend months).
///
/// > The data's range uses only won/lost deals' `closed_at` (an open deal's `closed_at` is an
/// > expected date); the first date for "all time" is the earliest of the same dates; both are
/// > taken before segment filters.
///
/// Undated survey responses (from an `nps` column on customers) have no date and do not count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataRange {
    pub first: Day,
    pub last: Day,
}

/// The range of every dated row, before segment filters; `None` when nothing is dated.
pub fn data_range(data: &Dataset) -> Option<DataRange> {
    let mut first = Day::MAX;
    let mut last = Day::MIN;
    let mut see = |d: Day| {
        first = first.min(d);
        last = last.max(d);
    };
    let deals = &data.deals;
    for (row, &created) in deals.created_at.iter().enumerate() {
        see(created);
        if deals.status[row] != Status::Open {
            if let Some(closed) = deals.closed_at.get(row) {
                see(closed);
            }
        }
    }
    if let Some(orders) = &data.orders {
        orders.date.iter().copied().for_each(&mut see);
    }
    if let Some(surveys) = &data.surveys {
        (0..surveys.len())
            .filter_map(|r| surveys.date.get(r))
            .for_each(&mut see);
    }
    (first <= last).then_some(DataRange { first, last })
}

/// > Default period: the 365 days ending on the data's last date (`from = last − 364`).
pub fn default_period(range: DataRange) -> Period {
    Preset::Last12Months.resolve(range)
}

/// The period presets, resolved against the data's range (never against today's date: the
/// dashboard describes the data, which may be old).
///
/// Choices (`METRICS.md` names the presets, not their bounds):
/// - `ThisMonth`, `ThisQuarter`, `ThisYear`: from the first day of the calendar month, quarter
///   (January, April, July, October) or year containing the data's last date, to that last date.
/// - `Last12Months`: the 365 days ending on the last date, the same as the default period.
/// - `AllTime`: the data's first date to its last date.
/// - `Custom`: the given bounds; a missing `to` is the data's last date, a missing `from` is
///   364 days before `to` (365 days, like the default); bounds given in the wrong order are
///   swapped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "preset")]
pub enum Preset {
    ThisMonth,
    ThisQuarter,
    ThisYear,
    #[default]
    Last12Months,
    AllTime,
    Custom {
        from: Option<Day>,
        to: Option<Day>,
    },
}

impl Preset {
    pub fn resolve(self, range: DataRange) -> Period {
        let last = range.last;
        let date = day::to_date(last);
        let start =
            |month0: u32| day::from_ymd(date.year(), month0 + 1, 1).expect("valid month start");
        match self {
            Preset::ThisMonth => Period {
                from: start(date.month0()),
                to: last,
            },
            Preset::ThisQuarter => Period {
                from: start(date.month0() / 3 * 3),
                to: last,
            },
            Preset::ThisYear => Period {
                from: start(0),
                to: last,
            },
            Preset::Last12Months => Period {
                from: last - 364,
                to: last,
            },
            Preset::AllTime => Period {
                from: range.first,
                to: last,
            },
            Preset::Custom { from, to } => {
                let to = to.unwrap_or(last);
                let from = from.unwrap_or(to - 364);
                Period {
                    from: from.min(to),
                    to: from.max(to),
                }
            }
        }
    }
}

/// > The **previous period** has the same length and ends the day before `from`.
pub fn previous(period: Period) -> Period {
    period.previous()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Dates, Orders, Surveys};

    fn ymd(y: i32, m: u32, d: u32) -> Day {
        day::from_ymd(y, m, d).unwrap()
    }

    fn range() -> DataRange {
        DataRange {
            first: ymd(2022, 3, 9),
            last: ymd(2024, 5, 17),
        }
    }

    #[test]
    fn presets() {
        let r = range();
        let to = r.last;
        assert_eq!(
            Preset::ThisMonth.resolve(r),
            Period {
                from: ymd(2024, 5, 1),
                to
            }
        );
        assert_eq!(
            Preset::ThisQuarter.resolve(r),
            Period {
                from: ymd(2024, 4, 1),
                to
            }
        );
        assert_eq!(
            Preset::ThisYear.resolve(r),
            Period {
                from: ymd(2024, 1, 1),
                to
            }
        );
        assert_eq!(
            Preset::Last12Months.resolve(r),
            Period {
                from: ymd(2023, 5, 19),
                to
            }
        );
        assert_eq!(Preset::Last12Months.resolve(r).len_days(), 365);
        assert_eq!(default_period(r), Preset::Last12Months.resolve(r));
        assert_eq!(Preset::AllTime.resolve(r), Period { from: r.first, to });
        let custom = Preset::Custom {
            from: Some(ymd(2024, 2, 1)),
            to: None,
        };
        assert_eq!(
            custom.resolve(r),
            Period {
                from: ymd(2024, 2, 1),
                to
            }
        );
        let swapped = Preset::Custom {
            from: Some(ymd(2024, 2, 1)),
            to: Some(ymd(2024, 1, 1)),
        };
        assert_eq!(
            swapped.resolve(r),
            Period {
                from: ymd(2024, 1, 1),
                to: ymd(2024, 2, 1)
            }
        );
        let only_to = Preset::Custom {
            from: None,
            to: Some(ymd(2023, 12, 31)),
        };
        assert_eq!(only_to.resolve(r).len_days(), 365);
    }

    #[test]
    fn previous_period_same_length_ending_day_before() {
        let p = Period {
            from: ymd(2024, 1, 1),
            to: ymd(2024, 3, 31),
        };
        let q = previous(p);
        assert_eq!(q.to, ymd(2023, 12, 31));
        assert_eq!(q.len_days(), p.len_days());
    }

    #[test]
    fn range_ignores_open_closed_at_and_undated_responses() {
        let mut data = Dataset::default();
        let deals = &mut data.deals;
        deals.created_at = vec![ymd(2024, 1, 10), ymd(2024, 1, 5)];
        deals.status = vec![Status::Open, Status::Won];
        deals.closed_at = Dates(vec![ymd(2030, 1, 1), ymd(2024, 2, 1)]);
        assert_eq!(
            data_range(&data),
            Some(DataRange {
                first: ymd(2024, 1, 5),
                last: ymd(2024, 2, 1)
            })
        );
        data.orders = Some(Orders {
            customer: vec![0],
            date: vec![ymd(2023, 12, 1)],
            amount: vec![1.0],
        });
        data.surveys = Some(Surveys {
            customer: vec![0, 0],
            date: Dates(vec![crate::model::NO_DAY, ymd(2024, 3, 3)]),
            score: vec![9, 9],
            csat: vec![None, None],
        });
        assert_eq!(
            data_range(&data),
            Some(DataRange {
                first: ymd(2023, 12, 1),
                last: ymd(2024, 3, 3)
            })
        );
        assert_eq!(data_range(&Dataset::default()), None);
    }
}
