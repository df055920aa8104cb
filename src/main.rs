//! Dealscope in the browser: a Leptos app that renders what the engine reports.
//! It computes no metric itself; `state` talks to the engine, `charts` turns reports into
//! ECharts options, `ui` lays them out.

mod charts;
mod i18n;
mod state;
mod ui;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ui::App);
}
