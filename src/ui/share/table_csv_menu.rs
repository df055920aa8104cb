//! `<TableCsvMenu/>`: saves any table of the dashboard as CSV. The list is read from the page
//! when opened, so it covers every panel's table as drawn (the drill-down table exports its
//! full rows itself, through the engine).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::export;
use crate::i18n::tr;

/// A table of the page: its panel's name and heading.
#[derive(Clone, Debug, PartialEq)]
struct Found {
    panel: String,
    heading: String,
    index: u32,
}

fn tables() -> Vec<Found> {
    let mut found = Vec::new();
    let Ok(list) = document().query_selector_all(".dash-panel table") else {
        return found;
    };
    for index in 0..list.length() {
        let Some(table) = list
            .item(index)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let panel = table.closest(".dash-panel").ok().flatten();
        let name = panel
            .as_ref()
            .and_then(|p| p.get_attribute("data-testid"))
            .map(|id| id.trim_start_matches("panel-").to_string())
            .unwrap_or_else(|| format!("table-{}", index + 1));
        let heading = panel
            .and_then(|p| p.query_selector("h2").ok().flatten())
            .and_then(|h| h.text_content())
            .unwrap_or_else(|| name.clone());
        let repeats = found
            .iter()
            .filter(|f: &&Found| f.panel.starts_with(&name))
            .count();
        let panel = if repeats == 0 {
            name
        } else {
            format!("{name}-{}", repeats + 1)
        };
        found.push(Found {
            panel,
            heading,
            index,
        });
    }
    found
}

fn save(found: &Found) {
    let table = document()
        .query_selector_all(".dash-panel table")
        .ok()
        .and_then(|list| list.item(found.index))
        .and_then(|n| n.dyn_into::<web_sys::Element>().ok());
    if let Some(table) = table {
        let csv = export::table_csv(&table);
        export::save_text(
            &csv,
            &export::file_name(&found.panel, "csv"),
            "text/csv;charset=utf-8",
        );
    }
}

/// The "Tables (CSV)" button and the list it opens.
#[component]
pub fn TableCsvMenu() -> impl IntoView {
    let open = RwSignal::new(false);
    let list = RwSignal::new(Vec::<Found>::new());
    let toggle = move |_| {
        if !open.get_untracked() {
            list.set(tables());
        }
        open.update(|o| *o = !*o);
    };
    view! {
        <div class="csv-menu">
            <button
                type="button"
                class="share-button"
                data-testid="csv-tables"
                aria-expanded=move || open.get().to_string()
                on:click=toggle
            >
                {move || tr("Tables (CSV)", "表格 (CSV)")}
            </button>
            <Show when=move || open.get()>
                <ul class="csv-list" role="list">
                    <For
                        each=move || list.get()
                        key=|found| found.panel.clone()
                        children=move |found| {
                            let testid = format!("csv-{}", found.panel);
                            let label = found.heading.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="share-button"
                                        data-testid=testid
                                        on:click=move |_| save(&found)
                                    >
                                        {label}
                                    </button>
                                </li>
                            }
                        }
                    />
                </ul>
            </Show>
        </div>
    }
}
