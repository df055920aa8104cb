// The dashboard's panels on the demo data: every panel of PRODUCT.md "What it shows" is on the
// page with content (no "load a file" note: the demo set has every kind of file), every chart
// draws on a canvas, the info buttons explain their figure, and the panels' own controls work.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openApp, outputDir, waitForBuilt, waitForMetric } from './harness.mjs';

const PANELS = [
  'trend',
  'funnel',
  'lost-reasons',
  'pipeline',
  'stalled',
  'cohorts',
  'abc',
  'nps',
  'lifecycle',
  'warnings',
  'channels',
  'owners',
];

let app;

before(async () => {
  app = await openApp({ viewport: { width: 1366, height: 900 } });
  await waitForMetric(app.page, 'revenue');
  await app.page.locator('[data-testid=panel-owners] tbody tr').first().waitFor({ timeout: 15000 });
});

after(async () => {
  await app?.close();
});

test('every panel is on the page with content, and none asks for a file', async () => {
  await waitForBuilt(app.page);
  for (const name of PANELS) {
    const panel = app.page.locator(`[data-testid=panel-${name}]`);
    assert.equal(await panel.count(), 1, `panel-${name} is on the page once`);
    const text = (await panel.innerText()).trim();
    assert.ok(text.length > 20, `panel-${name} has content: ${JSON.stringify(text)}`);
    assert.equal(
      await panel.locator('.missing-input').count(),
      0,
      `panel-${name} has its input on the demo data`,
    );
    assert.equal(await panel.locator('button.explain-button').count() >= 1, true,
      `panel-${name} has an info button`);
  }
});

test('every chart has an accessible name and draws on a sized canvas', async () => {
  const charts = await app.page.$$eval('[data-testid^=panel-] [data-chart]', (els) =>
    els.map((el) => ({ kind: el.dataset.chart, label: el.getAttribute('aria-label') })),
  );
  const kinds = charts.map((c) => c.kind);
  for (const kind of [
    'revenue_trend',
    'deals_trend',
    'funnel',
    'lost_reasons',
    'pipeline',
    'cohorts',
    'pareto',
    'nps_split',
    'nps_trend',
    'nps_breakdown',
    'lifecycle',
    'channels',
  ]) {
    assert.ok(kinds.includes(kind), `a ${kind} chart is on the page (found ${kinds.join(', ')})`);
  }
  for (const { kind, label } of charts) {
    assert.ok(label && label.length > 3, `the ${kind} chart has an aria-label`);
    const canvas = app.page.locator(`[data-chart="${kind}"] canvas`).first();
    await canvas.waitFor({ state: 'attached', timeout: 10000 });
    const box = await canvas.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 100, `${kind} canvas is sized: ${JSON.stringify(box)}`);
  }
});

test('a chart drawn in view is animated, one drawn below the window is not', async () => {
  // Nothing has scrolled yet: the trend chart is in the first screen, the channels chart below it.
  const read = (kind) =>
    app.page.$eval(`[data-chart="${kind}"]`, (box) => ({
      top: box.getBoundingClientRect().top,
      animation: globalThis.echarts?.getInstanceByDom(box)?.getOption().animation,
    }));
  await app.page.locator('[data-chart=channels] canvas').waitFor({ state: 'attached', timeout: 10000 });
  const height = app.page.viewportSize().height;
  const shown = await read('revenue_trend');
  const below = await read('channels');
  assert.ok(shown.top < height && below.top > height, `positions: ${shown.top}, ${below.top}`);
  assert.notEqual(shown.animation, undefined, 'the trend chart has an ECharts option');
  assert.notEqual(shown.animation, false, 'the chart in view is animated');
  assert.equal(below.animation, false, 'the chart drawn out of view is not animated');
});

