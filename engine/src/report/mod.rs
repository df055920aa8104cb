//! Every metric of `METRICS.md` for one query, assembled into the dashboard model that the app
//! renders and `dealscope report --json` prints.

mod tiles;

use serde::{Deserialize, Serialize};

pub use tiles::Tiles;

use crate::ingest::ImportReport;
use crate::metrics::abc::{self, AbcReport, ParetoPoint, TierSummary};
use crate::metrics::channel::{self, ChannelRow};
use crate::metrics::clv::{self, ClvReport};
use crate::metrics::cohort::{self, CohortRow};
use crate::metrics::deals::{self, DealsReport, LostReason, MonthTrend, RevenueSource};
use crate::metrics::funnel::{self, FunnelReport, FunnelStage, StageOrder};
use crate::metrics::lifecycle::{self, Churn, LifecycleCounts, LifecycleReport};
use crate::metrics::nps::{self, NpsReport};
use crate::metrics::owner::{self, OwnerRow};
use crate::metrics::period::DataRange;
use crate::metrics::pipeline::{self, PipelineReport};
use crate::metrics::purchases::Occasions;
use crate::metrics::repurchase::{self, RepurchaseReport};
use crate::metrics::settings::{AbcMode, AbcSettings};
use crate::metrics::warnings::{self, Warning};
use crate::metrics::Settings;
use crate::model::{day, Dataset};
use crate::query::{self, Filters, Period, Selection};

/// How many early warnings and Pareto points the report carries.
pub const TOP_WARNINGS: usize = 50;
pub const TOP_PARETO: usize = 500;
/// How many stalled deals the report lists (longest idle first).
pub const TOP_STALLED: usize = 100;

/// A stalled deal as the dashboard lists it: `PipelineReport::stalled` with its fields resolved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StalledRow {
    pub deal_id: String,
    pub customer_id: Option<String>,
    /// The customer's name from the customers file.
    pub customer: Option<String>,
    pub owner: Option<String>,
    pub stage: Option<String>,
    pub amount: f64,
    pub days_idle: i32,
}

