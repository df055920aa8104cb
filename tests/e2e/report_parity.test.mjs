// The page and `dealscope report --json` are the same engine: on a generated data set opened
// through the file input, every KPI tile's data-value equals the command line's number (to a
// relative 1e-9), with no filter and with an owner filter; and so on deals and orders files large
// enough for the worker to read each in two parts (their tails by two tail workers in turn),
// with deal ids repeated across the parts, and on one whose cut falls inside a quoted value,
// which the worker then reads whole.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp, repoRoot, waitForMetric } from './harness.mjs';

const TILES = [
  'revenue', 'won_deals', 'win_rate', 'avg_deal_size', 'sales_cycle_median', 'pipeline_value',
  'stalled_deals', 'nps', 'active_customers', 'churn_rate', 'repurchase_rate', 'clv',
  'a_tier_revenue_share',
];

/** The command line: the debug build that `cargo test --workspace` leaves, built if missing. */
function dealscope() {
  for (const profile of ['debug', 'release']) {
    const bin = path.join(repoRoot, 'target', profile, 'dealscope');
    if (existsSync(bin)) return bin;
  }
  execFileSync('cargo', ['build', '-p', 'engine', '--bin', 'dealscope'], { cwd: repoRoot, stdio: 'inherit' });
  return path.join(repoRoot, 'target', 'debug', 'dealscope');
}

let app;
let dir;
let files;
let bin;

function reportOn(paths, ...args) {
  return JSON.parse(execFileSync(bin, ['report', ...paths, '--json', ...args], { maxBuffer: 1 << 28 }).toString());
}

function report(...args) {
  return reportOn(files, ...args);
}

/** Waits until every tile shows the command line's value, then asserts each one. */
async function expectTiles(page, expected) {
  const want = Object.fromEntries(TILES.map((id) => [id, expected[id]]));
  await page
    .waitForFunction(
      (want) =>
        Object.entries(want).every(([id, value]) => {
          const shown = document.querySelector(`[data-metric="${id}"]`)?.getAttribute('data-value');
          if (shown == null) return false;
          if (value === null) return shown === '';
          return shown !== '' && Math.abs(Number(shown) - value) <= 1e-9 * Math.max(1, Math.abs(value));
        }),
      want,
      { timeout: 20000 },
    )
    .catch(() => {});
  for (const id of TILES) {
    const shown = await page.getAttribute(`[data-metric="${id}"]`, 'data-value');
    if (expected[id] === null) {
      assert.equal(shown, '', `${id} has no value on the command line, so the tile is empty`);
    } else {
      assert.notEqual(shown, '', `${id} has a value`);
      const diff = Math.abs(Number(shown) - expected[id]);
      assert.ok(diff <= 1e-9 * Math.max(1, Math.abs(expected[id])), `${id}: page ${shown}, command line ${expected[id]}`);
    }
  }
}

before(async () => {
  bin = dealscope();
  dir = mkdtempSync(path.join(tmpdir(), 'dealscope-parity-'));
  execFileSync(bin, ['generate', '--deals', '2000', '--seed', '11', '--out', dir]);
  files = readdirSync(dir).sort().map((name) => path.join(dir, name));
  app = await openApp();
  await waitForMetric(app.page, 'revenue');
  await app.page.locator('input[type=file][data-testid=file-input]').setInputFiles(files);
  await app.page.waitForSelector('[data-testid=import-report] [data-file="deals.csv"][data-rows="2000"]');
});

after(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('every tile equals dealscope report --json on the same files', async () => {
  const expected = report();
  assert.ok(expected.revenue > 0 && expected.won_deals > 0, 'the generated set has won deals');
  await expectTiles(app.page, expected);
});

test('with an owner filter, every tile equals dealscope report --filter owner=…', async () => {
  const owner = report().owners.find((o) => o.owner)?.owner;
  assert.ok(owner, 'the generated deals have owners');
  await app.page.selectOption('[data-testid=filter-owner]', owner);
  await app.page.waitForSelector('[data-testid=chip-owner]');
  const expected = report('--filter', `owner=${owner}`);
  assert.notEqual(expected.revenue, report().revenue, 'the filter changes revenue');
  await expectTiles(app.page, expected);
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.externalRequests, []);
});

test('clicking a funnel step opens its deals, as many as the step reached, within the filter', async () => {
  const owner = report().owners.find((o) => o.owner)?.owner;
  const expected = report('--filter', `owner=${owner}`);
  const step = expected.funnel[1];
  assert.ok(step && step.reached > 0, 'the second step has deals');
  // The steps sit in the panel's "steps as a table" disclosure, beside the chart.
  await app.page.locator('[data-testid=panel-funnel] details.panel-details summary').first().click();
  await app.page
    .locator('[data-testid=panel-funnel] th button', { hasText: step.stage })
    .first()
    .click();
  await app.page.waitForSelector(`[data-testid=drill-table][data-rows="${step.reached}"]`, { timeout: 10000 });
  assert.equal(
    Number(await app.page.getAttribute('[data-testid=drill-table]', 'data-rows')),
    step.reached,
  );
});

