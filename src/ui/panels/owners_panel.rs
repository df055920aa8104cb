//! `<OwnersPanel/>`: the owner leaderboard of the period.

use leptos::prelude::*;

use super::{fmt, Input, MissingInput, Panel};
use crate::i18n::tr;
use crate::state::{AppState, Pick};

/// The owner leaderboard, in the report's order (by revenue).
#[component]
pub fn OwnersPanel() -> impl IntoView {
    let state = AppState::expect();
    let has_deals = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| r.funnel_detail.is_some()))
    });
    let table = move || {
        state.report.with(|r| {
            let owners = &r.as_ref()?.owners;
            let top = owners.iter().map(|o| o.revenue).fold(0.0_f64, f64::max);
            let rows = owners
                .iter()
                .enumerate()
                .map(|(i, o)| {
                    let key = o.owner.clone();
                    let label = o
                        .owner
                        .clone()
                        .unwrap_or_else(|| tr("(no owner)", "（无负责人）").to_owned());
                    // The bar's length is the revenue relative to the leader's (a picture of the
                    // revenue column, not a metric).
                    let width = if top > 0.0 {
                        (o.revenue.max(0.0) / top * 100.0).round()
                    } else {
                        0.0
                    };
                    view! {
                        <tr>
                            <td class="num rank">{i + 1}</td>
                            <th scope="row">
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| state.pick(Pick::Owner(key.clone()))
                                >
                                    {label}
                                </button>
                            </th>
                            <td class="num revenue-cell">
                                <span
                                    class="bar"
                                    style=format!("width:{width}%")
                                    aria-hidden="true"
                                ></span>
                                <span class="bar-value">{fmt::money(o.revenue)}</span>
                            </td>
                            <td class="num">{fmt::count(o.won)}</td>
                            <td class="num">{fmt::percent(o.win_rate)}</td>
                            <td class="num">{fmt::count(o.deals_created)}</td>
                            <td class="num">{fmt::money_or_dash(o.avg_deal_size)}</td>
                            <td class="num">{fmt::days(o.sales_cycle_median)}</td>
                            <td class="num">{fmt::count(o.stalled_deals)}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <div class="table-scroll">
                    <table class="data-table leaderboard" data-testid="owners-table">
                        <thead>
                            <tr>
                                <th scope="col" class="num">"#"</th>
                                <th scope="col">{move || tr("Owner", "负责人")}</th>
                                <th scope="col" class="num">{move || tr("Revenue", "收入")}</th>
                                <th scope="col" class="num">{move || tr("Won", "赢单")}</th>
                                <th scope="col" class="num">{move || tr("Win rate", "赢单率")}</th>
                                <th scope="col" class="num">{move || tr("Created", "新建")}</th>
                                <th scope="col" class="num">
                                    {move || tr("Avg deal size", "平均客单价")}
                                </th>
                                <th scope="col" class="num">
                                    {move || tr("Median cycle", "周期中位数")}
                                </th>
                                <th scope="col" class="num">{move || tr("Stalled", "停滞")}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })
        })
    };
    view! {
        <Panel name="owners" title=("Owner leaderboard", "销售排行榜") wide=true>
            <Show
                when=move || has_deals.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Deals /> }
            >
                {table}
            </Show>
        </Panel>
    }
}