impl StalledRow {
    /// The first `limit` stalled deals of `pipeline`, in its order.
    pub fn list(data: &Dataset, pipeline: &PipelineReport, limit: usize) -> Vec<StalledRow> {
        let (deals, customers) = (&data.deals, &data.customers);
        pipeline
            .stalled
            .iter()
            .take(limit)
            .map(|s| {
                let row = s.row as usize;
                let code = deals.customer[row];
                let known = code != crate::model::dict::NULL && (code as usize) < customers.len();
                StalledRow {
                    deal_id: deals.id[row].to_string(),
                    customer_id: known.then(|| customers.ids[code as usize].clone()),
                    customer: known
                        .then(|| customers.name.get(code as usize).map(str::to_owned))
                        .flatten(),
                    owner: deals.owner.get(row).map(str::to_owned),
                    stage: deals.stage.get(row).map(str::to_owned),
                    amount: deals.amount[row],
                    days_idle: s.days_idle,
                }
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportPeriod {
    pub from: String,
    pub to: String,
    pub previous_from: String,
    pub previous_to: String,
    /// The data's first and last dates (`METRICS.md` "The data's range").
    pub data_first: String,
    pub data_last: String,
}

/// Rows read, loaded, rejected and flagged over all imported files.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportCounts {
    pub files: usize,
    pub rows: usize,
    pub loaded: usize,
    pub rejected: usize,
    pub flagged: usize,
}

impl ImportCounts {
    pub fn of(reports: &[ImportReport]) -> ImportCounts {
        reports.iter().fold(
            ImportCounts {
                files: reports.len(),
                ..Default::default()
            },
            |acc, r| ImportCounts {
                rows: acc.rows + r.rows,
                loaded: acc.loaded + r.loaded,
                rejected: acc.rejected + r.rejected,
                flagged: acc.flagged + r.flagged,
                ..acc
            },
        )
    }
}

/// The dashboard model. The KPI tile ids sit at the top level of the JSON (testing contract).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `None` when the data has no dates at all (nothing loaded): then every tile is `None`.
    pub period: Option<ReportPeriod>,
    #[serde(flatten)]
    pub tiles: Tiles,
    /// The tiles of the previous period, on the same selection.
    pub previous: Tiles,
    pub revenue_source: Option<RevenueSource>,
    /// The funnel's steps (reached-stage view).
    pub funnel: Vec<FunnelStage>,
    /// The whole funnel: by current stage, by owner, by channel, lost deals without a stage.
    pub funnel_detail: Option<FunnelReport>,
    pub abc: Vec<TierSummary>,
    pub abc_by_rank: Vec<TierSummary>,
    /// The ranked customers of the configured ABC mode, best first (at most `TOP_PARETO`).
    pub pareto: Vec<ParetoPoint>,
    pub cohorts: Vec<CohortRow>,
    pub lifecycle: Option<LifecycleCounts>,
    pub lost_reasons: Vec<LostReason>,
    pub nps_breakdown: Option<NpsReport>,
    pub warnings: Vec<Warning>,
    pub channels: Vec<ChannelRow>,
    pub owners: Vec<OwnerRow>,
    pub revenue_trend: Vec<MonthTrend>,
    pub deals: Option<DealsReport>,
    pub pipeline: Option<PipelineReport>,
    /// The first `TOP_STALLED` stalled deals of `pipeline`, with their ids and fields.
    pub stalled_list: Vec<StalledRow>,
    pub lifecycle_detail: Option<LifecycleReport>,
    pub repurchase: Option<RepurchaseReport>,
    pub clv_detail: Option<ClvReport>,
    pub rejected: ImportCounts,
    /// The values the segment filters offer.
    pub filter_values: FilterValues,
}

/// The distinct values of each segment filter's field in the loaded data (before any filter),
/// sorted in byte order: what the filter selects offer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterValues {
    /// Owners of deals and of customers.
    pub owner: Vec<String>,
    /// Channels of deals and of customers.
    pub channel: Vec<String>,
    pub region: Vec<String>,
    pub industry: Vec<String>,
    pub size: Vec<String>,
    /// `A`, `B`, `C` whenever there is anything to rank.
    pub tier: Vec<String>,
}

impl FilterValues {
    pub fn of(data: &Dataset) -> FilterValues {
        fn distinct(columns: &[&crate::model::DictColumn]) -> Vec<String> {
            let mut values: Vec<String> = columns
                .iter()
                .flat_map(|c| c.values.iter().cloned())
                .collect();
            values.sort_unstable();
            values.dedup();
            values
        }
        let (c, d) = (&data.customers, &data.deals);
        FilterValues {
            owner: distinct(&[&d.owner, &c.owner]),
            channel: distinct(&[&d.channel, &c.channel]),
            region: distinct(&[&c.region]),
            industry: distinct(&[&c.industry]),
            size: distinct(&[&c.size]),
            tier: if c.is_empty() {
                Vec::new()
            } else {
                crate::metrics::abc::Tier::ALL
                    .iter()
                    .map(|t| t.as_str().to_string())
                    .collect()
            },
        }
    }
}

/// The parts of the data that every query reuses: detected once after import.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub range: Option<DataRange>,
    pub order: StageOrder,
    pub filter_values: FilterValues,
}

impl Prepared {
    pub fn new(data: &Dataset) -> Prepared {
        Prepared {
            range: crate::metrics::period::data_range(data),
            order: StageOrder::detect(&data.deals),
            filter_values: FilterValues::of(data),
        }
    }
}

