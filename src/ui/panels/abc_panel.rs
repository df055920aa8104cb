//! `<AbcPanel/>`: ABC tiers of the customers by revenue: the Pareto chart and the tier table, by
//! revenue share or by customer rank, with editable thresholds.

use engine::metrics::settings::{AbcMode, AbcSettings};
use leptos::prelude::*;

use super::{fmt, Input, MissingInput, Panel};
use crate::charts::{pareto_chart, ChartClick, EChart, CUMULATIVE_SERIES};
use crate::i18n::tr;
use crate::state::{AppState, Pick};

/// Whether thresholds `a < b` in percent are usable.
fn valid_thresholds(a: u32, b: u32) -> bool {
    0 < a && a < b && b <= 100
}

/// The ABC panel.
#[component]
pub fn AbcPanel() -> impl IntoView {
    let state = AppState::expect();
    let settings = Memo::new(move |_| state.query.with(|q| q.settings.abc));
    let has_purchases =
        Memo::new(move |_| state.report.with(|r| r.as_ref().map(|r| r.deals.is_some())));
    let chart = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| pareto_chart(&r.pareto)))
    });
    let on_click = Callback::new(move |click: ChartClick| {
        let tier = state.report.with_untracked(|r| {
            let points = &r.as_ref()?.pareto;
            match click.series_index {
                0..=2 => Some(["A", "B", "C"][click.series_index].to_owned()),
                CUMULATIVE_SERIES => points
                    .get(click.data_index)
                    .map(|p| p.tier.as_str().to_owned()),
                _ => None,
            }
        });
        if let Some(tier) = tier {
            state.pick(Pick::Tier(tier));
        }
    });
    let set_mode = move |mode: AbcMode| {
        if settings.get_untracked().mode != mode {
            state.query.update(|q| {
                q.settings.abc = match mode {
                    AbcMode::RevenueShare => AbcSettings::revenue_share(),
                    AbcMode::CustomerRank => AbcSettings::customer_rank(),
                }
            });
        }
    };
    let set_threshold = move |which: char, text: String| {
        let Ok(value) = text.trim().parse::<u32>() else {
            return;
        };
        let mut abc = settings.get_untracked();
        match which {
            'a' => abc.a = value,
            _ => abc.b = value,
        }
        if valid_thresholds(abc.a, abc.b) && abc != settings.get_untracked() {
            state.query.update(|q| q.settings.abc = abc);
        }
    };
    let controls = move || {
        view! {
            <div class="toggle" role="group" aria-label=move || tr("Tier by", "分层方式")>
                <button
                    type="button"
                    aria-pressed=move || {
                        (settings.get().mode == AbcMode::RevenueShare).to_string()
                    }
                    on:click=move |_| set_mode(AbcMode::RevenueShare)
                >
                    {move || tr("Revenue share", "收入占比")}
                </button>
                <button
                    type="button"
                    aria-pressed=move || {
                        (settings.get().mode == AbcMode::CustomerRank).to_string()
                    }
                    on:click=move |_| set_mode(AbcMode::CustomerRank)
                >
                    {move || tr("Customer rank", "客户排名")}
                </button>
            </div>
            <label class="control">
                <span>"A ≤"</span>
                <input
                    type="number"
                    min="1"
                    max="99"
                    class="threshold"
                    data-testid="abc-threshold-a"
                    prop:value=move || settings.get().a.to_string()
                    on:change=move |ev| set_threshold('a', event_target_value(&ev))
                />
                <span>"%"</span>
            </label>
            <label class="control">
                <span>"B ≤"</span>
                <input
                    type="number"
                    min="2"
                    max="100"
                    class="threshold"
                    data-testid="abc-threshold-b"
                    prop:value=move || settings.get().b.to_string()
                    on:change=move |ev| set_threshold('b', event_target_value(&ev))
                />
                <span>"%"</span>
            </label>
        }
    };
    let caption = move || {
        let s = settings.get();
        match s.mode {
            AbcMode::RevenueShare => format!(
                "{} {} % / {} % {}",
                tr("By revenue share:", "按收入占比："),
                s.a,
                s.b,
                tr("of the revenue", "的收入"),
            ),
            AbcMode::CustomerRank => format!(
                "{} {} % / {} % {}",
                tr("By customer rank: the top", "按客户排名：前"),
                s.a,
                s.b,
                tr("of the customers", "的客户"),
            ),
        }
    };
    let table = move || {
        let mode = settings.get().mode;
        state.report.with(|r| {
            let report = r.as_ref()?;
            let tiers = match mode {
                AbcMode::RevenueShare => &report.abc,
                AbcMode::CustomerRank => &report.abc_by_rank,
            };
            let rows = tiers
                .iter()
                .map(|t| {
                    let tier = t.tier.as_str();
                    view! {
                        <tr data-tier=tier>
                            <th scope="row">
                                <button
                                    type="button"
                                    class="link tier-button"
                                    on:click=move |_| state.pick(Pick::Tier(tier.to_owned()))
                                >
                                    {format!("{} {tier}", tr("Tier", "层级"))}
                                </button>
                            </th>
                            <td class="num">{fmt::count(t.customers)}</td>
                            <td class="num">{fmt::percent(t.customer_share)}</td>
                            <td class="num">{fmt::money(t.revenue)}</td>
                            <td class="num">{fmt::percent(t.revenue_share)}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <table class="data-table tier-table" data-testid="tier-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || tr("Tier", "层级")}</th>
                            <th scope="col" class="num">{move || tr("Customers", "客户")}</th>
                            <th scope="col" class="num">{move || tr("of customers", "客户占比")}</th>
                            <th scope="col" class="num">{move || tr("Revenue", "收入")}</th>
                            <th scope="col" class="num">{move || tr("of revenue", "收入占比")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            })
        })
    };
    view! {
        <Panel name="abc" title=("ABC tiers", "ABC 客户分层") wide=true controls=controls>
            <Show
                when=move || has_purchases.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Purchases /> }
            >
                <p class="chart-caption" data-testid="abc-mode">{caption}</p>
                <div class="panel-split">
                    <EChart
                        id="chart-pareto"
                        kind="pareto"
                        label="Pareto chart of customer revenue"
                        chart=chart
                        on_click=on_click
                    />
                    {table}
                </div>
            </Show>
        </Panel>
    }
}

#[cfg(test)]
mod tests {
    use super::valid_thresholds;

    #[test]
    fn thresholds_must_rise_within_a_hundred() {
        assert!(valid_thresholds(80, 95));
        assert!(valid_thresholds(20, 50));
        assert!(valid_thresholds(1, 100));
        assert!(!valid_thresholds(0, 50));
        assert!(!valid_thresholds(50, 50));
        assert!(!valid_thresholds(60, 40));
        assert!(!valid_thresholds(80, 101));
    }
}
