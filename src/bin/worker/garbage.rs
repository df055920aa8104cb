//! Getting V8 to collect a worker's garbage while it works in wasm (wasm only).
//!
//! A buffer that comes in a message stays allocated until the message itself is collected,
//! even once its bytes are copied into wasm memory and the buffer is detached: the browser
//! keeps its own hold on the buffer with the message. A worker that works in wasm allocates
//! too little for V8 to collect on its own, so the file pieces and tails of a large load stayed
//! allocated: 65 MB in the workers a few seconds after a 1M load (a collection in each then
//! freed them), and more during the load, where the tab's memory peaks. V8 collects when the memory
//! held outside its heap grows past a limit, which a large buffer allocated and freed at once
//! makes happen. The buffer is never written, so it takes no memory.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// The buffer's size: V8's limit is 64 MB over what was held at the last collection.
const NUDGE: u32 = 64 << 20;

/// Makes V8 collect this worker's garbage soon (at its next check, in wasm too), freeing the
/// buffers of the messages handled so far. Does nothing if the browser refuses the buffer.
pub fn collect_soon() {
    let _ = nudge();
}

fn nudge() -> Result<(), JsValue> {
    let constructor: Function =
        Reflect::get(&js_sys::global(), &"ArrayBuffer".into())?.dyn_into()?;
    // `construct` returns the browser's refusal as an error, where `ArrayBuffer::new` would
    // throw through wasm.
    let buffer = Reflect::construct(&constructor, &Array::of1(&NUDGE.into()))?;
    // Freed now rather than at that collection: `transfer(0)` detaches it.
    let transfer: Function = Reflect::get(&buffer, &"transfer".into())?.dyn_into()?;
    transfer.call1(&buffer, &0.into())?;
    Ok(())
}
