// Drill-down on the demo data: the rows behind the won-deals tile are as many as the tile says,
// the table sorts by value, searches, exports CSV with a BOM, closes on Escape; and a table of
// 100,000 rows keeps fewer than 100 rows in the page while it scrolls.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { openApp, waitForMetric } from './harness.mjs';

const TABLE = '[data-testid=drill-table]';
const ROWS = `${TABLE} tbody tr[data-row]`;

/** Opens the drill-down behind button `testid` and waits for its rows. */
async function drill(page, testid) {
  await page.click(`[data-testid=${testid}]`);
  await page.waitForSelector(`${ROWS}`, { timeout: 15000 });
  return Number(await page.getAttribute(TABLE, 'data-rows'));
}

/** The text of column `id` in the rows now in the page, top to bottom. */
async function cells(page, id) {
  const index = await page.$$eval(`${TABLE} thead th`, (ths, id) =>
    ths.findIndex((th) => th.dataset.column === id), id);
  assert.ok(index >= 0, `column ${id}`);
  return page.$$eval(ROWS, (rows, i) => rows.map((r) => r.children[i].textContent), index);
}

/** Waits until the first row's cell of column `id` passes `check`. */
async function firstCell(page, id, check, timeout = 10000) {
  const start = Date.now();
  for (;;) {
    const values = await cells(page, id);
    if (values.length && check(values)) return values;
    if (Date.now() - start > timeout) throw new Error(`column ${id}: ${values.slice(0, 5)}`);
    await page.waitForTimeout(50);
  }
}

