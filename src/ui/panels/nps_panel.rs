//! `<NpsPanel/>`: the net promoter score, its promoter / passive / detractor split, its monthly
//! trend and its breakdown by a customer attribute or tier.

use leptos::prelude::*;

use super::{fmt, Input, MissingInput, Panel};
use crate::charts::{
    nps_breakdown_chart, nps_split_chart, nps_trend_chart, ChartClick, EChart, NPS_CATEGORIES,
};
use crate::i18n::tr;
use crate::state::{AppState, Pick};

/// The name a person reads for a breakdown field of the report.
fn field_label(field: &str) -> &'static str {
    match field {
        "industry" => tr("Industry", "行业"),
        "region" => tr("Region", "区域"),
        "size" => tr("Size", "规模"),
        "channel" => tr("Channel", "渠道"),
        "owner" => tr("Owner", "负责人"),
        "tier" => tr("ABC tier", "ABC 层级"),
        _ => tr("Segment", "分组"),
    }
}

/// What a click on a breakdown bar picks, where the dashboard can drill into it.
fn breakdown_pick(field: &str, value: &str) -> Option<Pick> {
    let none = value == engine::metrics::nps::NONE_LABEL;
    match field {
        "tier" if !none => Some(Pick::Tier(value.to_owned())),
        "channel" => Some(Pick::Channel((!none).then(|| value.to_owned()))),
        "owner" => Some(Pick::Owner((!none).then(|| value.to_owned()))),
        _ => None,
    }
}

/// The NPS panel.
#[component]
pub fn NpsPanel() -> impl IntoView {
    let state = AppState::expect();
    let field = RwSignal::new(String::from("tier"));
    let has_surveys = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| r.nps_breakdown.is_some()))
    });
    let split_chart = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref()?.nps_breakdown.as_ref().map(nps_split_chart))
    });
    let trend_chart = Memo::new(move |_| {
        state.report.with(|r| {
            r.as_ref()?
                .nps_breakdown
                .as_ref()
                .map(|n| nps_trend_chart(&n.trend))
        })
    });
    let breakdown_chart = Memo::new(move |_| {
        let field = field.get();
        state.report.with(|r| {
            let nps = r.as_ref()?.nps_breakdown.as_ref()?;
            let b = nps
                .breakdowns
                .iter()
                .find(|b| b.field == field)
                .or_else(|| nps.breakdowns.first())?;
            Some(nps_breakdown_chart(b))
        })
    });
    let on_split_click = Callback::new(move |click: ChartClick| {
        if let Some(category) = NPS_CATEGORIES.get(click.data_index) {
            state.pick(Pick::NpsCategory((*category).to_owned()));
        }
    });
    let on_breakdown_click = Callback::new(move |click: ChartClick| {
        let field = field.get_untracked();
        let pick = state.report.with_untracked(|r| {
            let nps = r.as_ref()?.nps_breakdown.as_ref()?;
            let b = nps.breakdowns.iter().find(|b| b.field == field)?;
            let group = b.groups.get(click.data_index)?;
            breakdown_pick(&b.field, &group.value)
        });
        if let Some(pick) = pick {
            state.pick(pick);
        }
    });
    let headline = move || {
        state.report.with(|r| {
            let nps = r.as_ref()?.nps_breakdown.as_ref()?;
            let csat = (nps.csat_responses > 0).then(|| {
                format!(
                    " · CSAT {} ({} {})",
                    fmt::percent(nps.csat),
                    fmt::count(nps.csat_responses),
                    tr("responses", "份答卷")
                )
            });
            Some(view! {
                <p class="panel-figure">
                    <span class="big-number" data-testid="nps-score">{fmt::nps(nps.nps)}</span>
                    {format!(
                        " NPS · {} {} · {} {} · {} {} · {} {}",
                        fmt::count(nps.tally.responses),
                        tr("responses", "份答卷"),
                        fmt::count(nps.tally.promoters),
                        tr("promoters", "推荐者"),
                        fmt::count(nps.tally.passives),
                        tr("passives", "中立者"),
                        fmt::count(nps.tally.detractors),
                        tr("detractors", "贬损者"),
                    )}
                    {csat}
                </p>
            })
        })
    };
    let fields = move || {
        state.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.nps_breakdown.as_ref())
                .map(|n| {
                    n.breakdowns
                        .iter()
                        .map(|b| b.field.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let controls = move || {
        view! {
            <label class="control checkbox">
                <input
                    type="checkbox"
                    data-testid="nps-latest-only"
                    prop:checked=move || state.query.with(|q| q.settings.nps_latest_only)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.query.update(|q| q.settings.nps_latest_only = on);
                    }
                />
                <span>{move || tr("Latest response per customer", "每位客户只计最近一份")}</span>
            </label>
        }
    };
    view! {
        <Panel name="nps" title=("NPS", "净推荐值 NPS") wide=true controls=controls>
            <Show
                when=move || has_surveys.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Surveys /> }
            >
                {headline}
                <div class="panel-row">
                    <figure class="panel-figure-chart">
                        <figcaption>{move || tr("Split", "构成")}</figcaption>
                        <EChart
                            id="chart-nps-split"
                            kind="nps_split"
                            label="NPS: promoters, passives and detractors"
                            chart=split_chart
                            on_click=on_split_click
                        />
                    </figure>
                    <figure class="panel-figure-chart">
                        <figcaption>{move || tr("By month", "按月趋势")}</figcaption>
                        <EChart
                            id="chart-nps-trend"
                            kind="nps_trend"
                            label="NPS by month"
                            chart=trend_chart
                        />
                    </figure>
                    <figure class="panel-figure-chart">
                        <figcaption>
                            <label class="control">
                                <span>{move || tr("By", "按")}</span>
                                <select
                                    data-testid="nps-breakdown-field"
                                    prop:value=move || field.get()
                                    on:change=move |ev| field.set(event_target_value(&ev))
                                >
                                    {move || {
                                        fields()
                                            .into_iter()
                                            .map(|f| {
                                                let label = field_label(&f);
                                                let selected = f == field.get_untracked();
                                                view! {
                                                    <option value=f selected=selected>
                                                        {label}
                                                    </option>
                                                }
                                            })
                                            .collect_view()
                                    }}
                                </select>
                            </label>
                        </figcaption>
                        <EChart
                            id="chart-nps-breakdown"
                            kind="nps_breakdown"
                            label="NPS by segment"
                            chart=breakdown_chart
                            on_click=on_breakdown_click
                        />
                    </figure>
                </div>
            </Show>
        </Panel>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breakdown_bars_pick_what_the_drill_down_knows() {
        assert_eq!(
            breakdown_pick("tier", "A"),
            Some(Pick::Tier("A".to_owned()))
        );
        assert_eq!(breakdown_pick("tier", "(none)"), None);
        assert_eq!(breakdown_pick("owner", "(none)"), Some(Pick::Owner(None)));
        assert_eq!(
            breakdown_pick("channel", "Website"),
            Some(Pick::Channel(Some("Website".to_owned())))
        );
        assert_eq!(breakdown_pick("region", "East"), None);
    }
}
