//! `<LifecyclePanel/>`: customers by lifecycle state as of the period's end, and the churn of
//! the period.

use leptos::prelude::*;

use super::{fmt, Input, MissingInput, Panel};
use crate::charts::{lifecycle_chart, state_counts, state_label, ChartClick, EChart, STATES};
use crate::i18n::tr;
use crate::state::{AppState, Pick};

/// The lifecycle panel.
#[component]
pub fn LifecyclePanel() -> impl IntoView {
    let state = AppState::expect();
    let has_purchases = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| r.lifecycle.is_some()))
    });
    let chart = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref()?.lifecycle.as_ref().map(lifecycle_chart))
    });
    let on_click = Callback::new(move |click: ChartClick| {
        if let Some(s) = STATES.get(click.data_index) {
            state.pick(Pick::Lifecycle((*s).to_owned()));
        }
    });
    let figure = move || {
        state.report.with(|r| {
            let l = r.as_ref()?.lifecycle_detail.as_ref()?;
            Some(format!(
                "{} {} · {} {} ({} / {})",
                fmt::count(l.active_customers),
                tr("active customers", "位活跃客户"),
                tr("churn rate", "流失率"),
                fmt::percent(l.churn.churn_rate),
                fmt::count(l.churn.churned),
                fmt::count(l.churn.base),
            ))
        })
    };
    let table = move || {
        state.report.with(|r| {
            let l = r.as_ref()?.lifecycle_detail.as_ref()?;
            let rows = STATES
                .iter()
                .zip(state_counts(&l.counts))
                .map(|(&key, count)| {
                    view! {
                        <tr data-state=key>
                            <th scope="row">
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| state.pick(Pick::Lifecycle(key.to_owned()))
                                >
                                    {state_label(key)}
                                </button>
                            </th>
                            <td class="num">{fmt::count(count)}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <table class="data-table" data-testid="lifecycle-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || tr("State", "状态")}</th>
                            <th scope="col" class="num">{move || tr("Customers", "客户")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                <dl class="facts">
                    <dt>{move || tr("Churn rate of the period", "本期流失率")}</dt>
                    <dd>
                        {format!(
                            "{} ({} / {})",
                            fmt::percent(l.churn.churn_rate),
                            fmt::count(l.churn.churned),
                            fmt::count(l.churn.base),
                        )}
                    </dd>
                    <dt>{move || tr("Retention rate", "留存率")}</dt>
                    <dd>{fmt::percent(l.churn.retention_rate)}</dd>
                    <dt>{move || tr("Churn window W", "流失窗口 W")}</dt>
                    <dd>{fmt::days(Some(f64::from(l.window)))}</dd>
                </dl>
            })
        })
    };
    view! {
        <Panel name="lifecycle" title=("Lifecycle", "客户生命周期") wide=true>
            <Show
                when=move || has_purchases.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Purchases /> }
            >
                <p class="panel-figure">{figure}</p>
                <div class="panel-split">
                    <EChart
                        id="chart-lifecycle"
                        kind="lifecycle"
                        label="Customers by lifecycle state"
                        chart=chart
                        on_click=on_click
                    />
                    <div>{table}</div>
                </div>
            </Show>
        </Panel>
    }
}