describe('drill-down on the demo data', () => {
  let app;
  let page;

  before(async () => {
    app = await openApp();
    page = app.page;
    await waitForMetric(page, 'won_deals');
  });

  after(async () => {
    await app?.close();
  });

  test('the won deals drill-down has as many rows as the tile', async () => {
    const won = Number(await waitForMetric(page, 'won_deals'));
    const rows = await drill(page, 'drill-won');
    assert.equal(rows, won);
    assert.ok(won > 10, `demo has won deals: ${won}`);
    assert.match(await page.locator('[data-testid=drill-count]').innerText(), new RegExp(`${won}`));
    const statuses = await cells(page, 'status');
    assert.ok(statuses.every((s) => s === 'won'), `statuses ${statuses}`);
  });

  test('a header click sorts by value, then the other way', async () => {
    const header = page.locator(`${TABLE} th[data-column=amount]`);
    assert.equal(await header.getAttribute('aria-sort'), 'none');
    await header.locator('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');
    const up = (await firstCell(page, 'amount', (v) => {
      const n = v.map(Number);
      return n.every((x, i) => i === 0 || n[i - 1] <= x);
    })).map(Number);
    assert.ok(up.length > 5);

    await header.locator('button').click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    const down = (await firstCell(page, 'amount', (v) => Number(v[0]) >= Number(v[v.length - 1])))
      .map(Number);
    assert.ok(down.every((x, i) => i === 0 || down[i - 1] >= x), `descending ${down}`);
    assert.ok(down[0] > up[0]);
  });

  test('the search box keeps the rows that mention the text', async () => {
    const total = Number(await page.getAttribute(TABLE, 'data-rows'));
    const [customer] = await cells(page, 'customer_name');
    const needle = customer.slice(0, Math.max(4, Math.ceil(customer.length / 2))).toUpperCase();
    await page.fill('[data-testid=drill-search]', needle);
    await page.waitForFunction(
      ([sel, total]) => Number(document.querySelector(sel).dataset.matching) < total,
      [TABLE, total],
    );
    const matching = Number(await page.getAttribute(TABLE, 'data-matching'));
    assert.ok(matching >= 1);
    assert.equal(Number(await page.getAttribute(TABLE, 'data-rows')), total, 'the total stays');
    const texts = await page.$$eval(ROWS, (rows) => rows.map((r) => r.textContent.toLowerCase()));
    assert.equal(texts.length, Math.min(matching, texts.length));
    assert.ok(texts.every((t) => t.includes(needle.toLowerCase())), 'every row mentions it');
    assert.match(await page.locator('[data-testid=drill-count]').innerText(), /of/);
  });

  test('Download CSV saves the rows shown, UTF-8 with a BOM and a header row', async () => {
    const matching = Number(await page.getAttribute(TABLE, 'data-matching'));
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10000 }),
      page.click('[data-testid=drill-csv]'),
    ]);
    assert.match(download.suggestedFilename(), /^dealscope-won-deals\.csv$/);
    const bytes = await readFile(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the BOM');
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    assert.equal(
      lines[0],
      'deal_id,customer_id,customer_name,stage,status,amount,created_at,closed_at,owner,' +
        'channel,lost_reason,last_activity_at',
    );
    assert.equal(lines.length, matching + 2, 'header, the rows shown, and the final line end');
  });

  test('Escape closes the drill-down', async () => {
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=drill-panel]').waitFor({ state: 'detached' });
  });

  test('a filter applies to the drill-down too', async () => {
    const values = await page.$$eval('[data-testid=filter-region] option', (o) =>
      o.map((x) => x.value).filter(Boolean));
    const before = await page.getAttribute('[data-metric=won_deals]', 'data-value');
    await page.selectOption('[data-testid=filter-region]', values[0]);
    await page.waitForFunction(
      (b) => document.querySelector('[data-metric=won_deals]').dataset.value !== b,
      before,
    );
    const won = Number(await waitForMetric(page, 'won_deals'));
    assert.equal(await drill(page, 'drill-won'), won);
    await page.click('[data-testid=drill-close]');
    await page.locator('[data-testid=drill-panel]').waitFor({ state: 'detached' });
    await page.click('[data-testid=chips-clear]');
    await page.waitForFunction(
      (b) => document.querySelector('[data-metric=won_deals]').dataset.value === b,
      before,
    );
  });

  test('stalled and lost deals drill to their counts', async () => {
    const stalled = Number(await waitForMetric(page, 'stalled_deals'));
    assert.equal(await drill(page, 'drill-stalled'), stalled);
    await page.keyboard.press('Escape');
    const lost = await drill(page, 'drill-lost');
    assert.ok(lost > 0);
    const statuses = await cells(page, 'status');
    assert.ok(statuses.every((s) => s === 'lost'));
    await page.keyboard.press('Escape');
  });

  test('a click on an owner drills down, or filters the dashboard instead', async (t) => {
    const owners = page.locator('[data-testid=owners-table] tbody th button');
    if ((await owners.count()) < 2) {
      t.skip('no owner leaderboard on the page');
      return;
    }
    const first = (await owners.nth(0).innerText()).trim();
    await owners.nth(0).click();
    await page.waitForSelector(ROWS);
    assert.match(await page.locator('#drill-title').innerText(), new RegExp(first));
    const inTable = await cells(page, 'owner');
    assert.ok(inTable.every((o) => o === first), `owners ${inTable.slice(0, 3)}`);

    await page.click('[data-testid=drill-filter-instead]');
    await page.locator('[data-testid=drill-panel]').waitFor({ state: 'detached' });
    const chip = page.locator('[data-testid=chip-owner]');
    await chip.waitFor();
    assert.equal(await chip.getAttribute('data-value'), first);

    // With the switch on, a click on an owner adds it to the filters without a drill-down.
    await page.click('[data-testid=chips-clear]');
    await page.locator('[data-testid=chip-owner]').waitFor({ state: 'detached' });
    await page.check('[data-testid=pick-filters]');
    const second = (await owners.nth(1).innerText()).trim();
    await owners.nth(1).click();
    await page.locator('[data-testid=chip-owner]').waitFor();
    assert.equal(await page.locator('[data-testid=chip-owner]').getAttribute('data-value'), second);
    assert.equal(await page.locator('[data-testid=drill-panel]').count(), 0);
    await page.uncheck('[data-testid=pick-filters]');
    await page.click('[data-testid=chips-clear]');
  });

  test('no console errors, no page errors, nothing leaves 127.0.0.1', () => {
    assert.deepEqual(app.pageErrors, []);
    assert.deepEqual(app.consoleErrors, []);
    assert.deepEqual(app.externalRequests, []);
  });
});