/// Every metric for `period` (and the tiles of the previous period) on the rows the filters keep.
pub fn build(
    data: &Dataset,
    prepared: &Prepared,
    period: Option<Period>,
    filters: &Filters,
    settings: &Settings,
    imports: &[ImportReport],
) -> Report {
    let rejected = ImportCounts::of(imports);
    let (Some(range), Some(period)) = (prepared.range, period) else {
        return Report {
            filter_values: prepared.filter_values.clone(),
            ..Report::empty(rejected)
        };
    };
    let sel = query::select(data, filters, period);
    let occ = Occasions::build(data, &sel);
    let has_deals = !data.deals.is_empty();
    let has_purchases = has_deals || data.orders.is_some();
    let previous = period.previous();

    let deals_report = has_purchases.then(|| deals::compute(data, &sel, period));
    let funnel_report = has_deals.then(|| funnel::compute(data, &sel, period, &prepared.order));
    let pipeline_report =
        has_deals.then(|| pipeline::compute(data, &sel, period, settings, &prepared.order));
    let (abc_share, abc_rank) = {
        let ranking = abc::Ranking::of(data, &sel, period);
        (
            ranking.tiers(&share_thresholds(settings)),
            ranking.tiers(&rank_thresholds(settings)),
        )
    };
    let abc_chosen = match settings.abc.mode {
        AbcMode::RevenueShare => &abc_share,
        AbcMode::CustomerRank => &abc_rank,
    };
    let tiers = abc_share.tier_by_customer(data.customers.len());
    let nps_report = nps::compute(data, &sel, period, settings, &tiers);
    let lifecycle_report =
        has_purchases.then(|| lifecycle::compute(data, &sel, &occ, period, settings));
    let repurchase_report = has_purchases.then(|| repurchase::compute(&occ, period.to));
    let clv_report = has_purchases.then(|| {
        let churn = annual_churn(&occ, period, settings, lifecycle_report.as_ref());
        clv::compute(data, &sel, &occ, period.to, churn)
    });
    let warning_list = if has_purchases {
        warnings::compute(data, &sel, &occ, period.to, settings, TOP_WARNINGS)
    } else {
        Vec::new()
    };

    let tiles = Tiles::compose(TileInputs {
        has_deals,
        deals: deals_report.as_ref(),
        pipeline: pipeline_report.as_ref(),
        nps: nps_report.as_ref().and_then(|n| n.nps),
        lifecycle: lifecycle_report.as_ref(),
        repurchase_rate: repurchase_report.as_ref().and_then(|r| r.repurchase_rate),
        clv: clv_report.as_ref(),
        abc: has_purchases.then_some(&abc_share),
    });
    let previous_tiles = previous_tiles(
        data,
        prepared,
        &sel,
        &occ,
        previous,
        settings,
        has_deals,
        has_purchases,
    );

    Report {
        period: Some(ReportPeriod {
            from: day::format(period.from),
            to: day::format(period.to),
            previous_from: day::format(previous.from),
            previous_to: day::format(previous.to),
            data_first: day::format(range.first),
            data_last: day::format(range.last),
        }),
        tiles,
        previous: previous_tiles,
        revenue_source: deals_report.as_ref().map(|d| d.revenue_source),
        funnel: funnel_report
            .as_ref()
            .map(|f| f.stages.clone())
            .unwrap_or_default(),
        funnel_detail: funnel_report,
        abc: abc_share.tiers.clone(),
        abc_by_rank: abc_rank.tiers.clone(),
        pareto: abc_chosen.pareto(data, TOP_PARETO),
        cohorts: if has_purchases {
            cohort::compute(&occ, period, settings.cohort_grain).cohorts
        } else {
            Vec::new()
        },
        lifecycle: lifecycle_report.as_ref().map(|l| l.counts),
        lost_reasons: deals_report
            .as_ref()
            .map(|d| d.lost_reasons.clone())
            .unwrap_or_default(),
        nps_breakdown: nps_report,
        warnings: warning_list,
        channels: if has_deals || data.orders.is_some() {
            channel::compute(data, &sel, &occ, period).channels
        } else {
            Vec::new()
        },
        owners: if has_deals {
            owner::compute(data, &sel, period, settings).owners
        } else {
            Vec::new()
        },
        revenue_trend: deals_report
            .as_ref()
            .map(|d| d.trend.clone())
            .unwrap_or_default(),
        deals: deals_report,
        stalled_list: pipeline_report
            .as_ref()
            .map(|p| StalledRow::list(data, p, TOP_STALLED))
            .unwrap_or_default(),
        pipeline: pipeline_report,
        lifecycle_detail: lifecycle_report,
        repurchase: repurchase_report,
        clv_detail: clv_report,
        rejected,
        filter_values: prepared.filter_values.clone(),
    }
}

/// The churn of the year to `period`'s end, for CLV: the lifecycle's when `period` is that year.
fn annual_churn(
    occ: &Occasions,
    period: Period,
    settings: &Settings,
    lifecycle: Option<&LifecycleReport>,
) -> Churn {
    let year = clv::year(period.to);
    match lifecycle {
        Some(lifecycle) if period == year => lifecycle.churn,
        _ => lifecycle::churn(occ, year, settings.churn_window),
    }
}

fn share_thresholds(settings: &Settings) -> AbcSettings {
    match settings.abc.mode {
        AbcMode::RevenueShare => settings.abc,
        AbcMode::CustomerRank => AbcSettings::revenue_share(),
    }
}

