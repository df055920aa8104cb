//! The deal funnel (`METRICS.md` "Funnel (deals created in the period)").
//!
//! > - The stage order is the open stages in pipeline order followed by Won. Stage names match
//! >   case-insensitively after trimming. It is detected from the known pipelines when every open
//! >   stage is known: Salesforce (…), HubSpot (…), the generic one (…) and the Chinese one (…);
//! >   otherwise stages keep the order in which they first appear in the file. The user can
//! >   reorder them. Stages that no deal is in or was lost at are not shown. The order is
//! >   detected once, on all loaded deals, and every filtered view and split uses it.
//! > - The **furthest stage** of a deal: its current stage if open; Won if won; `lost_stage` if
//! >   lost and that column is present; else the first stage.
//! > - `reached(s)` = deals whose furthest stage is at or after `s`.
//! > - **Step conversion** `s → s+1` = `reached(s+1) / reached(s)`. **Overall conversion** =
//! >   `reached(Won) / reached(first stage)`.
//! > - The funnel can be split by owner and by channel; each split is the same computation on
//! >   its rows.
//! > - A second view, **by current stage**, counts the deals created in the period by the stage
//! >   they are in now.
//!
//! > A lost deal with no or an unknown `lost_stage` counts at the first stage only; the chart
//! > notes how many such deals there are.
//!
//! > A stage is shown with its first spelling in the deals file; the last step is labelled with
//! > the most frequent won stage name. Every funnel view and split shows the same steps (those
//! > of all loaded deals), a step with no deal of the view included. A known pipeline's order is
//! > used only when every open stage belongs to that one pipeline.
//!
//! Choices where `METRICS.md` leaves room (see [`StageOrder::detect`] for the order itself):
//! - The **open stages** are the stage names of the deals whose status is open. A won or lost
//!   deal's current stage name (possible with a status column) is not an open stage, and a deal
//!   "is in" a stage only while open.
//! - A `lost_stage` is **known** when it names one of the funnel's open stages (case-insensitive,
//!   trimmed); a won/lost word or any other name is unknown.
//! - The Won step is always shown, even when no deal is won (it is the target of the overall
//!   conversion). With no open stage at all the funnel is the Won step alone, and lost deals
//!   without a known stage have no first stage to count at: they reach no step but are still
//!   counted in `lost_without_stage`.
//! - The channel split puts a deal under its own channel, falling back to its customer's (the
//!   attribution of channel revenue for deals); the owner split uses the deal's owner. Deals
//!   without one are split under `None`, so the parts always add up to the whole.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::metrics::channel::ChannelKeys;
use crate::metrics::stats::ratio;
use crate::model::{Dataset, Deals, Status, NULL};
use crate::query::{Period, Selection};

pub const SALESFORCE: [&str; 8] = [
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Id. Decision Makers",
    "Perception Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
];
pub const HUBSPOT: [&str; 5] = [
    "Appointment Scheduled",
    "Qualified to Buy",
    "Presentation Scheduled",
    "Decision Maker Bought-In",
    "Contract Sent",
];
pub const GENERIC: [&str; 8] = [
    "Lead",
    "Prospecting",
    "Engaging",
    "Qualification",
    "Needs Analysis",
    "Proposal",
    "Quote",
    "Negotiation",
];
pub const CHINESE: [&str; 5] = ["线索", "初步接触", "需求确认", "方案报价", "谈判"];

/// Where the stage order came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderSource {
    Salesforce,
    Hubspot,
    Generic,
    Chinese,
    /// First appearance in the deals file.
    FileOrder,
    /// Reordered by the user.
    Custom,
}

const KNOWN: [(OrderSource, &[&str]); 4] = [
    (OrderSource::Salesforce, &SALESFORCE),
    (OrderSource::Hubspot, &HUBSPOT),
    (OrderSource::Generic, &GENERIC),
    (OrderSource::Chinese, &CHINESE),
];

const NONE: u32 = u32::MAX;

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The funnel's steps, detected once on all loaded deals: the open stages in order, then Won.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageOrder {
    pub source: OrderSource,
    /// The open steps in order, each with its first spelling.
    pub open_stages: Vec<String>,
    /// The last step's label: the most frequent stage name of won deals, or "Won" without any.
    pub won_label: String,
    /// The by-current-stage view's label for lost deals: their most frequent stage name, or
    /// "Lost" without any.
    pub lost_label: String,
    /// Step of each `Deals::stage` code (`NONE` when it is not an open step).
    #[serde(skip)]
    stage_pos: Vec<u32>,
    /// Step of each `Deals::lost_stage` code (`NONE` when unknown).
    #[serde(skip)]
    lost_pos: Vec<u32>,
}

