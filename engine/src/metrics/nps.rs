//! NPS and satisfaction (`METRICS.md` "NPS and satisfaction (responses dated in the period)").
//!
//! > - Promoters 9–10, passives 7–8, detractors 0–6. **NPS** = 100 × (promoters − detractors) /
//! >   responses, shown with one decimal; no responses → no value ("—"), never 0.
//! > - Option: latest response per customer only.
//! > - Split by any customer attribute and by tier; trend by month.
//! > - **CSAT** (a 1–5 score column, if present) = share of responses scoring 4 or 5.
//!
//! > An `nps` column on customers is used only when no survey file is loaded; its responses count
//! > in every period. […] NPS "latest per customer" means latest within the period.
//! > Responses without a customer count when no segment filter is set. "Latest per customer"
//! > breaks same-day ties by the later row in the file. […] Breakdowns by tier put customers
//! > without a tier under "(none)". […] Customers missing from the customers file […] have no
//! > attributes: […] breakdowns put them under "(none)".
//!
//! Choices:
//! - Responses without a customer: the selection decides. `query::select` drops them under any
//!   segment filter (`METRICS.md`: "an order or response without a customer is dropped by any
//!   segment filter"), so every response left in `sel.surveys` counts.
//! - Latest per customer: a response without a customer is not grouped, it counts on its own. An
//!   undated response (`NO_DAY`) is older than any dated one; ties between responses of the same
//!   date go to the later row.
//! - CSAT is over every response in the period with a CSAT value; the latest-per-customer option
//!   applies to NPS only.
//! - Breakdowns: a customer with an empty attribute, a customer missing from the customers file
//!   and a response without a customer all go under "(none)". Groups are listed in byte order of
//!   their value, "(none)" last; only groups with a response are listed. The tier of a customer
//!   is given by the caller (the report passes the tiers of its ABC panel, `abc::AbcReport::
//!   tier_by_customer`), so the breakdown matches the tier table on screen.
//! - Trend: one point per calendar month overlapping the period, each computed as NPS over that
//!   month clipped to the period (latest per customer within the month, with the option); undated
//!   responses count in every month, as in every period.

use serde::{Deserialize, Serialize};

use super::abc::Tier;
use super::settings::Settings;
use crate::model::day::{self, Day, NO_DAY};
use crate::model::{Dataset, DictColumn, NULL};
use crate::query::{Period, Selection};

/// The label of a breakdown group without a value.
pub const NONE_LABEL: &str = "(none)";

/// > Promoters 9–10, passives 7–8, detractors 0–6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Promoter,
    Passive,
    Detractor,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Promoter, Category::Passive, Category::Detractor];

    /// The category of a score 0–10.
    pub fn of(score: u8) -> Category {
        match score {
            9.. => Category::Promoter,
            7..=8 => Category::Passive,
            _ => Category::Detractor,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Promoter => "promoter",
            Category::Passive => "passive",
            Category::Detractor => "detractor",
        }
    }

    /// `promoter(s)`, `passive(s)` or `detractor(s)`, any case, as a chart names its slices.
    pub fn parse(text: &str) -> Option<Category> {
        let t = text.trim().to_lowercase();
        let t = t.strip_suffix('s').unwrap_or(&t);
        Category::ALL.into_iter().find(|c| c.as_str() == t)
    }
}

/// Counts of one set of responses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub responses: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
}

impl Tally {
    fn add(&mut self, score: u8) {
        self.shift(score, 1);
    }

    fn shift(&mut self, score: u8, by: i64) {
        let slot = match Category::of(score) {
            Category::Promoter => &mut self.promoters,
            Category::Passive => &mut self.passives,
            Category::Detractor => &mut self.detractors,
        };
        *slot = slot.wrapping_add_signed(by);
        self.responses = self.responses.wrapping_add_signed(by);
    }

