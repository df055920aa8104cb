//! The workers that read the tails of large files (wasm only): the engine worker starts two
//! (the same script, named [`TAIL_WORKER`]) once the page has drawn the demo, asks them for
//! the tail of each large deals or orders file as a load begins, and joins each tail after the
//! file's head (`engine::ingest::split`), so that the two cores parse at once. They are started
//! ahead: a worker started by a worker does not start while its parent is busy.
//!
//! The first tail asked, the one the engine joins first, goes to the first tail worker. It is
//! ended as soon as its tail has come, so that its memory goes before the engine joins the
//! tail; only then is the second asked for the other tails (the two take turns on the core
//! beside the engine, and their memory never adds up).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Write;
use std::rc::Rc;

use engine::ingest::split::{self, Tail, TailImport, FIRST_BYTES};
use engine::ingest::ImportOptions;
use js_sys::{Array, Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessagePort};

use crate::garbage;
use crate::helper::{self, Helper};
use crate::protocol::human_size;
use crate::reader::{append, Piece, Reader};
use crate::web::read;

/// Bytes of a tail read, then imported, at a time. 8 MB rather than 16: the renderer's peak, as
/// the first tail worker finishes, was 15–25 MB lower (sampled every 10 ms).
const PIECE: u64 = 8 << 20;

/// Room in a tail worker's buffer for the line a piece cuts, carried to the next piece.
const LINE_ROOM: usize = 1 << 16;

/// The name the tail worker is started with, which tells it apart.
pub const TAIL_WORKER: &str = "dealscope-tails";

