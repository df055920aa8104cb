// Sharing: the view lives in the URL (a copied link reproduces the same figures; back and
// forward move between views), `?data=` loads files from addresses and names the one that
// failed, the loaded files survive a reload (IndexedDB) until 'Clear data', and exports.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, outputDir, waitForMetric } from './harness.mjs';
import { startServer } from './server.mjs';

const data = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const apps = [];
after(async () => {
  for (const app of apps) await app.close();
});

async function open(options) {
  const app = await openApp(options);
  apps.push(app);
  return app;
}

/** Every tile's `data-value`, by metric. */
async function tiles(page) {
  return page.$$eval('[data-metric][data-value]', (nodes) =>
    Object.fromEntries(nodes.map((n) => [n.dataset.metric, n.dataset.value])),
  );
}

/** Waits until tile `id` shows `value`. */
async function shows(page, id, value) {
  await page.waitForFunction(
    ([id, value]) =>
      document.querySelector(`[data-metric="${id}"]`)?.getAttribute('data-value') === value,
    [id, value],
    { timeout: 15000 },
  );
}

/** Console errors other than the browser's own note of a refused fetch. */
const realErrors = (errors) => errors.filter((e) => !/Failed to load resource/.test(e));

test('a link with filters and settings reproduces the same figures', async () => {
  const app = await open({ search: '?period=all_time&churn_window=90&stalled_days=14' });
  await waitForMetric(app.page, 'revenue');
  const first = await tiles(app.page);

  const other = await app.context.newPage();
  await other.goto(app.url, { waitUntil: 'load' });
  await shows(other, 'revenue', first.revenue);
  assert.deepEqual(await tiles(other), first);

  // Not the default view: the default period gives other figures.
  const plain = await app.context.newPage();
  await plain.goto(app.url.split('?')[0], { waitUntil: 'load' });
  const defaultRevenue = await waitForMetric(plain, 'revenue');
  assert.notEqual(defaultRevenue, first.revenue);
  assert.deepEqual(realErrors(app.consoleErrors), []);
  assert.deepEqual(app.pageErrors, []);
});

test('a filter goes into the URL, the URL opens the same view, back and forward move', async () => {
  const app = await open();
  const { page } = app;
  const before = await waitForMetric(page, 'revenue');
  const regions = await page.$$eval('[data-testid="filter-region"] option', (options) =>
    options.map((o) => o.value).filter((v) => v !== ''),
  );
  await page.selectOption('[data-testid="filter-region"]', regions[0]);
  await page.waitForFunction(
    (before) => {
      const v = document.querySelector('[data-metric="revenue"]')?.getAttribute('data-value');
      return v && v !== before;
    },
    before,
  );
  const filtered = await tiles(page);
  await page.waitForFunction(() => location.search.includes('region='));
  const link = page.url();
  assert.match(link, /region=/);

  const copy = await app.context.newPage();
  await copy.goto(link, { waitUntil: 'load' });
  await shows(copy, 'revenue', filtered.revenue);
  assert.deepEqual(await tiles(copy), filtered);

  await page.goBack();
  await shows(page, 'revenue', before);
  assert.doesNotMatch(page.url(), /region=/);
  await page.goForward();
  await shows(page, 'revenue', filtered.revenue);
  assert.match(page.url(), /region=/);
  assert.deepEqual(app.pageErrors, []);
});

