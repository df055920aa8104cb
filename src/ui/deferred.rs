//! `<Deferred/>`: a box whose content is built once the box is in view, or when the page is
//! idle (within a second, `when_seen`): the parts below the first screen do not hold up the
//! first figures and charts.

use leptos::html::Div;
use leptos::prelude::*;

#[component]
pub fn Deferred(
    /// The box's class.
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let node: NodeRef<Div> = NodeRef::new();
    let seen = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(element) = node.get() {
            super::when_seen(element.into(), move || seen.set(true));
        }
    });
    // Built once, untracked: no signal read while building it runs this again.
    let content = StoredValue::new_local(Some(children));
    let body = move || {
        seen.get()
            .then(|| content.try_update_value(Option::take).flatten())
            .flatten()
            .map(untrack)
    };
    // `data-deferred="waiting"` until built, for tests (`waitForBuilt` in tests/e2e/harness.mjs).
    let waiting = move || (!seen.get()).then_some("waiting");
    view! { <div class=class data-deferred=waiting node_ref=node>{body}</div> }
}
