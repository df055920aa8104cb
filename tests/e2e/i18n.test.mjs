// Language and theme: the page speaks English or 中文 (from the browser, then as chosen, and
// remembered), numbers keep their `data-value` in both, and the light/dark theme switches and is
// remembered. Screenshots of both languages and themes are kept in tests/output/.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openApp, outputDir, waitForMetric } from './harness.mjs';

let app;

/** `data-value` of every KPI tile, by metric id. */
async function tileValues(page) {
  return page.$$eval('[data-metric]', (tiles) =>
    Object.fromEntries(tiles.map((t) => [t.dataset.metric, t.dataset.value])),
  );
}

/** The visible title of tile `metric`. */
async function tileTitle(page, metric) {
  // textContent: the tile's CSS may upper-case what it shows.
  return (await page.locator(`[data-metric="${metric}"] .kpi-title`).textContent()).trim();
}

async function waitForTitle(page, metric, text) {
  await page.waitForFunction(
    ([m, t]) => document.querySelector(`[data-metric="${m}"] .kpi-title`)?.textContent.trim() === t,
    [metric, text],
    { timeout: 10000 },
  );
}

async function rootAttribute(page, name) {
  return page.evaluate((n) => document.documentElement.getAttribute(n), name);
}

async function stored(page, key) {
  return page.evaluate((k) => localStorage.getItem(k), key);
}

async function screenshot(page, name) {
  // Let chart animations settle before keeping a picture.
  await page.waitForTimeout(900);
  await mkdir(outputDir, { recursive: true });
  await page.screenshot({ path: path.join(outputDir, name) });
}

before(async () => {
  app = await openApp();
  await waitForMetric(app.page, 'revenue');
});

after(async () => {
  await app?.close();
});

test('an English browser gets the English page, light by default', async () => {
  const { page } = app;
  assert.equal(await rootAttribute(page, 'lang'), 'en');
  assert.equal(await tileTitle(page, 'revenue'), 'Revenue');
  assert.equal(await rootAttribute(page, 'data-theme'), 'light');
  assert.equal(await stored(page, 'dealscope.lang'), null, 'nothing is stored before a choice');
  await screenshot(page, 'i18n-en-light.png');
});

test('the language switch turns the page to 中文, remembered across a reload', async () => {
  const { page } = app;
  const before = await tileValues(page);
  assert.ok(Object.keys(before).length >= 13, `all tiles present: ${Object.keys(before)}`);

  await page.locator('[data-testid=lang-switch]').click();
  await waitForTitle(page, 'revenue', '收入');
  assert.equal(await rootAttribute(page, 'lang'), 'zh-CN');
  assert.equal(await stored(page, 'dealscope.lang'), 'zh');
  assert.match(await page.locator('[data-testid=demo-banner]').innerText(), /演示数据/);
  assert.match(await page.locator('[data-testid=import-report] h2').innerText(), /文件/);
  assert.match(await page.locator('[data-metric=sales_cycle_median] .kpi-value').innerText(), /天$/);
  assert.deepEqual(await tileValues(page), before, 'data-value does not depend on the language');

  await page.reload({ waitUntil: 'load' });
  await waitForMetric(page, 'revenue');
  await waitForTitle(page, 'revenue', '收入');
  assert.equal(await rootAttribute(page, 'lang'), 'zh-CN');
  assert.deepEqual(await tileValues(page), before);
  await screenshot(page, 'i18n-zh-light.png');
});

test('the compact style writes 万 in Chinese without changing data-value', async () => {
  const { page } = app;
  const before = await tileValues(page);
  const revenue = page.locator('[data-metric=revenue] .kpi-value');
  assert.doesNotMatch(await revenue.innerText(), /万/);

  await page.locator('[data-testid=compact-switch]').click();
  await page.waitForFunction(() =>
    /万|亿/.test(document.querySelector('[data-metric=revenue] .kpi-value')?.textContent ?? ''),
  );
  assert.equal(await stored(page, 'dealscope.compact'), '1');
  assert.equal(
    await page.locator('[data-testid=compact-switch]').getAttribute('aria-pressed'),
    'true',
  );
  assert.deepEqual(await tileValues(page), before);

  await page.locator('[data-testid=compact-switch]').click();
  await page.waitForFunction(
    () => !/万|亿/.test(document.querySelector('[data-metric=revenue] .kpi-value')?.textContent),
  );
  assert.equal(await stored(page, 'dealscope.compact'), '0');
});