impl StageOrder {
    /// Detects the order on all loaded deals.
    ///
    /// - A known pipeline is used when there is at least one open stage and every open stage
    ///   belongs to it; Salesforce and the generic pipeline share stages, and when both (or any
    ///   two) contain every open stage the first in `METRICS.md`'s list wins (Salesforce,
    ///   HubSpot, generic, Chinese). Its stages that no open deal is in and no lost deal was lost
    ///   at are dropped.
    /// - Otherwise the open stages keep the order of their first row in the deals file (any
    ///   deal's row: the stage column as written).
    pub fn detect(deals: &Deals) -> StageOrder {
        let n_stage = deals.stage.values.len();
        let mut open = vec![false; n_stage];
        let mut first_row = vec![usize::MAX; n_stage];
        let mut won_count = vec![0u64; n_stage];
        let mut lost_count = vec![0u64; n_stage];
        let mut lost_seen = vec![false; deals.lost_stage.values.len()];
        for r in 0..deals.len() {
            let code = deals.stage.codes[r];
            if code != NULL {
                let c = code as usize;
                first_row[c] = first_row[c].min(r);
                match deals.status[r] {
                    Status::Open => open[c] = true,
                    Status::Won => won_count[c] += 1,
                    Status::Lost => lost_count[c] += 1,
                }
            }
            if deals.status[r] == Status::Lost && deals.has_lost_stage {
                let lc = deals.lost_stage.codes[r];
                if lc != NULL {
                    lost_seen[lc as usize] = true;
                }
            }
        }
        let stage_key: Vec<String> = deals.stage.values.iter().map(|v| key(v)).collect();
        let lost_key: Vec<String> = deals.lost_stage.values.iter().map(|v| key(v)).collect();
        let mut open_codes: Vec<usize> = (0..n_stage).filter(|&c| open[c]).collect();
        open_codes.sort_by_key(|&c| first_row[c]);

        let known = KNOWN.iter().find(|(_, list)| {
            let keys: Vec<String> = list.iter().map(|s| key(s)).collect();
            !open_codes.is_empty() && open_codes.iter().all(|&c| keys.contains(&stage_key[c]))
        });

        // Candidate steps (keys and shown names) before dropping the empty ones.
        let (source, candidates): (OrderSource, Vec<String>) = match known {
            Some((source, list)) => (*source, list.iter().map(|s| key(s)).collect()),
            None => (
                OrderSource::FileOrder,
                open_codes.iter().map(|&c| stage_key[c].clone()).collect(),
            ),
        };
        let index: HashMap<&str, usize> = candidates
            .iter()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let mut shown = vec![false; candidates.len()];
        for &c in &open_codes {
            if let Some(&i) = index.get(stage_key[c].as_str()) {
                shown[i] = true;
            }
        }
        for (lc, seen) in lost_seen.iter().enumerate() {
            if *seen {
                if let Some(&i) = index.get(lost_key[lc].as_str()) {
                    shown[i] = true;
                }
            }
        }
        // New step numbers of the shown candidates.
        let mut step = vec![NONE; candidates.len()];
        let mut open_stages = Vec::new();
        for (i, k) in candidates.iter().enumerate() {
            if shown[i] {
                step[i] = open_stages.len() as u32;
                // First spelling in the deals file: the stage column's, else the lost-stage's.
                let name = stage_key
                    .iter()
                    .position(|s| s == k)
                    .map(|c| deals.stage.values[c].clone())
                    .or_else(|| {
                        lost_key
                            .iter()
                            .position(|s| s == k)
                            .map(|c| deals.lost_stage.values[c].clone())
                    })
                    .unwrap_or_else(|| k.clone());
                open_stages.push(name);
            }
        }
        let stage_pos = stage_key
            .iter()
            .map(|k| index.get(k.as_str()).map_or(NONE, |&i| step[i]))
            .collect();
        let lost_pos = lost_key
            .iter()
            .map(|k| index.get(k.as_str()).map_or(NONE, |&i| step[i]))
            .collect();

        // Most frequent stage name, ties by first appearance.
        let most_frequent = |counts: &[u64], fallback: &str| {
            (0..n_stage)
                .filter(|&c| counts[c] > 0)
                .max_by(|&a, &b| {
                    counts[a]
                        .cmp(&counts[b])
                        .then(first_row[b].cmp(&first_row[a]))
                })
                .map_or_else(|| fallback.to_string(), |c| deals.stage.values[c].clone())
        };
        StageOrder {
            source,
            open_stages,
            won_label: most_frequent(&won_count, "Won"),
            lost_label: most_frequent(&lost_count, "Lost"),
            stage_pos,
            lost_pos,
        }
    }

