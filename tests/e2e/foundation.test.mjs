// The foundation: the built page opens on the demo data and draws a dashboard, offline.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openApp, outputDir, waitForMetric } from './harness.mjs';

let app;

before(async () => {
  app = await openApp();
  await waitForMetric(app.page, 'revenue');
});

after(async () => {
  await app?.close();
});

test('the demo dashboard shows numeric KPI tiles', async () => {
  for (const metric of ['revenue', 'won_deals', 'win_rate']) {
    const value = await waitForMetric(app.page, metric);
    assert.notEqual(value.trim(), '', `${metric} has a value`);
    assert.ok(Number.isFinite(Number(value)), `${metric} data-value ${value} is a number`);
  }
});

test('the page says it shows demo data', async () => {
  const banner = app.page.locator('[data-testid=demo-banner]');
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.innerText(), /demo/i);
});

test('the revenue chart draws on a canvas', async () => {
  const canvas = app.page.locator('[data-chart=revenue_trend] canvas');
  await canvas.first().waitFor({ state: 'attached', timeout: 10000 });
  const box = await canvas.first().boundingBox();
  assert.ok(box && box.width > 100 && box.height > 100, `canvas is sized: ${JSON.stringify(box)}`);
  // Let the entry animation finish before keeping a picture of the page.
  await app.page.waitForTimeout(1200);
  await mkdir(outputDir, { recursive: true });
  await app.page.screenshot({ path: path.join(outputDir, 'foundation.png'), fullPage: true });
});

test('the file input and the import report are present', async () => {
  const input = app.page.locator('input[type=file][data-testid=file-input]');
  assert.equal(await input.count(), 1);
  assert.equal(await input.getAttribute('multiple'), '');
  assert.equal(await app.page.locator('[data-testid=import-report]').count(), 1);
});

test('no console errors, no page errors', () => {
  assert.deepEqual(app.pageErrors, []);
  assert.deepEqual(app.consoleErrors, []);
});

test('no request leaves 127.0.0.1', () => {
  assert.deepEqual(app.externalRequests, []);
});