/// A tail to read for load `seq`: the bytes of `name` from `start` to the end.
#[derive(Clone, Debug, Serialize, Deserialize)]
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
    /// the buffer need not be copied whole first), or why there is none. The buffer came in a
    /// message: its memory goes at the collection asked for here (`garbage`).
    pub fn tail(self) -> Result<Tail, String> {
        match self {
            Done::Tail { bytes, .. } => {
                let tail = Tail::from_reader(JsBytes { bytes, at: 0 });
                garbage::collect_soon();
                tail
            }
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
    first: Option<Helper>,
    second: Option<Helper>,
    /// The file whose tail the first reads, until it has come.
    first_due: Option<String>,
    /// The second's jobs, asked once the first is ended.
    later: Vec<Object>,
    /// The files whose tails the second reads, until they have come.
    second_due: Vec<String>,
}

/// Starts the tail workers, which read with `reader` and call `done` with each tail they
/// read (or with a failure, their own included).
pub fn spawn(
    scope: &DedicatedWorkerGlobalScope,
    reader: &Reader,
    done: impl FnMut(Done) + 'static,
) -> Result<Tails, String> {
    let done: Rc<RefCell<dyn FnMut(Done)>> = Rc::new(RefCell::new(done));
    Ok(Tails {
        first: Some(spawn_one(scope, reader, done.clone())?),
        second: Some(spawn_one(scope, reader, done)?),
        first_due: None,
        later: Vec::new(),
        second_due: Vec::new(),
    })
}

fn spawn_one(
    scope: &DedicatedWorkerGlobalScope,
    reader: &Reader,
    done: Rc<RefCell<dyn FnMut(Done)>>,
) -> Result<Helper, String> {
    let failed = done.clone();
    let helper = Helper::spawn(
        &scope.location().href(),
        TAIL_WORKER,
        move |data| (done.borrow_mut())(received(&data)),
        move |why| {
            (failed.borrow_mut())(Done::Failed {
                seq: None,
                why: format!("a tail worker failed: {why}"),
            })
        },
    )?;
    helper.post_port(&reader.port()?)?;
    Ok(helper)
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
            first.post(&message)?;
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
                second.post(&job)?;
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

/// A tail worker's message loop: reads each tail asked for and posts it back. The engine
/// worker's reader, reached through the port that comes first, reads each piece of a tail
/// while the piece before is imported.
pub fn serve(scope: DedicatedWorkerGlobalScope) {
    let serving = Rc::new(RefCell::new(Serving {
        scope: scope.clone(),
        reader: None,
        run: None,
        queued: VecDeque::new(),
    }));
    helper::listen(&scope, move |data| {
        if let Ok(port) =
            Reflect::get(&data, &"port".into()).and_then(|port| port.dyn_into::<MessagePort>())
        {
            let pieces = serving.clone();
            let reader = Reader::over(port, move |piece| pieces.borrow_mut().piece(piece));
            serving.borrow_mut().reader = Some(reader);
            return;
        }
        let job = Reflect::get(&data, &"json".into())
            .ok()
            .and_then(|json| json.as_string())
            .and_then(|json| serde_json::from_str::<Job>(&json).ok());
        let file = Reflect::get(&data, &"file".into())
            .ok()
            .and_then(|file| file.dyn_into::<Blob>().ok());
        if let (Some(job), Some(file)) = (job, file) {
            serving.borrow_mut().start(job, file);
        }
    });
}

/// A tail worker's state: its reader, the tail under way and the tails asked for after it.
struct Serving {
    scope: DedicatedWorkerGlobalScope,
    reader: Option<Reader>,
    run: Option<Run>,
    queued: VecDeque<(Job, Blob)>,
}

/// A tail being read and imported a piece of [`PIECE`] bytes at a time: only the piece being
/// imported and the one being read are held at once.
struct Run {
    job: Job,
    file: Blob,
    size: u64,
    import: TailImport,
    /// The read under way (its id), and where the next one starts.
    reading: u32,
    next: u64,
    /// The end of the line cut by the last piece imported, then the bytes of the read under way.
    bytes: Vec<u8>,
}

impl Serving {
    /// Starts on a tail, or queues it behind the one under way.
    fn start(&mut self, job: Job, file: Blob) {
        if self.run.is_some() {
            return self.queued.push_back((job, file));
        }
        if let Err(why) = self.begin(job.clone(), file) {
            answer(&self.scope, &job, Err(why));
            self.next();
        }
    }

    /// Starts on the next tail queued, if any.
    fn next(&mut self) {
        if let Some((job, file)) = self.queued.pop_front() {
            self.start(job, file);
        }
    }

    /// Reads the file's first bytes (the header, and the date orders) and asks for the first
    /// piece of its tail.
    fn begin(&mut self, job: Job, file: Blob) -> Result<(), String> {
        let size = file.size() as u64;
        let first = read(&file, 0..size.min(FIRST_BYTES as u64), |_| {})?;
        let first = split::whole_lines(&first);
        let len = size.saturating_sub(job.start);
        let import = TailImport::new(&job.name, first, job.start, len, &job.options)?;
        let reader = self
            .reader
            .as_mut()
            .ok_or("the tail worker has no reader")?;
        let end = (job.start + PIECE).min(size);
        let reading = reader.ask(&file, job.start..end)?;
        self.run = Some(Run {
            next: end,
            job,
            file,
            size,
            import,
            reading,
            bytes: Vec::with_capacity(PIECE as usize + LINE_ROOM),
        });
        Ok(())
    }

    /// A piece came from the reader: once a read is whole, the next is asked for and the
    /// lines read are imported; after the last, the tail is posted.
    fn piece(&mut self, piece: Piece) {
        if matches!(piece, Piece::Failed { id: None, .. }) {
            // Later tails fail at once (the engine then reads the files whole).
            self.reader = None;
        }
        let Some(run) = &mut self.run else { return };
        let step = match piece {
            Piece::Read { id, .. } | Piece::Failed { id: Some(id), .. } if id != run.reading => {
                return;
            }
            Piece::Read { bytes, last, .. } => {
                run.bytes.reserve_exact(bytes.length() as usize);
                append(&mut run.bytes, &bytes);
                match (run.next < run.size, &self.reader) {
                    (true, Some(reader)) => reader.give(&bytes),
                    // The buffer stays here: it goes at the collection asked for.
                    _ => garbage::collect_soon(),
                }
                if !last {
                    return;
                }
                run.read_whole(self.reader.as_mut())
            }
            Piece::Failed { why, .. } => Err(why),
        };
        if step == Ok(false) {
            return;
        }
        if let Some(run) = self.run.take() {
            let tail = step.and_then(|_| written(&run.import.finish()?));
            answer(&self.scope, &run.job, tail);
        }
        self.next();
    }
}

impl Run {
    /// The read under way is whole: asks for the next (so that it is read while these bytes
    /// are imported), imports the whole lines and keeps the cut one; true after the last.
    fn read_whole(&mut self, reader: Option<&mut Reader>) -> Result<bool, String> {
        if self.next >= self.size {
            self.import.add(&self.bytes, true)?;
            return Ok(true);
        }
        let cut = split::whole_lines(&self.bytes).len();
        if cut == 0 {
            return Err(format!("a line is longer than {}", human_size(PIECE)));
        }
        let end = (self.next + PIECE).min(self.size);
        let reader = reader.ok_or("the tail worker has no reader")?;
        self.reading = reader.ask(&self.file, self.next..end)?;
        self.next = end;
        self.import.add(&self.bytes[..cut], false)?;
        // The same buffer takes the next piece after the cut line: no second one is held.
        self.bytes.drain(..cut);
        Ok(false)
    }
}

/// The tail written straight into a JS buffer, to be transferred: this worker's memory never
/// holds it twice.
fn written(tail: &Tail) -> Result<Uint8Array, String> {
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
