//! The page's side of the engine's Web Worker (`src/bin/worker/`): posts requests with a
//! sequence number, hands back the answers still wanted, and restarts the worker to cancel a
//! load or to recover from a crash, putting back the data loaded before, and to read the
//! user's files again with a correction (in fresh memory).
//!
//! - Queries are coalesced: one is computed at a time, and while it is, only the latest new
//!   one waits; the answer to a query overtaken by a newer one is dropped.
//! - Other requests whose answer only matters when fresh (drill-downs) are sent at once; an
//!   answer is dropped when a newer request of the same kind was sent after it.
//! - Loads (`LoadDemo`, files, `SetImportOptions`) are always answered, in order. Once
//!   answered, a load is "committed": a restarted worker is given the committed data again.
//! - Right behind each load goes the current query, so the worker computes the dashboard while
//!   the page draws the import report; the same query sent again once the load is answered is
//!   not computed twice.

use std::cell::RefCell;
use std::collections::HashMap;
use std::mem::Discriminant;
use std::rc::{Rc, Weak};

use engine::api::{Query, Request, Response};
use engine::ingest::ImportOptions;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, ErrorEvent, MessageEvent, Worker};

use super::protocol::{FromWorker, LoadProgress, ToWorker};

/// Where the worker's loader is when the page does not say (`<meta name="dealscope-worker">`,
/// written by `scripts/hash-files.sh` at build time).
const DEFAULT_WORKER_URL: &str = "./worker_loader.js";
/// Crashes in a row after which the worker is not started again.
const MAX_RESTARTS: u32 = 3;

/// What the transport hands to the app state.
#[derive(Debug)]
pub enum Event {
    /// The engine's answer to a request.
    Response(Response),
    /// How far the current load has got.
    Progress(LoadProgress),
    /// A load was refused or the worker stopped: why, for the user. The data before it stays
    /// (it is being put back when `restoring`).
    Failed { message: String, restoring: bool },
}

/// A file to load: its name and its contents as a `File` (from the picker) or a `Blob`.
pub type FileHandle = (String, Blob);

/// What a load changes.
#[derive(Clone)]
enum Change {
    Demo,
    Files(Vec<FileHandle>),
    Options(ImportOptions),
}

/// Where telling the worker that the page is idle stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Idle {
    Untold,
    /// Once the page is next idle.
    Due,
    Told,
}

struct Load {
    seq: u64,
    change: Change,
    /// Puts back committed data after a restart.
    restore: bool,
    /// Its answer and progress are not shown (a step of a restore).
    quiet: bool,
}

/// The data the engine holds once every answered load is applied.
#[derive(Clone, Default)]
struct Committed {
    demo: bool,
    files: Vec<FileHandle>,
    options: Option<ImportOptions>,
}

impl Committed {
    fn apply(&mut self, change: Change) {
        match change {
            Change::Demo => {
                self.demo = true;
                self.files.clear();
            }
            Change::Files(files) => {
                if self.demo {
                    self.demo = false;
                }
                for file in files {
                    self.files.retain(|(name, _)| *name != file.0);
                    self.files.push(file);
                }
            }
            Change::Options(options) => self.options = Some(options),
        }
    }
}

/// The connection to the worker. Dropping it stops the worker.
pub struct Transport(Rc<RefCell<Inner>>);

