//! `<SegmentSelect/>`: adds a value of one segment field to the filters.

use leptos::prelude::*;

use super::{add, Field};
use crate::i18n::tr;
use crate::state::AppState;

/// A select of the field's values in the loaded data (`data-testid="filter-<field>"`); picking
/// one adds it to the filter (several values of a field mean any of them) and the select goes
/// back to its placeholder. Values already chosen are not offered again.
#[component]
pub fn SegmentSelect(
    /// The segment field this select filters by.
    field: Field,
) -> impl IntoView {
    let state = AppState::expect();
    let offered = Memo::new(move |_| {
        let chosen = state.query.with(|q| field.chosen(&q.filters).clone());
        state.report.with(|r| {
            r.as_ref()
                .map(|r| {
                    field
                        .offered(&r.filter_values)
                        .iter()
                        .filter(|v| !chosen.contains(v))
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if !value.is_empty() {
            state.query.update(|q| add(&mut q.filters, field, &value));
        }
        // Back to the placeholder: the choice now shows as a chip.
        if let Some(select) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok())
        {
            select.set_value("");
        }
    };
    let testid = format!("filter-{}", field.id());

    view! {
        <label class="filter-field">
            <span class="filter-label">{move || field.label()}</span>
            <select
                data-testid=testid
                disabled=move || offered.with(Vec::is_empty)
                on:change=choose
            >
                <option value="" selected=true>
                    {move || tr("All", "全部")}
                </option>
                <For
                    each=move || offered.get()
                    key=|value| value.clone()
                    children=move |value| {
                        let text = value.clone();
                        view! { <option value=value>{text}</option> }
                    }
                />
            </select>
        </label>
    }
}
