// Dealscope benchmark (issue 7). Prints figures; it is never a test and asserts nothing.
//
//   node bench/bench.mjs --data DIR [--deals N] [--dist DIR] [--cli PATH] [--parts LIST]
//                        [--repeat K] [--duckdb-bundle auto|eh|mvp|coi] [--timeout-s S]
//
// Normally started by bench/run.sh, which builds the CLI, generates DIR and installs
// bench/node_modules. Parts (all by default): dealscope, duckdb, scan, native.
// Each browser part runs in a fresh headless Chromium (Playwright gives every launch a new
// temporary profile) against a small static server on 127.0.0.1.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { startSampler } from './lib/procmem.mjs';
import { startServer } from './lib/server.mjs';

// ---------------------------------------------------------------------------------------------
// The page contract (PRODUCT.md "Testing contract") and the controls the bench drives.

const FILE_INPUT = 'input[type=file][data-testid=file-input]';
const IMPORT_REPORT = '[data-testid=import-report]';
const TILE = '[data-metric]';
/** The filter the bench changes; skipped with a message when the page has none. */
const FILTER_SELECTOR = '[data-testid=filter-owner]';
const TILE_IDS = [
  'revenue', 'won_deals', 'win_rate', 'avg_deal_size', 'sales_cycle_median', 'pipeline_value',
  'stalled_deals', 'nps', 'active_customers', 'churn_rate', 'repurchase_rate', 'clv',
  'a_tier_revenue_share',
];
const FILES = ['customers.csv', 'deals.csv', 'orders.csv', 'surveys.csv', 'spend.csv'];

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-precise-memory-info', '--js-flags=--expose-gc',
];
/** After the last tile change, how long nothing may change before a measurement ends. */
const SETTLE_MS = 1500;
/** How long tiles may stay empty, with nothing changing, before the bench reports them. */
const EMPTY_GRACE_MS = 5000;

// ---------------------------------------------------------------------------------------------
// Arguments

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