struct Inner {
    url: String,
    worker: Option<Worker>,
    /// The worker has said `Ready`; until then messages wait in `queue`.
    ready: bool,
    /// Some worker has said `Ready` since the page opened.
    ever_ready: bool,
    /// Whether the worker is told that the page has drawn its first dashboard.
    idle: Idle,
    queue: Vec<JsValue>,
    next_seq: u64,
    loads: Vec<Load>,
    committed: Committed,
    query_in_flight: Option<u64>,
    pending_query: Option<Query>,
    /// The query posted right behind the latest load (until another query is sent).
    after_load: Option<Query>,
    /// The dashboard's current query.
    current_query: Box<dyn Fn() -> Query>,
    /// The kind of each other request in flight, and the latest sent of each kind.
    others: HashMap<u64, Discriminant<Request>>,
    latest: HashMap<Discriminant<Request>, u64>,
    restarts: u32,
    handler: Rc<dyn Fn(Event)>,
    on_message: Closure<dyn FnMut(MessageEvent)>,
    on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl Transport {
    /// Starts the worker; `handler` gets every [`Event`], on the page's thread;
    /// `current_query` says what the dashboard shows, to compute it right after each load.
    pub fn new(
        handler: impl Fn(Event) + 'static,
        current_query: impl Fn() -> Query + 'static,
    ) -> Transport {
        let inner = Rc::new_cyclic(|weak: &Weak<RefCell<Inner>>| {
            let on_message = {
                let weak = weak.clone();
                Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                    if let Some(inner) = weak.upgrade() {
                        Transport(inner).received(&event.data());
                    }
                })
            };
            let on_error = {
                let weak = weak.clone();
                Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
                    event.prevent_default();
                    if let Some(inner) = weak.upgrade() {
                        Transport(inner).crashed(&event.message());
                    }
                })
            };
            RefCell::new(Inner {
                url: worker_url(),
                worker: None,
                ready: false,
                ever_ready: false,
                idle: Idle::Untold,
                queue: Vec::new(),
                next_seq: 0,
                loads: Vec::new(),
                committed: Committed::default(),
                query_in_flight: None,
                pending_query: None,
                after_load: None,
                current_query: Box::new(current_query),
                others: HashMap::new(),
                latest: HashMap::new(),
                restarts: 0,
                handler: Rc::new(handler),
                on_message,
                on_error,
            })
        });
        let transport = Transport(inner);
        // The worker `start_worker.js` started as the page opened, with what it said since.
        if let Some((worker, early)) = early_worker() {
            transport.0.borrow_mut().attach(worker);
            for message in early.iter() {
                match Reflect::get(&message, &"error".into())
                    .ok()
                    .and_then(|e| e.as_string())
                {
                    Some(error) => transport.crashed(&error),
                    None => transport.received(&message),
                }
            }
            return transport;
        }
        let started = transport.0.borrow_mut().spawn();
        if let Err(message) = started {
            transport.emit(vec![Event::Failed {
                message,
                restoring: false,
            }]);
        }
        transport
    }

    /// Sends one request; its answer comes to the handler.
    pub fn send(&self, request: Request) {
        let mut inner = self.0.borrow_mut();
        match request {
            Request::Query(query) => {
                // Already on its way, behind the load just answered.
                if inner.after_load.as_ref() == Some(&query) {
                    return;
                }
                inner.after_load = None;
                inner.query(query);
            }
            Request::Load(files) => {
                let files = files
                    .into_iter()
                    .map(|file| {
                        let bytes = Uint8Array::from(file.bytes.as_slice());
                        let blob = Blob::new_with_u8_array_sequence(&Array::of1(&bytes))
                            .unwrap_or_else(|_| Blob::new().unwrap_throw());
                        (file.name, blob)
                    })
                    .collect();
                inner.open(files, false, false);
            }
            Request::LoadDemo => inner.load(Request::LoadDemo, Change::Demo, false, false),
            Request::SetImportOptions(options) => {
                let events = inner.correct(options);
                drop(inner);
                self.emit(events);
            }
            other => {
                let kind = std::mem::discriminant(&other);
                let seq = inner.post_request(other);
                inner.others.insert(seq, kind);
                inner.latest.insert(kind, seq);
            }
        }
    }

    /// Loads files: each replaces a loaded file of the same name; demo data goes.
    pub fn open(&self, files: Vec<FileHandle>) {
        self.0.borrow_mut().open(files, false, false);
    }

    /// Stops the loads under way: the worker is stopped and a fresh one is given the data
    /// loaded before (the demo data when a restore itself is cancelled).
    pub fn cancel(&self) {
        let events = {
            let mut inner = self.0.borrow_mut();
            if inner.loads.is_empty() {
                return;
            }
            if inner.loads.iter().all(|load| load.restore) {
                inner.committed = Committed {
                    options: inner.committed.options.clone(),
                    ..Committed::default()
                };
            }
            inner.restart()
        };
        self.emit(events);
    }

    fn received(&self, data: &JsValue) {
        let events = {
            let mut inner = self.0.borrow_mut();
            if let Some(memory) = Reflect::get(data, &"memory".into())
                .ok()
                .and_then(|m| m.as_f64())
            {
                expose_memory(memory);
            }
            let message = Reflect::get(data, &"json".into())
                .ok()
                .and_then(|json| json.as_string())
                .and_then(|json| serde_json::from_str::<FromWorker>(&json).ok());
            let events = match message {
                Some(message) => inner.received(message),
                None => Vec::new(),
            };
            let dashboard = |e: &Event| matches!(e, Event::Response(Response::Dashboard(_)));
            if inner.idle == Idle::Untold && events.iter().any(dashboard) {
                inner.idle = Idle::Due;
                let inner = Rc::downgrade(&self.0);
                super::idle::when_idle(move || {
                    if let Some(inner) = inner.upgrade() {
                        inner.borrow_mut().tell_idle();
                    }
                });
            }
            events
        };
        self.emit(events);
    }

    fn crashed(&self, error: &str) {
        let events = {
            let mut inner = self.0.borrow_mut();
            let error = if error.is_empty() {
                "it stopped".to_string()
            } else {
                error.to_string()
            };
            if !inner.ever_ready {
                inner.stop();
                vec![Event::Failed {
                    message: format!("The analysis engine could not start ({error})."),
                    restoring: false,
                }]
            } else if inner.restarts >= MAX_RESTARTS {
                inner.stop();
                vec![Event::Failed {
                    message: format!(
                        "The analysis engine stopped ({error}) and was not started again. \
                         Reload the page."
                    ),
                    restoring: false,
                }]
            } else {
                // A crash while putting data back: put back the demo data instead.
                if inner.loads.iter().any(|load| load.restore) {
                    inner.committed = Committed {
                        options: inner.committed.options.clone(),
                        ..Committed::default()
                    };
                }
                inner.restarts += 1;
                let mut events = vec![Event::Failed {
                    message: format!(
                        "The analysis engine stopped ({error}), perhaps out of memory. The \
                         data shown before is being loaded again."
                    ),
                    restoring: true,
                }];
                events.extend(inner.restart());
                events
            }
        };
        self.emit(events);
    }

    /// Hands `events` to the handler, outside any borrow (the handler may send requests).
    fn emit(&self, events: Vec<Event>) {
        if events.is_empty() {
            return;
        }
        let handler = self.0.borrow().handler.clone();
        for event in events {
            handler(event);
        }
    }
}

