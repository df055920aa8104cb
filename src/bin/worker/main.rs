//! The engine's Web Worker: the app's second wasm entry, built by Trunk from the same engine
//! crate (`data-type="worker"` in `index.html`). It holds the engine and its tables between
//! requests, reads opened files in chunks straight into the engine's memory, reports how far a
//! load has got, and answers the page's requests (`src/state/protocol.rs`). The page's main
//! thread never parses or computes, so it stays responsive while a large file loads.
//!
//! Natively this binary does nothing; it exists for `cargo test` and clippy.

#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

#[cfg(target_arch = "wasm32")]
mod garbage;
#[cfg(target_arch = "wasm32")]
mod helper;
mod progress;
// Shared with the page, which uses more of it.
#[allow(dead_code)]
#[path = "../../state/protocol.rs"]
mod protocol;
#[cfg(target_arch = "wasm32")]
mod reader;
#[cfg(target_arch = "wasm32")]
mod split;
#[cfg(target_arch = "wasm32")]
mod web;

fn main() {
    #[cfg(target_arch = "wasm32")]
    web::start();
}
