//! `<Panel/>`: the frame of every dashboard panel: heading, info button, optional controls,
//! content. `data-testid="panel-<name>"` names it for tests.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::ui::{Deferred, Explain};

/// A panel of the dashboard grid.
#[component]
pub fn Panel(
    /// The panel's name: `data-testid="panel-<name>"`, and the topic its info button explains.
    name: &'static str,
    /// The heading in English and in Chinese.
    title: (&'static str, &'static str),
    /// Spans the whole row of the grid (tables and wide charts).
    #[prop(optional)]
    wide: bool,
    /// Toggles and selects shown beside the heading.
    #[prop(optional, into)]
    controls: Option<ViewFn>,
    children: Children,
) -> impl IntoView {
    let heading = format!("panel-{name}-title");
    let labelled_by = heading.clone();
    view! {
        <section
            class="panel dash-panel"
            class:wide=wide
            data-testid=format!("panel-{name}")
            aria-labelledby=labelled_by
        >
            <header class="panel-head">
                <h2 id=heading>{move || tr(title.0, title.1)}</h2>
                <Explain topic=name />
                {controls.map(|c| view! { <div class="panel-controls">{c.run()}</div> })}
            </header>
            <Deferred class="panel-body">{children()}</Deferred>
        </section>
    }
}
