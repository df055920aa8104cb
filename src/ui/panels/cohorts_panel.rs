//! `<CohortsPanel/>`: the retention heatmap, customers or revenue, by month, week or quarter of
//! first purchase.

use engine::metrics::settings::CohortGrain;
use leptos::prelude::*;

use super::{Input, MissingInput, Panel};
use crate::charts::{cohort_cell, cohort_chart, ChartClick, CohortMode, EChart};
use crate::i18n::tr;
use crate::state::{AppState, Pick};

fn grain_key(grain: CohortGrain) -> &'static str {
    match grain {
        CohortGrain::Month => "month",
        CohortGrain::Week => "week",
        CohortGrain::Quarter => "quarter",
    }
}

fn parse_grain(key: &str) -> CohortGrain {
    match key {
        "week" => CohortGrain::Week,
        "quarter" => CohortGrain::Quarter,
        _ => CohortGrain::Month,
    }
}

/// The cohorts panel.
#[component]
pub fn CohortsPanel() -> impl IntoView {
    let state = AppState::expect();
    let mode = RwSignal::new(CohortMode::Customers);
    let grain = Memo::new(move |_| state.query.with(|q| q.settings.cohort_grain));
    let has_purchases =
        Memo::new(move |_| state.report.with(|r| r.as_ref().map(|r| r.deals.is_some())));
    let chart = Memo::new(move |_| {
        let (mode, grain) = (mode.get(), grain.get());
        state
            .report
            .with(|r| r.as_ref().map(|r| cohort_chart(&r.cohorts, grain, mode)))
    });
    let on_click = Callback::new(move |click: ChartClick| {
        let cell = state
            .report
            .with_untracked(|r| cohort_cell(&r.as_ref()?.cohorts, click.data_index));
        if let Some((cohort, k)) = cell {
            state.pick(Pick::CohortCell { cohort, k });
        }
    });
    let controls = move || {
        view! {
            <div class="toggle" role="group" aria-label=move || tr("Retention of", "留存口径")>
                <button
                    type="button"
                    aria-pressed=move || (mode.get() == CohortMode::Customers).to_string()
                    on:click=move |_| mode.set(CohortMode::Customers)
                >
                    {move || tr("Customers", "客户")}
                </button>
                <button
                    type="button"
                    aria-pressed=move || (mode.get() == CohortMode::Revenue).to_string()
                    on:click=move |_| mode.set(CohortMode::Revenue)
                >
                    {move || tr("Revenue", "收入")}
                </button>
            </div>
            <label class="control">
                <span>{move || tr("Cohort by", "批次粒度")}</span>
                <select
                    data-testid="cohort-grain"
                    prop:value=move || grain_key(grain.get())
                    on:change=move |ev| {
                        let g = parse_grain(&event_target_value(&ev));
                        state.query.update(|q| q.settings.cohort_grain = g);
                    }
                >
                    <option value="month">{move || tr("Month", "月")}</option>
                    <option value="week">{move || tr("Week", "周")}</option>
                    <option value="quarter">{move || tr("Quarter", "季度")}</option>
                </select>
            </label>
        }
    };
    view! {
        <Panel name="cohorts" title=("Cohort retention", "同期群留存") wide=true controls=controls>
            <Show
                when=move || has_purchases.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Purchases /> }
            >
                <p class="chart-caption">
                    {move || match mode.get() {
                        CohortMode::Customers => tr(
                            "Rows: cohort · its customers. Cells: the share of them who bought k periods after their first purchase (%).",
                            "行：批次 · 客户数。单元格：首购后第 k 期有购买的客户比例（%）。",
                        ),
                        CohortMode::Revenue => tr(
                            "Rows: cohort · its customers. Cells: the cohort's revenue k periods after its first purchase, as a share of its first period's revenue (%).",
                            "行：批次 · 客户数。单元格：首购后第 k 期的收入占首期收入的比例（%）。",
                        ),
                    }}
                </p>
                <EChart
                    id="chart-cohorts"
                    kind="cohorts"
                    label="Cohort retention"
                    chart=chart
                    on_click=on_click
                />
            </Show>
        </Panel>
    }
}
