//! The last loaded files, kept in the browser's IndexedDB (database `dealscope`, store `files`,
//! one `{ name, blob }` record per file name) so a reload restores the dashboard. The mappings a
//! person corrected are kept by `ui::import::remembered` (localStorage); [`clear`] removes both.
//!
//! Storage can fail (quota, private windows, a blocked database): every failure is returned as a
//! message for the user and the app carries on without it.

use js_sys::{Array, Object, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const DATABASE: &str = "dealscope";
const STORE: &str = "files";
/// The prefix of the mappings remembered in localStorage (`ui::import::remembered`).
const MAPPING_PREFIX: &str = "dealscope.mapping.";

/// What went wrong with storage last, shown in the page (`data-testid="storage-error"`).
#[derive(Clone, Copy)]
pub struct StorageError(pub RwSignal<Option<String>>);

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

/// Empties the store and forgets the corrected mappings.
pub async fn clear() -> Result<(), String> {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
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
    let tx = transaction(&db, IdbTransactionMode::Readwrite)?;
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
pub async fn load() -> Result<Vec<(String, Blob)>, String> {
    let db = open().await?;
    let tx = transaction(&db, IdbTransactionMode::Readonly)?;
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
    db.close();
    Ok(files)
}

async fn save(files: &[(String, Blob)]) -> Result<(), String> {
    let db = open().await?;
    let tx = transaction(&db, IdbTransactionMode::Readwrite)?;
    let store = tx.object_store(STORE).map_err(failure)?;
    for (name, blob) in files {
        let record = Object::new();
        Reflect::set(&record, &"name".into(), &name.into()).map_err(failure)?;
        Reflect::set(&record, &"blob".into(), blob).map_err(failure)?;
        store.put_with_key(&record, &name.into()).map_err(failure)?;
    }
    let result = done(&tx).await;
    db.close();
    result
}

async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(failure)?
        .ok_or("this browser keeps no IndexedDB (private window?)")?;
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

fn transaction(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<IdbTransaction, String> {
    db.transaction_with_str_and_mode(STORE, mode)
        .map_err(failure)
}

/// Waits for a request's success and returns its result.
async fn finish(request: &IdbRequest) -> Result<JsValue, String> {
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
            .map(|e| message(&e.name(), &e.message()))
            .unwrap_or_else(|| "the browser's storage refused".into())),
    }
}

/// Waits until a transaction has committed.
async fn done(tx: &IdbTransaction) -> Result<(), String> {
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
            .map(|e| message(&e.name(), &e.message()))
            .unwrap_or_else(|| "the browser's storage refused".into())),
    }
}

fn message(name: &str, detail: &str) -> String {
    if name == "QuotaExceededError" {
        "the browser has no room left to keep the data (storage quota)".into()
    } else {
        format!("{name}: {detail}")
    }
}

fn failure(error: JsValue) -> String {
    if let Some(exception) = error.dyn_ref::<web_sys::DomException>() {
        return message(&exception.name(), &exception.message());
    }
    error
        .as_string()
        .or_else(|| {
            js_sys::JSON::stringify(&error)
                .ok()
                .and_then(|s| s.as_string())
        })
        .unwrap_or_else(|| "unknown storage error".into())
}
