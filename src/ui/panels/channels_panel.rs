//! `<ChannelsPanel/>`: deals, revenue and new customers per channel, with CAC and ROI where
//! marketing spend is loaded.

use leptos::prelude::*;

use super::{fmt, Input, MissingInput, Panel};
use crate::charts::{channel_label, channels_chart, has_spend, ChartClick, EChart};
use crate::i18n::tr;
use crate::state::{AppState, Pick};

/// The channels panel.
#[component]
pub fn ChannelsPanel() -> impl IntoView {
    let state = AppState::expect();
    let has_purchases =
        Memo::new(move |_| state.report.with(|r| r.as_ref().map(|r| r.deals.is_some())));
    let spend = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().is_some_and(|r| has_spend(&r.channels)))
    });
    let chart = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| channels_chart(&r.channels)))
    });
    let on_click = Callback::new(move |click: ChartClick| {
        let channel = state.report.with_untracked(|r| {
            r.as_ref()?
                .channels
                .get(click.data_index)
                .map(|c| c.channel.clone())
        });
        if let Some(channel) = channel {
            state.pick(Pick::Channel(channel));
        }
    });
    let table = move || {
        let spend = spend.get();
        state.report.with(|r| {
            let rows = r
                .as_ref()?
                .channels
                .iter()
                .map(|c| {
                    let key = c.channel.clone();
                    let money_cells = spend.then(|| {
                        view! {
                            <td class="num">{fmt::money_or_dash(c.spend)}</td>
                            <td class="num">{fmt::money_or_dash(c.cac)}</td>
                            <td class="num">{fmt::percent(c.roi)}</td>
                        }
                    });
                    view! {
                        <tr>
                            <th scope="row">
                                <button
                                    type="button"
                                    class="link"
                                    on:click=move |_| state.pick(Pick::Channel(key.clone()))
                                >
                                    {channel_label(c.channel.as_deref())}
                                </button>
                            </th>
                            <td class="num">{fmt::count(c.deals_created)}</td>
                            <td class="num">{fmt::count(c.won)}</td>
                            <td class="num">{fmt::percent(c.win_rate)}</td>
                            <td class="num">{fmt::money(c.revenue)}</td>
                            <td class="num">{fmt::count(c.new_customers)}</td>
                            {money_cells}
                        </tr>
                    }
                })
                .collect_view();
            let money_heads = spend.then(|| {
                view! {
                    <th scope="col" class="num">{move || tr("Spend", "投入")}</th>
                    <th scope="col" class="num">"CAC"</th>
                    <th scope="col" class="num">"ROI"</th>
                }
            });
            Some(view! {
                <div class="table-scroll">
                    <table class="data-table" data-testid="channels-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || tr("Channel", "渠道")}</th>
                                <th scope="col" class="num">{move || tr("Deals", "新建商机")}</th>
                                <th scope="col" class="num">{move || tr("Won", "赢单")}</th>
                                <th scope="col" class="num">{move || tr("Win rate", "赢单率")}</th>
                                <th scope="col" class="num">{move || tr("Revenue", "收入")}</th>
                                <th scope="col" class="num">
                                    {move || tr("New customers", "新客户")}
                                </th>
                                {money_heads}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            })
        })
    };
    view! {
        <Panel name="channels" title=("Channels", "渠道") wide=true>
            <Show
                when=move || has_purchases.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Purchases /> }
            >
                <div class="panel-stack">
                    <EChart
                        id="chart-channels"
                        kind="channels"
                        label="Revenue and spend by channel"
                        chart=chart
                        on_click=on_click
                    />
                    <div>
                        {table}
                        <Show when=move || !spend.get()>
                            <MissingInput input=Input::Spend />
                        </Show>
                    </div>
                </div>
            </Show>
        </Panel>
    }
}
