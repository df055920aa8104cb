//! The last loaded files, kept in the browser's IndexedDB (database `dealscope`, store `files`,
//! one `{ name, blob }` record per file name) so a reload restores the dashboard. The mappings a
//! person corrected are kept by `ui::import::remembered` (localStorage); [`clear`] removes both.
//!
//! A marker in localStorage ([`KEPT`]) says that files may be kept: set before any is stored,
//! removed once the store is emptied. Opening IndexedDB takes a few hundred milliseconds while
//! the page starts (measured in Chromium), so a page without the marker shows the demo without
//! waiting for it (`state::remote`).
//!
//! Storage can fail (quota, private windows, a blocked database): every failure is returned as a
//! [`StorageFailure`], shown to the user in their language, and the app carries on without it.

use js_sys::{Array, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

use crate::i18n::tr;

const DATABASE: &str = "dealscope";
const STORE: &str = "files";
/// The prefix of the mappings remembered in localStorage (`ui::import::remembered`).
const MAPPING_PREFIX: &str = "dealscope.mapping.";
/// The localStorage key present while files may be kept in the store.
const KEPT: &str = "dealscope.kept";

/// Why the browser did not keep the data, or did not give it back.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageFailure {
    /// No room left (the storage quota).
    Quota,
    /// No storage for this page: no IndexedDB, or access to it denied (a private window,
    /// storage blocked in the browser's settings).
    Unavailable,
    /// Any other refusal, as the browser worded it.
    Other(String),
}

impl StorageFailure {
    /// The failure in the chosen language (the browser's own words for [`Self::Other`]).
    pub fn text(&self) -> String {
        match self {
            StorageFailure::Quota => tr(
                "the browser has no room left to keep the data (storage quota).",
                "浏览器没有空间保存数据（存储配额已满）。",
            )
            .into(),
            StorageFailure::Unavailable => tr(
                "this browser keeps no data for this page (a private window, or storage blocked in its settings).",
                "此浏览器不为本页面保存数据（隐私窗口，或在设置中禁止了存储）。",
            )
            .into(),
            StorageFailure::Other(detail) => detail.clone(),
        }
    }
}

/// What went wrong with storage last, shown in the page (`data-testid="storage-error"`).
#[derive(Clone, Copy)]
pub struct StorageError(pub RwSignal<Option<StorageFailure>>);

/// Provides [`StorageError`]. Call once, in `<App/>`, before [`remember`] or [`restore`].
pub fn provide() -> StorageError {
    let context = StorageError(RwSignal::new(None));
    provide_context(context);
    PROVIDED.with(|cell| cell.set(Some(context)));
    context
}

thread_local! {
    /// The provided [`StorageError`], for saves started outside the component tree (a load that
    /// finished in a future).
    static PROVIDED: std::cell::Cell<Option<StorageError>> = const { std::cell::Cell::new(None) };
}

/// Stores `files` (replacing stored files of the same name), in the background.
pub fn remember(files: &[(String, Blob)]) {
    let files = files.to_vec();
    let context = PROVIDED.with(|cell| cell.get());
    wasm_bindgen_futures::spawn_local(async move {
        let result = save(&files).await;
        if let Some(context) = context {
            context.0.set(result.err());
        }
    });
}

/// Whether files may be kept: the marker is there, or localStorage cannot tell.
pub fn may_hold_files() -> bool {
    local_storage().is_none_or(|storage| storage.get_item(KEPT).ok().flatten().is_some())
}

/// The page's localStorage; `None` where the browser refuses it (private windows, storage
/// blocked in its settings).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// Empties the store and forgets the corrected mappings.
pub async fn clear() -> Result<(), StorageFailure> {
    if let Some(storage) = local_storage() {
        let length = storage.length().unwrap_or(0);
        let keys: Vec<String> = (0..length)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(MAPPING_PREFIX))
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
    }
    let db = open().await?;
    let result = empty(&db).await;
    db.close();
    if result.is_ok() {
        if let Some(storage) = local_storage() {
            let _ = storage.remove_item(KEPT);
        }
    }
    result
}