impl Drop for Transport {
    fn drop(&mut self) {
        // Only the last handle (the app state's) stops the worker; the listeners make
        // short-lived ones.
        if Rc::strong_count(&self.0) == 1 {
            if let Ok(mut inner) = self.0.try_borrow_mut() {
                inner.stop();
            }
        }
    }
}

impl Inner {
    fn spawn(&mut self) -> Result<(), String> {
        let worker = Worker::new(&self.url)
            .map_err(|e| format!("The analysis engine could not start ({e:?})."))?;
        self.attach(worker);
        Ok(())
    }

    /// Listens to `worker`, which has not said `Ready` yet.
    fn attach(&mut self, worker: Worker) {
        worker.set_onmessage(Some(self.on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(self.on_error.as_ref().unchecked_ref()));
        self.worker = Some(worker);
        self.ready = false;
        self.idle = Idle::Untold;
    }

    /// Tells the worker that the page has drawn its first dashboard (`ToWorker::Idle`).
    fn tell_idle(&mut self) {
        if self.idle != Idle::Told {
            self.idle = Idle::Told;
            self.post(&ToWorker::Idle, &[]);
        }
    }

    fn stop(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
        }
        self.ready = false;
        self.queue.clear();
        self.loads.clear();
        self.query_in_flight = None;
        self.pending_query = None;
        self.after_load = None;
        self.others.clear();
    }

    /// Stops the worker and starts a fresh one with the committed data.
    fn restart(&mut self) -> Vec<Event> {
        self.stop();
        if let Err(message) = self.spawn() {
            return vec![Event::Failed {
                message,
                restoring: false,
            }];
        }
        let committed = self.committed.clone();
        if committed.files.is_empty() {
            self.load(Request::LoadDemo, Change::Demo, true, false);
        } else {
            if let Some(options) = committed.options {
                self.load(
                    Request::SetImportOptions(options.clone()),
                    Change::Options(options),
                    true,
                    true,
                );
            }
            self.open(committed.files, true, false);
        }
        Vec::new()
    }

    /// Reads the files again with `options`. With the user's files loaded and no load under
    /// way, a fresh worker reads them: a worker's memory never shrinks, and the old tables'
    /// memory, free but in pieces, would sit beside the new import's (over 3x the files at
    /// the peak of a 1M re-import). Cancelling it puts back the data as it was.
    fn correct(&mut self, options: ImportOptions) -> Vec<Event> {
        let request = Request::SetImportOptions(options.clone());
        if self.committed.files.is_empty() || !self.loads.is_empty() {
            self.load(request, Change::Options(options), false, false);
            return Vec::new();
        }
        self.stop();
        if let Err(message) = self.spawn() {
            return vec![Event::Failed {
                message,
                restoring: false,
            }];
        }
        // The page is idle: the fresh worker starts its helpers for the files' tails at once.
        self.tell_idle();
        self.load(request, Change::Options(options), false, true);
        let files = self.committed.files.clone();
        self.open(files, false, false);
        Vec::new()
    }

    fn seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// Posts `message` (with `files` alongside), or queues it until the worker is ready.
    fn post(&mut self, message: &ToWorker, files: &[FileHandle]) {
        let Ok(json) = serde_json::to_string(message) else {
            return;
        };
        let out = Object::new();
        let _ = Reflect::set(&out, &"json".into(), &json.into());
        if !files.is_empty() {
            let blobs: Array = files.iter().map(|(_, blob)| JsValue::from(blob)).collect();
            let _ = Reflect::set(&out, &"files".into(), &blobs);
        }
        match (&self.worker, self.ready) {
            (Some(worker), true) => {
                let _ = worker.post_message(&out);
            }
            _ => self.queue.push(out.into()),
        }
    }

