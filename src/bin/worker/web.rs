//! The worker's message loop (wasm only).

use std::cell::RefCell;
use std::rc::Rc;

use engine::api::{Engine, LoadStep, Query, Request, Response};
use engine::ingest::split::{self as parts, Head, MIN_SPLIT_BYTES};
use engine::ingest::{ImportOptions, ImportReport, InputFile};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

use crate::garbage;
use crate::progress::Tracker;
use crate::protocol::{human_size, too_large, FromWorker, LoadProgress, Phase, ToWorker};
use crate::reader::{append, Piece, Reader};
use crate::split::{self, Done, Job};

/// Bytes read from a file at a time when this worker reads it itself (files loaded before,
/// and any file when there is no reader).
const CHUNK: u64 = 8 << 20;
/// The least time between two progress messages.
const PROGRESS_EVERY_MS: f64 = 50.0;
/// How many times the demo's dashboard is computed again once it is answered (`Worker::prime`),
/// and how long after the answer the first time (the page is drawing the demo until then).
const PRIME_ROUNDS: u32 = 40;
const PRIME_AFTER_MS: i32 = 500;
/// Of those rounds, how often the demo is imported again too.
const IMPORT_EVERY: u32 = 10;

pub fn start() {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    if split::is_tail_worker(&scope) {
        split::serve(scope);
        return;
    }
    let reporting: Rc<RefCell<Option<Reporting>>> = Rc::default();

    let mut engine = Engine::new();
    {
        let scope = scope.clone();
        let reporting = reporting.clone();
        engine.on_progress(move |file, p| {
            if let Some(r) = reporting.borrow_mut().as_mut() {
                r.tracker
                    .parsed(p.file, &file.name, &file.bytes, p.fraction);
                r.post(&scope, false);
            }
        });
    }
    let worker = Worker {
        report: Reporter { scope, reporting },
        engine,
        loaded: Vec::new(),
        warm: None,
        page_idle: false,
        tails: None,
        reader: None,
        me: std::rc::Weak::new(),
        arrived: Vec::new(),
        waiting: None,
        queued: Vec::new(),
    };
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let worker = Rc::new(RefCell::new(worker));
    worker.borrow_mut().me = Rc::downgrade(&worker);
    let on_message = {
        let worker = worker.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            worker.borrow_mut().receive(&event.data());
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page wants it; so does its listener.
    on_message.forget();
    post(&scope, &FromWorker::Ready);
    // The page opens on the demo data with the default query, and is still starting (its wasm
    // is larger): prepare both meanwhile. Messages wait until this is done.
    worker.borrow_mut().warm_up();
}

struct Worker {
    report: Reporter,
    engine: Engine,
    /// The user's files the engine holds (none on the demo data). Their bytes are released
    /// after each import, so that queries use that memory, and read again from here when an
    /// import needs them.
    loaded: Vec<Loaded>,
    /// Answers prepared before the page asked (`Warm`); dropped at the first other request.
    warm: Option<Warm>,
    /// The page has drawn its first dashboard (`ToWorker::Idle`).
    page_idle: bool,
    /// The workers that read the tails of large files (`split`), started once the page has
    /// drawn the demo.
    tails: Option<split::Tails>,
    /// The worker that reads the files of a load ahead of the engine (`reader`), started with
    /// the tail workers; without it, each file is read when the engine reaches it.
    reader: Option<Reader>,
    /// This worker, for the tail workers' answers and the reader's pieces.
    me: std::rc::Weak<RefCell<Worker>>,
    /// Tails read and not yet joined.
    arrived: Vec<Done>,
    /// The load under way while it waits for a tail.
    waiting: Option<Waiting>,
    /// The page's messages that came meanwhile, answered after it.
    queued: Vec<JsValue>,
}

/// A load of the page's files, from the first byte read to its answer.
struct Waiting {
    seq: u64,
    /// Files loaded before and kept, and the files opened.
    kept: Vec<Loaded>,
    opened: Vec<Loaded>,
    unreadable: Vec<(String, String)>,
    /// The files opened whose bytes the engine has not been given yet, in its order.
    later: Vec<Later>,
    /// The files read in two parts: their heads, until the engine starts.
    heads: Vec<Head>,
    /// Whether files are read in two parts.
    split: bool,
    /// Whether the engine has started on the load (it starts once the first file is read).
    started: bool,
    /// Where the engine waits for a tail or for a file's bytes, to go on once they come.
    resume: Option<LoadStep>,
    /// A file's bytes, copied in, for the engine to parse in the next task: V8 collects the
    /// garbage asked for as they were copied in (`garbage`) in tasks of this thread, which a
    /// parse of hundreds of ms would otherwise hold off (the renderer's peak in a 1M load was
    /// 16 MB lower in the median of eight pairs).
    ready: Option<(String, Vec<u8>)>,
}

/// A file of a load that the engine reaches later: its first `end` bytes (all, or its head),
/// `offset` bytes of the load being before them, and its read ahead, once asked for.
struct Later {
    file: Loaded,
    end: u64,
    offset: u64,
    ahead: Option<Ahead>,
}

impl Later {
    /// Asks `reader` for the file's bytes.
    fn ask(&self, reader: &mut Reader) -> Ahead {
        match reader.ask(&self.file.file, 0..self.end) {
            Ok(id) => Ahead::Reading {
                id,
                pieces: Vec::new(),
                read: 0,
            },
            Err(why) => Ahead::Failed(why),
        }
    }
}

/// A file's read by the reader. Its pieces stay in JS memory until the engine reaches the
/// file: copied in earlier, they would take wasm memory (which never shrinks) while the engine
/// still joins the tail before.
enum Ahead {
    /// Read `id`, the pieces come so far and their bytes.
    Reading {
        id: u32,
        pieces: Vec<Uint8Array>,
        read: u64,
    },
    Read(Vec<Uint8Array>),
    Failed(String),
}

/// Answers computed before the page asks: at start, to `LoadDemo` and the default query; after
/// a load, to the query asked last.
struct Warm {
    loaded: Option<Response>,
    query: Query,
    dashboard: Option<Response>,
}

/// A loaded file: its name and its contents on disk (a `File`, or a `Blob` the page made).
#[derive(Clone)]
struct Loaded {
    name: String,
    size: u64,
    file: Blob,
}

/// Posts messages to the page, and the progress of the load under way.
struct Reporter {
    scope: DedicatedWorkerGlobalScope,
    /// Shared with the engine's progress callback.
    reporting: Rc<RefCell<Option<Reporting>>>,
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

impl Reporter {
    fn post(&self, message: &FromWorker) {
        post(&self.scope, message);
    }

    /// Starts reporting the load `seq`.
    fn begin(&self, seq: u64, progress: LoadProgress) {
        let mut reporting = Reporting {
            seq,
            tracker: Tracker::new(progress),
            posted_at: 0.0,
        };
        reporting.post(&self.scope, true);
        *self.reporting.borrow_mut() = Some(reporting);
    }

    /// `read` bytes of the files to read have been read; `name` is being read.
    fn reading(&self, name: &str, read: u64) {
        if let Some(r) = self.reporting.borrow_mut().as_mut() {
            let progress = &mut r.tracker.progress;
            let new_file = progress.file != name;
            progress.file = name.to_string();
            progress.bytes_read = read;
            r.post(&self.scope, new_file);
        }
    }

    /// Reading is done; the engine parses next.
    fn parsing(&self) {
        if let Some(r) = self.reporting.borrow_mut().as_mut() {
            r.tracker.progress.phase = Phase::Parsing;
            r.post(&self.scope, true);
        }
    }

    fn end(&self) {
        self.reporting.borrow_mut().take();
    }

    fn answer(&self, seq: u64, mut response: Response) {
        if let Response::Dashboard(report) = &mut response {
            // Row numbers into this worker's tables, one per stalled deal (1.2 MB of JSON at a
            // million deals): of no use to the page, which shows `stalled_list`.
            if let Some(pipeline) = &mut report.pipeline {
                pipeline.stalled = Vec::new();
            }
        }
        self.post(&FromWorker::Response { seq, response });
    }
}

impl Worker {
    fn warm_up(&mut self) {
        let loaded = self.engine.handle(Request::LoadDemo);
        self.prepare_dashboard(Some(loaded));
    }

    /// Computes the dashboard of the query asked last (the default one at start), on the
    /// tables just loaded, before the page asks for it (it does as it takes the import
    /// report): the page waits one round trip less. `loaded` is the load's answer when it
    /// waits too (the demo's, at start).
    fn prepare_dashboard(&mut self, loaded: Option<Response>) {
        let query = self.engine.query().clone();
        let dashboard = self.engine.handle(Request::Query(query.clone()));
        self.warm = Some(Warm {
            loaded,
            query,
            dashboard: Some(dashboard),
        });
    }

    /// The prepared answer to `request`, if there is one; any other request ends the warm-up.
    fn warm_answer(&mut self, request: &Request) -> Option<Response> {
        let warm = self.warm.as_mut()?;
        let answer = match request {
            Request::LoadDemo => warm.loaded.take(),
            Request::Query(query) if *query == warm.query && warm.loaded.is_none() => {
                warm.dashboard.take()
            }
            _ => None,
        };
        if answer.is_none() || (warm.loaded.is_none() && warm.dashboard.is_none()) {
            self.warm = None;
        }
        answer
    }

    fn receive(&mut self, data: &JsValue) {
        if self.waiting.is_some() {
            self.queued.push(data.clone());
            return;
        }
        let message = Reflect::get(data, &"json".into())
            .ok()
            .and_then(|json| json.as_string())
            .and_then(|json| serde_json::from_str::<ToWorker>(&json).ok());
        match message {
            Some(ToWorker::Request { seq, request }) => self.request(seq, request),
            Some(ToWorker::Idle) => self.page_idle = true,
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
        if self.page_idle && self.warm.is_none() && self.waiting.is_none() {
            // Started between requests, once the page has drawn the demo: a worker started by
            // a busy worker would not start until it is idle (`split`), and starting three
            // took the cores from the page's first drawing.
            self.start_tails();
        }
    }

    /// Computes the demo's dashboard `rounds` times more, a round per task from `after_ms` on,
    /// while the engine holds the demo and no load is under way. V8 runs a wasm function in
    /// baseline code until it has run for a while, and moves to optimised code only at its next
    /// call; each metric is called once per query, so the first dashboard of a large load would
    /// scan all its rows in baseline code. Rounds on the small demo get them optimised first:
    /// the first dashboard of 1M deals took 395–473 ms in Chromium, against 571–689 ms without
    /// (the same query again: about 300–450 ms). The same holds for the import, so every
    /// [`IMPORT_EVERY`] rounds also imports the demo again ([`prime_import`]).
    fn prime(&self, rounds: u32, after_ms: i32) {
        if rounds == 0 {
            return;
        }
        self.after(after_ms, move |worker| {
            if !worker.loaded.is_empty() || worker.waiting.is_some() {
                return;
            }
            let query = worker.engine.query().clone();
            drop(worker.engine.report(&query));
            if rounds.is_multiple_of(IMPORT_EVERY) {
                prime_import(worker.engine.files());
            }
            worker.prime(rounds - 1, 0);
        });
    }

    /// Calls `then` in a task of its own, `after_ms` from now.
    fn after(&self, after_ms: i32, then: impl FnOnce(&mut Worker) + 'static) {
        let me = self.me.clone();
        let next = Closure::once_into_js(move || {
            if let Some(worker) = me.upgrade() {
                then(&mut worker.borrow_mut());
            }
        });
        let _ = self
            .report
            .scope
            .set_timeout_with_callback_and_timeout_and_arguments_0(next.unchecked_ref(), after_ms);
    }

    fn request(&mut self, seq: u64, request: Request) {
        if let Some(response) = self.warm_answer(&request) {
            self.report.answer(seq, response);
            if self.warm.is_none() {
                self.prime(PRIME_ROUNDS, PRIME_AFTER_MS);
            }
            return;
        }
        match request {
            Request::LoadDemo => self.loaded.clear(),
            Request::SetImportOptions(options) if !self.loaded.is_empty() => {
                // The user's files are loaded again, as when they were opened: read ahead and
                // in two parts, each file's bytes freed once imported. Read whole into memory
                // first (as before), the files of a 1M load took the tab to 515 MB.
                self.engine.set_options(options);
                let (names, files) = self
                    .loaded
                    .iter()
                    .map(|f| (f.name.clone(), f.file.clone()))
                    .unzip();
                return self.open(seq, names, files);
            }
            _ => {}
        }
        let response = self.engine.handle(request);
        self.report.answer(seq, response);
    }

    /// Reads `files` (loaded before, their bytes released) and gives their bytes back to the
    /// engine; `offset` bytes were read before them. Returns the files that could not be read,
    /// with why.
    fn read_again(&mut self, files: &[Loaded], mut offset: u64) -> Vec<(String, String)> {
        let mut unreadable = Vec::new();
        for file in files {
            let reading = |done: u64| self.report.reading(&file.name, offset + done);
            match read(&file.file, 0..file.size, reading) {
                Ok(bytes) => self.engine.restore_bytes(&file.name, bytes),
                Err(reason) => unreadable.push((file.name.clone(), reason)),
            }
            offset += file.size;
        }
        unreadable
    }

    /// Reads `files` in chunks into the engine's memory and loads them, with the files loaded
    /// before (read again, unless a new file of the same name replaces them). The first new
    /// file is read now, each other one when the engine reaches it, into the memory of the
    /// files imported before.
    fn open(&mut self, seq: u64, names: Vec<String>, files: Vec<Blob>) {
        self.warm = None;
        let new: Vec<Loaded> = names
            .into_iter()
            .zip(files)
            .map(|(name, file)| Loaded {
                name,
                size: file.size() as u64,
                file,
            })
            .collect();
        let kept: Vec<Loaded> = self
            .loaded
            .iter()
            .filter(|old| !new.iter().any(|f| f.name == old.name))
            .cloned()
            .collect();
        let total: u64 = kept.iter().chain(&new).map(|f| f.size).sum();
        // Refused before a byte is read: a tab out of memory would lose everything.
        if let Some(message) = too_large(total, !kept.is_empty()) {
            self.report.post(&FromWorker::Refused { seq, message });
            return;
        }

        self.report.begin(
            seq,
            LoadProgress {
                file: new.first().map(|f| f.name.clone()).unwrap_or_default(),
                bytes_total: total,
                parse_total: total,
                ..LoadProgress::default()
            },
        );
        let unreadable = self.read_again(&kept, 0);
        let starts = self.plan(seq, &kept, &new);
        let mut offset: u64 = kept.iter().map(|f| f.size).sum();
        let mut heads = Vec::new();
        let mut later = Vec::with_capacity(new.len());
        for (file, start) in new.into_iter().zip(starts) {
            let size = file.size;
            if let Some(start) = start {
                heads.push(Head {
                    name: file.name.clone(),
                    start,
                    size,
                });
            }
            later.push(Later {
                end: start.unwrap_or(size),
                offset,
                file,
                ahead: None,
            });
            offset += size;
        }
        self.waiting = Some(Waiting {
            seq,
            kept,
            opened: Vec::with_capacity(later.len()),
            unreadable,
            later,
            split: !heads.is_empty(),
            heads,
            started: false,
            resume: None,
            ready: None,
        });
        self.read_ahead();
        self.begin();
    }

    /// Starts the engine on the load once its first file that can be read is read (now, or
    /// when the reader has it). A load none of whose files can be read is refused, and the
    /// data loaded before stays.
    fn begin(&mut self) {
        loop {
            let Some(waiting) = &self.waiting else { return };
            if waiting.started {
                return;
            }
            if waiting.later.is_empty() {
                return self.refuse();
            }
            let Some(read) = self.take_read(0) else {
                return;
            };
            let Some(waiting) = &mut self.waiting else {
                return;
            };
            let first = waiting.later.remove(0);
            let bytes = match read {
                Ok(bytes) => bytes,
                Err(reason) => {
                    waiting.heads.retain(|head| head.name != first.file.name);
                    waiting.unreadable.push((first.file.name, reason));
                    continue;
                }
            };
            let mut inputs = vec![InputFile {
                name: first.file.name.clone(),
                bytes,
            }];
            waiting.opened.push(first.file);
            for later in &waiting.later {
                inputs.push(InputFile {
                    name: later.file.name.clone(),
                    bytes: Vec::new(),
                });
                waiting.opened.push(later.file.clone());
            }
            let names = waiting.later.iter().map(|l| l.file.name.clone()).collect();
            let heads = std::mem::take(&mut waiting.heads);
            waiting.started = true;
            self.report.parsing();
            self.read_ahead();
            let step = self.engine.load_in_parts(inputs, heads, names);
            return self.drive(step);
        }
    }

    /// Refuses the load under way, none of whose files could be read.
    fn refuse(&mut self) {
        let Some(waiting) = self.waiting.take() else {
            return;
        };
        self.report.end();
        self.engine.release_bytes();
        let why: Vec<String> = waiting
            .unreadable
            .iter()
            .map(|(name, reason)| format!("{name}: {reason}"))
            .collect();
        let message = format!(
            "Nothing was loaded: this browser could not read {}.",
            why.join("; ")
        );
        self.report.post(&FromWorker::Refused {
            seq: waiting.seq,
            message,
        });
        self.after_load(waiting.split);
    }

    /// Asks the reader for the files the engine reaches next: the first two before it starts,
    /// then the one after the file it parses (only that much waits in JS memory).
    fn read_ahead(&mut self) {
        let (Some(waiting), Some(reader)) = (&mut self.waiting, &mut self.reader) else {
            return;
        };
        let ahead = if waiting.started { 1 } else { 2 };
        for later in waiting.later.iter_mut().take(ahead) {
            if later.ahead.is_none() {
                later.ahead = Some(later.ask(reader));
            }
        }
    }

    /// The bytes of the `i`th file of `later` (or why it cannot be read), read now when there
    /// is no reader; `None` while the reader reads it (asked now if it was not yet: the engine
    /// skips a file that a later one of the same name replaces).
    fn take_read(&mut self, i: usize) -> Option<Result<Vec<u8>, String>> {
        let waiting = self.waiting.as_mut()?;
        // A buffer given back to the reader is kept until it reads again: given only while a
        // read is under way or to come.
        let more = waiting.later.iter().enumerate().any(|(j, later)| {
            j != i && !matches!(later.ahead, Some(Ahead::Read(_) | Ahead::Failed(_)))
        });
        let later = waiting.later.get_mut(i)?;
        if let (None, Some(reader)) = (&later.ahead, &mut self.reader) {
            later.ahead = Some(later.ask(reader));
        }
        match later.ahead.take() {
            Some(Ahead::Read(pieces)) => {
                let bytes = gather(&pieces, later.end);
                if let (true, Some(reader), Some(piece)) = (more, &self.reader, pieces.first()) {
                    reader.give(piece);
                }
                Some(bytes)
            }
            Some(Ahead::Failed(why)) => Some(Err(why)),
            reading @ Some(Ahead::Reading { .. }) => {
                later.ahead = reading;
                None
            }
            None => {
                let (file, end, offset) = (later.file.clone(), later.end, later.offset);
                let reading = |done: u64| self.report.reading(&file.name, offset + done);
                Some(read(&file.file, 0..end, reading))
            }
        }
    }

    /// A piece of a file read ahead came from the reader (or the read failed).
    fn piece(&mut self, piece: Piece) {
        if let Piece::Failed { id: None, why } = &piece {
            // The reader is gone: what it had not read is read when the engine reaches it, and
            // the tail workers, which read with it, can read no more.
            self.reader = None;
            if self.tails.take().is_some() && self.waiting.is_some() {
                self.arrived.push(Done::Failed {
                    seq: None,
                    why: why.clone(),
                });
            }
        }
        let Some(waiting) = &mut self.waiting else {
            return;
        };
        let reading = |id: u32| move |later: &&mut Later| matches!(later.ahead, Some(Ahead::Reading { id: i, .. }) if i == id);
        match piece {
            Piece::Read { id, bytes, last } => {
                let Some(later) = waiting.later.iter_mut().find(reading(id)) else {
                    return;
                };
                let Some(Ahead::Reading { pieces, read, .. }) = &mut later.ahead else {
                    return;
                };
                *read += u64::from(bytes.length());
                pieces.push(bytes);
                self.report.reading(&later.file.name, later.offset + *read);
                if last {
                    later.ahead = Some(Ahead::Read(std::mem::take(pieces)));
                }
            }
            Piece::Failed { id: Some(id), why } => {
                if let Some(later) = waiting.later.iter_mut().find(reading(id)) {
                    later.ahead = Some(Ahead::Failed(why));
                }
            }
            Piece::Failed { id: None, .. } => {
                for later in &mut waiting.later {
                    if matches!(later.ahead, Some(Ahead::Reading { .. })) {
                        later.ahead = None;
                    }
                }
            }
        }
        self.go_on();
    }

    /// Goes on with the load under way, if what it waits for has come.
    fn go_on(&mut self) {
        let Some(waiting) = &mut self.waiting else {
            return;
        };
        if !waiting.started {
            return self.begin();
        }
        if let Some(step) = waiting.resume.take() {
            self.drive(step);
        }
    }

    /// Where to cut each of the `new` files (loaded after `kept`) so that the tail workers read
    /// the tails of the large ones meanwhile, asking them for them; `None` for a file read whole.
    fn plan(&mut self, seq: u64, kept: &[Loaded], new: &[Loaded]) -> Vec<Option<u64>> {
        let mut starts = vec![None; new.len()];
        // Only tail workers started before: one started now would not run until this load is
        // done (`split`).
        if new.iter().all(|f| f.size < MIN_SPLIT_BYTES) || self.tails.is_none() {
            return starts;
        }
        let options = self.engine.options().clone();
        let part = |file: &Loaded, start: u64, len: u64| {
            read(&file.file, start..(start + len).min(file.size), |_| {}).ok()
        };
        let sizes: Vec<(u64, bool)> = kept
            .iter()
            .map(|f| (f.size, false))
            .chain(new.iter().map(|f| {
                let splittable = f.size >= MIN_SPLIT_BYTES
                    && part(f, 0, parts::FIRST_BYTES as u64)
                        .is_some_and(|first| parts::splittable(&f.name, &first, &options));
                (f.size, splittable)
            }))
            .collect();
        let cuts = parts::plan(&sizes);
        let mut jobs = Vec::new();
        for (i, (file, cut)) in new.iter().zip(&cuts[kept.len()..]).enumerate() {
            let Some(at) = *cut else { continue };
            let Some(window) = part(file, at, 1 << 16) else {
                continue;
            };
            if let Some(at) = parts::split_point(&window, at) {
                jobs.push((i, at));
            }
        }
        for (i, at) in jobs {
            let job = Job {
                seq,
                name: new[i].name.clone(),
                start: at,
                options: options.clone(),
            };
            if let Some(tails) = &mut self.tails {
                if tails.ask(&job, &new[i].file).is_ok() {
                    starts[i] = Some(at);
                }
            }
        }
        starts
    }

    /// Starts the tail workers unless they run, and the reader unless it runs.
    fn start_tails(&mut self) {
        if self.reader.is_none() {
            let me = self.me.clone();
            self.reader = Reader::spawn(&self.report.scope, move |piece| {
                if let Some(worker) = me.upgrade() {
                    worker.borrow_mut().piece(piece);
                }
            })
            .ok();
        }
        if let (None, Some(reader)) = (&self.tails, &self.reader) {
            let me = self.me.clone();
            let scope = &self.report.scope;
            self.tails = split::spawn(scope, reader, move |done| {
                if let Some(worker) = me.upgrade() {
                    worker.borrow_mut().tail_arrived(done);
                }
            })
            .ok();
        }
    }

    /// A tail (or a failure) came from a tail worker.
    fn tail_arrived(&mut self, done: Done) {
        let Some(waiting) = &mut self.waiting else {
            return;
        };
        if done.seq() != Some(waiting.seq) && !matches!(done, Done::Failed { seq: None, .. }) {
            return;
        }
        if let (Done::Tail { name, .. }, Some(tails)) = (&done, &mut self.tails) {
            // A tail worker whose tails have come is ended now, before its tails are joined
            // here, so that its memory goes first (fresh ones start once the load is answered).
            match tails.came(name) {
                Ok(true) => self.tails = None,
                Ok(false) => {}
                Err(why) => self.arrived.push(Done::Failed {
                    seq: Some(waiting.seq),
                    why,
                }),
            }
        }
        self.arrived.push(done);
        self.go_on();
    }

    /// Takes a load on from `step` until it is done or waits for a tail or for bytes not yet
    /// read.
    fn drive(&mut self, mut step: LoadStep) {
        loop {
            step = match step {
                LoadStep::Done(response) => return self.finish_load(response),
                LoadStep::Whole(_) => LoadStep::Done(self.load_whole()),
                LoadStep::NeedBytes(name) => match self.read_later(&name) {
                    Some(step) => step,
                    None => return self.wait(LoadStep::NeedBytes(name)),
                },
                LoadStep::NeedTail(name) => {
                    let at = self.arrived.iter().position(|done| match done {
                        Done::Tail { name: tail, .. } => *tail == name,
                        Done::Failed { .. } => true,
                    });
                    let Some(at) = at else {
                        return self.wait(LoadStep::NeedTail(name));
                    };
                    match self.arrived.remove(at).tail() {
                        Ok(tail) => self.engine.append_tail(tail),
                        Err(why) => LoadStep::Whole(why),
                    }
                }
            };
        }
    }

    /// The engine waits at `step` until what it needs comes.
    fn wait(&mut self, step: LoadStep) {
        if let Some(waiting) = &mut self.waiting {
            waiting.resume = Some(step);
        }
    }

    /// Gives the engine, which has reached the file `name` of the load, its bytes (none if it
    /// cannot be read: the import report then says why); `None` while the reader reads them,
    /// and for one task once they are copied in (`Waiting::ready`).
    fn read_later(&mut self, name: &str) -> Option<LoadStep> {
        let ready = self
            .waiting
            .as_mut()?
            .ready
            .take_if(|(file, _)| file == name);
        if let Some((_, bytes)) = ready {
            return Some(self.engine.give_bytes(name, bytes));
        }
        let Some(i) = self
            .waiting
            .as_ref()
            .and_then(|w| w.later.iter().position(|l| l.file.name == name))
        else {
            return Some(LoadStep::Whole(format!("{name} was not opened")));
        };
        let read = self.take_read(i)?;
        let waiting = self.waiting.as_mut()?;
        let later = waiting.later.remove(i);
        let bytes = read.unwrap_or_else(|reason| {
            waiting.unreadable.push((later.file.name, reason));
            Vec::new()
        });
        waiting.ready = Some((name.to_string(), bytes));
        self.read_ahead();
        self.after(0, Worker::go_on);
        None
    }

    /// Loads the files whole, when their parts cannot be joined: every file of the load is
    /// read again (the engine frees each file's bytes once it is imported).
    fn load_whole(&mut self) -> Response {
        self.arrived.clear();
        let files: Vec<Loaded> = self
            .waiting
            .as_ref()
            .map(|w| w.kept.iter().chain(&w.opened).cloned().collect())
            .unwrap_or_default();
        let mut inputs = Vec::with_capacity(files.len());
        for file in files {
            match read(&file.file, 0..file.size, |_| {}) {
                Ok(bytes) => inputs.push(InputFile {
                    name: file.name,
                    bytes,
                }),
                Err(reason) => {
                    if let Some(waiting) = &mut self.waiting {
                        waiting.unreadable.push((file.name, reason));
                    }
                }
            }
        }
        self.engine.handle(Request::Load(inputs))
    }

    /// Answers the load under way, then the messages that came meanwhile.
    fn finish_load(&mut self, mut response: Response) {
        let Some(waiting) = self.waiting.take() else {
            return;
        };
        self.engine.release_bytes();
        self.report.end();
        self.loaded = waiting.kept;
        self.loaded.extend(waiting.opened);
        note_unreadable(&mut response, &waiting.unreadable);
        self.report.answer(waiting.seq, response);
        self.prepare_dashboard(None);
        self.after_load(waiting.split);
    }

    /// After a load, answered or refused: fresh tail workers if it split files, then the
    /// messages that came meanwhile.
    fn after_load(&mut self, split: bool) {
        self.arrived.clear();
        if split {
            // The memory of any tail worker left goes with it.
            self.tails = None;
            self.start_tails();
        }
        for data in std::mem::take(&mut self.queued) {
            self.receive(&data);
        }
    }
}

/// An empty buffer with room for `len` bytes, or why there is none.
fn room_for(len: u64) -> Result<Vec<u8>, String> {
    let exact = usize::try_from(len).map_err(|_| "it is too large".to_string())?;
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(exact)
        .map_err(|_| format!("there is not enough memory for {}", human_size(len)))?;
    Ok(bytes)
}

/// The `len` bytes of `pieces` in one buffer of this worker's memory. The pieces came in
/// messages: their memory goes at the collection asked for here (`garbage`).
fn gather(pieces: &[Uint8Array], len: u64) -> Result<Vec<u8>, String> {
    let mut bytes = room_for(len)?;
    for piece in pieces {
        append(&mut bytes, piece);
    }
    garbage::collect_soon();
    Ok(bytes)
}

/// Says in the import report which files this browser could not read (a file read again that
/// fails would otherwise read as empty; a new one would be missing).
fn note_unreadable(response: &mut Response, unreadable: &[(String, String)]) {
    let Response::Loaded { reports, .. } = response else {
        return;
    };
    for (name, reason) in unreadable {
        let error = format!("This browser could not read the file: {reason}");
        match reports.iter_mut().find(|r| r.file == *name) {
            Some(report) => {
                *report = ImportReport::new(name);
                report.error = Some(error);
            }
            None => {
                let mut report = ImportReport::new(name);
                report.error = Some(error);
                reports.push(report);
            }
        }
    }
}

/// Reads the bytes `range` of `file` in chunks of [`CHUNK`], straight into one buffer of the
/// right size; `progress` gets the bytes read so far after each chunk.
pub fn read(
    file: &Blob,
    range: std::ops::Range<u64>,
    mut progress: impl FnMut(u64),
) -> Result<Vec<u8>, String> {
    let reader = FileReaderSync::new().map_err(|e| describe(&e))?;
    let size = range.end.saturating_sub(range.start);
    let mut bytes = room_for(size)?;
    let mut start = range.start;
    progress(0);
    while start < range.end {
        let end = (start + CHUNK).min(range.end);
        let chunk = file
            .slice_with_f64_and_f64(start as f64, end as f64)
            .map_err(|e| describe(&e))?;
        let buffer = reader
            .read_as_array_buffer(&chunk)
            .map_err(|e| describe(&e))?;
        append(&mut bytes, &Uint8Array::new(&buffer));
        start = end;
        progress(start - range.start);
    }
    Ok(bytes)
}

/// A thrown JS value in words.
pub fn describe(error: &JsValue) -> String {
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

/// Imports `files` (the demo's, which the engine holds) again, split as a large load is and
/// thrown away: a large load calls the import's loop over a file's rows and each join once,
/// and V8 runs a wasm function in baseline code until a call after it has run for a while.
fn prime_import(files: &[InputFile]) {
    let cuts = [("deals.csv", 0.5), ("orders.csv", 0.5)];
    let options = ImportOptions::default();
    drop(parts::import_in_parts(files, &cuts, &options, |_| {}));
}
