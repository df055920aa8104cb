//! `<NumberSelect/>`: a labelled select of a few whole numbers, for the presentation's options.

use leptos::prelude::*;

#[component]
pub fn NumberSelect(
    /// The label in English and in Chinese.
    label: (&'static str, &'static str),
    /// `data-testid` of the select.
    testid: &'static str,
    /// The numbers offered, in order; the first is taken for anything unreadable.
    options: &'static [usize],
    /// How a number reads (called reactively: it may translate).
    text: fn(usize) -> String,
    /// The number chosen.
    value: RwSignal<usize>,
    /// Called after a choice.
    on_change: Callback<()>,
) -> impl IntoView {
    let first = options.first().copied().unwrap_or_default();
    view! {
        <label>
            {move || crate::i18n::tr(label.0, label.1)} " "
            <select
                data-testid=testid
                on:change=move |ev| {
                    value.set(event_target_value(&ev).parse().unwrap_or(first));
                    on_change.run(());
                }
            >
                {options
                    .iter()
                    .map(|&n| {
                        view! {
                            <option value=n.to_string() selected=move || value.get() == n>
                                {move || text(n)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