    fn post_request(&mut self, request: Request) -> u64 {
        let seq = self.seq();
        self.post(&ToWorker::Request { seq, request }, &[]);
        seq
    }

    fn query(&mut self, query: Query) {
        if self.query_in_flight.is_some() {
            self.pending_query = Some(query);
        } else {
            let seq = self.post_request(Request::Query(query));
            self.query_in_flight = Some(seq);
        }
    }

    fn load(&mut self, request: Request, change: Change, restore: bool, quiet: bool) {
        let seq = self.post_request(request);
        self.loads.push(Load {
            seq,
            change,
            restore,
            quiet,
        });
        if !quiet {
            self.query_after_load();
        }
    }

    /// Asks for the dashboard of the data the load just posted will make.
    fn query_after_load(&mut self) {
        let query = (self.current_query)();
        self.query(query.clone());
        self.after_load = Some(query);
    }

    fn open(&mut self, files: Vec<FileHandle>, restore: bool, quiet: bool) {
        if files.is_empty() {
            return;
        }
        // Files opened before the page was idle: the worker starts its helpers now, so that
        // they can read these files' tails.
        if self.idle == Idle::Due {
            self.tell_idle();
        }
        let seq = self.seq();
        let names = files.iter().map(|(name, _)| name.clone()).collect();
        self.post(&ToWorker::Open { seq, names }, &files);
        self.loads.push(Load {
            seq,
            change: Change::Files(files),
            restore,
            quiet,
        });
        if !quiet {
            self.query_after_load();
        }
    }

    fn received(&mut self, message: FromWorker) -> Vec<Event> {
        match message {
            FromWorker::Ready => {
                self.ready = true;
                self.ever_ready = true;
                if let Some(worker) = &self.worker {
                    for message in self.queue.drain(..) {
                        let _ = worker.post_message(&message);
                    }
                }
                Vec::new()
            }
            FromWorker::Progress { seq, mut progress } => {
                match self.loads.iter().find(|load| load.seq == seq) {
                    Some(load) if !load.quiet => {
                        progress.restoring = load.restore;
                        vec![Event::Progress(progress)]
                    }
                    _ => Vec::new(),
                }
            }
            FromWorker::Refused { seq, message } => {
                let quiet = match self.loads.iter().position(|load| load.seq == seq) {
                    Some(i) => self.loads.remove(i).quiet,
                    None => false,
                };
                if quiet {
                    Vec::new()
                } else {
                    vec![Event::Failed {
                        message,
                        restoring: false,
                    }]
                }
            }
            FromWorker::Response { seq, response } => self.answered(seq, response),
        }
    }

    fn answered(&mut self, seq: u64, response: Response) -> Vec<Event> {
        if let Some(i) = self.loads.iter().position(|load| load.seq == seq) {
            let load = self.loads.remove(i);
            self.committed.apply(load.change);
            self.restarts = 0;
            return if load.quiet {
                Vec::new()
            } else {
                vec![Event::Response(response)]
            };
        }
        if self.query_in_flight == Some(seq) {
            self.query_in_flight = None;
            if let Some(query) = self.pending_query.take() {
                // A newer query waits: this answer is stale.
                self.query(query);
                return Vec::new();
            }
            return vec![Event::Response(response)];
        }
        if let Some(kind) = self.others.remove(&seq) {
            if self.latest.get(&kind) != Some(&seq) {
                return Vec::new();
            }
        }
        vec![Event::Response(response)]
    }
}

/// The worker `start_worker.js` started (taken: asked again, `None`), and the messages it has
/// posted so far.
fn early_worker() -> Option<(Worker, Array)> {
    let window = web_sys::window()?;
    let key = JsValue::from_str("__dealscopeWorker");
    let early = Reflect::get(&window, &key)
        .ok()
        .filter(JsValue::is_object)?;
    let _ = Reflect::delete_property(&window, &key);
    let worker = Reflect::get(&early, &"worker".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let messages = Reflect::get(&early, &"early".into())
        .ok()?
        .dyn_into()
        .ok()?;
    Some((worker, messages))
}

/// The worker's loader as the page names it, resolved against the page's base URL.
fn worker_url() -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=dealscope-worker]")
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .filter(|url| !url.is_empty())
        .unwrap_or_else(|| DEFAULT_WORKER_URL.to_string())
}

/// Sets `window.__dealscopeWasmMemoryBytes` to the page's and the worker's wasm memory
/// together, for the benchmark (`bench/README.md`).
fn expose_memory(worker: f64) {
    let page = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64;
    if let Some(window) = web_sys::window() {
        let _ = Reflect::set(
            &window,
            &"__dealscopeWasmMemoryBytes".into(),
            &(page + worker).into(),
        );
    }
}
