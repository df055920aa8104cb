// Text from files is shown as text everywhere, chart tooltips and labels included (PRODUCT.md,
// "Safety"). The fixtures in data/xss/ put markup in every name a file carries: customer names,
// owners, stage names, channels, regions, industries, lost reasons and ids. Opening them must
// run nothing (no dialog, no `img[src=x]`, no injected script), log no error, and show the
// markup as literal text. Then every chart is hovered at a grid of points (tooltips) and every
// button of every panel is clicked, re-checking after each step.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, waitForBuilt, waitForMetric } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'data', 'xss');
const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '"><script>alert(2)</script>';

let app;
/** Dialogs opened, each with what the test was doing at the time. */
const dialogs = [];
/** What the test is doing now: named in every failure. */
let doing = 'opening the files';

/**
 * Everything in the document that markup from the files would have created: `img[src=x]`,
 * `<svg onload>`, a script that calls alert, a `<b>` or `<i>` whose text is the fixtures'.
 */
async function injected(page) {
  return page.evaluate(() => {
    const found = [];
    for (const el of document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]')) {
      found.push(el.outerHTML.slice(0, 120));
    }
    for (const el of document.querySelectorAll('script')) {
      if (el.textContent.includes('alert(')) found.push(el.outerHTML.slice(0, 120));
    }
    for (const el of document.querySelectorAll('b, i')) {
      if (el.textContent === 'bold' || el.textContent === 'C-6') found.push(el.outerHTML);
    }
    return found;
  });
}

/** Fails with `doing` when anything ran or was injected since the last check. */
async function assertSafe(page) {
  assert.deepEqual(dialogs, [], `a dialog opened while ${doing}`);
  assert.deepEqual(await injected(page), [], `markup was injected while ${doing}`);
  assert.deepEqual(app.pageErrors, [], `page error while ${doing}`);
  assert.deepEqual(app.consoleErrors, [], `console error while ${doing}`);
}

before(async () => {
  app = await openApp();
  app.page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()} "${dialog.message()}" while ${doing}`);
    await dialog.dismiss().catch(() => {});
  });
  await waitForMetric(app.page, 'revenue');

  // The spend file goes in under a name that is itself markup, so the import report must show it.
  const names = ['customers.csv', 'deals.csv', 'orders.csv', 'surveys.csv'];
  const files = await Promise.all(
    names.map(async (name) => ({
      name,
      mimeType: 'text/csv',
      buffer: await readFile(path.join(fixtures, name)),
    })),
  );
  files.push({
    name: `${IMG}.csv`,
    mimeType: 'text/csv',
    buffer: await readFile(path.join(fixtures, 'spend.csv')),
  });
  await app.page.locator('input[type=file][data-testid=file-input]').setInputFiles(files);
  await app.page.waitForFunction(
    () => document.querySelectorAll('[data-testid=import-report] [data-file]').length === 5,
    null,
    { timeout: 15000 },
  );
  await app.page.locator('[data-testid=demo-banner]').waitFor({ state: 'detached' });
  // Let charts draw and their entry animation finish.
  await app.page.waitForTimeout(1500);
});

after(async () => {
  await app?.close();
});

test('the fixtures load: every file is recognised and every row kept', async () => {
  const rows = await app.page.$$eval('[data-testid=import-report] [data-file]', (els) =>
    els.map((el) => [el.dataset.file, el.dataset.kind, el.dataset.rejected]),
  );
  const kinds = Object.fromEntries(rows.map(([file, kind]) => [file, kind]));
  assert.deepEqual(kinds, {
    'customers.csv': 'customers',
    'deals.csv': 'deals',
    'orders.csv': 'orders',
    'surveys.csv': 'surveys',
    [`${IMG}.csv`]: 'spend',
  });
  for (const [file, , rejected] of rows) assert.equal(rejected, '0', `${file}: nothing rejected`);
  assert.equal(Number(await waitForMetric(app.page, 'won_deals')), 5);
});

test('opening the files runs nothing, and markup shows as literal text', async () => {
  doing = 'opening the files';
  await assertSafe(app.page);
  const text = await app.page.evaluate(() => document.body.innerText);
  assert.ok(text.includes(IMG), `the page shows ${IMG} as text`);
  const places = await app.page.evaluate(
    (needle) =>
      [...document.querySelectorAll('body *')]
        .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.includes(needle)))
        .map((el) => el.closest('[data-testid]')?.dataset.testid ?? el.tagName.toLowerCase()),
    IMG,
  );
  console.log(`# ${IMG} shown as text in: ${[...new Set(places)].join(', ')}`);
  if (text.includes(SCRIPT)) console.log(`# ${SCRIPT} shown as text too`);
});