fn rank_thresholds(settings: &Settings) -> AbcSettings {
    match settings.abc.mode {
        AbcMode::CustomerRank => settings.abc,
        AbcMode::RevenueShare => AbcSettings::customer_rank(),
    }
}

/// The tiles of the previous period: the same metrics on the same selection (the tier filter's
/// tiers come from the current period, `METRICS.md` "ABC").
#[allow(clippy::too_many_arguments)]
fn previous_tiles(
    data: &Dataset,
    prepared: &Prepared,
    sel: &Selection,
    occ: &Occasions,
    period: Period,
    settings: &Settings,
    has_deals: bool,
    has_purchases: bool,
) -> Tiles {
    let deals_report = has_purchases.then(|| deals::compute(data, sel, period));
    let pipeline_report =
        has_deals.then(|| pipeline::compute(data, sel, period, settings, &prepared.order));
    let abc_share = abc::compute(data, sel, period, &share_thresholds(settings));
    let nps = nps::score(data, sel, period, settings);
    let lifecycle_report =
        has_purchases.then(|| lifecycle::compute(data, sel, occ, period, settings));
    let repurchase_rate = has_purchases
        .then(|| repurchase::rate(occ, period.to))
        .flatten();
    let clv_report = has_purchases.then(|| {
        let churn = annual_churn(occ, period, settings, lifecycle_report.as_ref());
        clv::compute(data, sel, occ, period.to, churn)
    });
    Tiles::compose(TileInputs {
        has_deals,
        deals: deals_report.as_ref(),
        pipeline: pipeline_report.as_ref(),
        nps,
        lifecycle: lifecycle_report.as_ref(),
        repurchase_rate,
        clv: clv_report.as_ref(),
        abc: has_purchases.then_some(&abc_share),
    })
}

/// The family reports a set of tiles is read from; `None` where the input is absent.
struct TileInputs<'a> {
    /// Whether a deals file is loaded: revenue may come from orders alone, deal tiles may not.
    has_deals: bool,
    deals: Option<&'a DealsReport>,
    pipeline: Option<&'a PipelineReport>,
    nps: Option<f64>,
    lifecycle: Option<&'a LifecycleReport>,
    repurchase_rate: Option<f64>,
    clv: Option<&'a ClvReport>,
    abc: Option<&'a AbcReport>,
}

impl Tiles {
    fn compose(r: TileInputs) -> Tiles {
        let deals = r.deals.filter(|_| r.has_deals);
        Tiles {
            revenue: r.deals.map(|d| d.revenue),
            won_deals: deals.map(|d| d.won_deals as f64),
            win_rate: deals.and_then(|d| d.win_rate),
            avg_deal_size: deals.and_then(|d| d.avg_deal_size),
            sales_cycle_median: deals.and_then(|d| d.sales_cycle_median),
            pipeline_value: r.pipeline.map(|p| p.pipeline_value),
            stalled_deals: r.pipeline.map(|p| p.stalled_deals as f64),
            nps: r.nps,
            active_customers: r.lifecycle.map(|l| l.active_customers as f64),
            churn_rate: r.lifecycle.and_then(|l| l.churn.churn_rate),
            repurchase_rate: r.repurchase_rate,
            clv: r.clv.and_then(|c| c.clv),
            a_tier_revenue_share: r.abc.and_then(|a| a.a_tier_revenue_share),
        }
    }
}

impl Report {
    fn empty(rejected: ImportCounts) -> Report {
        Report {
            period: None,
            tiles: Tiles::default(),
            previous: Tiles::default(),
            revenue_source: None,
            funnel: Vec::new(),
            funnel_detail: None,
            abc: Vec::new(),
            abc_by_rank: Vec::new(),
            pareto: Vec::new(),
            cohorts: Vec::new(),
            lifecycle: None,
            lost_reasons: Vec::new(),
            nps_breakdown: None,
            warnings: Vec::new(),
            channels: Vec::new(),
            owners: Vec::new(),
            revenue_trend: Vec::new(),
            deals: None,
            pipeline: None,
            stalled_list: Vec::new(),
            lifecycle_detail: None,
            repurchase: None,
            clv_detail: None,
            rejected,
            filter_values: FilterValues::default(),
        }
    }
}
