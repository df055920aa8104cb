//! `<WarningsPanel/>`: the early-warning list: customers not churned that show a warning signal,
//! most valuable first.

use engine::metrics::lifecycle::State;
use engine::metrics::warnings::Signal as WarningSignal;
use leptos::prelude::*;

use super::{fmt, Input, MissingInput, Panel};
use crate::i18n::tr;
use crate::state::AppState;

fn signal_label(signal: WarningSignal) -> &'static str {
    match signal {
        WarningSignal::IntervalStretched => tr("Interval stretched", "购买间隔拉长"),
        WarningSignal::SpendFalling => tr("Spend falling", "消费下滑"),
        WarningSignal::Detractor => tr("Detractor", "贬损者"),
        WarningSignal::StalledDeal => tr("Stalled deal", "停滞商机"),
    }
}

fn signal_key(signal: WarningSignal) -> &'static str {
    match signal {
        WarningSignal::IntervalStretched => "interval_stretched",
        WarningSignal::SpendFalling => "spend_falling",
        WarningSignal::Detractor => "detractor",
        WarningSignal::StalledDeal => "stalled_deal",
    }
}

fn state_label(state: State) -> &'static str {
    match state {
        State::New => tr("New", "新客户"),
        State::Active => tr("Active", "活跃"),
        State::Dormant => tr("Dormant", "沉睡"),
        State::Churned => tr("Churned", "已流失"),
    }
}

/// The early-warning panel.
#[component]
pub fn WarningsPanel() -> impl IntoView {
    let state = AppState::expect();
    let has_purchases = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| r.lifecycle.is_some()))
    });
    let table = move || {
        state.report.with(|r| {
            let warnings = &r.as_ref()?.warnings;
            if warnings.is_empty() {
                return Some(
                    view! {
                        <p class="panel-empty">
                            {move || tr(
                                "No customer shows a warning signal.",
                                "没有客户出现预警信号。",
                            )}
                        </p>
                    }
                    .into_any(),
                );
            }
            let rows = warnings
                .iter()
                .map(|w| {
                    let name = w.name.clone().unwrap_or_else(|| w.customer_id.clone());
                    let signals = w
                        .signals
                        .iter()
                        .map(|&s| {
                            view! {
                                <li class="signal" data-signal=signal_key(s)>
                                    {signal_label(s)}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">
                                <span class="customer-name">{name}</span>
                                <span class="customer-id">{w.customer_id.clone()}</span>
                            </th>
                            <td>{state_label(w.state)}</td>
                            <td>
                                <ul class="signals">{signals}</ul>
                            </td>
                            <td class="num">{fmt::money(w.revenue_last_365)}</td>
                            <td class="num">{fmt::count(w.days_since_last.max(0) as u64)}</td>
                            <td class="num">{fmt::days(w.median_gap_days)}</td>
                            <td class="num">
                                {format!(
                                    "{} / {}",
                                    fmt::money(w.revenue_last_90),
                                    fmt::money(w.revenue_previous_90),
                                )}
                            </td>
                            <td class="num">
                                {w.latest_score.map(|s| s.to_string()).unwrap_or_else(|| "—".into())}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            Some(
                view! {
                    <div class="table-scroll tall">
                        <table class="data-table" data-testid="warnings-list">
                            <thead>
                                <tr>
                                    <th scope="col">{move || tr("Customer", "客户")}</th>
                                    <th scope="col">{move || tr("State", "状态")}</th>
                                    <th scope="col">{move || tr("Signals", "预警信号")}</th>
                                    <th scope="col" class="num">
                                        {move || tr("Revenue, last 365 days", "近 365 天收入")}
                                    </th>
                                    <th scope="col" class="num">
                                        {move || tr("Days since last purchase", "距上次购买天数")}
                                    </th>
                                    <th scope="col" class="num">
                                        {move || tr("Median gap", "购买间隔中位数")}
                                    </th>
                                    <th scope="col" class="num">
                                        {move || tr("Last 90 / previous 90 days", "近 90 天 / 前 90 天")}
                                    </th>
                                    <th scope="col" class="num">
                                        {move || tr("Latest NPS score", "最近 NPS 评分")}
                                    </th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any(),
            )
        })
    };
    view! {
        <Panel name="warnings" title=("Early warnings", "流失预警") wide=true>
            <Show
                when=move || has_purchases.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Purchases /> }
            >
                {table}
            </Show>
        </Panel>
    }
}