test('deals and orders files read in two parts each, ids repeated across them, equal the command line', async () => {
  const big = mkdtempSync(path.join(tmpdir(), 'dealscope-split-'));
  const large = await openApp();
  try {
    // 19 MB of deals: over the 16 MiB from which the worker splits a file.
    execFileSync(bin, ['generate', '--deals', '180000', '--seed', '5', '--out', big]);
    const deals = path.join(big, 'deals.csv');
    const [header, first, second] = readFileSync(deals, 'utf8').split('\n', 3);
    const amount = header.split(',').indexOf('amount');
    const emptied = first.split(',').map((cell, i) => (i === amount ? '' : cell)).join(',');
    // At the end, in the second part: two repeats of the first deal (one with a flag of its
    // own, which goes with the row) and one of the second.
    appendFileSync(deals, `${emptied}\n${first}\n${second}\n`);
    // Orders over 16 MiB too, so that both tail workers read a tail: their rows over again.
    const orders = path.join(big, 'orders.csv');
    const [head, ...body] = readFileSync(orders, 'utf8').trimEnd().split('\n');
    const copies = Math.ceil(17.5e6 / (body.join('\n').length + 1));
    writeFileSync(orders, `${[head, ...Array(copies).fill(body).flat()].join('\n')}\n`);
    const orderRows = body.length * copies;
    const paths = readdirSync(big).sort().map((name) => path.join(big, name));
    await waitForMetric(large.page, 'revenue');
    await large.page.locator('input[type=file][data-testid=file-input]').setInputFiles(paths);
    const row = '[data-testid=import-report] [data-file="deals.csv"]';
    await large.page.waitForSelector(`${row}[data-rows="180003"]`, { timeout: 60000 });
    assert.ok(Number(await large.page.getAttribute(row, 'data-split-at')) > 0, 'read in two parts');
    const ordersRow = `[data-testid=import-report] [data-file="orders.csv"][data-rows="${orderRows}"]`;
    assert.ok(Number(await large.page.getAttribute(ordersRow, 'data-split-at')) > 0, 'orders too');
    const expected = reportOn(paths);
    assert.equal(expected.rejected.rejected, 3, 'the command line rejects the three repeats');
    const shown = await large.page.$$eval('[data-testid=import-report] [data-file]', (rows) =>
      ['rows', 'loaded', 'rejected', 'flagged'].map((k) => rows.reduce((n, r) => n + Number(r.getAttribute(`data-${k}`)), 0)),
    );
    const { rows, loaded, rejected, flagged } = expected.rejected;
    assert.deepEqual(shown, [rows, loaded, rejected, flagged]);
    await expectTiles(large.page, expected);
    assert.deepEqual(large.consoleErrors, []);
  } finally {
    await large.close();
    rmSync(big, { recursive: true, force: true });
  }
});

test('a large deals file whose cut falls inside a quoted value is read whole, as the command line reads it', async () => {
  const big = mkdtempSync(path.join(tmpdir(), 'dealscope-whole-'));
  const large = await openApp();
  try {
    // Rows of one length, each with a line end inside its quoted note near the row's end. The
    // worker cuts a lone deals file at half its bytes, just after the next line end: with the
    // rows placed so that half falls before a note's inner line end, that one is inside quotes.
    const header = 'deal_id,stage,amount,created_at,note\n';
    const row = (k) => `D${String(k).padStart(7, '0')},Won,${100 + (k % 900)},2024-01-02,"${'n'.repeat(100)}\nx"\n`;
    const width = row(0).length;
    let rows = 170000;
    const offset = () => (Math.floor((header.length + rows * width) / 2) - header.length) % width;
    while (offset() > width - 4) rows += 1;
    const text = header + Array.from({ length: rows }, (_, k) => row(k)).join('');
    const deals = path.join(big, 'deals.csv');
    writeFileSync(deals, text);
    await waitForMetric(large.page, 'revenue');
    await large.page.locator('input[type=file][data-testid=file-input]').setInputFiles([deals]);
    const line = `[data-testid=import-report] [data-file="deals.csv"][data-rows="${rows}"]`;
    await large.page.waitForSelector(line, { timeout: 60000 });
    assert.equal(await large.page.getAttribute(line, 'data-split-at'), null, 'read whole');
    assert.equal(Number(await large.page.getAttribute(line, 'data-loaded')), rows);
    await expectTiles(large.page, reportOn([deals]));
    assert.deepEqual(large.consoleErrors, []);
  } finally {
    await large.close();
    rmSync(big, { recursive: true, force: true });
  }
});
