// Presentation mode: the Present button shows one panel per slide, full window and dark; the
// arrow keys and space step, Esc leaves; the chosen panels, grouping and interval are in the URL.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { openApp, outputDir, waitForMetric } from './harness.mjs';

const apps = [];
after(async () => {
  for (const app of apps) await app.close();
});

const layer = '[data-testid="present-layer"]';
const slide = (page) => page.getAttribute(layer, 'data-slide');
const names = (page) => page.getAttribute(layer, 'data-names');
/** The elements that can be slides: the key figures and the panels. */
const slideElements = '.tiles, .panel-grid > [data-testid^="panel-"]';
/**
 * Once slide `n` is shown: its names and the slide elements displayed, read together (with
 * auto-rotation the slide may move on between two separate reads).
 */
const onSlide = async (page, n) => {
  const handle = await page.waitForFunction(
    ({ l, n, elements }) => {
      const el = document.querySelector(l);
      if (el?.dataset.slide !== n) return false;
      const shown = [...document.querySelectorAll(elements)]
        .filter((e) => e.getClientRects().length > 0)
        .map((e) => e.dataset.testid ?? 'tiles');
      return { names: el.dataset.names, shown };
    },
    { l: layer, n: String(n), elements: slideElements },
    { timeout: 5000 },
  );
  return handle.jsonValue();
};
/** The slide elements that are displayed. */
const visible = (page) =>
  page.$$eval(slideElements, (nodes) =>
    nodes.filter((n) => n.getClientRects().length > 0).map((n) => n.dataset.testid ?? 'tiles'),
  );

test('presentation mode enters, steps by keyboard and leaves with Esc', async () => {
  const app = await openApp();
  apps.push(app);
  const { page } = app;
  await waitForMetric(page, 'revenue');
  const themeBefore = await page.getAttribute('html', 'data-theme');

  await page.click('[data-testid="present"]');
  await page.waitForSelector(layer);
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  assert.equal(await slide(page), '1');
  assert.equal(await names(page), 'tiles');
  assert.deepEqual(await visible(page), ['tiles']);
  assert.equal(await page.locator('[data-testid="filter-region"]').isVisible(), false);
  assert.match(page.url(), /present=tiles,trend/);
  assert.match(page.url(), /slide=1/);
  const total = Number(await page.getAttribute(layer, 'data-slides'));
  assert.ok(total >= 5, `slides: ${total}`);

  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((l) => document.querySelector(l)?.dataset.slide === '2', layer);
  assert.deepEqual(await visible(page), ['panel-trend']);
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-testid="panel-trend"] canvas');
    return c && c.getBoundingClientRect().height > 400;
  });
  await mkdir(outputDir, { recursive: true });
  await page.screenshot({ path: path.join(outputDir, 'present.png') });

  await page.keyboard.press('Space');
  await page.waitForFunction((l) => document.querySelector(l)?.dataset.slide === '3', layer);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((l) => document.querySelector(l)?.dataset.slide === '2', layer);
  await page.keyboard.press('End');
  assert.equal(await slide(page), String(total));
  await page.keyboard.press('ArrowRight');
  assert.equal(await slide(page), String(total), 'the last slide stays the last');

  await page.keyboard.press('Escape');
  await page.waitForSelector(layer, { state: 'detached' });
  assert.equal(await page.getAttribute('html', 'data-presenting'), null);
  assert.equal(await page.getAttribute('html', 'data-theme'), themeBefore);
  assert.doesNotMatch(page.url(), /slide=/);
  assert.ok((await visible(page)).length > 5, 'the whole dashboard is back');
  assert.equal(await page.locator('[data-testid="filter-region"]').isVisible(), true);
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.pageErrors, []);
});

