//! Reading ahead (wasm only): a helper worker (`public/reader.js`, plain script) reads the
//! bytes a worker will need next while that worker parses, and posts them a piece at a time.
//! Reading a file is mostly waiting for the browser, so it costs the parse next to nothing: a
//! 45 MB head that took its worker 230 ms to read is ready when the parse before it ends, and
//! its pieces take about 40 ms to copy in.
//!
//! The engine worker starts one with its tail workers, and gives each tail worker a message
//! port to it (`port`, `over`): a tail worker's own reader, a worker's worker, sometimes kept
//! the tail worker from ever ending once ended (`public/reader.js`). Each asks for one read
//! ahead at most: only that much waits in JS memory. A piece's buffer goes back to the reader
//! once copied in (`give`), for the next piece: memory written afresh costs a page fault each
//! 4 KB.

use std::ops::Range;

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageChannel, MessageEvent, MessagePort, Url};

use crate::helper::Helper;
use crate::web::describe;

/// The reader's script, beside this worker's.
const SCRIPT: &str = "reader.js";

/// What the reader posted: a piece of read `id` (the last one when `last`), or why the read
/// failed (`id` is `None` when the reader itself failed).
pub enum Piece {
    Read {
        id: u32,
        bytes: Uint8Array,
        last: bool,
    },
    Failed {
        id: Option<u32>,
        why: String,
    },
}

/// A reader, and the id of the next read asked.
pub struct Reader {
    way: Way,
    next: u32,
}

/// How a worker reaches its reader.
enum Way {
    /// The reader worker it started.
    Own(Helper),
    /// A port to the reader of the worker that started it.
    Port(MessagePort),
}

impl Reader {
    /// Starts a reader, which calls `piece` with each piece it reads.
    pub fn spawn(
        scope: &DedicatedWorkerGlobalScope,
        piece: impl FnMut(Piece) + 'static,
    ) -> Result<Self, String> {
        let piece = std::rc::Rc::new(std::cell::RefCell::new(piece));
        let failed = piece.clone();
        let url = Url::new_with_base(SCRIPT, &scope.location().href())
            .map_err(|e| describe(&e))?
            .href();
        let helper = Helper::spawn(
            &url,
            "dealscope-reader",
            move |data| (piece.borrow_mut())(received(&data)),
            move |why| {
                (failed.borrow_mut())(Piece::Failed {
                    id: None,
                    why: format!("the reader failed: {why}"),
                })
            },
        )?;
        Ok(Self {
            way: Way::Own(helper),
            next: 0,
        })
    }

    /// The reader at the other end of `port` (from [`Reader::port`]), which calls `piece` with
    /// each piece it reads.
    pub fn over(port: MessagePort, mut piece: impl FnMut(Piece) + 'static) -> Self {
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            piece(received(&event.data()));
        });
        port.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The port lives as long as this worker; so does its listener.
        on_message.forget();
        Self {
            way: Way::Port(port),
            next: 0,
        }
    }

    /// A port through which another worker reads with this worker's reader (`over`).
    pub fn port(&self) -> Result<MessagePort, String> {
        let Way::Own(helper) = &self.way else {
            return Err("a reader reached through a port has no ports to give".into());
        };
        let channel = MessageChannel::new().map_err(|e| describe(&e))?;
        helper.post_port(&channel.port1())?;
        Ok(channel.port2())
    }

    /// Asks for the bytes `range` of `file`; returns the id their pieces come with.
    pub fn ask(&mut self, file: &Blob, range: Range<u64>) -> Result<u32, String> {
        let id = self.next;
        self.next = self.next.wrapping_add(1);
        let message = Object::new();
        let _ = Reflect::set(&message, &"id".into(), &f64::from(id).into());
        let _ = Reflect::set(&message, &"file".into(), file);
        let _ = Reflect::set(&message, &"start".into(), &(range.start as f64).into());
        let _ = Reflect::set(&message, &"end".into(), &(range.end as f64).into());
        self.post(&message, Array::new())?;
        Ok(id)
    }

    /// Gives the buffer of a piece whose bytes are copied in back to the reader, which reads
    /// the next piece asked into it: only when one will be.
    pub fn give(&self, piece: &Uint8Array) {
        let buffer = piece.buffer();
        let message = Object::new();
        let _ = Reflect::set(&message, &"give".into(), &buffer);
        let _ = self.post(&message, Array::of1(&buffer));
    }

    fn post(&self, message: &Object, moved: Array) -> Result<(), String> {
        match &self.way {
            Way::Own(helper) => helper.post_moving(message, moved),
            Way::Port(port) => port
                .post_message_with_transferable(message, &moved)
                .map_err(|e| describe(&e)),
        }
    }
}

fn received(data: &JsValue) -> Piece {
    let id = Reflect::get(data, &"id".into())
        .ok()
        .and_then(|id| id.as_f64())
        .map(|id| id as u32);
    let bytes = Reflect::get(data, &"bytes".into()).unwrap_or(JsValue::UNDEFINED);
    let length = Reflect::get(data, &"length".into())
        .ok()
        .and_then(|length| length.as_f64());
    match (id, bytes.dyn_into::<ArrayBuffer>(), length) {
        (Some(id), Ok(bytes), Some(length)) => Piece::Read {
            id,
            bytes: Uint8Array::new_with_byte_offset_and_length(&bytes, 0, length as u32),
            last: Reflect::get(data, &"last".into()).is_ok_and(|last| last.is_truthy()),
        },
        (id, _, _) => Piece::Failed {
            id,
            why: Reflect::get(data, &"error".into())
                .ok()
                .and_then(|why| why.as_string())
                .unwrap_or_else(|| "the reader sent nothing".into()),
        },
    }
}

/// Appends `piece` to `bytes`, within the capacity reserved (the rest is cut off), without
/// zeroing the memory first: every byte is written once.
pub fn append(bytes: &mut Vec<u8>, piece: &Uint8Array) {
    let spare = bytes.spare_capacity_mut();
    let n = (piece.length() as usize).min(spare.len());
    let copied = piece
        .subarray(0, n as u32)
        .copy_to_uninit(&mut spare[..n])
        .len();
    // SAFETY: the `copied` bytes after the vector's length were initialised just above.
    unsafe { bytes.set_len(bytes.len() + copied) };
}
