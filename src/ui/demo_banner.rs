//! `<DemoBanner/>`: says plainly when the dashboard shows the built-in demo data.

use leptos::prelude::*;

use crate::state::AppState;

/// A notice shown while the demo data set is loaded, gone once the user opens files.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <Show when=move || state.demo.get()>
            <div class="demo-banner" data-testid="demo-banner" role="status">
                <strong>"Demo data."</strong>
                " You are looking at a built-in sample data set. Open your own CRM exports "
                "(CSV, Excel or JSON) to see your numbers: they are read in this browser and "
                "never uploaded."
            </div>
        </Show>
    }
}