test('hovering every chart (tooltips) runs nothing and shows names as text', async () => {
  const { page } = app;
  const charts = await page.$$eval('[data-chart]', (els) =>
    els.map((el, i) => ({ index: i, kind: el.dataset.chart, id: el.id })),
  );
  assert.ok(charts.length >= 1, 'at least one chart is on the page');
  const tooltipsWithNames = new Set();
  for (const chart of charts) {
    const box = page.locator('[data-chart]').nth(chart.index);
    await box.scrollIntoViewIfNeeded();
    const rect = await box.boundingBox();
    if (!rect || rect.width < 10 || rect.height < 10) continue;
    for (let row = 1; row <= 5; row++) {
      for (let col = 1; col <= 8; col++) {
        doing = `hovering chart "${chart.kind}" (#${chart.id}) at ${col}/9, ${row}/6`;
        await page.mouse.move(rect.x + (rect.width * col) / 9, rect.y + (rect.height * row) / 6);
        await page.waitForTimeout(40);
        const tooltip = await page.evaluate((i) => {
          const el = document.querySelectorAll('[data-chart]')[i];
          // ECharts draws its tooltip as a positioned <div> inside the chart's box.
          const tips = [...el.querySelectorAll('div')].filter(
            (d) => d.style.zIndex && Number(d.style.zIndex) > 1000 && d.style.display !== 'none',
          );
          return tips.map((d) => ({ html: d.innerHTML, text: d.innerText }));
        }, chart.index);
        for (const tip of tooltip) {
          assert.ok(
            !/<img|<script|<svg|<b>bold|<i>C-6/i.test(tip.html),
            `chart "${chart.kind}" renders a name as HTML in its tooltip: ${tip.html.slice(0, 300)}`,
          );
          if (tip.text.includes(IMG) || tip.text.includes('<b>bold</b>')) {
            tooltipsWithNames.add(chart.kind);
          }
        }
        await assertSafe(page);
      }
    }
    await page.mouse.move(0, 0);
  }
  console.log(`# charts hovered: ${charts.map((c) => c.kind).join(', ')}`);
  console.log(`# tooltips that showed a markup name as text: ${[...tooltipsWithNames].join(', ') || 'none'}`);
});

test('clicking every button of every panel runs nothing', async () => {
  const { page } = app;
  await waitForBuilt(page);
  const panels = await page.$$eval('[data-testid^=panel-]', (els) =>
    els.map((el) => el.dataset.testid),
  );
  console.log(`# panels: ${panels.join(', ') || 'none yet'}`);
  let clicked = 0;
  for (const panel of panels) {
    const count = await page.locator(`[data-testid="${panel}"] button`).count();
    for (let i = 0; i < count; i++) {
      // Panels may re-render after a click: find the button again each time.
      const button = page.locator(`[data-testid="${panel}"] button`).nth(i);
      if (!(await button.count()) || !(await button.isVisible()) || !(await button.isEnabled())) {
        continue;
      }
      const label = ((await button.innerText().catch(() => '')) || (await button.getAttribute('aria-label')) || `#${i}`).trim();
      doing = `clicking "${label}" in ${panel}`;
      await button.click({ timeout: 3000 }).catch(() => {});
      clicked++;
      await page.waitForTimeout(150);
      await assertSafe(page);
      // Hover the panel's charts again: a toggle may have changed what they draw.
      for (const canvas of await page.locator(`[data-testid="${panel}"] [data-chart]`).all()) {
        const rect = await canvas.boundingBox();
        if (!rect) continue;
        for (const [fx, fy] of [[0.3, 0.5], [0.5, 0.5], [0.7, 0.4]]) {
          doing = `hovering ${panel} after clicking "${label}"`;
          await page.mouse.move(rect.x + rect.width * fx, rect.y + rect.height * fy);
          await page.waitForTimeout(40);
          await assertSafe(page);
        }
      }
      await page.keyboard.press('Escape');
    }
  }
  console.log(`# panel buttons clicked: ${clicked}`);
});

test('in 中文 and the dark theme the names are still text', async () => {
  const { page } = app;
  doing = 'switching to 中文 and dark';
  await page.locator('[data-testid=lang-switch]').click();
  await page.locator('[data-testid=theme-switch]').click();
  await page.waitForTimeout(800);
  await assertSafe(page);
  for (const chart of await page.locator('[data-chart]').all()) {
    await chart.scrollIntoViewIfNeeded();
    const rect = await chart.boundingBox();
    if (!rect) continue;
    for (const fx of [0.2, 0.4, 0.6, 0.8]) {
      doing = `hovering a chart in 中文/dark at ${fx}`;
      await page.mouse.move(rect.x + rect.width * fx, rect.y + rect.height * 0.5);
      await page.waitForTimeout(40);
      await assertSafe(page);
    }
  }
});

test('the checks themselves see markup that does get in', async () => {
  const { page } = app;
  doing = 'injecting the payload on purpose';
  await page.evaluate((html) => {
    const probe = document.createElement('div');
    probe.id = 'xss-probe';
    probe.innerHTML = html;
    document.body.append(probe);
  }, `${IMG}<b>bold</b>`);
  await page.waitForTimeout(300);
  const found = await injected(page);
  assert.equal(found.length, 2, `the probe is seen: ${found}`);
  console.log(`# a dialog opened for the probe: ${dialogs.length > 0}`);
  await page.evaluate(() => document.getElementById('xss-probe').remove());
  dialogs.length = 0;
  // The probe's broken image asked the local server for /x: that is not an outside request.
});

test('nothing leaves 127.0.0.1 (the broken image of a payload would)', () => {
  assert.deepEqual(app.externalRequests, []);
});
