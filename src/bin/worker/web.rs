//! The worker's message loop (wasm only).

use std::cell::RefCell;
use std::rc::Rc;

use engine::api::{Engine, Request, Response};
use engine::ingest::{ImportReport, InputFile};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

use crate::progress::Tracker;
use crate::protocol::{human_size, too_large, FromWorker, LoadProgress, Phase, ToWorker};

/// Bytes read from a file at a time: the page's memory never holds more of it than this.
const CHUNK: u64 = 8 << 20;
/// The least time between two progress messages.
const PROGRESS_EVERY_MS: f64 = 50.0;

pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reporting: Rc<RefCell<Option<Reporting>>> = Rc::default();

    let mut engine = Engine::new();
    {
        let scope = scope.clone();
        let reporting = reporting.clone();
        engine.on_progress(move |file, p| {
            if let Some(r) = reporting.borrow_mut().as_mut() {
                r.tracker.parsed(p.file, &file.name, &file.bytes, p.fraction);
                r.post(&scope, false);
            }
        });
    }
    let worker = RefCell::new(Worker {
        scope: scope.clone(),
        engine,
        loaded: Vec::new(),
        reporting,
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        worker.borrow_mut().receive(&event.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page wants it; so does its listener.
    on_message.forget();
    post(&scope, &FromWorker::Ready);
}

struct Worker {
    scope: DedicatedWorkerGlobalScope,
    engine: Engine,
    /// The user's files the engine holds (none on the demo data). Their bytes are released
    /// after each import and read again from here when an import needs them.
    loaded: Vec<Loaded>,
    /// The load being reported, shared with the engine's progress callback.
    reporting: Rc<RefCell<Option<Reporting>>>,
}

/// A loaded file: its name and its contents on disk (a `File`, or a `Blob` the page made).
#[derive(Clone)]
struct Loaded {
    name: String,
    size: u64,
    file: Blob,
}

/// A load in progress: its request and how far it has got.
struct Reporting {
    seq: u64,
    tracker: Tracker,
    posted_at: f64,
}

impl Reporting {
    /// Posts the progress, at most every [`PROGRESS_EVERY_MS`] unless `now`.
    fn post(&mut self, scope: &DedicatedWorkerGlobalScope, now: bool) {
        let time = js_sys::Date::now();
        if now || time - self.posted_at >= PROGRESS_EVERY_MS {
            self.posted_at = time;
            post(
                scope,
                &FromWorker::Progress {
                    seq: self.seq,
                    progress: self.tracker.progress.clone(),
                },
            );
        }
    }
}

impl Worker {
    fn receive(&mut self, data: &JsValue) {
        let message = Reflect::get(data, &"json".into())
            .ok()
            .and_then(|json| json.as_string())
            .and_then(|json| serde_json::from_str::<ToWorker>(&json).ok());
        match message {
            Some(ToWorker::Request { seq, request }) => self.request(seq, request),
            Some(ToWorker::Open { seq, names }) => {
                let files: Vec<Blob> = Reflect::get(data, &"files".into())
                    .map(|files| {
                        Array::from(&files)
                            .iter()
                            .filter_map(|file| file.dyn_into::<Blob>().ok())
                            .collect()
                    })
                    .unwrap_or_default();
                self.open(seq, names, files);
            }
            None => {}
        }
    }

    fn request(&mut self, seq: u64, request: Request) {
        let reimport = match &request {
            Request::LoadDemo => {
                self.loaded.clear();
                false
            }
            Request::SetImportOptions(_) => !self.loaded.is_empty(),
            _ => false,
        };
        let mut unreadable = Vec::new();
        if reimport {
            // Every file is imported again: its bytes are read again first.
            let total = self.loaded.iter().map(|f| f.size).sum();
            self.begin(
                seq,
                LoadProgress {
                    bytes_total: total,
                    parse_total: total,
                    ..LoadProgress::default()
                },
            );
            unreadable = self.read_again(&self.loaded.clone(), 0);
            self.parsing();
        }
        let mut response = self.engine.handle(request);
        if reimport {
            self.engine.release_bytes();
        }
        self.reporting.borrow_mut().take();
        note_unreadable(&mut response, &unreadable);
        self.answer(seq, response);
    }

    /// Reads `files` (loaded before, their bytes released) and gives their bytes back to the
    /// engine; `offset` bytes were read before them. Returns the files that could not be read,
    /// with why.
    fn read_again(&self, files: &[Loaded], mut offset: u64) -> Vec<(String, String)> {
        let mut unreadable = Vec::new();
        for file in files {
            let reading = |done: u64| self.reading(&file.name, offset + done);
            match read(&file.file, file.size, reading) {
                Ok(bytes) => self.engine_restore(&file.name, bytes),
                Err(reason) => unreadable.push((file.name.clone(), reason)),
            }
            offset += file.size;
        }
        unreadable
    }

    fn engine_restore(&self, name: &str, bytes: Vec<u8>) {
        // `read_again` borrows `self` for the progress reports; the engine sits behind the
        // same `&self`, so it is reached through a pointer-free detour: a queue of bytes.
        self.restored.borrow_mut().push((name.to_string(), bytes));
    }

    /// Reads `files` in chunks into the engine's memory and loads them.
    fn open(&mut self, seq: u64, names: Vec<String>, files: Vec<Blob>) {
        let sizes: Vec<u64> = files.iter().map(|file| file.size() as u64).collect();
        let mut after = self.loaded.clone();
        for (name, &size) in names.iter().zip(&sizes) {
            after.retain(|(loaded, _)| loaded != name);
            after.push((name.clone(), size));
        }
        let total: u64 = after.iter().map(|(_, size)| size).sum();
        // Refused before a byte is read: a tab out of memory would lose everything.
        if let Some(message) = too_large(total, after.len() > names.len()) {
            post(&self.scope, &FromWorker::Refused { seq, message });
            return;
        }

        let read_total: u64 = sizes.iter().sum();
        self.begin(
            seq,
            LoadProgress {
                bytes_total: read_total,
                parse_total: total,
                ..LoadProgress::default()
            },
        );
        let mut inputs = Vec::with_capacity(files.len());
        let mut unreadable = Vec::new();
        let mut offset = 0;
        for ((name, file), size) in names.into_iter().zip(&files).zip(sizes) {
            let reading = |done: u64| self.reading(&name, offset + done);
            match read(file, size, reading) {
                Ok(bytes) => inputs.push(InputFile { name, bytes }),
                Err(reason) => {
                    after.retain(|(loaded, _)| *loaded != name);
                    let mut report = ImportReport::new(&name);
                    report.error = Some(format!("This browser could not read the file: {reason}"));
                    unreadable.push(report);
                }
            }
            offset += size;
        }
        if inputs.is_empty() {
            self.reporting.borrow_mut().take();
            let names: Vec<String> = unreadable
                .iter()
                .map(|r| format!("{}: {}", r.file, r.error.as_deref().unwrap_or_default()))
                .collect();
            let message = format!("Nothing was loaded. {}", names.join("; "));
            post(&self.scope, &FromWorker::Refused { seq, message });
            return;
        }
        self.loaded = after;
        if let Some(r) = self.reporting.borrow_mut().as_mut() {
            r.tracker.progress.phase = Phase::Parsing;
            r.post(&self.scope, true);
        }
        let mut response = self.engine.handle(Request::Load(inputs));
        self.reporting.borrow_mut().take();
        if let Response::Loaded { reports, .. } = &mut response {
            reports.extend(unreadable);
        }
        self.answer(seq, response);
    }

    fn begin(&self, seq: u64, progress: LoadProgress) {
        let mut reporting = Reporting {
            seq,
            tracker: Tracker::new(progress),
            posted_at: 0.0,
        };
        reporting.post(&self.scope, true);
        *self.reporting.borrow_mut() = Some(reporting);
    }

    /// `read` bytes of the opened files have been read; `name` is being read.
    fn reading(&self, name: &str, read: u64) {
        if let Some(r) = self.reporting.borrow_mut().as_mut() {
            let progress = &mut r.tracker.progress;
            let new_file = progress.file != name;
            progress.file = name.to_string();
            progress.bytes_read = read;
            r.post(&self.scope, new_file);
        }
    }

    fn answer(&self, seq: u64, mut response: Response) {
        if let Response::Dashboard(report) = &mut response {
            // Row numbers into this worker's tables, one per stalled deal (1.2 MB of JSON at a
            // million deals): of no use to the page, which shows `stalled_list`.
            if let Some(pipeline) = &mut report.pipeline {
                pipeline.stalled = Vec::new();
            }
        }
        post(&self.scope, &FromWorker::Response { seq, response });
    }
}

/// Reads `file` (`size` bytes) in chunks of [`CHUNK`], straight into one buffer of the right
/// size; `progress` gets the bytes read so far after each chunk.
fn read(file: &Blob, size: u64, mut progress: impl FnMut(u64)) -> Result<Vec<u8>, String> {
    let reader = FileReaderSync::new().map_err(|e| describe(&e))?;
    let len = usize::try_from(size).map_err(|_| "it is too large".to_string())?;
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(len)
        .map_err(|_| format!("there is not enough memory for {}", human_size(size)))?;
    let mut start = 0;
    progress(0);
    while start < size {
        let end = (start + CHUNK).min(size);
        let chunk = file
            .slice_with_f64_and_f64(start as f64, end as f64)
            .map_err(|e| describe(&e))?;
        let buffer = reader
            .read_as_array_buffer(&chunk)
            .map_err(|e| describe(&e))?;
        let view = Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + view.length() as usize, 0);
        view.copy_to(&mut bytes[at..]);
        start = end;
        progress(start);
    }
    Ok(bytes)
}

/// A thrown JS value in words.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}

/// Posts `message` to the page, with the size of this worker's memory.
fn post(scope: &DedicatedWorkerGlobalScope, message: &FromWorker) {
    let json = match serde_json::to_string(message) {
        Ok(json) => json,
        Err(error) => {
            let seq = match message {
                FromWorker::Response { seq, .. } | FromWorker::Progress { seq, .. } => *seq,
                _ => 0,
            };
            let refused = FromWorker::Refused {
                seq,
                message: format!("The answer could not be sent to the page ({error})."),
            };
            serde_json::to_string(&refused).unwrap_or_default()
        }
    };
    let out = Object::new();
    let _ = Reflect::set(&out, &"json".into(), &json.into());
    let memory = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    let _ = Reflect::set(&out, &"memory".into(), &memory.into());
    let _ = scope.post_message(&out);
}