test('the funnel view goes into the URL, a reload keeps it, back returns to the steps', async () => {
  const app = await open();
  const { page } = app;
  await waitForMetric(page, 'revenue');
  const panel = page.locator('[data-testid="panel-funnel"]');
  const reached = panel.getByRole('button', { name: 'Stage reached' });
  const current = panel.getByRole('button', { name: 'Current stage' });
  const caption = panel.locator('[data-testid="funnel-view"]');
  await caption.waitFor();
  const stepsCaption = await caption.innerText();
  assert.equal(await reached.getAttribute('aria-pressed'), 'true');
  assert.doesNotMatch(page.url(), /funnel_view=/, 'the default view is not written');

  await current.click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('funnel_view') === 'current');
  assert.equal(await current.getAttribute('aria-pressed'), 'true');
  const currentCaption = await caption.innerText();
  assert.notEqual(currentCaption, stepsCaption);

  await page.reload({ waitUntil: 'load' });
  await waitForMetric(page, 'revenue');
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="funnel-view"]')?.innerText === text,
    currentCaption,
  );
  assert.equal(await current.getAttribute('aria-pressed'), 'true');
  assert.equal(await panel.locator('[data-testid="funnel-split"]').isDisabled(), true);

  await page.goBack();
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="funnel-view"]')?.innerText === text,
    stepsCaption,
  );
  assert.doesNotMatch(page.url(), /funnel_view=/);
  assert.equal(await reached.getAttribute('aria-pressed'), 'true');
  await page.goForward();
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="funnel-view"]')?.innerText === text,
    currentCaption,
  );
  assert.match(page.url(), /funnel_view=current/);
  assert.deepEqual(realErrors(app.consoleErrors), []);
  assert.deepEqual(app.pageErrors, []);
});

test('?data= loads files from addresses, names the missing one, and a reload restores them', async () => {
  const app = await open();
  const { page, context } = app;
  await waitForMetric(page, 'revenue');
  await context.route('**/e2e-data/**', async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    try {
      const body = await readFile(path.join(data, name === 'pipeline_export.csv' ? 'import' : '', name));
      await route.fulfill({ status: 200, contentType: 'text/csv', body });
    } catch {
      await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
    }
  });
  const base = app.url.split('?')[0];
  await page.goto(
    `${base}?data=e2e-data/deals_small.csv,e2e-data/pipeline_export.csv,e2e-data/missing.csv`,
    { waitUntil: 'load' },
  );
  await page.waitForSelector('[data-testid=import-report] [data-file="deals_small.csv"]');
  await page.waitForSelector('[data-testid=import-report] [data-file="pipeline_export.csv"]');
  const error = page.locator('[data-testid="data-url-error"]');
  assert.equal(await error.count(), 1);
  assert.equal(await error.getAttribute('data-url'), 'e2e-data/missing.csv');
  assert.match(await error.innerText(), /missing\.csv[\s\S]*404/);
  await page.locator('[data-testid=demo-banner]').waitFor({ state: 'detached' });

  // A reload without ?data= restores the files from IndexedDB.
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid=import-report] [data-file="deals_small.csv"]');
  await page.waitForSelector('[data-testid=import-report] [data-file="pipeline_export.csv"]');
  assert.equal(await page.locator('[data-testid=demo-banner]').count(), 0);

  // 'Clear data' empties the store: the demo comes back, and stays after a reload.
  await page.click('[data-testid="clear-data"]');
  await page.waitForSelector('[data-testid=demo-banner]');
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('[data-testid=demo-banner]');
  await waitForMetric(page, 'revenue');
  assert.equal(await page.locator('[data-testid=import-report] [data-file="deals_small.csv"]').count(), 0);
  assert.deepEqual(realErrors(app.consoleErrors), []);
  assert.deepEqual(app.pageErrors, []);
});