async fn empty(db: &IdbDatabase) -> Result<(), StorageFailure> {
    let tx = transaction(db, IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(STORE).map_err(failure)?;
    store.clear().map_err(failure)?;
    done(&tx).await
}

/// Clears stored data and shows a failure in `errors`; true when it worked.
pub async fn clear_reported(errors: Option<StorageError>) -> bool {
    let result = clear().await;
    let ok = result.is_ok();
    if let Some(errors) = errors {
        errors.0.set(result.err());
    }
    ok
}

/// The stored files, in the order they were stored.
pub async fn load() -> Result<Vec<(String, Blob)>, StorageFailure> {
    let db = open().await?;
    let result = read(&db).await;
    db.close();
    result
}

async fn read(db: &IdbDatabase) -> Result<Vec<(String, Blob)>, StorageFailure> {
    let tx = transaction(db, IdbTransactionMode::Readonly)?;
    let store = tx.object_store(STORE).map_err(failure)?;
    let request = store.get_all().map_err(failure)?;
    let records = finish(&request).await?;
    let mut files = Vec::new();
    for record in Array::from(&records).iter() {
        let name = Reflect::get(&record, &"name".into())
            .ok()
            .and_then(|v| v.as_string());
        let blob = Reflect::get(&record, &"blob".into())
            .ok()
            .and_then(|v| v.dyn_into::<Blob>().ok());
        if let (Some(name), Some(blob)) = (name, blob) {
            files.push((name, blob));
        }
    }
    Ok(files)
}

/// Stores `files`; the database is closed whatever happens (an open one would hold back a
/// later version of it).
async fn save(files: &[(String, Blob)]) -> Result<(), StorageFailure> {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(KEPT, "1");
    }
    let db = open().await?;
    let result = write(&db, files).await;
    db.close();
    result
}

async fn write(db: &IdbDatabase, files: &[(String, Blob)]) -> Result<(), StorageFailure> {
    let tx = transaction(db, IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(STORE).map_err(failure)?;
    for (name, blob) in files {
        let record = Object::new();
        Reflect::set(&record, &"name".into(), &name.into()).map_err(failure)?;
        Reflect::set(&record, &"blob".into(), blob).map_err(failure)?;
        store.put_with_key(&record, &name.into()).map_err(failure)?;
    }
    done(&tx).await
}

async fn open() -> Result<IdbDatabase, StorageFailure> {
    let factory = web_sys::window()
        .ok_or(StorageFailure::Unavailable)?
        .indexed_db()
        .map_err(failure)?
        .ok_or(StorageFailure::Unavailable)?;
    let request = factory.open_with_u32(DATABASE, 1).map_err(failure)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let db = event
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = finish(&request).await;
    request.set_onupgradeneeded(None);
    drop(upgrade);
    result?.dyn_into::<IdbDatabase>().map_err(failure)
}

fn transaction(
    db: &IdbDatabase,
    mode: IdbTransactionMode,
) -> Result<IdbTransaction, StorageFailure> {
    db.transaction_with_str_and_mode(STORE, mode)
        .map_err(failure)
}

/// Waits for a request's success and returns its result.
async fn finish(request: &IdbRequest) -> Result<JsValue, StorageFailure> {
    let promise = Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(failure),
        Err(_) => Err(request
            .error()
            .ok()
            .flatten()
            .map(|e| classify(&e.name(), &e.message()))
            .unwrap_or_else(refused)),
    }
}

/// Waits until a transaction has committed.
async fn done(tx: &IdbTransaction) -> Result<(), StorageFailure> {
    let promise = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onerror(Some(&reject));
        tx.set_onabort(Some(&reject));
    });
    let outcome = JsFuture::from(promise).await;
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(tx
            .error()
            .map(|e| classify(&e.name(), &e.message()))
            .unwrap_or_else(refused)),
    }
}

/// A refusal the browser gave no reason for (a transaction aborted without an error).
fn refused() -> StorageFailure {
    StorageFailure::Other("the browser's storage refused".into())
}

/// The failure a `DOMException` (or `Error`) of this name stands for.
fn classify(name: &str, detail: &str) -> StorageFailure {
    match name {
        "QuotaExceededError" => StorageFailure::Quota,
        // What browsers throw when storage is denied to the page (settings, private windows).
        "SecurityError" | "InvalidStateError" => StorageFailure::Unavailable,
        _ if detail.is_empty() => StorageFailure::Other(name.to_string()),
        _ => StorageFailure::Other(format!("{name}: {detail}")),
    }
}

fn failure(error: JsValue) -> StorageFailure {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        return classify(&exception.name(), &exception.message());
    }
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return classify(&String::from(error.name()), &String::from(error.message()));
    }
    error
        .as_string()
        .map(StorageFailure::Other)
        .unwrap_or_else(refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_browsers_errors_are_sorted_for_the_user() {
        assert_eq!(
            classify("QuotaExceededError", "quota"),
            StorageFailure::Quota
        );
        assert_eq!(
            classify("SecurityError", "denied"),
            StorageFailure::Unavailable
        );
        assert_eq!(
            classify("UnknownError", "disk"),
            StorageFailure::Other("UnknownError: disk".into())
        );
        assert_eq!(
            classify("AbortError", ""),
            StorageFailure::Other("AbortError".into())
        );
    }
}
