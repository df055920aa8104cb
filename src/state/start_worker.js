// Starts the engine's Web Worker as the page opens, before the app's wasm has even loaded, so
// the worker fetches and compiles its own wasm meanwhile and the demo dashboard comes sooner.
// The app adopts it (src/state/transport.rs); messages that come before it listens wait in
// `early`. Without this script the app starts the worker itself.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="dealscope-worker"]');
  if (!meta || typeof Worker !== 'function') return;
  try {
    var worker = new Worker(meta.getAttribute('content'));
    var early = [];
    worker.onmessage = function (event) {
      early.push(event.data);
    };
    worker.onerror = function (event) {
      early.push({ error: String(event.message || 'the worker failed') });
      event.preventDefault();
    };
    window.__dealscopeWorker = { worker: worker, early: early };
  } catch (e) {
    // The app starts its own.
  }
})();
