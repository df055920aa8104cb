//! The workers that read the tails of large files (wasm only): the engine worker starts two
//! (the same script, named [`TAIL_WORKER`]) once the demo is answered, asks them for the tail
//! of each large deals or orders file as a load begins, and joins each tail after the file's
//! head (`engine::ingest::split`), so that the two cores parse at once. They are started
//! ahead: a worker started by a worker does not start while its parent is busy.
//!
//! The first tail asked, the one the engine joins first, goes to the first tail worker. It is
//! ended as soon as its tail has come, so that its memory goes before the engine joins the
//! tail; only then is the second asked for the other tails (the two take turns on the core
//! beside the engine, and their memory never adds up).

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use engine::ingest::split::{self, Tail, TailImport, FIRST_BYTES};
use engine::ingest::ImportOptions;
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent, Worker, WorkerOptions};

use crate::protocol::human_size;
use crate::web::{describe, read};

/// Bytes of a tail read and imported at a time.
const PIECE: u64 = 16 << 20;

/// The name the tail worker is started with, which tells it apart.
pub const TAIL_WORKER: &str = "dealscope-tails";

/// A tail to read for load `seq`: the bytes of `name` from `start` to the end.
#[derive(Debug, Serialize, Deserialize)]
pub struct Job {
    pub seq: u64,
    pub name: String,
    pub start: u64,
    pub options: ImportOptions,
}

/// A tail read for load `seq`, or why not (`seq` is `None` when the tail worker failed). The
/// tail stays in the message's buffer until the load needs it ([`Done::tail`]): the tail
/// worker's memory can go first.
pub enum Done {
    Tail {
        seq: u64,
        name: String,
        bytes: Uint8Array,
    },
    Failed {
        seq: Option<u64>,
        why: String,
    },
}

impl Done {
    pub fn seq(&self) -> Option<u64> {
        match self {
            Done::Tail { seq, .. } => Some(*seq),
            Done::Failed { seq, .. } => *seq,
        }
    }

    /// The tail, read from its buffer into this worker's memory a piece at a time (so that
    /// the buffer need not be copied whole first), or why there is none.
    pub fn tail(self) -> Result<Tail, String> {
        match self {
            Done::Tail { bytes, .. } => Tail::from_reader(JsBytes { bytes, at: 0 }),
            Done::Failed { why, .. } => Err(why),
        }
    }
}

/// Whether this worker is the tail worker.
pub fn is_tail_worker(scope: &DedicatedWorkerGlobalScope) -> bool {
    scope.name() == TAIL_WORKER
}

/// The two tail workers, each until its tails have come.
pub struct Tails {
    first: Option<TailWorker>,
    second: Option<TailWorker>,
    /// The file whose tail the first reads, until it has come.
    first_due: Option<String>,
    /// The second's jobs, asked once the first is ended.
    later: Vec<Object>,
    /// The files whose tails the second reads, until they have come.
    second_due: Vec<String>,
}

/// A tail worker, and the messages posted before it listens (a worker drops the messages that
/// come while its wasm starts, so it says when it is ready).
struct TailWorker {
    worker: Worker,
    early: Rc<RefCell<Option<Vec<Object>>>>,
}

/// Starts the tail workers, which call `done` with each tail they read (or with a failure,
/// their own included).
pub fn spawn(
    scope: &DedicatedWorkerGlobalScope,
    done: impl FnMut(Done) + 'static,
) -> Result<Tails, String> {
    let done: Rc<RefCell<dyn FnMut(Done)>> = Rc::new(RefCell::new(done));
    Ok(Tails {
        first: Some(TailWorker::spawn(scope, done.clone())?),
        second: Some(TailWorker::spawn(scope, done)?),
        first_due: None,
        later: Vec::new(),
        second_due: Vec::new(),
    })
}

impl TailWorker {
    fn spawn(
        scope: &DedicatedWorkerGlobalScope,
        done: Rc<RefCell<dyn FnMut(Done)>>,
    ) -> Result<Self, String> {
        let options = WorkerOptions::new();
        options.set_name(TAIL_WORKER);
        let href = scope.location().href();
        let worker = Worker::new_with_options(&href, &options).map_err(|e| describe(&e))?;
        let early: Rc<RefCell<Option<Vec<Object>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let on_message = {
            let done = done.clone();
            let (worker, early) = (worker.clone(), early.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                if Reflect::get(&data, &"ready".into()).is_ok_and(|ready| ready.is_truthy()) {
                    for job in early.borrow_mut().take().unwrap_or_default() {
                        let _ = worker.post_message(&job);
                    }
                    return;
                }
                (done.borrow_mut())(received(&data));
            })
        };
        let on_error =
            Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                event.prevent_default();
                (done.borrow_mut())(Done::Failed {
                    seq: None,
                    why: format!("a tail worker failed: {}", event.message()),
                });
            });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // A tail worker lives as long as this one at most; so do its listeners.
        on_message.forget();
        on_error.forget();
        Ok(Self { worker, early })
    }

    /// Asks for a job, now or once the worker listens.
    fn ask(&self, job: &Object) -> Result<(), String> {
        match self.early.borrow_mut().as_mut() {
            Some(early) => {
                early.push(job.clone());
                Ok(())
            }
            None => self.worker.post_message(job).map_err(|e| describe(&e)),
        }
    }
}

impl Drop for TailWorker {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

impl Tails {
    /// Asks for the tail of `file`: the first worker for the first tail asked, the second for
    /// the others once the first is ended.
    pub fn ask(&mut self, job: &Job, file: &Blob) -> Result<(), String> {
        let json = serde_json::to_string(job).map_err(|e| e.to_string())?;
        let message = Object::new();
        let _ = Reflect::set(&message, &"json".into(), &json.into());
        let _ = Reflect::set(&message, &"file".into(), file);
        if self.first_due.is_none() && self.second_due.is_empty() {
            let first = self.first.as_ref().ok_or("the tail worker has ended")?;
            first.ask(&message)?;
            self.first_due = Some(job.name.clone());
        } else {
            self.second.as_ref().ok_or("the tail worker has ended")?;
            self.later.push(message);
            self.second_due.push(job.name.clone());
        }
        Ok(())
    }