test('the theme switch sets data-theme=dark, remembered across a reload', async () => {
  const { page } = app;
  const switchButton = page.locator('[data-testid=theme-switch]');
  assert.equal(await switchButton.getAttribute('aria-pressed'), 'false');
  await switchButton.click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.equal(await stored(page, 'dealscope.theme'), 'dark');
  assert.equal(await switchButton.getAttribute('aria-pressed'), 'true');

  await page.reload({ waitUntil: 'load' });
  await waitForMetric(page, 'revenue');
  assert.equal(await rootAttribute(page, 'data-theme'), 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = background.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `the page is dark: ${background}`);
  await page.locator('[data-chart] canvas').first().waitFor({ state: 'attached' });
  // Every chart is drawn with the dark chart theme (ECharts takes its theme at init).
  await page.waitForFunction(
    () => {
      const boxes = [...document.querySelectorAll('[data-chart]')];
      return boxes.length > 0 && boxes.every((box) => {
        const chart = globalThis.echarts?.getInstanceByDom(box);
        return chart && chart.getOption().darkMode === true;
      });
    },
    null,
    { timeout: 10000 },
  );
  await screenshot(page, 'i18n-zh-dark.png');
});

test('switching back to English keeps the theme and the values', async () => {
  const { page } = app;
  const before = await tileValues(page);
  await page.locator('[data-testid=lang-switch]').click();
  await waitForTitle(page, 'revenue', 'Revenue');
  assert.equal(await rootAttribute(page, 'lang'), 'en');
  assert.equal(await stored(page, 'dealscope.lang'), 'en');
  assert.equal(await rootAttribute(page, 'data-theme'), 'dark');
  assert.deepEqual(await tileValues(page), before);
  await screenshot(page, 'i18n-en-dark.png');

  // A narrow window: the header wraps instead of overflowing.
  await page.setViewportSize({ width: 600, height: 900 });
  await page.waitForTimeout(300);
  const outside = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('.app-header, .app-header *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  });
  assert.deepEqual(outside, [], 'the header fits a 600px window');
  await screenshot(page, 'i18n-en-dark-narrow.png');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('the keyboard reaches the skip link first, then the header controls', async () => {
  const { page } = app;
  // A fresh page: Tab starts from the top of the document.
  await page.reload({ waitUntil: 'load' });
  await waitForMetric(page, 'revenue');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement?.className);
  assert.equal(first, 'skip-link');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');

  const reached = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement?.dataset?.testid ?? ''));
  }
  for (const id of ['file-input', 'lang-switch', 'theme-switch']) {
    assert.ok(reached.includes(id), `${id} is reachable by Tab: ${reached}`);
  }

  // Enter on the language switch switches; Enter on the skip link moves focus to the dashboard.
  await page.locator('[data-testid=lang-switch]').focus();
  await page.keyboard.press('Enter');
  await waitForTitle(page, 'revenue', '收入');
  await page.keyboard.press('Enter');
  await waitForTitle(page, 'revenue', 'Revenue');

  await page.locator('.skip-link').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'dashboard');
});

test('a Chinese browser on a dark system gets 中文 and the dark theme on a first visit', async () => {
  const fresh = await openApp();
  try {
    const { page } = fresh;
    await waitForMetric(page, 'revenue');
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'languages', { get: () => ['zh-CN', 'zh', 'en'] });
      Object.defineProperty(navigator, 'language', { get: () => 'zh-CN' });
    });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload({ waitUntil: 'load' });
    await waitForMetric(page, 'revenue');
    await waitForTitle(page, 'revenue', '收入');
    assert.equal(await rootAttribute(page, 'lang'), 'zh-CN');
    assert.equal(await rootAttribute(page, 'data-theme'), 'dark');
    assert.equal(await stored(page, 'dealscope.lang'), null, 'a detected language is not stored');
    assert.deepEqual(fresh.pageErrors, []);
    assert.deepEqual(fresh.consoleErrors, []);
  } finally {
    await fresh.close();
  }
});

test('no console errors, no page errors, nothing leaves 127.0.0.1', () => {
  assert.deepEqual(app.pageErrors, []);
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.externalRequests, []);
});
