//! `<FunnelPanel/>`: the funnel of the deals created in the period, by the furthest stage reached
//! (optionally for one owner or channel) or by the stage they are in now.

use engine::metrics::funnel::{FunnelReport, FunnelStage};
use leptos::prelude::*;

use super::{fmt, Input, MissingInput, Panel};
use crate::charts::{
    current_kind, current_stage_chart, funnel_chart, ChartClick, CurrentKind, EChart,
};
use crate::i18n::tr;
use crate::state::{AppState, FunnelView as View, Pick};

/// Whose deals the reached-stage funnel counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Split {
    All,
    Owner,
    Channel,
}

impl Split {
    fn key(self) -> &'static str {
        match self {
            Split::All => "all",
            Split::Owner => "owner",
            Split::Channel => "channel",
        }
    }

    fn parse(key: &str) -> Split {
        match key {
            "owner" => Split::Owner,
            "channel" => Split::Channel,
            _ => Split::All,
        }
    }
}

/// The parts of a split, `(label, deals)`, in the report's order (largest first).
fn parts(funnel: &FunnelReport, split: Split) -> Vec<(String, u64)> {
    let list = match split {
        Split::All => return Vec::new(),
        Split::Owner => &funnel.by_owner,
        Split::Channel => &funnel.by_channel,
    };
    list.iter()
        .map(|p| {
            let label = p.key.clone().unwrap_or_else(|| match split {
                Split::Owner => tr("(no owner)", "（无负责人）").to_owned(),
                _ => tr("(no channel)", "（无渠道）").to_owned(),
            });
            (label, p.deals)
        })
        .collect()
}

/// The steps the reached-stage chart shows: the whole funnel or one part of a split.
fn stages_of(funnel: &FunnelReport, split: Split, part: usize) -> &[FunnelStage] {
    let list = match split {
        Split::All => return &funnel.stages,
        Split::Owner => &funnel.by_owner,
        Split::Channel => &funnel.by_channel,
    };
    list.get(part).map_or(&funnel.stages[..], |p| &p.stages[..])
}