/** A deals file of `n` rows, deterministic. */
function bigDeals(n) {
  const stages = ['Lead', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost'];
  const owners = ['Ann', 'Bob', 'Chen Wei', 'Dana', 'Eve', 'Farid', 'Gao Min', 'Hana'];
  const channels = ['Web', 'Partner', 'Events', 'Outbound', 'Referral'];
  const lines = ['deal_id,customer_id,stage,amount,created_at,closed_at,owner,channel'];
  // mulberry32: a small seeded generator, so the file is the same on every run.
  let seed = 12345;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const day = (d) => new Date(Date.UTC(2025, 0, 1) + d * 86400000).toISOString().slice(0, 10);
  for (let i = 0; i < n; i++) {
    const stage = stages[Math.floor(rand() * stages.length)];
    const created = Math.floor(rand() * 300);
    const closed = stage.startsWith('Closed') ? day(created + 1 + Math.floor(rand() * 60)) : '';
    const amount = (Math.floor(rand() * 100000) / 100).toFixed(2);
    lines.push(
      `D${String(i).padStart(6, '0')},C${Math.floor(rand() * 20000)},${stage},${amount},` +
        `${day(created)},${closed},${owners[i % owners.length]},${channels[i % channels.length]}`,
    );
  }
  return Buffer.from(lines.join('\n') + '\n');
}

describe('a drill-down of 100,000 rows', () => {
  let app;
  let page;
  const N = 100000;

  before(async () => {
    app = await openApp();
    page = app.page;
    await waitForMetric(page, 'revenue');
    await page
      .locator('input[type=file][data-testid=file-input]')
      .setInputFiles([{ name: 'big_deals.csv', mimeType: 'text/csv', buffer: bigDeals(N) }]);
    await page.waitForSelector('[data-testid=import-report] [data-file="big_deals.csv"]', {
      timeout: 120000,
    });
    await page.locator('[data-testid=demo-banner]').waitFor({ state: 'detached' });
    await page.selectOption('[data-testid="filter-period"]', 'all_time');
    await page.waitForFunction(() => /2025/.test(document.querySelector('[data-testid=period]')?.textContent ?? ''));
  });

  after(async () => {
    await app?.close();
  });

  test('all deals: 100,000 rows, fewer than 100 of them in the page, while scrolling', async () => {
    await page.click('[data-testid=drill-deals]');
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.dataset.rows) > 0, TABLE, {
      timeout: 60000,
    });
    assert.equal(Number(await page.getAttribute(TABLE, 'data-rows')), N);
    await page.waitForSelector(ROWS);
    assert.ok((await page.locator(ROWS).count()) < 100);

    const scroller = `${TABLE} .drill-scroll`;
    for (const target of [N / 2, N - 1, 1234]) {
      const started = Date.now();
      await page.$eval(scroller, (el, row) => { el.scrollTop = row * 32; }, target);
      await page.waitForSelector(`${TABLE} tr[data-row="${target}"]`, { timeout: 10000 });
      const ms = Date.now() - started;
      const inPage = await page.locator(ROWS).count();
      assert.ok(inPage < 100, `${inPage} rows in the page at row ${target}`);
      assert.ok(ms < 3000, `row ${target} shown after ${ms} ms`);
    }
    const ids = await cells(page, 'deal_id');
    assert.ok(ids.includes('D001234'), `row 1234 is D001234: ${ids.slice(0, 3)}`);

    // Sorting 100,000 rows by amount, descending.
    await page.locator(`${TABLE} th[data-column=amount] button`).click();
    await page.locator(`${TABLE} th[data-column=amount] button`).click();
    const down = (await firstCell(page, 'amount', (v) => Number(v[0]) >= 999)).map(Number);
    assert.ok(down.every((x, i) => i === 0 || down[i - 1] >= x));
  });

  test('no console errors, no page errors, nothing leaves 127.0.0.1', () => {
    assert.deepEqual(app.pageErrors, []);
    assert.deepEqual(app.consoleErrors, []);
    assert.deepEqual(app.externalRequests, []);
  });
});