test("the win rate tile's info button explains it with the numbers behind it", async () => {
  const tile = app.page.locator('[data-metric=win_rate]');
  const button = tile.locator('button.explain-button');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.ok((await button.getAttribute('aria-label')).length > 3, 'the button has a name');
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const popover = tile.locator('.explain-popover');
  await popover.waitFor({ state: 'visible' });
  const text = await popover.innerText();
  assert.match(text, /won/);
  assert.match(text, /\d+ won \/ [\d,]+ closed/);
  // Escape closes it and gives the focus back to the button.
  await app.page.keyboard.press('Escape');
  await popover.waitFor({ state: 'hidden' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
});

test('a panel explains itself with its definition', async () => {
  const panel = app.page.locator('[data-testid=panel-funnel]');
  await panel.locator('.panel-head button.explain-button').click();
  const text = await panel.locator('.explain-popover').innerText();
  assert.match(text, /reached/);
  assert.match(text, /created/);
  await panel.locator('.explain-popover button.explain-close').click();
  await panel.locator('.explain-popover').waitFor({ state: 'hidden' });
});

test('the funnel switches to the current-stage view and says so', async () => {
  const panel = app.page.locator('[data-testid=panel-funnel]');
  const caption = panel.locator('[data-testid=funnel-view]');
  assert.match(await caption.innerText(), /furthest stage/);
  await panel.getByRole('button', { name: 'Current stage' }).click();
  assert.match(await caption.innerText(), /stage they are in now/);
  await panel.getByRole('button', { name: 'Stage reached' }).click();
  await panel.locator('[data-testid=funnel-split]').selectOption('owner');
  const parts = await panel.locator('[data-testid=funnel-part] option').count();
  assert.ok(parts > 1, `the owner split lists the owners (${parts})`);
  await panel.locator('[data-testid=funnel-split]').selectOption('all');
});

test('the ABC mode toggle switches the tier table to customer rank and back', async () => {
  const panel = app.page.locator('[data-testid=panel-abc]');
  const aCustomers = () => panel.locator('[data-tier=A] td').first().innerText();
  const byShare = await aCustomers();
  await panel.getByRole('button', { name: 'Customer rank' }).click();
  await app.page.waitForFunction(
    (before) =>
      document.querySelector('[data-testid=panel-abc] [data-tier=A] td')?.innerText !== before,
    byShare,
    { timeout: 10000 },
  );
  assert.match(await panel.locator('[data-testid=abc-mode]').innerText(), /rank/);
  assert.equal(await panel.locator('[data-testid=abc-threshold-a]').inputValue(), '20');
  await panel.getByRole('button', { name: 'Revenue share' }).click();
  await app.page.waitForFunction(
    (before) =>
      document.querySelector('[data-testid=panel-abc] [data-tier=A] td')?.innerText === before,
    byShare,
    { timeout: 10000 },
  );
});

test('the cohort grain select recomputes the heatmap by quarter', async () => {
  const select = app.page.locator('[data-testid=cohort-grain]');
  await select.selectOption('quarter');
  await app.page.waitForTimeout(500);
  assert.equal(await select.inputValue(), 'quarter');
  await select.selectOption('month');
});

test('the stalled panel lists deals with their ids', async () => {
  const rows = app.page.locator('[data-testid=stalled-list] tbody tr');
  assert.ok((await rows.count()) > 0, 'stalled deals are listed');
  assert.match(await rows.first().locator('th').innerText(), /\S/);
  const count = await app.page.locator('[data-testid=stalled-count]').innerText();
  const tile = await app.page.getAttribute('[data-metric=stalled_deals]', 'data-value');
  assert.equal(count.replace(/,/g, ''), String(Number(tile)), 'the panel and the tile agree');
});

test('a picture of the panels is kept', async () => {
  await app.page.waitForTimeout(800);
  await mkdir(outputDir, { recursive: true });
  await app.page.screenshot({ path: path.join(outputDir, 'panels.png'), fullPage: true });
});

test('no console errors, no page errors', () => {
  assert.deepEqual(app.pageErrors, []);
  assert.deepEqual(app.consoleErrors, []);
});