/// The funnel panel.
#[component]
pub fn FunnelPanel() -> impl IntoView {
    let state = AppState::expect();
    // The view is the URL's (`funnel_view`), so a link and back/forward reopen it.
    let mode = Signal::derive(move || state.panels.with(|p| p.funnel));
    let show = move |view: View| state.panels.update(|p| p.funnel = view);
    let split = RwSignal::new(Split::All);
    let part = RwSignal::new(0usize);
    let has_deals = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| r.funnel_detail.is_some()))
    });

    let chart = Memo::new(move |_| {
        let (view, split, part) = (mode.get(), split.get(), part.get());
        state.report.with(|r| {
            let funnel = r.as_ref()?.funnel_detail.as_ref()?;
            Some(match view {
                View::Reached => funnel_chart(stages_of(funnel, split, part)),
                View::Current => current_stage_chart(&funnel.by_current_stage),
            })
        })
    });

    let on_click = Callback::new(move |click: ChartClick| {
        let pick = state.report.with_untracked(|r| {
            let funnel = r.as_ref()?.funnel_detail.as_ref()?;
            match mode.get_untracked() {
                View::Reached => {
                    let stages = stages_of(funnel, split.get_untracked(), part.get_untracked());
                    stages.get(click.data_index).map(|s| Pick::FunnelStage {
                        stage: s.stage.clone(),
                    })
                }
                View::Current => {
                    let stages = &funnel.by_current_stage;
                    let stage = stages.get(click.data_index)?;
                    Some(match current_kind(click.data_index, stages.len()) {
                        CurrentKind::Open => Pick::PipelineStage(stage.stage.clone()),
                        CurrentKind::Won => Pick::Won,
                        CurrentKind::Lost => Pick::Lost,
                    })
                }
            }
        });
        if let Some(pick) = pick {
            state.pick(pick);
        }
    });

    let controls = move || {
        view! {
            <div class="toggle" role="group" aria-label=move || tr("Funnel view", "漏斗视图")>
                <button
                    type="button"
                    aria-pressed=move || (mode.get() == View::Reached).to_string()
                    on:click=move |_| show(View::Reached)
                >
                    {move || tr("Stage reached", "到达阶段")}
                </button>
                <button
                    type="button"
                    aria-pressed=move || (mode.get() == View::Current).to_string()
                    on:click=move |_| show(View::Current)
                >
                    {move || tr("Current stage", "当前阶段")}
                </button>
            </div>
            <label class="control">
                <span>{move || tr("Split", "拆分")}</span>
                <select
                    data-testid="funnel-split"
                    prop:disabled=move || mode.get() == View::Current
                    prop:value=move || split.get().key()
                    on:change=move |ev| {
                        split.set(Split::parse(&event_target_value(&ev)));
                        part.set(0);
                    }
                >
                    <option value="all">{move || tr("All deals", "全部商机")}</option>
                    <option value="owner">{move || tr("By owner", "按负责人")}</option>
                    <option value="channel">{move || tr("By channel", "按渠道")}</option>
                </select>
            </label>
            <Show when=move || split.get() != Split::All && mode.get() == View::Reached>
                <label class="control">
                    <span class="visually-hidden">
                        {move || match split.get() {
                            Split::Owner => tr("Owner", "负责人"),
                            _ => tr("Channel", "渠道"),
                        }}
                    </span>
                    <select
                        data-testid="funnel-part"
                        prop:value=move || part.get().to_string()
                        on:change=move |ev| {
                            part.set(event_target_value(&ev).parse().unwrap_or(0));
                        }
                    >
                        {move || {
                            state
                                .report
                                .with(|r| {
                                    r.as_ref()
                                        .and_then(|r| r.funnel_detail.as_ref())
                                        .map(|f| parts(f, split.get()))
                                        .unwrap_or_default()
                                })
                                .into_iter()
                                .enumerate()
                                .map(|(i, (label, deals))| {
                                    let selected = i == part.get_untracked();
                                    view! {
                                        <option value=i.to_string() selected=selected>
                                            {format!("{label} · {}", fmt::count(deals))}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            </Show>
        }
    };

    let caption = move || {
        match mode.get() {
        View::Reached => tr(
            "Deals created in the period, by the furthest stage they reached; the right-hand column is each step's conversion.",
            "本期新建商机，按到达的最远阶段计数；右侧为各环节转化率。",
        ),
        View::Current => tr(
            "Deals created in the period, by the stage they are in now (a snapshot).",
            "本期新建商机，按当前所处阶段计数（快照）。",
        ),
    }
    };

    let summary = move || {
        state.report.with(|r| {
            let funnel = r.as_ref()?.funnel_detail.as_ref()?;
            let note = (funnel.lost_without_stage > 0).then(|| {
                view! {
                    <p class="panel-note" data-testid="funnel-lost-note">
                        {format!(
                            "{} {}. {}",
                            tr("Lost deals without a lost stage:", "未记录输单阶段的输单："),
                            fmt::count(funnel.lost_without_stage),
                            tr(
                                "They count at the first stage only, which pulls the first step's conversion down.",
                                "它们只计入第一阶段，会拉低第一步的转化率。",
                            ),
                        )}
                    </p>
                }
            });
            Some(view! {
                <p class="panel-figure">
                    {format!(
                        "{} {} · {} {}",
                        fmt::count(funnel.deals),
                        tr("deals created", "个新建商机"),
                        tr("overall conversion", "整体转化率"),
                        fmt::percent(funnel.overall_conversion),
                    )}
                </p>
                {note}
            })
        })
    };

    let steps_table = move || {
        state.report.with(|r| {
            let funnel = r.as_ref()?.funnel_detail.as_ref()?;
            let rows = funnel
                .stages
                .iter()
                .map(|s| {
                    let stage = s.stage.clone();
                    view! {
                        <tr>
                            <th scope="row">
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| {
                                        state.pick(Pick::FunnelStage { stage: stage.clone() })
                                    }
                                >
                                    {s.stage.clone()}
                                </button>
                            </th>
                            <td class="num">{fmt::count(s.reached)}</td>
                            <td class="num">{fmt::percent(s.conversion_from_previous)}</td>
                            <td class="num">{fmt::percent(s.share_of_first)}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <details class="panel-details">
                    <summary>{move || tr("Steps as a table", "以表格查看各阶段")}</summary>
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || tr("Stage", "阶段")}</th>
                                <th scope="col" class="num">{move || tr("Reached", "到达")}</th>
                                <th scope="col" class="num">
                                    {move || tr("Step conversion", "环节转化率")}
                                </th>
                                <th scope="col" class="num">
                                    {move || tr("Of the first step", "占第一阶段")}
                                </th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </details>
            })
        })
    };

    view! {
        <Panel name="funnel" title=("Funnel", "销售漏斗") controls=controls>
            <Show
                when=move || has_deals.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Deals /> }
            >
                <p class="chart-caption" data-testid="funnel-view">{caption}</p>
                <EChart
                    id="chart-funnel"
                    kind="funnel"
                    label="Funnel"
                    chart=chart
                    on_click=on_click
                />
                {summary}
                {steps_table}
            </Show>
        </Panel>
    }
}