test('a chart saves as PNG with its title band, a table as CSV', async () => {
  const app = await open();
  const { page } = app;
  await waitForMetric(page, 'revenue');
  const chart = page.locator('[data-chart=revenue_trend]');
  await chart.locator('canvas').first().waitFor();
  await page.waitForTimeout(1200); // the bars' entry animation
  const box = await chart.boundingBox();

  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="png-revenue_trend"]'),
  ]);
  assert.equal(png.suggestedFilename(), 'dealscope-revenue_trend.png');
  const bytes = await readFile(await png.path());
  await mkdir(outputDir, { recursive: true });
  await writeFile(path.join(outputDir, 'chart-export.png'), bytes);
  assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'a PNG');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  assert.ok(Math.abs(width - 2 * box.width) <= 4, `width ${width} for ${box.width}`);
  assert.ok(Math.abs(height - (2 * box.height + 128)) <= 4, `height ${height} for ${box.height}`);
  // The band above the chart carries text (title and period), and the chart is drawn below.
  const inked = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const count = (y0, y1) => {
      const d = g.getImageData(0, y0, img.width, y1 - y0).data;
      const [r, gg, b] = [d[0], d[1], d[2]];
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - gg) + Math.abs(d[i + 2] - b) > 60) n++;
      }
      return n;
    };
    return { title: count(16, 60), period: count(76, 110), chart: count(140, img.height) };
  }, `data:image/png;base64,${bytes.toString('base64')}`);
  assert.ok(inked.title > 200, `title pixels: ${inked.title}`);
  assert.ok(inked.period > 100, `period pixels: ${inked.period}`);
  assert.ok(inked.chart > 1000, `chart pixels: ${inked.chart}`);

  await page.click('[data-testid="csv-tables"]');
  const item = page.locator('.csv-list button').first();
  await item.waitFor();
  const testid = await item.getAttribute('data-testid');
  const panel = testid.replace(/^csv-/, '').replace(/-\d+$/, '');
  const header = await page.$eval(`[data-testid="panel-${panel}"] table`, (table) =>
    [...table.rows[0].cells].map((c) => c.textContent.trim()),
  );
  const [csv] = await Promise.all([page.waitForEvent('download'), item.click()]);
  assert.equal(csv.suggestedFilename(), `dealscope-${testid.replace(/^csv-/, '')}.csv`);
  const text = await readFile(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'a byte order mark for Excel');
  const lines = text.slice(1).trim().split('\r\n');
  assert.equal(lines[0], header.map((h) => (/[",]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)).join(','));
  assert.ok(lines.length >= 2, `rows: ${lines.length}`);
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.pageErrors, []);
});

test('the page runs under a content security policy with no violation, and it blocks inline scripts', async () => {
  const app = await open();
  const page = await app.context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(`${app.url}?present=trend&slide=1`, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="present-layer"]');
  await page.waitForSelector('[data-chart=revenue_trend] canvas');
  await page.keyboard.press('Escape');
  const policy = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /script-src[^;]*unsafe-inline/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);

  // An injected inline script does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = true';
    document.body.append(s);
    return window.__ran === true;
  });
  assert.equal(ran, false);
  assert.ok((await page.evaluate(() => window.__violations)).some((v) => v.startsWith('script-src')));
});

test('?data= from another host: allowed by the policy when the host allows CORS, refused in words when not', async () => {
  const app = await open();
  const other = await startServer({ root: data });
  const unnamed = await startServer({ root: data });
  try {
    const page = await app.context.newPage();
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const body = await readFile(path.join(data, 'deals_small.csv'));
    await app.context.route(`${other.url}cors/**`, (route) =>
      route.fulfill({
        status: 200,
        headers: { 'access-control-allow-origin': '*', 'content-type': 'text/csv' },
        body,
      }),
    );
    const base = app.url.split('?')[0];
    await page.goto(`${base}?data=${other.url}cors/deals_small.csv,${other.url}import/pipeline_export.csv`);
    await page.waitForSelector('[data-testid=import-report] [data-file="deals_small.csv"]');
    const error = page.locator('[data-testid="data-url-error"]');
    await error.waitFor();
    assert.equal(await error.getAttribute('data-url'), `${other.url}import/pipeline_export.csv`);
    assert.match(await error.innerText(), /CORS/);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(
      errors.filter((e) => !/CORS policy|Failed to load resource/.test(e)),
      [],
    );
    // A host the link does not name stays out.
    const reached = await page.evaluate(
      (url) => fetch(url).then(() => true, () => false),
      `${unnamed.url}deals_small.csv`,
    );
    assert.equal(reached, false);
    assert.ok((await page.evaluate(() => window.__violations)).some((v) => v.startsWith('connect-src')));
  } finally {
    await other.close();
    await unnamed.close();
  }
});

test('once loaded, the dashboard opens offline (service worker)', async () => {
  const app = await open();
  const { page, context } = app;
  await waitForMetric(page, 'revenue');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  // The first visit installs the worker; a reload fills its cache.
  await page.reload({ waitUntil: 'load' });
  await waitForMetric(page, 'revenue');
  assert.equal(await page.evaluate(() => !!navigator.serviceWorker.controller), true);
  await context.setOffline(true);
  try {
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('[data-chart=revenue_trend] canvas');
    assert.ok(Number(await waitForMetric(page, 'revenue')) > 0);
  } finally {
    await context.setOffline(false);
  }
  assert.deepEqual(app.pageErrors, []);
});
