//! `<TrendPanel/>`: revenue and deals by month of the period.

use leptos::prelude::*;

use super::{Input, MissingInput, Panel};
use crate::charts::{deals_trend_chart, revenue_trend_chart, EChart};
use crate::i18n::tr;
use crate::state::AppState;

/// The trend panel: revenue with won deals, and deals created with won.
#[component]
pub fn TrendPanel() -> impl IntoView {
    let state = AppState::expect();
    let has_purchases =
        Memo::new(move |_| state.report.with(|r| r.as_ref().map(|r| r.deals.is_some())));
    let revenue = Memo::new(move |_| state.report.with(|r| r.as_deref().map(revenue_trend_chart)));
    let deals = Memo::new(move |_| {
        state
            .report
            .with(|r| r.as_ref().map(|r| deals_trend_chart(&r.revenue_trend)))
    });
    view! {
        <Panel name="trend" title=("Revenue and deals by month", "月度收入与商机") wide=true>
            <Show
                when=move || has_purchases.get() != Some(false)
                fallback=|| view! { <MissingInput input=Input::Purchases /> }
            >
                <div class="panel-row two">
                    <figure class="panel-figure-chart">
                        <figcaption>{move || tr("Revenue by month", "月度收入")}</figcaption>
                        <EChart
                            id="revenue-trend"
                            kind="revenue_trend"
                            label="Revenue by month"
                            chart=revenue
                        />
                    </figure>
                    <figure class="panel-figure-chart">
                        <figcaption>{move || tr("Deals by month", "月度商机")}</figcaption>
                        <EChart
                            id="deals-trend"
                            kind="deals_trend"
                            label="Deals created and won by month"
                            chart=deals
                        />
                    </figure>
                </div>
            </Show>
        </Panel>
    }
}
