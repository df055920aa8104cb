//! `<LostReasonsPanel/>`: lost deals of the period by reason, with their amounts.

use leptos::prelude::*;

use super::{fmt, Input, MissingInput, Panel};
use crate::charts::{lost_reasons_chart, ChartClick, EChart};
use crate::i18n::tr;
use crate::state::{AppState, Pick};

/// The lost-reasons panel.
#[component]
pub fn LostReasonsPanel() -> impl IntoView {
    let state = AppState::expect();
    let has_deals = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| r.funnel_detail.is_some()))
    });
    let chart = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| lost_reasons_chart(&r.lost_reasons)))
    });
    let on_click = Callback::new(move |click: ChartClick| {
        let reason = state.report.with_untracked(|r| {
            r.as_ref()?
                .lost_reasons
                .get(click.data_index)
                .map(|l| l.reason.clone())
        });
        if let Some(reason) = reason {
            state.pick(Pick::LostReason(reason));
        }
    });
    let table = move || {
        state.report.with(|r| {
            let reasons = &r.as_ref()?.lost_reasons;
            (!reasons.is_empty()).then(|| {
                let rows = reasons
                    .iter()
                    .map(|l| {
                        let reason = l.reason.clone();
                        view! {
                            <tr>
                                <th scope="row">
                                    <button
                                        type="button"
                                        class="link"
                                        on:click=move |_| {
                                            state.pick(Pick::LostReason(reason.clone()))
                                        }
                                    >
                                        {l.reason.clone()}
                                    </button>
                                </th>
                                <td class="num">{fmt::count(l.deals)}</td>
                                <td class="num">{fmt::money(l.amount)}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <details class="panel-details">
                        <summary>{move || tr("Reasons with amounts", "各原因金额")}</summary>
                        <table class="data-table">
                            <thead>
                                <tr>
                                    <th scope="col">{move || tr("Reason", "原因")}</th>
                                    <th scope="col" class="num">{move || tr("Deals", "商机")}</th>
                                    <th scope="col" class="num">{move || tr("Amount", "金额")}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </details>
                }
            })
        })
    };
    view! {
        <Panel name="lost-reasons" title=("Lost reasons", "输单原因")>
            <Show
                when=move || has_deals.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Deals /> }
            >
                <EChart
                    id="chart-lost-reasons"
                    kind="lost_reasons"
                    label="Lost reasons"
                    chart=chart
                    on_click=on_click
                />
                {table}
            </Show>
        </Panel>
    }
}
