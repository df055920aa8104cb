//! Work that waits for the page to be idle.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `work` when the page is next idle, within a second at most.
pub fn when_idle(work: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(1000);
    let callback = Closure::once_into_js(work);
    if window
        .request_idle_callback_with_options(callback.unchecked_ref(), &options)
        .is_err()
    {
        let _ = window.set_timeout_with_callback(callback.unchecked_ref());
    }
}
