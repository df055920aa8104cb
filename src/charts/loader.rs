//! ECharts arrives after the app has started, not before it: running its script takes the main
//! thread for a good 100 ms, which would otherwise hold up the app's start and the first
//! dashboard's figures. `start_echarts.js` starts loading it as the page opens (the element
//! `#dealscope-echarts`, which records how the load went in `data-state`); charts wait here
//! until it has run.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The script element `start_echarts.js` adds.
const SCRIPT_ID: &str = "dealscope-echarts";

/// Where loading stands; the drawings waiting for it while it loads.
enum Load {
    Unknown,
    Loading(Vec<Box<dyn FnOnce()>>),
    Ready,
    Failed,
}

thread_local! {
    static LOAD: RefCell<Load> = const { RefCell::new(Load::Unknown) };
}

/// Runs `draw` once ECharts has loaded (at once when it has). Nothing is drawn when it cannot
/// load; the failure is logged once.
pub fn with_echarts(draw: impl FnOnce() + 'static) {
    let over = LOAD.with_borrow(|load| match load {
        Load::Ready => Some(true),
        Load::Failed => Some(false),
        Load::Unknown | Load::Loading(_) => None,
    });
    match over {
        Some(true) => draw(),
        Some(false) => {}
        None => {
            let first = LOAD.with_borrow_mut(|load| match load {
                Load::Loading(waiting) => {
                    waiting.push(Box::new(draw));
                    false
                }
                _ => {
                    *load = Load::Loading(vec![Box::new(draw)]);
                    true
                }
            });
            if first {
                follow();
            }
        }
    }
}

/// Finds out how the load went, or listens until it ends.
fn follow() {
    let Some(script) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(SCRIPT_ID))
    else {
        return failed("the page does not load the chart script");
    };
    match script.get_attribute("data-state").as_deref() {
        Some("loaded") => return loaded(),
        Some("failed") => return failed("the chart script could not be loaded"),
        _ => {}
    }
    let on_load = Closure::once_into_js(loaded);
    let on_error = Closure::once_into_js(|| failed("the chart script could not be loaded"));
    let listening = script
        .add_event_listener_with_callback("load", on_load.unchecked_ref())
        .and_then(|()| script.add_event_listener_with_callback("error", on_error.unchecked_ref()));
    if let Err(error) = listening {
        failed(&format!("{error:?}"));
    }
}

fn loaded() {
    crate::ui::theme::register_echarts_themes();
    let waiting = LOAD.with_borrow_mut(|load| match std::mem::replace(load, Load::Ready) {
        Load::Loading(waiting) => waiting,
        _ => Vec::new(),
    });
    // Each in a task of its own, as `EChart` draws them: no long task for a dozen charts.
    for draw in waiting {
        leptos::prelude::set_timeout(draw, std::time::Duration::ZERO);
    }
}

fn failed(why: &str) {
    leptos::logging::error!("the charts cannot be drawn: {why}");
    LOAD.with_borrow_mut(|load| *load = Load::Failed);
}