function parseArgs(argv) {
  const opts = {
    data: null,
    deals: null,
    dist: path.join(ROOT, 'dist'),
    cli: path.join(ROOT, 'target/release/dealscope'),
    parts: ['dealscope', 'duckdb', 'scan', 'native'],
    repeat: 1,
    bundle: 'auto',
    timeoutS: 600,
    out: path.join(HERE, 'out'),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      i += 1;
      return argv[i];
    };
    if (a === '--data') opts.data = path.resolve(next());
    else if (a === '--deals') opts.deals = Number(next());
    else if (a === '--dist') opts.dist = path.resolve(next());
    else if (a === '--cli') opts.cli = path.resolve(next());
    else if (a === '--parts') opts.parts = next().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--repeat') opts.repeat = Math.max(1, Number(next()));
    else if (a === '--duckdb-bundle') opts.bundle = next();
    else if (a === '--timeout-s') opts.timeoutS = Number(next());
    else if (a === '--out') opts.out = path.resolve(next());
    else if (a === '--help' || a === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(2, 9).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.data) throw new Error('--data DIR is required');
  if (!opts.deals) {
    const m = /data-(\d+)$/.exec(opts.data);
    opts.deals = m ? Number(m[1]) : null;
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

const MB = 1e6;
const fmtMs = (ms) => (ms == null || !Number.isFinite(ms) ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmtMB = (bytes) => (bytes == null ? '—' : `${(bytes / MB).toFixed(1)} MB`);
const fmtRate = (bytes, ms) => (ms > 0 && bytes ? ((bytes / MB) / (ms / 1000)).toFixed(1) : '—');
const fmtInt = (n) => (n == null ? '—' : Math.round(n).toLocaleString('en-US'));
const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const h = Math.floor(v.length / 2);
  return v.length % 2 ? v[h] : (v[h - 1] + v[h]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects after `ms` (and runs `onTimeout`) unless `promise` settles first. */
function withTimeout(promise, ms, what, onTimeout) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(`timed out after ${(ms / 1000).toFixed(0)} s: ${what}`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function countLines(file) {
  const buf = readFileSync(file);
  let n = 0;
  for (let i = 0; i < buf.length; i += 1) if (buf[i] === 10) n += 1;
  return n;
}

function environment() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown';
  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    /* reported as unknown */
  }
  let nproc = os.cpus().length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    /* os.cpus() then */
  }
  const duckPkg = JSON.parse(readFileSync(path.join(HERE, 'node_modules/@duckdb/duckdb-wasm/package.json'), 'utf8'));
  const pwPkg = JSON.parse(readFileSync(path.join(HERE, 'node_modules/playwright-core/package.json'), 'utf8'));
  return {
    date: new Date().toISOString(),
    nproc,
    cpu: model,
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    chromium: chromiumVersion,
    node: process.version,
    duckdbWasm: duckPkg.version,
    playwright: pwPkg.version,
  };
}

// ---------------------------------------------------------------------------------------------
// Browser

let openBrowsers = new Set();

async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
  openBrowsers.add(browser);
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text().slice(0, 300));
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${String(err).slice(0, 300)}`));
  // The browser runs as a child of this node process (Playwright's in-process driver): its
  // renderers are found among our descendants.
  const pid = process.pid;
  return {
    browser,
    page,
    pid,
    consoleErrors,
    async close() {
      openBrowsers.delete(browser);
      await browser.close().catch(() => {});
    },
  };
}

async function closeAll() {
  await Promise.all([...openBrowsers].map((b) => b.close().catch(() => {})));
  openBrowsers = new Set();
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    await closeAll();
    process.exit(130);
  });
}

// ---------------------------------------------------------------------------------------------
// (a) Dealscope

/** Installed in the app page: records tile changes, the file input's change event, heap peaks. */
function installWatcher() {
  const b = {
    tileChanges: [],
    changeAt: null,
    heapPeak: 0,
    wasmPeak: 0,
    longTasks: [],
  };
  window.__bench = b;
  const isTile = (n) => n.nodeType === 1 && (n.hasAttribute('data-metric') || n.querySelector?.('[data-metric]'));
  new MutationObserver((list) => {
    const now = performance.now();
    for (const m of list) {
      if (m.type === 'attributes' && m.target.hasAttribute('data-metric')) {
        b.tileChanges.push([now, m.target.getAttribute('data-metric'), m.target.getAttribute('data-value')]);
      } else if (m.type === 'childList' && [...m.addedNodes].some(isTile)) {
        b.tileChanges.push([now, '(tiles rebuilt)', null]);
      }
    }
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-value'] });
  document.addEventListener(
    'change',
    (e) => {
      if (e.target instanceof HTMLInputElement && e.target.type === 'file') b.changeAt = performance.now();
    },
    true,
  );
  const poll = () => {
    const used = performance.memory?.usedJSHeapSize ?? 0;
    if (used > b.heapPeak) b.heapPeak = used;
    const wasm = Number(window.__dealscopeWasmMemoryBytes ?? 0);
    if (wasm > b.wasmPeak) b.wasmPeak = wasm;
  };
  b.timer = setInterval(poll, 20);
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) b.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: false });
  } catch {
    /* no long-task timing in this browser */
  }
}

/** Current data-value of every tile. */
/** Resolves once the page has been idle (after the chart draws it put off until then). */
function untilIdle() {
  return new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 5000 }));
}

/**
 * Installed before the page loads: notes (performance.now()) when every tile first has a value,
 * and when, after that, every chart box in view has its canvas (charts draw when in view, the
 * rest when the page is idle), then the end of the task that drew the last of them.
 */
function watchDemo() {
  const m = (window.__demo = {});
  const check = () => {
    if (m.tiles == null) {
      const tiles = [...document.querySelectorAll('[data-metric]')];
      if (!tiles.length || tiles.some((t) => (t.getAttribute('data-value') ?? '') === '')) return;
      m.tiles = performance.now();
    }
    const boxes = [...document.querySelectorAll('[data-chart]')].filter((b) => {
      const r = b.getBoundingClientRect();
      return r.width > 0 && r.bottom > 0 && r.top < innerHeight;
    });
    if (boxes.length && boxes.every((b) => b.querySelector('canvas'))) {
      m.inView = boxes.length;
      observer.disconnect();
      setTimeout(() => (m.drawn = performance.now()), 0);
    }
  };
  // Stops once the demo is drawn: it must not cost the timed import anything.
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

function readTiles() {
  const out = {};
  for (const el of document.querySelectorAll('[data-metric]')) out[el.getAttribute('data-metric')] = el.getAttribute('data-value') ?? '';
  return out;
}

/** Waits until no tile changed for SETTLE_MS; returns the time of the last tile change ≥ since. */
async function settle(page, since, deadline) {
  for (;;) {
    const { last, now } = await page.evaluate((t) => {
      const changes = window.__bench.tileChanges.filter(([at]) => at >= t);
      return { last: changes.length ? changes[changes.length - 1][0] : null, now: performance.now() };
    }, since);
    if (last != null && now - last >= SETTLE_MS) return last;
    if (last == null && now - since >= SETTLE_MS * 4) return null;
    if (Date.now() > deadline) throw new Error('tiles kept changing until the timeout');
    await sleep(100);
  }
}

/**
 * Waits until every tile has a value and no tile changed for SETTLE_MS (or, with tiles still
 * empty, for EMPTY_GRACE_MS); returns the time of the last tile change ≥ since and the empty tiles.
 */
async function settleFilled(page, since, deadline) {
  for (;;) {
    const s = await page.evaluate((t) => {
      const changes = window.__bench.tileChanges.filter(([at]) => at >= t);
      const empty = [...document.querySelectorAll('[data-metric]')]
        .filter((el) => (el.getAttribute('data-value') ?? '') === '')
        .map((el) => el.getAttribute('data-metric'));
      return { last: changes.length ? changes[changes.length - 1][0] : t, now: performance.now(), empty };
    }, since);
    const quiet = s.now - s.last;
    if (s.empty.length === 0 && quiet >= SETTLE_MS) return s;
    if (s.empty.length > 0 && quiet >= EMPTY_GRACE_MS) return s;
    if (Date.now() > deadline) throw new Error(`tiles still changing or empty (${s.empty.join(', ')}) at the timeout`);
    await sleep(100);
  }
}

async function runDealscope(opts, server, files) {
  const out = { ok: false };
  const b = await launch();
  const { page } = b;
  const timeoutMs = opts.timeoutS * 1000;
  let sampler = null;
  try {
    await page.addInitScript(watchDemo);
    const nav0 = Date.now();
    await page.goto(`${server.url}/`, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(
      () => (document.querySelector('[data-metric=revenue]')?.getAttribute('data-value') ?? '') !== '',
      null,
      { timeout: 60_000, polling: 20 },
    );
    out.demoDashboardMs = await page.evaluate(() => performance.now());
    out.demoWallMs = Date.now() - nav0;
    // Tiles and the charts in view drawn, as noted in the page (waits for them, up to 10 s).
    await page.waitForFunction(() => window.__demo?.drawn != null, null, { timeout: 10_000 }).catch(() => {});
    const drawn = await page.evaluate(() => window.__demo);
    out.demoTilesMs = drawn?.tiles ?? null;
    out.demoDrawnMs = drawn?.drawn ?? null;
    out.demoChartsInView = drawn?.inView ?? null;
    const demo = await page.evaluate(readTiles);
    out.demoTiles = demo;
    // Charts out of view are drawn when the page is idle: the import is timed from a settled page.
    await page.evaluate(untilIdle);
    await page.evaluate(installWatcher);
    const input = page.locator(FILE_INPUT);
    if ((await input.count()) !== 1) throw new Error(`the page has no ${FILE_INPUT}`);

    sampler = b.pid ? startSampler(b.pid) : null;
    await page.evaluate(() => window.gc?.());
    const t0 = await page.evaluate(() => performance.now());
    await input.setInputFiles(files.map((f) => f.path), { timeout: timeoutMs });
    // First: the import report lists the five files and the tiles moved off the demo's values.
    const handle = await page.waitForFunction(
      ({ names, demoTiles }) => {
        const report = document.querySelector('[data-testid=import-report]');
        const rows = report ? [...report.querySelectorAll('[data-file]')] : [];
        const reported = names.every((n) => rows.some((r) => r.getAttribute('data-file') === n && (r.getAttribute('data-rows') ?? '') !== ''));
        const tiles = [...document.querySelectorAll('[data-metric]')];
        const changed = tiles.some((t) => t.getAttribute('data-value') !== demoTiles[t.getAttribute('data-metric')]);
        // A file the page could not read ends the wait too (reported, not timed).
        const failed = rows.some((r) => r.classList.contains('failed'));
        if (reported && changed) return { state: 'done', at: performance.now() };
        if (reported && failed) return { state: 'failed', at: performance.now() };
        return false;
      },
      { names: files.map((f) => f.name), demoTiles: demo },
      { timeout: timeoutMs, polling: 10 },
    );
    const seen = await handle.jsonValue();
    // Then: every tile has a value and none changed for SETTLE_MS; the figure ends at the last
    // tile change. Tiles still empty after EMPTY_GRACE_MS without any change are reported.
    const { last, empty } = await settleFilled(page, t0, Date.now() + timeoutMs);
    const info = await page.evaluate(() => {
      const b = window.__bench;
      clearInterval(b.timer);
      const report = [...document.querySelectorAll('[data-testid=import-report] [data-file]')].map((r) => ({
        file: r.getAttribute('data-file'),
        kind: r.getAttribute('data-kind'),
        rows: Number(r.getAttribute('data-rows')),
        loaded: Number(r.getAttribute('data-loaded')),
        rejected: Number(r.getAttribute('data-rejected')),
      }));
      return {
        changeAt: b.changeAt,
        heapPeak: b.heapPeak,
        wasmPeak: b.wasmPeak,
        heapNow: performance.memory?.usedJSHeapSize ?? null,
        longTasks: b.longTasks,
        report,
        tileChanges: b.tileChanges.length,
      };
    });
    out.state = seen.state;
    out.t0 = t0;
    out.loadMs = last - t0;
    out.fromChangeEventMs = info.changeAt != null ? last - info.changeAt : null;
    out.handOffMs = info.changeAt != null ? info.changeAt - t0 : null;
    out.conditionSeenMs = seen.at - t0;
    const during = info.longTasks.filter(([start]) => start >= t0);
    out.longestMainThreadTaskMs = during.length ? Math.max(...during.map(([, d]) => d)) : 0;
    out.mainThreadLongTasks = during.length;
    out.report = info.report;
    out.tiles = await page.evaluate(readTiles);
    out.heapPeak = info.heapPeak;
    out.wasmPeak = info.wasmPeak || null;
    out.emptyTiles = empty;
    out.ok = seen.state === 'done';
    if (empty.length) out.note = `tiles without a value after ${EMPTY_GRACE_MS / 1000} s of no change: ${empty.join(', ')}`;

    // Filter change: time from the change to the tiles settling.
    await page.evaluate(untilIdle);
    out.filter = await measureFilter(page, timeoutMs);
  } catch (e) {
    out.error = String(e.message ?? e).split('\n')[0];
    try {
      out.pageText = (await page.evaluate(() => document.body.innerText)).slice(0, 600);
    } catch {
      /* page gone */
    }
  } finally {
    if (sampler) out.memory = sampler.stop();
    out.consoleErrors = b.consoleErrors.slice(0, 10);
    await b.close();
  }
  return out;
}

async function measureFilter(page, timeoutMs) {
  const kind = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    if (el instanceof HTMLSelectElement) return { type: 'select', options: [...el.options].map((o) => [o.value, o.textContent.trim()]), value: el.value, multiple: el.multiple };
    return { type: el.tagName.toLowerCase() + (el.type ? `[type=${el.type}]` : '') };
  }, FILTER_SELECTOR);
  if (!kind) {
    const others = await page.evaluate(() => [...document.querySelectorAll('[data-testid^=filter]')].map((e) => e.getAttribute('data-testid')));
    return { skipped: `no ${FILTER_SELECTOR} on the page${others.length ? ` (filters found: ${others.join(', ')})` : ''}` };
  }
  if (kind.type !== 'select') return { skipped: `${FILTER_SELECTOR} is a ${kind.type}, not a <select>: the bench does not know how to drive it` };
  const choice = kind.options.find(([v]) => v !== '' && v !== kind.value);
  if (!choice) return { skipped: `${FILTER_SELECTOR} has no option to pick` };

  const change = async (value) => {
    const before = await page.evaluate(readTiles);
    const t0 = await page.evaluate(
      ({ sel, value }) => {
        const el = document.querySelector(sel);
        const t = performance.now();
        if (el.multiple) for (const o of el.options) o.selected = o.value === value;
        else el.value = value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
        return t;
      },
      { sel: FILTER_SELECTOR, value },
    );
    const last = await settle(page, t0, Date.now() + timeoutMs);
    const after = await page.evaluate(readTiles);
    const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
    return { ms: last == null ? null : last - t0, changedTiles: changed.length, tiles: after };
  };
  const to = await change(choice[0]);
  const back = await change(kind.value);
  return {
    selector: FILTER_SELECTOR,
    value: choice[1] || choice[0],
    ms: to.ms,
    changedTiles: to.changedTiles,
    filteredTiles: to.tiles,
    backMs: back.ms,
    note: to.ms == null ? 'no tile changed after the filter change' : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// (b) DuckDB-WASM

function readSql() {
  const dir = path.join(HERE, 'sql');
  const names = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  const load = names.find((n) => n.startsWith('00_'));
  return {
    load: readFileSync(path.join(dir, load), 'utf8'),
    queries: names.filter((n) => n !== load).map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') })),
  };
}

async function runDuckdb(opts, server) {
  const out = { ok: false };
  const b = await launch();
  const { page } = b;
  const timeoutMs = opts.timeoutS * 1000;
  let sampler = null;
  try {
    await page.goto(`${server.url}/bench/pages/duckdb.html`, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => window.duckdbBenchReady === true, null, { timeout: 60_000 });
    sampler = b.pid ? startSampler(b.pid) : null;
    out.init = await withTimeout(page.evaluate((w) => window.duckdbBench.init(w), opts.bundle), 180_000, 'DuckDB-WASM instantiate', () => b.close());
    const sql = readSql();
    const run = await withTimeout(
      page.evaluate((args) => window.duckdbBench.run(args), { files: FILES, load: sql.load, queries: sql.queries }),
      timeoutMs,
      'DuckDB-WASM load and queries',
      () => b.close(),
    );
    Object.assign(out, run);
    out.totalMs = run.loadMs + run.queryMs;
    out.ok = true;
  } catch (e) {
    out.error = String(e.message ?? e).split('\n')[0];
  } finally {
    if (sampler) out.memory = sampler.stop();
    out.consoleErrors = b.consoleErrors.slice(0, 10);
    await b.close();
  }
  return out;
}

/** The tiles (ids of the testing contract) and report-like JSON from DuckDB's results. */
function duckdbReport(results) {
  const one = (name) => results[name]?.[0] ?? {};
  const deals = one('deals');
  const lifecycle = one('lifecycle');
  const churn = one('churn');
  return {
    period: { from: one('period').from, to: one('period').to },
    revenue: deals.revenue,
    won_deals: deals.won_deals,
    win_rate: deals.win_rate,
    avg_deal_size: deals.avg_deal_size,
    sales_cycle_median: deals.sales_cycle_median,
    pipeline_value: deals.pipeline_value,
    stalled_deals: deals.stalled_deals,
    nps: one('nps').nps,
    active_customers: lifecycle.active_customers,
    churn_rate: churn.churn_rate,
    repurchase_rate: churn.repurchase_rate,
    clv: one('clv').clv,
    a_tier_revenue_share: one('abc_tile').a_tier_revenue_share,
    funnel: results.funnel,
    abc: results.abc,
    cohorts: results.cohorts?.map(({ cohort, size, retention }) => ({ cohort, size, retention })),
    lifecycle: {
      new: lifecycle.new,
      active: lifecycle.active,
      dormant: lifecycle.dormant,
      churned: lifecycle.churned,
      prospects: lifecycle.prospects,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// (c) Raw byte scan

async function runScan(opts, server, files) {
  const out = { ok: false };
  const b = await launch();
  const { page } = b;
  const timeoutMs = opts.timeoutS * 1000;
  try {
    await page.goto(`${server.url}/bench/pages/scan.html`, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => !!window.scanBench, null, { timeout: 30_000 });
    // File input + File.arrayBuffer(), the path of Dealscope's file input.
    const t0 = await page.evaluate(() => performance.now());
    await page.locator('[data-testid=scan-input]').setInputFiles(files.map((f) => f.path), { timeout: timeoutMs });
    await page.waitForFunction(() => !!window.__scan, null, { timeout: timeoutMs, polling: 10 });
    const s = await page.evaluate(() => window.__scan);
    out.input = {
      readMs: s.readAt - t0,
      scanMs: s.doneAt - s.readAt,
      totalMs: s.doneAt - t0,
      handOffMs: s.changeAt - t0,
      lines: s.lines,
      bytes: s.bytes,
    };
    // fetch → ArrayBuffer, then the same loop.
    out.fetch = await withTimeout(page.evaluate((names) => window.scanBench.fetchScan(names), FILES), timeoutMs, 'fetch scan', () => b.close());
    out.ok = true;
  } catch (e) {
    out.error = String(e.message ?? e).split('\n')[0];
  } finally {
    out.consoleErrors = b.consoleErrors.slice(0, 10);
    await b.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Native

function runNative(opts, files) {
  if (!existsSync(opts.cli)) return { available: false, note: `no CLI at ${opts.cli}` };
  const help = spawnSync(opts.cli, ['report', '--help'], { encoding: 'utf8', timeout: 30_000 });
  if (help.status !== 0) return { available: false, note: 'native report: not available yet (`dealscope report --help` exits ' + help.status + ')' };
  const args = ['-f', 'BENCH_TIME %e %M %U %S', opts.cli, 'report', ...files.map((f) => f.path), '--json'];
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', args, { encoding: 'utf8', timeout: opts.timeoutS * 1000, maxBuffer: 1 << 30 });
  const wallMs = performance.now() - t0;
  const m = /BENCH_TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  const out = {
    available: true,
    exit: r.status,
    wallMs,
    timeWallMs: m ? Number(m[1]) * 1000 : null,
    maxRssBytes: m ? Number(m[2]) * 1024 : null,
    userS: m ? Number(m[3]) : null,
    sysS: m ? Number(m[4]) : null,
  };
  if (r.status !== 0) {
    out.error = (r.stderr ?? '').split('\n').filter((l) => !l.startsWith('BENCH_TIME')).slice(0, 5).join(' | ');
    return out;
  }
  try {
    out.report = JSON.parse(r.stdout);
  } catch (e) {
    out.error = `output is not JSON: ${e.message}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Cross-check: the tiles of another implementation against DuckDB's

function compareTiles(reference, other) {
  const rows = [];
  for (const id of TILE_IDS) {
    const a = reference[id];
    let b = other?.[id];
    if (b === '' || b === undefined) b = null;
    if (typeof b === 'string') b = Number(b);
    if (b && typeof b === 'object' && 'value' in b) b = b.value;
    const same = (a == null && b == null) || (a != null && b != null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
    rows.push({ id, duckdb: a ?? null, other: b ?? null, same });
  }
  return rows;
}

/** funnel / abc / lifecycle / cohorts of `dealscope report --json` against DuckDB's: text lines. */
function compareStructures(ref, other) {
  const out = [];
  const near = (a, b) => a != null && b != null && Math.abs(Number(a) - Number(b)) <= 1e-9 * Math.max(1, Math.abs(Number(a)));
  if (Array.isArray(other.funnel)) {
    const a = ref.funnel.map((s) => s.reached);
    const b = other.funnel.map((s) => s.reached);
    out.push(`funnel reached ${a.length === b.length && a.every((x, i) => x === b[i]) ? '✓' : `✗ (native ${b.join(', ')})`}`);
  }
  if (Array.isArray(other.abc)) {
    const bad = ref.abc.filter((t) => {
      const o = other.abc.find((x) => x.tier === t.tier);
      return !o || o.customers !== t.customers || !near(t.revenue, o.revenue);
    });
    out.push(`abc ${bad.length ? `✗ (${bad.map((t) => t.tier).join(', ')})` : '✓'}`);
  }
  if (other.lifecycle && typeof other.lifecycle === 'object') {
    const bad = Object.keys(ref.lifecycle).filter((k) => k in other.lifecycle && other.lifecycle[k] !== ref.lifecycle[k]);
    out.push(`lifecycle ${bad.length ? `✗ (${bad.map((k) => `${k} ${other.lifecycle[k]}`).join(', ')})` : '✓'}`);
  }
  if (Array.isArray(other.cohorts)) {
    const bad = ref.cohorts.filter((c) => {
      const o = other.cohorts.find((x) => x.cohort === c.cohort);
      return !o || o.size !== c.size || !Array.isArray(o.retention) || o.retention.length !== c.retention.length || !c.retention.every((r, i) => near(r, o.retention[i]));
    });
    out.push(`cohorts ${bad.length ? `✗ (${bad.map((c) => c.cohort).join(', ')})` : '✓'}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main

function pickMedian(runs, key) {
  return median(runs.map((r) => (typeof key === 'function' ? key(r) : r[key])));
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const files = FILES.map((name) => {
    const p = path.join(opts.data, name);
    if (!existsSync(p)) throw new Error(`missing ${p} (bench/run.sh generates it)`);
    return { name, path: p, bytes: statSync(p).size, rows: countLines(p) - 1 };
  });
  const totalBytes = files.reduce((s, f) => s + f.bytes, 0);
  const env = environment();
  const deadline = setTimeout(async () => {
    console.error(`bench: overall limit of ${opts.timeoutS * 4 * opts.repeat} s reached; closing the browser`);
    await closeAll();
    process.exit(3);
  }, opts.timeoutS * 4 * opts.repeat * 1000);
  deadline.unref();

  const hasDist = existsSync(path.join(opts.dist, 'index.html'));
  const server = await startServer({
    mounts: [
      ['/bench/data/', opts.data],
      ['/bench/', HERE],
      ['/', hasDist ? opts.dist : path.join(HERE, 'pages')],
    ],
    isolate: opts.bundle === 'coi',
  });
  const result = { env, deals: opts.deals, data: opts.data, files, totalBytes, repeat: opts.repeat, parts: {} };
  const log = (s) => process.stderr.write(`bench: ${s}\n`);

  try {
    if (opts.parts.includes('dealscope')) {
      if (!hasDist) {
        result.parts.dealscope = { skipped: `no ${path.relative(ROOT, opts.dist)}/index.html: build the app first (\`trunk build --release\` at the repository root, or \`bash scripts/serve.sh\`)` };
        log(`(a) Dealscope skipped: ${result.parts.dealscope.skipped}`);
      } else {
        const runs = [];
        for (let i = 0; i < opts.repeat; i += 1) {
          log(`(a) Dealscope run ${i + 1}/${opts.repeat}`);
          runs.push(await runDealscope(opts, server, files));
          if (runs.at(-1).error) log(`    error: ${runs.at(-1).error}`);
        }
        result.parts.dealscope = { runs };
      }
    }
    if (opts.parts.includes('duckdb')) {
      const runs = [];
      for (let i = 0; i < opts.repeat; i += 1) {
        log(`(b) DuckDB-WASM run ${i + 1}/${opts.repeat}`);
        runs.push(await runDuckdb(opts, server));
        if (runs.at(-1).error) log(`    error: ${runs.at(-1).error}`);
      }
      result.parts.duckdb = { runs };
      const good = runs.find((r) => r.ok);
      if (good) {
        const report = duckdbReport(good.results);
        const file = path.join(opts.out, `duckdb-results-${opts.deals ?? 'x'}.json`);
        mkdirSync(opts.out, { recursive: true });
        writeFileSync(
          file,
          JSON.stringify(
            {
              note: 'DuckDB-WASM results of bench/sql/*.sql on these files: an independent cross-check of the engine. Top-level ids as in `dealscope report --json`; all query results under `details`.',
              duckdb: good.init,
              data: opts.data,
              files: files.map(({ name, bytes, rows }) => ({ name, bytes, rows })),
              ...report,
              details: good.results,
              tables: good.tables,
              types: good.types,
            },
            null,
            1,
          ),
        );
        result.parts.duckdb.report = report;
        result.parts.duckdb.resultsFile = file;
      }
    }
    if (opts.parts.includes('scan')) {
      const runs = [];
      for (let i = 0; i < opts.repeat; i += 1) {
        log(`(c) raw scan run ${i + 1}/${opts.repeat}`);
        runs.push(await runScan(opts, server, files));
        if (runs.at(-1).error) log(`    error: ${runs.at(-1).error}`);
      }
      result.parts.scan = { runs };
    }
    if (opts.parts.includes('native')) {
      log('native: dealscope report');
      result.parts.native = runNative(opts, files);
    }
  } finally {
    await closeAll();
    await server.close();
  }

  // Slim the stored runs (the results are in duckdb-results-N.json).
  for (const r of result.parts.duckdb?.runs ?? []) delete r.results;

  printTable(result);
  mkdirSync(opts.out, { recursive: true });
  const file = path.join(opts.out, `results-${opts.deals ?? 'x'}.json`);
  writeFileSync(file, JSON.stringify(result, null, 1));
  console.log(`\nwritten: ${path.relative(process.cwd(), file)}${result.parts.duckdb?.resultsFile ? `, ${path.relative(process.cwd(), result.parts.duckdb.resultsFile)}` : ''}`);
}

function printTable(result) {
  const { env, files, totalBytes } = result;
  const lines = [];
  const p = (s = '') => lines.push(s);
  const row = (label, ms, extra = '', rate = true) => p(`  ${label.padEnd(52)} ${fmtMs(ms).padStart(9)} ${(rate ? fmtRate(totalBytes, ms) : '—').padStart(9)}  ${extra}`);
  const memRow = (label, bytes, extra = '') => p(`  ${label.padEnd(52)} ${fmtMB(bytes).padStart(19)}  ${extra}`);

  p(`Dealscope benchmark — ${fmtInt(result.deals)} deals`);
  p(`  ${env.date}  ·  nproc ${env.nproc}  ·  ${env.cpu}  ·  ${env.memoryGB} GB`);
  p(`  ${env.chromium}  ·  node ${env.node}  ·  @duckdb/duckdb-wasm ${env.duckdbWasm}  ·  playwright-core ${env.playwright}`);
  p(`  data: ${result.data}`);
  for (const f of files) p(`    ${f.name.padEnd(15)} ${fmtMB(f.bytes).padStart(10)}  ${fmtInt(f.rows).padStart(10)} rows`);
  p(`    ${'total'.padEnd(15)} ${fmtMB(totalBytes).padStart(10)}`);
  if (result.repeat > 1) p(`  each figure: median of ${result.repeat} runs, each in a fresh browser`);
  p();
  p(`  ${'measure'.padEnd(52)} ${'ms'.padStart(9)} ${'MB/s'.padStart(9)}`);

  // (a)
  const ds = result.parts.dealscope;
  let dsMs = null;
  if (ds?.skipped) p(`(a) Dealscope: skipped — ${ds.skipped}`);
  else if (ds) {
    const ok = ds.runs.filter((r) => r.ok);
    p('(a) Dealscope (the app, release build from dist/)');
    if (!ok.length) p(`  failed: ${ds.runs.map((r) => r.error ?? r.state).join('; ')}`);
    else {
      dsMs = pickMedian(ok, 'loadMs');
      row('files handed to the input → every tile has a value', dsMs, `(from the change event: ${fmtMs(pickMedian(ok, 'fromChangeEventMs'))} ms)`);
      if (ok[0].note) p(`  note: ${ok[0].note}`);
      const f = ok[0].filter;
      if (f?.skipped) p(`  filter change: skipped — ${f.skipped}`);
      else if (f) {
        row(`one filter change (${f.selector} = ${f.value})`, pickMedian(ok, (r) => r.filter?.ms), `${f.changedTiles} tiles changed; back to all: ${fmtMs(pickMedian(ok, (r) => r.filter?.backMs))} ms${f.note ? `; ${f.note}` : ''}`, false);
      }
      memRow('peak JS heap, main thread (performance.memory)', pickMedian(ok, 'heapPeak'));
      const wasm = pickMedian(ok, 'wasmPeak');
      memRow('peak wasm memory (window.__dealscopeWasmMemoryBytes)', wasm, wasm ? '' : '(not exposed by the page)');
      const ren = pickMedian(ok, (r) => r.memory?.renderer?.peakAnon);
      memRow('peak renderer private memory (RssAnon, sampled)', ren, ren ? `${(ren / totalBytes).toFixed(2)}× the files` : '');
      const hwm = pickMedian(ok, (r) => r.memory?.renderer?.hwm);
      memRow('peak renderer resident memory (VmHWM)', hwm, hwm ? `${(hwm / totalBytes).toFixed(2)}× the files` : '');
      p(`  main thread during import: longest task ${fmtMs(pickMedian(ok, 'longestMainThreadTaskMs'))} ms, ${ok[0].mainThreadLongTasks} long tasks (>50 ms)`);
      p(`  demo dashboard: every tile and the ${ok[0].demoChartsInView ?? '?'} charts in view drawn ${fmtMs(pickMedian(ok, 'demoDrawnMs'))} ms after navigation start (tiles ${fmtMs(pickMedian(ok, 'demoTilesMs'))} ms; noted in the page); the driver saw the revenue tile at ${fmtMs(pickMedian(ok, 'demoDashboardMs'))} ms`);
      const rep = ok[0].report;
      if (rep?.length) p(`  import report: ${rep.map((r) => `${r.file} ${r.kind} ${fmtInt(r.loaded)}/${fmtInt(r.rows)}${r.rejected ? ` (${fmtInt(r.rejected)} rejected)` : ''}`).join(', ')}`);
    }
  }

  // (b)
  const dk = result.parts.duckdb;
  let dkTotal = null;
  let dkWithFetch = null;
  if (dk) {
    const ok = dk.runs.filter((r) => r.ok);
    const init = ok[0]?.init;
    p(`(b) DuckDB-WASM${init ? ` ${init.version}, ${init.bundle} bundle, threads ${init.threads}${init.crossOriginIsolated ? ', cross-origin isolated' : ''}` : ''}`);
    if (!ok.length) p(`  failed: ${dk.runs.map((r) => r.error).join('; ')}`);
    else {
      row('instantiate (download + compile the wasm; not counted)', pickMedian(ok, (r) => r.init.instantiateMs), '', false);
      row('fetch the files → ArrayBuffer (not counted)', pickMedian(ok, 'fetchMs'));
      row('load: registerFileBuffer + CREATE TABLE … read_csv_auto', pickMedian(ok, 'loadMs'), `(register ${fmtMs(pickMedian(ok, 'registerMs'))} ms)`);
      for (const name of Object.keys(ok[0].perFile)) row(`  query ${name}`, pickMedian(ok, (r) => r.perFile[name]));
      row('queries, all', pickMedian(ok, 'queryMs'));
      dkTotal = pickMedian(ok, 'totalMs');
      dkWithFetch = pickMedian(ok, (r) => r.totalMs + r.fetchMs);
      row('load + queries', dkTotal);
      row('fetch + load + queries', dkWithFetch);
      const ren = pickMedian(ok, (r) => r.memory?.renderer?.peakAnon);
      memRow('peak renderer private memory (RssAnon, sampled)', ren, ren ? `${(ren / totalBytes).toFixed(2)}× the files` : '');
      const hwm = pickMedian(ok, (r) => r.memory?.renderer?.hwm);
      memRow('peak renderer resident memory (VmHWM)', hwm, hwm ? `${(hwm / totalBytes).toFixed(2)}× the files` : '');
      p(`  results: ${path.relative(process.cwd(), dk.resultsFile)}`);
    }
  }

  // (c)
  const sc = result.parts.scan;
  let scanInput = null;
  let scanFetch = null;
  if (sc) {
    const ok = sc.runs.filter((r) => r.ok);
    p('(c) Raw byte scan (count newline bytes; the floor)');
    if (!ok.length) p(`  failed: ${sc.runs.map((r) => r.error).join('; ')}`);
    else {
      row('fetch the files → ArrayBuffer', pickMedian(ok, (r) => r.fetch.fetchMs));
      row('scan every byte', pickMedian(ok, (r) => r.fetch.scanMs));
      scanFetch = pickMedian(ok, (r) => r.fetch.totalMs);
      row('fetch + scan', scanFetch);
      row('file input: File.arrayBuffer() of the five files', pickMedian(ok, (r) => r.input.readMs));
      scanInput = pickMedian(ok, (r) => r.input.totalMs);
      row('file input: read + scan', scanInput, `(${fmtInt(ok[0].input.lines)} lines)`);
    }
  }

  // native
  const nt = result.parts.native;
  if (nt) {
    p('native (target/release/dealscope)');
    if (!nt.available) p(`  ${nt.note}`);
    else if (nt.error) p(`  dealscope report failed (exit ${nt.exit}): ${nt.error}`);
    else {
      row('dealscope report FILES --json (wall, /usr/bin/time)', nt.timeWallMs ?? nt.wallMs, `user ${nt.userS} s, sys ${nt.sysS} s`);
      memRow('max resident memory', nt.maxRssBytes, nt.maxRssBytes ? `${(nt.maxRssBytes / totalBytes).toFixed(2)}× the files` : '');
      if (nt.report?.timings) p(`  engine timings: ${JSON.stringify(nt.report.timings)}`);
    }
  }

  // ratios
  p();
  p('ratios (time / time; below 1 means Dealscope is faster)');
  const ratio = (a, b) => (a && b ? (a / b).toFixed(2) : '—');
  p(`  Dealscope / DuckDB-WASM (load + queries)            ${ratio(dsMs, dkTotal).padStart(7)}   (DuckDB / Dealscope ${ratio(dkTotal, dsMs)})`);
  p(`  Dealscope / DuckDB-WASM (fetch + load + queries)    ${ratio(dsMs, dkWithFetch).padStart(7)}`);
  p(`  Dealscope / raw scan (file input: read + scan)      ${ratio(dsMs, scanInput).padStart(7)}`);
  p(`  Dealscope / raw scan (fetch + scan)                 ${ratio(dsMs, scanFetch).padStart(7)}`);
  if (nt?.available && !nt.error) p(`  Dealscope / native report                           ${ratio(dsMs, nt.timeWallMs ?? nt.wallMs).padStart(7)}`);
  p(`  DuckDB-WASM (load + queries) / raw scan (file input) ${ratio(dkTotal, scanInput).padStart(6)}`);

  // cross-checks
  const ref = dk?.report;
  if (ref) {
    p();
    p(`DuckDB's tiles (period ${ref.period.from} … ${ref.period.to}) and the cross-checks`);
    const dsTiles = ds?.runs?.find((r) => r.ok)?.tiles;
    const ntTiles = nt?.report;
    const cmpDs = dsTiles ? compareTiles(ref, dsTiles) : null;
    const cmpNt = ntTiles ? compareTiles(ref, ntTiles) : null;
    p(`  ${'tile'.padEnd(22)} ${'DuckDB'.padStart(20)} ${dsTiles ? 'Dealscope (page)'.padStart(22) : ''} ${ntTiles ? 'native report'.padStart(22) : ''}`);
    for (const id of TILE_IDS) {
      const show = (v) => (v == null ? '—' : String(+Number(v).toPrecision(12)));
      const a = cmpDs?.find((r) => r.id === id);
      const n = cmpNt?.find((r) => r.id === id);
      p(`  ${id.padEnd(22)} ${show(ref[id]).padStart(20)} ${a ? `${show(a.other)}${a.same ? ' ✓' : ' ✗'}`.padStart(22) : ''} ${n ? `${show(n.other)}${n.same ? ' ✓' : ' ✗'}`.padStart(22) : ''}`);
    }
    if (cmpDs) p(`  Dealscope page vs DuckDB: ${cmpDs.filter((r) => r.same).length}/${cmpDs.length} tiles agree (relative 1e-9)`);
    if (cmpNt) p(`  native report vs DuckDB: ${cmpNt.filter((r) => r.same).length}/${cmpNt.length} tiles agree (relative 1e-9); ${compareStructures(ref, ntTiles).join(', ')}`);
    p(`  funnel: ${ref.funnel.map((s) => `${s.stage} ${fmtInt(s.reached)}`).join(' → ')}`);
    p(`  ABC: ${ref.abc.map((t) => `${t.tier} ${fmtInt(t.customers)} customers ${(t.revenue_share * 100).toFixed(1)} %`).join(', ')}`);
    p(`  lifecycle: ${Object.entries(ref.lifecycle).map(([k, v]) => `${k} ${fmtInt(v)}`).join(', ')}`);
    p(`  cohorts: ${ref.cohorts.length} (${ref.cohorts[0]?.cohort} size ${fmtInt(ref.cohorts[0]?.size)}, month 1 retention ${(ref.cohorts[0]?.retention[1] * 100).toFixed(1)} %)`);
  }
  const errors = [
    ...(ds?.runs ?? []).flatMap((r) => r.consoleErrors ?? []),
    ...(dk?.runs ?? []).flatMap((r) => r.consoleErrors ?? []),
  ];
  if (errors.length) {
    p();
    p(`browser console errors (first ${Math.min(errors.length, 5)}):`);
    for (const e of errors.slice(0, 5)) p(`  ${e}`);
  }
  console.log(lines.join('\n'));
}

main().catch(async (e) => {
  console.error(`bench: ${e.stack ?? e}`);
  await closeAll();
  process.exit(1);
});
