//! `<App/>`: provides the state, starts on the demo data, lays out the dashboard.

use engine::api::Request;
use leptos::prelude::*;

use super::{DemoBanner, FileInput, ImportReport, KpiTile};
use crate::charts::{revenue_trend_chart, EChart};
use crate::state::AppState;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide();
    // A first visit shows a working dashboard: the built-in demo data until files are opened.
    state.send(Request::LoadDemo);

    let revenue_trend = Memo::new(move |_| {
        state
            .report
            .with(|report| report.as_deref().map(revenue_trend_chart))
    });

    view! {
        <header class="app-header">
            <div class="brand">
                <h1>"Dealscope"</h1>
                <p class="tagline">"Sales analytics that never leave your browser"</p>
            </div>
            <FileInput />
        </header>
        <DemoBanner />
        <main class="dashboard">
            {move || {
                state
                    .error
                    .get()
                    .map(|message| view! { <p class="error-note" role="alert">{message}</p> })
            }}
            <PeriodLine />
            <section class="tiles" aria-label="Key figures">
                <For
                    each=move || state.tiles.get()
                    key=|(id, _)| *id
                    children=move |(id, _)| {
                        view! {
                            <KpiTile
                                id=id
                                value=Signal::derive(move || state.tile(id))
                                previous=Signal::derive(move || state.previous_tile(id))
                            />
                        }
                    }
                />
            </section>
            <section class="panel" aria-labelledby="revenue-trend-title">
                <h2 id="revenue-trend-title">"Revenue by month"</h2>
                <EChart
                    id="revenue-trend"
                    kind="revenue_trend"
                    label="Revenue by month"
                    chart=revenue_trend
                />
            </section>
            <ImportReport />
        </main>
    }
}

/// The period the dashboard shows, as the engine reported it.
#[component]
fn PeriodLine() -> impl IntoView {
    let state = AppState::expect();
    move || {
        state.report.with(|report| {
            report
                .as_ref()
                .and_then(|report| report.period.as_ref())
                .map(|period| {
                    let text = format!(
                        "{} – {} (compared with {} – {})",
                        period.from, period.to, period.previous_from, period.previous_to
                    );
                    view! { <p class="period" data-testid="period">{text}</p> }
                })
        })
    }
}