    /// The user's order: the named open stages first, in the given order (matched
    /// case-insensitively after trimming), then the others in their current order. Unknown
    /// names are ignored; Won stays last.
    pub fn reordered(&self, names: &[String]) -> StageOrder {
        let keys: Vec<String> = self.open_stages.iter().map(|s| key(s)).collect();
        let mut order: Vec<usize> = Vec::new();
        for name in names {
            let k = key(name);
            if let Some(i) = keys.iter().position(|s| *s == k) {
                if !order.contains(&i) {
                    order.push(i);
                }
            }
        }
        order.extend(
            (0..keys.len())
                .filter(|i| !order.contains(i))
                .collect::<Vec<_>>(),
        );
        let mut new_step = vec![NONE; keys.len()];
        for (new, &old) in order.iter().enumerate() {
            new_step[old] = new as u32;
        }
        let remap = |p: &u32| {
            if *p == NONE {
                NONE
            } else {
                new_step[*p as usize]
            }
        };
        StageOrder {
            source: OrderSource::Custom,
            open_stages: order.iter().map(|&i| self.open_stages[i].clone()).collect(),
            won_label: self.won_label.clone(),
            lost_label: self.lost_label.clone(),
            stage_pos: self.stage_pos.iter().map(remap).collect(),
            lost_pos: self.lost_pos.iter().map(remap).collect(),
        }
    }

    /// Every step's label: the open stages, then the Won label.
    pub fn steps(&self) -> Vec<String> {
        let mut steps = self.open_stages.clone();
        steps.push(self.won_label.clone());
        steps
    }

    /// The number of steps, Won included.
    pub fn len(&self) -> usize {
        self.open_stages.len() + 1
    }

    /// Never: the Won step is always there.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The step of an open stage code, `None` when it is not an open step.
    pub fn open_step(&self, stage_code: u32) -> Option<usize> {
        let p = *self.stage_pos.get(stage_code as usize)?;
        (p != NONE).then_some(p as usize)
    }

    /// A deal's furthest step and whether it is a lost deal without a known lost stage.
    ///
    /// `None` only for such a lost deal when the funnel has no open step. An open deal whose
    /// stage is not an open step (impossible when the order was detected on the same deals)
    /// counts at the first step.
    pub fn furthest(&self, deals: &Deals, row: usize) -> (Option<usize>, bool) {
        let first = (!self.open_stages.is_empty()).then_some(0);
        match deals.status[row] {
            Status::Open => (
                Some(self.open_step(deals.stage.codes[row]).unwrap_or(0)),
                false,
            ),
            Status::Won => (Some(self.open_stages.len()), false),
            Status::Lost => {
                if deals.has_lost_stage {
                    let lc = deals.lost_stage.codes[row];
                    if lc != NULL && self.lost_pos[lc as usize] != NONE {
                        return (Some(self.lost_pos[lc as usize] as usize), false);
                    }
                }
                (first, true)
            }
        }
    }

    /// The step a deal is in now: its open step, Won, or `len()` for lost (one past Won).
    fn current(&self, deals: &Deals, row: usize) -> usize {
        match deals.status[row] {
            Status::Open => self.open_step(deals.stage.codes[row]).unwrap_or(0),
            Status::Won => self.open_stages.len(),
            Status::Lost => self.open_stages.len() + 1,
        }
    }
}

/// One step of a funnel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelStage {
    pub stage: String,
    /// Deals whose furthest stage is at or after this one.
    pub reached: u64,
    /// Deals whose furthest stage is this one.
    pub ended_here: u64,
    /// `reached(s) / reached(s − 1)`; none for the first step or when the previous reached none.
    pub conversion_from_previous: Option<f64>,
    /// `reached(s) / reached(first)`.
    pub share_of_first: Option<f64>,
}

/// One part of a split funnel: the same steps over the part's deals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelSplit {
    /// The owner or channel; `None` for deals without one.
    pub key: Option<String>,
    pub deals: u64,
    pub stages: Vec<FunnelStage>,
    pub overall_conversion: Option<f64>,
    pub lost_without_stage: u64,
}

/// Deals by the stage they are in now (a snapshot).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentStage {
    pub stage: String,
    pub deals: u64,
    pub amount: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FunnelReport {
    pub order: OrderSource,
    /// Deals created in the period.
    pub deals: u64,
    pub stages: Vec<FunnelStage>,
    /// `reached(Won) / reached(first stage)`.
    pub overall_conversion: Option<f64>,
    /// Lost deals with no or an unknown `lost_stage`, counted at the first stage only.
    pub lost_without_stage: u64,
    /// The open steps, Won, then the lost deals under `StageOrder::lost_label`.
    pub by_current_stage: Vec<CurrentStage>,
    /// By the deal's owner, largest first (ties by name, `None` last).
    pub by_owner: Vec<FunnelSplit>,
    /// By the deal's channel falling back to its customer's, largest first.
    pub by_channel: Vec<FunnelSplit>,
}

