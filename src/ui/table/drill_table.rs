//! `<DrillTable/>`: the open drill-down's rows, virtualised.

use std::sync::Arc;

use engine::api::{DrillPage, DrillTarget, Request, Sort};
use engine::query::drill::ColumnKind;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::{column_label, file_stem};
use crate::i18n::tr;
use crate::state::AppState;

/// Every row is this tall (CSS `--drill-row`), so a scroll position is a row position.
const ROW_HEIGHT: f64 = 32.0;
/// Rows fetched above and below the visible ones, so a short scroll needs no request.
const OVERSCAN: usize = 12;

/// The rows of the open drill-down (`AppState::drill`) in a scroll box that holds only the
/// visible rows: a spacer row above and below stands for the others, and the engine is asked
/// for the window in view (`Request::DrillRows`) when the scroll leaves the rows it sent.
/// Column headers sort (ascending, then descending; `aria-sort`), the search box filters on
/// any cell, "Download CSV" saves the rows as shown.
///
/// `data-testid="drill-table"` carries `data-rows` (all rows behind the pick) and
/// `data-matching` (rows matching the search).
#[component]
pub fn DrillTable() -> impl IntoView {
    let state = AppState::expect();
    let sort: RwSignal<Option<Sort>> = RwSignal::new(None);
    let search = RwSignal::new(String::new());
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(15.0 * ROW_HEIGHT);
    let scroller = NodeRef::<html::Div>::new();
    let search_box = NodeRef::<html::Input>::new();

    let to_top = move || {
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    };
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            let top = f64::from(el.scroll_top());
            let height = f64::from(el.client_height()).max(ROW_HEIGHT);
            if scroll_top.get_untracked() != top {
                scroll_top.set(top);
            }
            if viewport.get_untracked() != height {
                viewport.set(height);
            }
        }
    };
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());

    // Focus the search box and measure the scroll box once they are in the page.
    Effect::new(move |_| {
        if let Some(input) = search_box.get() {
            let _ = input.focus();
        }
        if scroller.get().is_some() {
            measure();
        }
    });

    // Another pick starts unsorted, unsearched, at the top (the same pick recomputed after a
    // filter change keeps its order and search).
    Effect::new(move |previous: Option<Option<DrillTarget>>| {
        let current = state.drill.with(|d| d.as_ref().map(|d| d.target.clone()));
        if previous.is_some_and(|p| p != current) {
            sort.set(None);
            search.set(String::new());
            to_top();
        }
        current
    });

    // Ask for the rows in view unless the last page holds them.
    Effect::new(move |_| {
        if state.drill.with(Option::is_none) {
            return;
        }
        let sort = sort.get();
        let search = search.get();
        let first = (scroll_top.get() / ROW_HEIGHT).max(0.0) as usize;
        let visible = (viewport.get() / ROW_HEIGHT).ceil() as usize + 1;
        let covered = state.drill_page.with_untracked(|page| {
            page.as_ref().is_some_and(|p| {
                let end = p.start + p.rows.len();
                p.sort == sort
                    && p.search == search
                    && p.start <= first
                    && (first + visible <= end || end >= p.matching)
            })
        });
        if !covered {
            state.send(Request::DrillRows {
                range: first.saturating_sub(OVERSCAN)..first + visible + OVERSCAN,
                sort,
                search,
            });
        }
    });

    // Save the CSV the engine sent.
    Effect::new(move |_| {
        let Some(csv) = state.drill_csv.get() else {
            return;
        };
        state.drill_csv.set(None);
        let stem = state
            .drill
            .with_untracked(|d| d.as_ref().map_or("rows", |d| file_stem(&d.target)));
        if save(&format!("dealscope-{stem}.csv"), &csv).is_err() {
            state.error.set(Some(
                tr("The CSV file could not be saved.", "无法保存 CSV 文件。").to_string(),
            ));
        }
    });

    let columns = Memo::new(move |_| {
        state
            .drill
            .with(|d| d.as_ref().map(|d| d.columns.clone()).unwrap_or_default())
    });
    let total = move || state.drill.with(|d| d.as_ref().map_or(0, |d| d.total));
    // The page, when it belongs to the view asked for last.
    let page = move || -> Option<Arc<DrillPage>> {
        state.drill_page.get().filter(|p| {
            sort.with_untracked(|s| p.sort == *s) && search.with_untracked(|s| &p.search == s)
        })
    };
    let matching = move || page().map_or_else(total, |p| p.matching);

    let toggle = move |column: usize| {
        sort.update(|s| {
            *s = Some(match *s {
                Some(current) if current.column == column => Sort {
                    column,
                    descending: !current.descending,
                },
                _ => Sort {
                    column,
                    descending: false,
                },
            })
        });
        to_top();
    };
    let header = move || {
        columns
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, column)| {
                let aria = move || match sort.get() {
                    Some(s) if s.column == i && s.descending => "descending",
                    Some(s) if s.column == i => "ascending",
                    _ => "none",
                };
                let numeric = column.kind == ColumnKind::Number;
                let id = column.id.clone();
                view! {
                    <th scope="col" aria-sort=aria class:num=numeric data-column=column.id>
                        <button type="button" on:click=move |_| toggle(i)>
                            {move || column_label(&id)}
                            <span class="sort-mark" aria-hidden="true">
                                {move || match aria() {
                                    "ascending" => "▲",
                                    "descending" => "▼",
                                    _ => "",
                                }}
                            </span>
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    let body = move || {
        let numeric: Vec<bool> =
            columns.with(|c| c.iter().map(|c| c.kind == ColumnKind::Number).collect());
        let span = numeric.len().max(1);
        let Some(p) = page() else {
            return ().into_any();
        };
        if p.matching == 0 {
            return view! {
                <tr class="drill-empty">
                    <td colspan=span>{move || tr("No rows", "没有数据")}</td>
                </tr>
            }
            .into_any();
        }
        let above = p.start as f64 * ROW_HEIGHT;
        let below = p.matching.saturating_sub(p.start + p.rows.len()) as f64 * ROW_HEIGHT;
        let rows = p
            .rows
            .iter()
            .enumerate()
            .map(|(i, cells)| {
                let cells = cells
                    .iter()
                    .zip(&numeric)
                    .map(|(cell, &num)| view! { <td class:num=num>{cell.clone()}</td> })
                    .collect_view();
                view! { <tr data-row=p.start + i>{cells}</tr> }
            })
            .collect_view();
        view! {
            <tr class="drill-spacer" aria-hidden="true">
                <td colspan=span style:height=format!("{above}px")></td>
            </tr>
            {rows}
            <tr class="drill-spacer" aria-hidden="true">
                <td colspan=span style:height=format!("{below}px")></td>
            </tr>
        }
        .into_any()
    };
    let count = move || {
        let (n, all) = (matching(), total());
        let grouped = |n: usize| crate::i18n::format::grouped(n as f64, 0);
        if n == all {
            format!("{} {}", grouped(all), tr("rows", "行"))
        } else {
            format!(
                "{} {} {} {}",
                grouped(n),
                tr("of", "/"),
                grouped(all),
                tr("rows", "行")
            )
        }
    };

    view! {
        <div
            class="drill-table"
            data-testid="drill-table"
            data-rows=move || total().to_string()
            data-matching=move || matching().to_string()
        >
            <div class="drill-tools">
                <input
                    type="search"
                    class="drill-search"
                    data-testid="drill-search"
                    node_ref=search_box
                    placeholder=move || tr("Search the rows", "搜索")
                    aria-label=move || tr("Search the rows", "搜索")
                    prop:value=move || search.get()
                    on:input=move |ev| {
                        search.set(event_target_value(&ev));
                        to_top();
                    }
                />
                <p class="drill-count" data-testid="drill-count" aria-live="polite">
                    {count}
                </p>
                <button
                    type="button"
                    class="drill-csv"
                    data-testid="drill-csv"
                    on:click=move |_| state.send(Request::DrillCsv)
                >
                    {move || tr("Download CSV", "下载 CSV")}
                </button>
            </div>
            <div class="drill-scroll" node_ref=scroller on:scroll=move |_| measure()>
                <table>
                    <thead>
                        <tr>{header}</tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        </div>
    }
}

/// Saves `text` as a UTF-8 file called `name` through a temporary object URL.
fn save(name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document.body().ok_or(JsValue::NULL)?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    // Give the download a moment to start before the URL goes.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
