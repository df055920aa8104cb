// Opening files through the picker replaces the demo data and lists each file in the import
// report, including one that cannot be read as a table.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, waitForMetric } from './harness.mjs';

const data = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
let app;

before(async () => {
  app = await openApp();
  await waitForMetric(app.page, 'revenue');
  await app.page
    .locator('input[type=file][data-testid=file-input]')
    .setInputFiles([path.join(data, 'deals_small.csv'), path.join(data, 'not_a_table.bin')]);
  await app.page.waitForSelector('[data-testid=import-report] [data-file="deals_small.csv"]');
});

after(async () => {
  await app?.close();
});

test('the import report lists each opened file with its counts', async () => {
  const row = app.page.locator('[data-testid=import-report] [data-file="deals_small.csv"]');
  assert.equal(await row.getAttribute('data-kind'), 'deals');
  assert.equal(await row.getAttribute('data-rows'), '6');
  assert.equal(await row.getAttribute('data-loaded'), '6');
  assert.equal(await row.getAttribute('data-rejected'), '0');

  const bad = app.page.locator('[data-testid=import-report] [data-file="not_a_table.bin"]');
  assert.equal(await bad.count(), 1, 'an unreadable file is listed, not dropped');
  assert.equal(await bad.getAttribute('data-kind'), 'unknown');
  assert.equal(await bad.getAttribute('data-loaded'), '0');
});

test('the demo data is gone and the tiles show the opened data', async () => {
  await app.page.locator('[data-testid=demo-banner]').waitFor({ state: 'detached' });
  assert.equal(await app.page.locator('[data-testid=import-report] [data-file]').count(), 2);
  const revenue = await waitForMetric(app.page, 'revenue');
  assert.equal(Number(revenue), 35000.5);
  assert.equal(Number(await waitForMetric(app.page, 'won_deals')), 3);
  assert.equal(Number(await waitForMetric(app.page, 'win_rate')), 0.75);
});

test('the chart follows its box when the window narrows', async () => {
  const canvas = app.page.locator('[data-chart=revenue_trend] canvas').first();
  const wide = (await canvas.boundingBox()).width;
  await app.page.setViewportSize({ width: 700, height: 900 });
  await app.page.waitForFunction(
    (before) => {
      const c = document.querySelector('[data-chart=revenue_trend] canvas');
      return c && c.getBoundingClientRect().width < before - 100;
    },
    wide,
    { timeout: 5000 },
  );
});

test('no console errors, no page errors, nothing leaves 127.0.0.1', () => {
  assert.deepEqual(app.pageErrors, []);
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.externalRequests, []);
});