    /// `100 × (promoters − detractors) / responses`; `None` without responses.
    pub fn nps(&self) -> Option<f64> {
        (self.responses > 0).then(|| {
            100.0 * (self.promoters as f64 - self.detractors as f64) / self.responses as f64
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NpsGroup {
    pub value: String,
    #[serde(flatten)]
    pub tally: Tally,
    pub nps: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// `industry`, `region`, `size`, `channel`, `owner` or `tier`.
    pub field: String,
    pub groups: Vec<NpsGroup>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NpsMonth {
    /// `YYYY-MM`.
    pub month: String,
    #[serde(flatten)]
    pub tally: Tally,
    pub nps: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NpsReport {
    /// Whether only the latest response per customer counted.
    pub latest_only: bool,
    #[serde(flatten)]
    pub tally: Tally,
    /// Tile `nps`, on −100…100; `None` without responses.
    pub nps: Option<f64>,
    /// Responses in the period with a CSAT value.
    pub csat_responses: u64,
    /// Share of those scoring 4 or 5; `None` when there are none.
    pub csat: Option<f64>,
    pub breakdowns: Vec<Breakdown>,
    pub trend: Vec<NpsMonth>,
}

/// Whether `day` (possibly `NO_DAY`, which counts in every period) is in `[from, to]`.
fn counts_in(day: Day, from: Day, to: Day) -> bool {
    day == NO_DAY || (from <= day && day <= to)
}

/// The responses of the selection that count in `[from, to]`, in file order: all of them, or
/// the latest per customer (plus every response without a customer).
fn counted_rows(
    data: &Dataset,
    sel: &Selection,
    from: Day,
    to: Day,
    latest_only: bool,
) -> Vec<u32> {
    let Some(s) = &data.surveys else {
        return Vec::new();
    };
    let in_range = sel
        .surveys
        .iter()
        .copied()
        .filter(|&r| counts_in(s.date.0[r as usize], from, to));
    if !latest_only {
        return in_range.collect();
    }
    let mut best = vec![u32::MAX; data.customers.len()];
    let mut rows = Vec::new();
    for r in in_range {
        let code = s.customer[r as usize];
        if code == NULL {
            rows.push(r);
            continue;
        }
        let slot = &mut best[code as usize];
        // Rows ascend, so a later row of the same date or a later date replaces the kept one.
        if *slot == u32::MAX || s.date.0[*slot as usize] <= s.date.0[r as usize] {
            *slot = r;
        }
    }
    rows.extend(best.into_iter().filter(|&r| r != u32::MAX));
    rows.sort_unstable();
    rows
}

/// Drill-down: the responses of the selection that the period's NPS counts (all of them, or
/// the latest per customer with the option), ascending.
pub fn response_rows(
    data: &Dataset,
    sel: &Selection,
    period: Period,
    settings: &Settings,
) -> Vec<u32> {
    counted_rows(data, sel, period.from, period.to, settings.nps_latest_only)
}

fn group_by(
    rows: &[u32],
    customer: &[u32],
    score: &[u8],
    groups: usize,
    mut group_of: impl FnMut(u32) -> Option<usize>,
) -> Vec<Tally> {
    // The last slot is "(none)".
    let mut tallies = vec![Tally::default(); groups + 1];
    for &r in rows {
        let code = customer[r as usize];
        let g = if code == NULL { None } else { group_of(code) };
        tallies[g.unwrap_or(groups)].add(score[r as usize]);
    }
    tallies
}

fn groups_out(tallies: Vec<Tally>, labels: Vec<String>) -> Vec<NpsGroup> {
    let mut out: Vec<NpsGroup> = tallies
        .iter()
        .zip(
            labels
                .into_iter()
                .chain(std::iter::once(NONE_LABEL.to_string())),
        )
        .filter(|(t, _)| t.responses > 0)
        .map(|(t, value)| NpsGroup {
            value,
            tally: *t,
            nps: t.nps(),
        })
        .collect();
    // Byte order of the value, "(none)" last (it is the last slot and stays last).
    let none_listed = tallies.last().is_some_and(|t| t.responses > 0);
    let end = if none_listed {
        out.len() - 1
    } else {
        out.len()
    };
    out[..end].sort_by(|a, b| a.value.as_bytes().cmp(b.value.as_bytes()));
    out
}

fn attribute_breakdown(
    field: &'static str,
    column: &DictColumn,
    in_file: &[bool],
    rows: &[u32],
    customer: &[u32],
    score: &[u8],
) -> Breakdown {
    let tallies = group_by(rows, customer, score, column.values.len(), |code| {
        let c = code as usize;
        let v = column.codes[c];
        (in_file[c] && v != NULL).then_some(v as usize)
    });
    Breakdown {
        field: field.to_string(),
        groups: groups_out(tallies, column.values.clone()),
    }
}

/// NPS of the period; `None` when no survey responses are loaded at all.
///
/// `tiers` is the tier by customer code used by the tier breakdown (`None`: no tier).
pub fn compute(
    data: &Dataset,
    sel: &Selection,
    period: Period,
    settings: &Settings,
    tiers: &[Option<Tier>],
) -> Option<NpsReport> {
    let s = data.surveys.as_ref()?;
    let latest_only = settings.nps_latest_only;
    let rows = counted_rows(data, sel, period.from, period.to, latest_only);
    let tally = tally_of(&s.score, &rows);

    let (mut csat_responses, mut satisfied) = (0u64, 0u64);
    for &r in &sel.surveys {
        if !counts_in(s.date.0[r as usize], period.from, period.to) {
            continue;
        }
        if let Some(c) = s.csat[r as usize] {
            csat_responses += 1;
            if c >= 4 {
                satisfied += 1;
            }
        }
    }

    let c = &data.customers;
    let (cust, score) = (&s.customer[..], &s.score[..]);
    let mut breakdowns: Vec<Breakdown> = [
        ("industry", &c.industry),
        ("region", &c.region),
        ("size", &c.size),
        ("channel", &c.channel),
        ("owner", &c.owner),
    ]
    .into_iter()
    .map(|(field, column)| attribute_breakdown(field, column, &c.in_file, &rows, cust, score))
    .collect();
    let tier_tallies = group_by(&rows, cust, score, 3, |code| {
        tiers
            .get(code as usize)
            .copied()
            .flatten()
            .map(|t| t as usize)
    });
    let tier_labels = Tier::ALL.iter().map(|t| t.as_str().to_string()).collect();
    breakdowns.push(Breakdown {
        field: "tier".to_string(),
        groups: groups_out(tier_tallies, tier_labels),
    });

    Some(NpsReport {
        latest_only,
        tally,
        nps: tally.nps(),
        csat_responses,
        csat: (csat_responses > 0).then(|| satisfied as f64 / csat_responses as f64),
        breakdowns,
        trend: trend(data, sel, period, latest_only),
    })
}

/// The period's NPS alone (the previous period's tile), without the breakdowns and the trend.
pub fn score(data: &Dataset, sel: &Selection, period: Period, settings: &Settings) -> Option<f64> {
    let s = data.surveys.as_ref()?;
    let rows = counted_rows(data, sel, period.from, period.to, settings.nps_latest_only);
    tally_of(&s.score, &rows).nps()
}

fn tally_of(score: &[u8], rows: &[u32]) -> Tally {
    let mut tally = Tally::default();
    for &r in rows {
        tally.add(score[r as usize]);
    }
    tally
}

/// NPS by calendar month of the period (each month clipped to the period).
fn trend(data: &Dataset, sel: &Selection, period: Period, latest_only: bool) -> Vec<NpsMonth> {
    let Some(s) = &data.surveys else {
        return Vec::new();
    };
    if period.from > period.to {
        return Vec::new();
    }
    let m0 = day::month_index(period.from);
    let months = (day::month_index(period.to) - m0 + 1) as usize;
    let mut tallies = vec![Tally::default(); months];

    // Undated responses count in every month: their tally, and per customer the score that a
    // dated response of the month replaces under the latest-only option.
    let mut undated = Tally::default();
    let mut undated_score: Vec<Option<u8>> = Vec::new();
    if latest_only {
        undated_score = vec![None; data.customers.len()];
    }
    let mut dated: Vec<(u32, u32, u32)> = Vec::new(); // (month offset, customer, row)
    for &r in &sel.surveys {
        let (code, d, sc) = (
            s.customer[r as usize],
            s.date.0[r as usize],
            s.score[r as usize],
        );
        if d == NO_DAY {
            if latest_only && code != NULL {
                // Later rows replace earlier ones.
                undated_score[code as usize] = Some(sc);
            } else {
                undated.add(sc);
            }
            continue;
        }
        if !period.contains(d) {
            continue;
        }
        let m = (day::month_index(d) - m0) as u32;
        if latest_only && code != NULL {
            dated.push((m, code, r));
        } else {
            tallies[m as usize].add(sc);
        }
    }
    if latest_only {
        for sc in undated_score.iter().flatten() {
            undated.add(*sc);
        }
        // Latest per (month, customer): the greatest (date, row).
        dated.sort_unstable_by_key(|&(m, code, r)| (m, code, s.date.0[r as usize], r));
        for (i, &(m, code, r)) in dated.iter().enumerate() {
            if dated
                .get(i + 1)
                .is_some_and(|&(m2, c2, _)| m2 == m && c2 == code)
            {
                continue;
            }
            let t = &mut tallies[m as usize];
            t.add(s.score[r as usize]);
            if let Some(old) = undated_score[code as usize] {
                t.shift(old, -1);
            }
        }
    }
    tallies
        .into_iter()
        .enumerate()
        .map(|(i, mut t)| {
            for (sc, n) in [
                (10u8, undated.promoters),
                (7, undated.passives),
                (0, undated.detractors),
            ] {
                t.shift(sc, n as i64);
            }
            NpsMonth {
                month: day::format_month(m0 + i as i32),
                tally: t,
                nps: t.nps(),
            }
        })
        .collect()
}