/// Counts by furthest step for one group of deals.
#[derive(Clone)]
struct Tally {
    ended: Vec<u64>,
    lost_without_stage: u64,
    deals: u64,
}

impl Tally {
    fn new(steps: usize) -> Tally {
        Tally {
            ended: vec![0; steps],
            lost_without_stage: 0,
            deals: 0,
        }
    }

    #[inline]
    fn add(&mut self, furthest: (Option<usize>, bool)) {
        self.deals += 1;
        if let Some(p) = furthest.0 {
            self.ended[p] += 1;
        }
        self.lost_without_stage += furthest.1 as u64;
    }

    fn stages(&self, labels: &[String]) -> (Vec<FunnelStage>, Option<f64>) {
        let mut reached = self.ended.clone();
        for i in (0..reached.len().saturating_sub(1)).rev() {
            reached[i] += reached[i + 1];
        }
        let first = reached[0] as f64;
        let stages = labels
            .iter()
            .enumerate()
            .map(|(i, label)| FunnelStage {
                stage: label.clone(),
                reached: reached[i],
                ended_here: self.ended[i],
                conversion_from_previous: if i == 0 {
                    None
                } else {
                    ratio(reached[i] as f64, reached[i - 1] as f64)
                },
                share_of_first: ratio(reached[i] as f64, first),
            })
            .collect();
        let overall = ratio(*reached.last().unwrap() as f64, first);
        (stages, overall)
    }
}

fn splits(
    tallies: &[Tally],
    key: impl Fn(usize) -> Option<String>,
    labels: &[String],
) -> Vec<FunnelSplit> {
    let mut out: Vec<FunnelSplit> = tallies
        .iter()
        .enumerate()
        .filter(|(_, t)| t.deals > 0)
        .map(|(i, t)| {
            let (stages, overall_conversion) = t.stages(labels);
            FunnelSplit {
                key: key(i),
                deals: t.deals,
                stages,
                overall_conversion,
                lost_without_stage: t.lost_without_stage,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.deals
            .cmp(&a.deals)
            .then_with(|| a.key.is_none().cmp(&b.key.is_none()))
            .then_with(|| a.key.cmp(&b.key))
    });
    out
}

/// The funnel of the deals created in the period, with its splits and the by-current-stage
/// view. `order` is [`StageOrder::detect`] on all loaded deals (or the user's reordering).
pub fn compute(
    data: &Dataset,
    sel: &Selection,
    period: Period,
    order: &StageOrder,
) -> FunnelReport {
    let deals = &data.deals;
    let steps = order.len();
    let labels = order.steps();
    let channels = ChannelKeys::new(data);
    let owners = deals.owner.values.len();

    let mut total = Tally::new(steps);
    let mut by_owner = vec![Tally::new(steps); owners + 1];
    let mut by_channel = vec![Tally::new(steps); channels.len() + 1];
    let mut current = vec![(0u64, 0.0f64); steps + 1];
    for &row in &sel.deals {
        let r = row as usize;
        if !period.contains(deals.created_at[r]) {
            continue;
        }
        let furthest = order.furthest(deals, r);
        total.add(furthest);
        let o = deals.owner.codes[r];
        by_owner[if o == NULL { owners } else { o as usize }].add(furthest);
        by_channel[channels.of_deal(data, r)].add(furthest);
        let c = &mut current[order.current(deals, r)];
        c.0 += 1;
        c.1 += deals.amount[r];
    }

    let (stages, overall_conversion) = total.stages(&labels);
    let mut current_labels = labels.clone();
    current_labels.push(order.lost_label.clone());
    FunnelReport {
        order: order.source,
        deals: total.deals,
        stages,
        overall_conversion,
        lost_without_stage: total.lost_without_stage,
        by_current_stage: current_labels
            .into_iter()
            .zip(current)
            .map(|(stage, (deals, amount))| CurrentStage {
                stage,
                deals,
                amount,
            })
            .collect(),
        by_owner: splits(&by_owner, |i| deals.owner.values.get(i).cloned(), &labels),
        by_channel: splits(
            &by_channel,
            |i| channels.name(i).map(str::to_string),
            &labels,
        ),
    }
}

/// Drill-down: the selection's deals created in the period that reached step `step`
/// (0-based, Won is `order.len() − 1`), ascending.
pub fn rows_reaching(
    data: &Dataset,
    sel: &Selection,
    period: Period,
    order: &StageOrder,
    step: usize,
) -> Vec<u32> {
    let deals = &data.deals;
    sel.deals
        .iter()
        .copied()
        .filter(|&row| {
            let r = row as usize;
            period.contains(deals.created_at[r])
                && order.furthest(deals, r).0.is_some_and(|p| p >= step)
        })
        .collect()
}
