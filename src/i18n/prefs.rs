//! The display preferences a person chose (language, number style, theme), remembered in the
//! browser's `localStorage`. Only an explicit choice is stored: until then the page follows the
//! browser's language and colour scheme.
//!
//! Natively (the unit tests) there is no storage: `load` finds nothing and `save` does nothing.

/// The stored value of `key`, `None` when nothing is stored or storage is unavailable (private
/// windows, disabled cookies).
pub fn load(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        crate::state::persist::local_storage()?
            .get_item(key)
            .ok()
            .flatten()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        None
    }
}

/// Remembers `value` under `key`; a browser that refuses (quota, privacy mode) just forgets.
pub fn save(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = crate::state::persist::local_storage() {
        let _ = storage.set_item(key, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key, value);
}

/// Sets `name` on the page's root element (`<html lang>`, `<html data-theme>`).
pub fn set_root_attribute(name: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, value);
}
