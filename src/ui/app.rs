//! `<App/>`: provides the state, starts on the demo data, lays out the dashboard.

use leptos::prelude::*;

use super::{AppHeader, DemoBanner, DrillBar, FilterBar, ImportReport, KpiTile, Progress};
use crate::state::AppState;

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide();
    // Light or dark, as chosen or as the system prefers (remembered; sets <html data-theme>).
    super::theme::provide_theme();
    // The view a link describes (period, filters, settings, language, theme), kept in the URL.
    crate::state::url::sync(state);
    // Mappings corrected earlier apply to files with the same headers from the first load on.
    super::import::remembered::restore(state);
    // A first visit shows a working dashboard: the built-in demo data until files are opened.
    // Files named by `?data=`, else those kept in IndexedDB, else the demo (state/remote.rs).
    crate::state::persist::provide();
    crate::state::remote::start(state);

    view! {
        <AppHeader />
        <Progress />
        <DemoBanner />
        <main class="dashboard" id=super::app_header::DASHBOARD_ID tabindex="-1">
            {move || {
                state
                    .error
                    .get()
                    .map(|message| view! { <p class="error-note" role="alert">{message}</p> })
            }}
            <super::DataUrlErrors />
            <super::ShareBar />
            <FilterBar />
            <PeriodLine />
            <section class="tiles" aria-label=move || crate::i18n::tr("Key figures", "关键指标")>
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
            <DrillBar />
            // Every panel of the dashboard, in a responsive grid (ui/panels, style/panels.css).
            <super::PanelGrid />
            <ImportReport />
        </main>
        // Presentation mode's controls and keys (ui/present, style/present.css).
        <super::present::Presenter />
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
                    use crate::i18n::format;
                    let lang = crate::i18n::lang();
                    let text = format!(
                        "{} {} {}",
                        format::period(&period.from, &period.to, lang),
                        crate::i18n::tr("compared with", "对比上期"),
                        format::period(&period.previous_from, &period.previous_to, lang),
                    );
                    view! { <p class="period" data-testid="period">{text}</p> }
                })
        })
    }
}
