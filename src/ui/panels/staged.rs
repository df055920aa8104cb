//! `<Staged/>`: hands its panel each new report one task after the page has it, so that a new
//! dashboard is built one panel per task, never all in one long task. The key figures follow
//! the last panel (`AppState::apply`): whoever waits for the tiles finds every panel done. The
//! first report, as the page starts, is taken at once.

use std::sync::Arc;
use std::time::Duration;

use engine::report::Report;
use leptos::prelude::*;

use crate::state::AppState;

/// Provides its children (one panel) with an `AppState` whose `report` follows the page's one
/// task later, and whose `loading` holds from the start of a load until the loaded report has
/// reached the panel, so that its charts wait for that report.
#[component]
pub fn Staged(children: Children) -> impl IntoView {
    let state = AppState::expect();
    let report = RwSignal::new(state.report.get_untracked());
    // A load under way whose end has not reached this panel yet.
    let held = RwSignal::new(false);
    Effect::new(move |_| {
        let latest = state.report.get();
        let load = state.loading.get();
        if load && !held.get_untracked() {
            held.set(true);
        }
        let take = move || {
            let changed = report
                .try_with_untracked(|r| !same(r, &latest))
                .unwrap_or(false);
            if changed {
                report.set(latest);
            }
            if !load && held.try_get_untracked() == Some(true) {
                held.set(false);
            }
        };
        // The first report comes as the page starts: every panel is built for it at once, as
        // waiting would only hold up the first figures.
        if report.with_untracked(Option::is_none) {
            take();
        } else {
            set_timeout(take, Duration::ZERO);
        }
    });
    let loading = Signal::derive(move || state.loading.get() || held.get());
    provide_context(state.staged(report, loading));
    children()
}

fn same(a: &Option<Arc<Report>>, b: &Option<Arc<Report>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}