    /// Notes that the tail of `name` came, ending its worker if that was its last (and then
    /// asking the second for its tails); true when no tail is due any more.
    pub fn came(&mut self, name: &str) -> Result<bool, String> {
        if self.first_due.as_deref() == Some(name) {
            self.first_due = None;
            self.first = None;
            let second = self.second.as_ref().ok_or("the tail worker has ended")?;
            for job in self.later.drain(..) {
                second.ask(&job)?;
            }
        } else if let Some(i) = self.second_due.iter().position(|due| due == name) {
            self.second_due.remove(i);
            if self.second_due.is_empty() {
                self.second = None;
            }
        }
        Ok(self.first_due.is_none() && self.second_due.is_empty())
    }
}

/// Bytes in a JS buffer, read into wasm memory a piece at a time.
struct JsBytes {
    bytes: Uint8Array,
    at: u32,
}

impl std::io::Read for JsBytes {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let end = self
            .bytes
            .length()
            .min(self.at.saturating_add(out.len() as u32));
        let n = (end - self.at) as usize;
        self.bytes.subarray(self.at, end).copy_to(&mut out[..n]);
        self.at = end;
        Ok(n)
    }
}

fn received(data: &JsValue) -> Done {
    let text = |key: &str| {
        Reflect::get(data, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let seq = Reflect::get(data, &"seq".into())
        .ok()
        .and_then(|seq| seq.as_f64())
        .map(|seq| seq as u64);
    let bytes = Reflect::get(data, &"bytes".into()).unwrap_or(JsValue::UNDEFINED);
    match (seq, bytes.is_undefined()) {
        (Some(seq), false) => Done::Tail {
            seq,
            name: text("name"),
            bytes: Uint8Array::new(&bytes),
        },
        (None, false) => Done::Failed {
            seq: None,
            why: "a tail came for no load".into(),
        },
        (seq, true) => Done::Failed {
            seq,
            why: text("error"),
        },
    }
}

/// A tail worker's message loop: reads each tail asked for and posts it back.
pub fn serve(scope: DedicatedWorkerGlobalScope) {
    let on_message = {
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let job = Reflect::get(&data, &"json".into())
                .ok()
                .and_then(|json| json.as_string())
                .and_then(|json| serde_json::from_str::<Job>(&json).ok());
            let file = Reflect::get(&data, &"file".into())
                .ok()
                .and_then(|file| file.dyn_into::<Blob>().ok());
            if let (Some(job), Some(file)) = (job, file) {
                answer(&scope, &job, tail(&job, &file));
            }
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &true.into());
    let _ = scope.post_message(&ready);
}

/// Reads the file's first bytes and its tail, and imports the tail a piece of [`PIECE`] bytes at
/// a time: only one piece's bytes are held at once. The tail is written straight into a JS
/// buffer, to be transferred: this worker's memory never holds it twice.
fn tail(job: &Job, file: &Blob) -> Result<Uint8Array, String> {
    let size = file.size() as u64;
    let first = read(file, 0..size.min(FIRST_BYTES as u64), |_| {})?;
    let first = split::whole_lines(&first);
    let len = size.saturating_sub(job.start);
    let mut import = TailImport::new(&job.name, first, job.start, len, &job.options)?;
    let mut at = job.start;
    while at < size {
        let end = (at + PIECE).min(size);
        let bytes = read(file, at..end, |_| {})?;
        let last = end == size;
        let piece = if last {
            &bytes[..]
        } else {
            split::whole_lines(&bytes)
        };
        if piece.is_empty() {
            return Err(format!("a line is longer than {}", human_size(PIECE)));
        }
        import.add(piece, last)?;
        at += piece.len() as u64;
    }
    let tail = import.finish()?;
    let size = u32::try_from(tail.size()?).map_err(|_| "the tail is too large".to_string())?;
    let bytes = Uint8Array::new_with_length(size);
    let out = JsWriter {
        bytes: bytes.clone(),
        at: 0,
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    tail.write_into(&mut out)?;
    out.flush().map_err(|e| e.to_string())?;
    Ok(bytes)
}

/// Writes into a JS buffer, a piece at a time.
struct JsWriter {
    bytes: Uint8Array,
    at: u32,
}

impl std::io::Write for JsWriter {
    fn write(&mut self, piece: &[u8]) -> std::io::Result<usize> {
        let end = self
            .bytes
            .length()
            .min(self.at.saturating_add(piece.len() as u32));
        let n = (end - self.at) as usize;
        if n == 0 && !piece.is_empty() {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        self.bytes.subarray(self.at, end).copy_from(&piece[..n]);
        self.at = end;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn answer(scope: &DedicatedWorkerGlobalScope, job: &Job, result: Result<Uint8Array, String>) {
    let message = Object::new();
    let _ = Reflect::set(&message, &"seq".into(), &(job.seq as f64).into());
    let _ = Reflect::set(&message, &"name".into(), &job.name.as_str().into());
    let transfer = Array::new();
    match result {
        Ok(bytes) => {
            let buffer = bytes.buffer();
            let _ = Reflect::set(&message, &"bytes".into(), &buffer);
            transfer.push(&buffer);
        }
        Err(why) => {
            let _ = Reflect::set(&message, &"error".into(), &why.into());
        }
    }
    let _ = scope.post_message_with_transfer(&message, &transfer);
}
