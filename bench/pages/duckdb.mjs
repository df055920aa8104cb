// Part (b) of the bench: DuckDB-WASM in the page, from bench/node_modules (no CDN).
// bench.mjs calls window.duckdbBench.init(bundle) and then window.duckdbBench.run(...).

import * as duckdb from '/bench/node_modules/@duckdb/duckdb-wasm/dist/duckdb-browser.mjs';
import { splitSql, tableRows } from '/bench/lib/sql.mjs';

const DIST = new URL('/bench/node_modules/@duckdb/duckdb-wasm/dist/', location.href).href;
const BUNDLES = {
  mvp: { mainModule: DIST + 'duckdb-mvp.wasm', mainWorker: DIST + 'duckdb-browser-mvp.worker.js' },
  eh: { mainModule: DIST + 'duckdb-eh.wasm', mainWorker: DIST + 'duckdb-browser-eh.worker.js' },
  coi: {
    mainModule: DIST + 'duckdb-coi.wasm',
    mainWorker: DIST + 'duckdb-browser-coi.worker.js',
    pthreadWorker: DIST + 'duckdb-browser-coi.pthread.worker.js',
  },
};

let db = null;
let conn = null;
const status = (text) => {
  document.getElementById('status').textContent = text;
};

async function init(which = 'auto') {
  const t0 = performance.now();
  let bundle;
  if (which === 'auto') {
    // selectBundle picks eh (wasm exceptions) here, or coi when the page is cross-origin
    // isolated and the coi bundle is listed; only list coi when asked for.
    bundle = await duckdb.selectBundle({ mvp: BUNDLES.mvp, eh: BUNDLES.eh });
  } else {
    bundle = BUNDLES[which];
    if (!bundle) throw new Error(`unknown bundle ${which}`);
  }
  const name = Object.keys(BUNDLES).find((k) => BUNDLES[k].mainModule === bundle.mainModule) ?? 'unknown';
  const worker = new Worker(bundle.mainWorker);
  db = new duckdb.AsyncDuckDB(new duckdb.ConsoleLogger(duckdb.LogLevel.WARNING), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker ?? null);
  const version = await db.getVersion();
  conn = await db.connect();
  // Threads: only the coi bundle has any; ask for them all (2 cores here).
  let threads = null;
  try {
    if (name === 'coi') await conn.query(`SET threads = ${navigator.hardwareConcurrency || 2}`);
    threads = tableRows(await conn.query("SELECT current_setting('threads') AS t"))[0].t;
  } catch (e) {
    threads = `unknown (${e.message})`;
  }
  const ms = performance.now() - t0;
  status(`DuckDB ${version} (${name}) ready in ${ms.toFixed(0)} ms`);
  return {
    bundle: name,
    version,
    threads,
    crossOriginIsolated: self.crossOriginIsolated === true,
    instantiateMs: ms,
  };
}

async function runStatements(text, results, timings, file) {
  for (const st of splitSql(text)) {
    const t = performance.now();
    const table = await conn.query(st.sql);
    if (st.result) results[st.result] = tableRows(table);
    const what = st.result ? `result ${st.result}` : st.sql.replace(/--[^\n]*/g, '').trim().split('\n')[0].slice(0, 60);
    timings.push({ file, what, ms: performance.now() - t });
  }
}

/**
 * files: names under /bench/data/; load: the text of 00_load.sql; queries: [{ name, text }].
 * Times: fetch (network → ArrayBuffer), load (registerFileBuffer + CREATE TABLE … read_csv_auto),
 * queries (each SQL file and in total).
 */
async function run({ files, load, queries }) {
  status('fetching');
  const tFetch0 = performance.now();
  const buffers = await Promise.all(
    files.map(async (name) => {
      const response = await fetch(`/bench/data/${name}`);
      if (!response.ok) throw new Error(`fetch ${name}: ${response.status}`);
      return [name, new Uint8Array(await response.arrayBuffer())];
    }),
  );
  const fetchMs = performance.now() - tFetch0;
  const bytes = buffers.reduce((sum, [, b]) => sum + b.byteLength, 0);

  status('loading');
  const tLoad0 = performance.now();
  for (const [name, buffer] of buffers) {
    await db.registerFileBuffer(name, buffer);
  }
  const registerMs = performance.now() - tLoad0;
  const loadResults = {};
  const statements = [];
  await runStatements(load, loadResults, statements, '00_load.sql');
  const loadMs = performance.now() - tLoad0;

  status('querying');
  const results = {};
  const perFile = {};
  const tQ0 = performance.now();
  for (const { name, text } of queries) {
    const t = performance.now();
    await runStatements(text, results, statements, name);
    perFile[name] = performance.now() - t;
  }
  const queryMs = performance.now() - tQ0;

  // Not timed: what DuckDB read.
  const tables = {};
  for (const t of ['customers', 'deals', 'orders', 'surveys', 'spend']) {
    tables[t] = tableRows(await conn.query(`SELECT count(*) AS n FROM ${t}`))[0].n;
  }
  const types = tableRows(
    await conn.query(
      "SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) AS columns FROM information_schema.columns WHERE table_name IN ('customers','deals','orders','surveys','spend') GROUP BY table_name ORDER BY table_name",
    ),
  );
  status(`done: load ${loadMs.toFixed(0)} ms, queries ${queryMs.toFixed(0)} ms`);
  return { bytes, fetchMs, registerMs, loadMs, queryMs, perFile, statements, results, tables, types };
}

window.duckdbBench = { init, run };
window.duckdbBenchReady = true;
status('ready');
