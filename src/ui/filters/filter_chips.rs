//! `<FilterChips/>`: the segment filters in force, each removable.

use leptos::prelude::*;

use super::{remove, Field};
use crate::i18n::tr;
use crate::state::AppState;

/// One chip per chosen value (`data-testid="chip-<field>"`, `data-value`), with a remove button,
/// and a button that clears them all. Nothing when no segment filter is set.
#[component]
pub fn FilterChips() -> impl IntoView {
    let state = AppState::expect();
    let chips = Memo::new(move |_| {
        state.query.with(|q| {
            Field::ALL
                .iter()
                .flat_map(|&field| {
                    field
                        .chosen(&q.filters)
                        .iter()
                        .map(move |value| (field, value.clone()))
                })
                .collect::<Vec<_>>()
        })
    });
    let clear = move |_| state.query.update(|q| q.filters = Default::default());

    view! {
        <Show when=move || !chips.with(Vec::is_empty)>
            <ul class="filter-chips" aria-label=move || tr("Filters in force", "当前筛选")>
                <For
                    each=move || chips.get()
                    key=|(field, value)| (field.id(), value.clone())
                    children=move |(field, value)| {
                        let shown = value.clone();
                        let data_value = value.clone();
                        let label = {
                            let value = value.clone();
                            move || format!("{} {}: {}", tr("Remove filter", "移除筛选"), field.label(), value)
                        };
                        view! {
                            <li
                                class="chip"
                                data-testid=format!("chip-{}", field.id())
                                data-value=data_value
                            >
                                <span class="chip-field">{move || field.label()}</span>
                                <span class="chip-value">{shown}</span>
                                <button
                                    type="button"
                                    class="chip-remove"
                                    aria-label=label.clone()
                                    title=label
                                    on:click=move |_| {
                                        state.query.update(|q| remove(&mut q.filters, field, &value))
                                    }
                                >
                                    "×"
                                </button>
                            </li>
                        }
                    }
                />
                <li>
                    <button
                        type="button"
                        class="chip-clear"
                        data-testid="chips-clear"
                        on:click=clear
                    >
                        {move || tr("Clear all", "全部清除")}
                    </button>
                </li>
            </ul>
        </Show>
    }
}
