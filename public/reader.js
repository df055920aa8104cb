// Dealscope's reader, started by the engine's worker (src/bin/worker/reader.rs): it reads the
// byte ranges of files it is asked for, a piece at a time, while the worker that asked parses,
// and posts each piece's buffer back (transferred, never copied). Plain script, no wasm: it
// starts at once and holds next to no memory.
//
// It reads for the engine's worker and, through a message port each, for its tail workers.
// They are not given readers of their own: a worker's worker is ended with it, and a tail
// worker ended with a reader of its own sometimes never went, keeping its memory, and its
// parent's too (src/bin/worker/split.rs).
//
// A worker may give a piece's buffer back once it has copied the bytes in, when it will ask for
// more, and the next piece is read into it: memory written for the first time costs a page
// fault each 4 KB, and a 1M load took about 20 k fewer (of 130 k).
'use strict';

const PIECE = 16 * 1024 * 1024;

// Serves the worker at the other end of `port`: its reads, one after another in the order
// asked, and the one buffer it gave back.
function serve(port) {
  let spare = null;
  let reads = Promise.resolve();
  port.onmessage = (event) => {
    const { give, port: other, id, file, start, end } = event.data;
    if (other) {
      serve(other);
    } else if (give) {
      spare = give;
    } else {
      reads = reads.then(() => read(id, file, start, end));
    }
  };

  async function read(id, file, start, end) {
    try {
      const stream = byob(file.slice(start, end));
      let at = start;
      do {
        const length = Math.min(PIECE, end - at);
        let bytes;
        if (stream) {
          bytes = spare && spare.byteLength >= length ? spare : new ArrayBuffer(length);
          spare = null;
          bytes = await fill(stream, bytes, length);
        } else {
          bytes = sync.readAsArrayBuffer(file.slice(at, at + length));
        }
        at += length;
        port.postMessage({ id, bytes, length, last: at >= end }, [bytes]);
      } while (at < end);
    } catch (error) {
      port.postMessage({ id, error: String((error && error.message) || error) });
    }
  }
}

// A reader of `blob` that reads into the buffers it is given, or null in a browser whose file
// streams cannot: it then reads each piece into a fresh buffer.
function byob(blob) {
  try {
    return blob.stream().getReader({ mode: 'byob' });
  } catch {
    return null;
  }
}
const sync = new FileReaderSync();

// Reads the next `length` bytes of `stream` into `bytes`; returns the buffer, which each read
// moves.
async function fill(stream, bytes, length) {
  let filled = 0;
  while (filled < length) {
    const { value, done } = await stream.read(new Uint8Array(bytes, filled, length - filled));
    if (done) throw new Error('the file is shorter than it was when it was opened');
    bytes = value.buffer;
    filled += value.byteLength;
  }
  return bytes;
}

serve(self);
self.postMessage({ ready: true });
