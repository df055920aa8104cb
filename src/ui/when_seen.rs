//! Work on a part of the page in the order the reader meets it.

use leptos::prelude::set_timeout;

/// Runs `work` soon if `element` is in view, else when the page is idle (within a second): what
/// is in view comes first, and the rest does not hold up the first screen. Looked at after the
/// update under way, so that the page is laid out once for all that asks.
pub fn when_seen(element: web_sys::Element, work: impl FnOnce() + 'static) {
    set_timeout(
        move || {
            if in_view(&element) == Some(false) {
                crate::state::idle::when_idle(work);
            } else {
                work();
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Whether some of `element` is within the window's height; `None` when that cannot be told.
pub fn in_view(element: &web_sys::Element) -> Option<bool> {
    let height = web_sys::window()?.inner_height().ok()?.as_f64()?;
    let rect = element.get_bounding_client_rect();
    Some(rect.bottom() > 0.0 && rect.top() < height)
}