test('a link chooses the panels, their order, the grid and auto-rotation', async () => {
  const app = await openApp({ search: '?present=funnel,nope,trend,nps&per=2&every=1&slide=1' });
  apps.push(app);
  const { page } = app;
  await page.waitForSelector(layer);
  assert.equal(await page.getAttribute(layer, 'data-slides'), '2');
  // Rotates every second: each slide is read whole when it is shown, and it goes round.
  const first = await onSlide(page, 1);
  assert.equal(first.names, 'funnel,trend');
  assert.deepEqual(first.shown.sort(), ['panel-funnel', 'panel-trend']);
  assert.equal((await onSlide(page, 2)).names, 'nps');
  assert.equal((await onSlide(page, 1)).names, 'funnel,trend');
  await page.keyboard.press('Escape');
  await page.waitForSelector(layer, { state: 'detached' });
  assert.deepEqual(app.pageErrors, []);
});

test('the Slides… options choose panels, grouping and rotation, and put them in the URL', async () => {
  const app = await openApp();
  apps.push(app);
  const { page } = app;
  await waitForMetric(page, 'revenue');
  await page.click('[data-testid="present-options"]');
  await page.waitForSelector('[data-testid="present-pick-trend"]');
  await page.selectOption('[data-testid="present-per"]', '2');
  await page.selectOption('[data-testid="present-every"]', '30');
  await page.uncheck('[data-testid="present-pick-tiles"]');
  assert.match(page.url(), /per=2/);
  assert.match(page.url(), /every=30/);
  assert.match(page.url(), /present=trend,/);
  assert.doesNotMatch(page.url(), /present=[^&]*tiles/);
  await page.click('[data-testid="present-options"]');
  await page.click('[data-testid="present"]');
  await page.waitForSelector(layer);
  assert.equal(await names(page), 'trend,funnel');
  await page.keyboard.press('Escape');
  await page.waitForSelector(layer, { state: 'detached' });
  assert.match(page.url(), /per=2/, 'the choice stays for the next presentation');
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.pageErrors, []);
});

test('the Slides… options reorder the panels with ↑/↓, by mouse or keyboard, into the URL and the slides', async () => {
  const app = await openApp();
  apps.push(app);
  const { page } = app;
  await waitForMetric(page, 'revenue');
  await page.click('[data-testid="present-options"]');
  await page.waitForSelector('[data-testid="present-up-funnel"]');
  const order = () =>
    page.$$eval('[data-testid^="present-pick-"]', (boxes) =>
      boxes.filter((b) => b.checked).map((b) => b.dataset.testid.replace('present-pick-', '')),
    );
  assert.deepEqual((await order()).slice(0, 3), ['tiles', 'trend', 'funnel']);
  assert.equal(await page.isDisabled('[data-testid="present-up-tiles"]'), true, 'the first cannot go up');
  assert.match(
    await page.getAttribute('[data-testid="present-up-funnel"]', 'aria-label'),
    /^Move up: \S/,
  );

  // By mouse: the funnel goes before the trend.
  await page.click('[data-testid="present-up-funnel"]');
  assert.deepEqual((await order()).slice(0, 3), ['tiles', 'funnel', 'trend']);
  await page.waitForFunction(() => /present=tiles,funnel,trend/.test(location.search));

  // By keyboard: the key figures go down one place, and the focus stays with them.
  await page.focus('[data-testid="present-pick-tiles"]');
  await page.keyboard.press('Tab'); // past the disabled ↑
  assert.equal(
    await page.evaluate(() => document.activeElement?.dataset.testid),
    'present-down-tiles',
  );
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /present=funnel,tiles,trend/.test(location.search));
  assert.deepEqual((await order()).slice(0, 3), ['funnel', 'tiles', 'trend']);
  assert.equal(
    await page.evaluate(() => document.activeElement?.dataset.testid),
    'present-down-tiles',
  );
  await page.keyboard.press('Space');
  await page.waitForFunction(() => /present=funnel,trend,tiles/.test(location.search));

  await page.click('[data-testid="present-options"]');
  await page.click('[data-testid="present"]');
  await page.waitForSelector(layer);
  assert.equal(await names(page), 'funnel');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((l) => document.querySelector(l)?.dataset.slide === '2', layer);
  assert.equal(await names(page), 'trend');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((l) => document.querySelector(l)?.dataset.slide === '3', layer);
  assert.equal(await names(page), 'tiles');
  await page.keyboard.press('Escape');
  await page.waitForSelector(layer, { state: 'detached' });
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.pageErrors, []);
});
