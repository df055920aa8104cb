// Dealscope's reader, started by the engine's worker and by each tail worker
// (src/bin/worker/reader.rs): it reads the byte ranges of files it is asked for, a piece at a
// time, while the worker that asked parses, and posts each piece's buffer back (transferred,
// never copied). Plain script, no wasm: it starts at once and holds next to no memory.
'use strict';

const PIECE = 16 * 1024 * 1024;
const reader = new FileReaderSync();

self.onmessage = (event) => {
  const { id, file, start, end } = event.data;
  try {
    let at = start;
    do {
      const to = Math.min(at + PIECE, end);
      const bytes = reader.readAsArrayBuffer(file.slice(at, to));
      self.postMessage({ id, bytes, last: to >= end }, [bytes]);
      at = to;
    } while (at < end);
  } catch (error) {
    self.postMessage({ id, error: String((error && error.message) || error) });
  }
};

self.postMessage({ ready: true });
