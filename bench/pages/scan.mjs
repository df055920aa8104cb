// Part (c) of the bench: the floor. Touch every byte of the same files once (count the newline
// bytes), after fetching them, or after reading them from an <input type=file> with
// File.arrayBuffer() (the path Dealscope's file input takes).

/** Newline bytes in `bytes`: a plain loop, so every byte is read. */
function countNewlines(bytes) {
  let n = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 10) n += 1;
  }
  return n;
}

async function fetchScan(files) {
  const t0 = performance.now();
  const buffers = await Promise.all(
    files.map(async (name) => {
      const response = await fetch(`/bench/data/${name}`);
      if (!response.ok) throw new Error(`fetch ${name}: ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    }),
  );
  const t1 = performance.now();
  let lines = 0;
  let bytes = 0;
  for (const b of buffers) {
    lines += countNewlines(b);
    bytes += b.byteLength;
  }
  const t2 = performance.now();
  return { fetchMs: t1 - t0, scanMs: t2 - t1, totalMs: t2 - t0, lines, bytes };
}

// The file-input variant: bench.mjs records performance.now(), hands the files to the input
// with setInputFiles and waits for window.__scan.
const input = document.querySelector('[data-testid=scan-input]');
input.addEventListener('change', async () => {
  const changeAt = performance.now();
  const files = Array.from(input.files);
  const buffers = [];
  for (const file of files) buffers.push(new Uint8Array(await file.arrayBuffer()));
  const readAt = performance.now();
  let lines = 0;
  let bytes = 0;
  for (const b of buffers) {
    lines += countNewlines(b);
    bytes += b.byteLength;
  }
  const doneAt = performance.now();
  window.__scan = { changeAt, readAt, doneAt, lines, bytes, files: files.length };
});

window.scanBench = { fetchScan, countNewlines };
document.getElementById('status').textContent = 'ready';
