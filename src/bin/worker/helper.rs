//! Helper workers: the tail workers of `split` (this same script, started under another name)
//! and the readers of `reader`. A worker drops the messages that come while its wasm starts, so
//! a helper says when it listens, and the messages posted before wait here.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, MessagePort, Worker, WorkerOptions};

use crate::web::describe;

/// A helper worker, ended when dropped.
pub struct Helper {
    worker: Worker,
    /// The messages posted before it listens; `None` once it listens.
    early: Rc<RefCell<Option<Early>>>,
}

/// Messages for a helper, each with the buffers or ports it moves to it.
type Early = Vec<(Object, Array)>;

impl Helper {
    /// Starts the script at `url` as the worker `name`; it calls `message` with each message
    /// the helper posts, and `failed` if it fails. It starts at once only if the calling worker
    /// is idle: a worker started by a busy worker waits until its parent is idle.
    pub fn spawn(
        url: &str,
        name: &str,
        mut message: impl FnMut(JsValue) + 'static,
        mut failed: impl FnMut(String) + 'static,
    ) -> Result<Self, String> {
        let options = WorkerOptions::new();
        options.set_name(name);
        let worker = Worker::new_with_options(url, &options).map_err(|e| describe(&e))?;
        let early: Rc<RefCell<Option<Early>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let on_message = {
            let (worker, early) = (worker.clone(), early.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = event.data();
                if Reflect::get(&data, &"ready".into()).is_ok_and(|ready| ready.is_truthy()) {
                    for (message, moved) in early.borrow_mut().take().unwrap_or_default() {
                        let _ = worker.post_message_with_transfer(&message, &moved);
                    }
                    return;
                }
                message(data);
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            // An `ErrorEvent` when the helper throws; a plain `Event` when its script cannot
            // be loaded.
            let why = Reflect::get(&event, &"message".into())
                .ok()
                .and_then(|message| message.as_string())
                .unwrap_or_else(|| "its script could not be loaded".into());
            failed(why);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // A helper lives as long as this worker at most; so do its listeners.
        on_message.forget();
        on_error.forget();
        Ok(Self { worker, early })
    }

    /// Posts `message` to the helper, now or once it listens.
    pub fn post(&self, message: &Object) -> Result<(), String> {
        self.post_moving(message, Array::new())
    }

    /// Gives the helper `port` (a message `{ port }`), now or once it listens.
    pub fn post_port(&self, port: &MessagePort) -> Result<(), String> {
        let message = Object::new();
        let _ = Reflect::set(&message, &"port".into(), port);
        self.post_moving(&message, Array::of1(port))
    }

    /// Posts `message` to the helper, now or once it listens, moving the buffers or ports
    /// `moved` to it.
    pub fn post_moving(&self, message: &Object, moved: Array) -> Result<(), String> {
        match self.early.borrow_mut().as_mut() {
            Some(early) => {
                early.push((message.clone(), moved));
                Ok(())
            }
            None => self
                .worker
                .post_message_with_transfer(message, &moved)
                .map_err(|e| describe(&e)),
        }
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// Inside a helper: calls `handle` with each message, then tells the worker that started it
/// that it listens.
pub fn listen(scope: &DedicatedWorkerGlobalScope, mut handle: impl FnMut(JsValue) + 'static) {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        handle(event.data());
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let ready = Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &true.into());
    let _ = scope.post_message(&ready);
}
