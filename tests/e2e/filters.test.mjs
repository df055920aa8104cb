// The global filter on the demo data: a segment filter changes the tiles and shows a chip;
// removing the chip brings the tiles back; the period picker switches presets and custom dates.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, waitForMetric } from './harness.mjs';

let app;
let page;

before(async () => {
  app = await openApp();
  page = app.page;
  await waitForMetric(page, 'revenue');
});

after(async () => {
  await app?.close();
});

const metric = (id) => page.getAttribute(`[data-metric="${id}"]`, 'data-value');

/** Waits until tile `id` shows a value other than `than`, and returns it. */
async function changed(id, than) {
  await page.waitForFunction(
    ([id, than]) => {
      const v = document.querySelector(`[data-metric="${id}"]`)?.getAttribute('data-value');
      return v !== undefined && v !== null && v !== '' && v !== than;
    },
    [id, than],
    { timeout: 10000 },
  );
  return metric(id);
}

/** The values a segment select offers (its placeholder left out). */
async function offered(field) {
  const values = await page.$$eval(`[data-testid="filter-${field}"] option`, (options) =>
    options.map((o) => o.value),
  );
  return values.filter((v) => v !== '');
}

test('every filter control is there', async () => {
  for (const id of ['period', 'owner', 'channel', 'region', 'industry', 'size', 'tier']) {
    assert.equal(await page.locator(`[data-testid="filter-${id}"]`).count(), 1, `filter-${id}`);
  }
  assert.deepEqual(await offered('tier'), ['A', 'B', 'C']);
  const regions = await offered('region');
  assert.ok(regions.length >= 2, `regions offered: ${regions}`);
  assert.deepEqual([...regions].sort(), regions, 'values are sorted');
});

test('a region filter changes the tiles, shows a chip, and removing it restores them', async () => {
  const revenue = await metric('revenue');
  const won = await metric('won_deals');
  const [region] = await offered('region');

  await page.selectOption('[data-testid="filter-region"]', region);
  const filtered = Number(await changed('revenue', revenue));
  assert.ok(filtered < Number(revenue), `one region's revenue ${filtered} < all ${revenue}`);
  assert.ok(Number(await metric('won_deals')) <= Number(won));

  const chip = page.locator('[data-testid="chip-region"]');
  await chip.waitFor();
  assert.equal(await chip.getAttribute('data-value'), region);
  assert.match(await chip.innerText(), new RegExp(region));
  assert.ok(!(await offered('region')).includes(region), 'a chosen value is not offered again');

  const remove = chip.locator('button');
  assert.match(await remove.getAttribute('aria-label'), new RegExp(`Region: ${region}`));
  await remove.click();
  assert.equal(await changed('revenue', String(filtered)), revenue);
  assert.equal(await metric('won_deals'), won);
  assert.equal(await page.locator('[data-testid="chip-region"]').count(), 0);
});

test('two owners mean either of them; clear all removes every chip', async () => {
  const won = await metric('won_deals');
  const [first, second] = await offered('owner');
  await page.selectOption('[data-testid="filter-owner"]', first);
  const one = Number(await changed('won_deals', won));
  await page.selectOption('[data-testid="filter-owner"]', second);
  const two = Number(await changed('won_deals', String(one)));
  assert.ok(two > one, `${first} or ${second}: ${two} > ${one}`);
  assert.equal(await page.locator('[data-testid="chip-owner"]').count(), 2);

  await page.click('[data-testid="chips-clear"]');
  assert.equal(await changed('won_deals', String(two)), won);
  assert.equal(await page.locator('[data-testid^="chip-"]').count(), 0);
});

test('the period picker switches presets and custom dates', async () => {
  const period = page.locator('[data-testid=period]');
  const last12 = await period.innerText();
  const revenue = await metric('revenue');

  await page.selectOption('[data-testid="filter-period"]', 'all_time');
  const all = Number(await changed('revenue', revenue));
  assert.ok(all > Number(revenue), `all time ${all} > last 12 months ${revenue}`);
  assert.notEqual(await period.innerText(), last12);

  await page.selectOption('[data-testid="filter-period"]', 'this_quarter');
  const quarter = Number(await changed('revenue', String(all)));
  assert.ok(quarter < all);

  // Custom starts from the period shown, then follows the dates typed.
  await page.selectOption('[data-testid="filter-period"]', 'custom');
  const from = page.locator('[data-testid="filter-from"]');
  const to = page.locator('[data-testid="filter-to"]');
  await from.waitFor();
  const shownTo = await to.inputValue();
  assert.match(shownTo, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(await metric('revenue'), String(quarter));
  const year = Number(shownTo.slice(0, 4));
  await from.fill(`${year - 1}-01-01`);
  await from.dispatchEvent('change');
  const custom = Number(await changed('revenue', String(quarter)));
  assert.ok(custom > quarter, `from ${year - 1}-01-01: ${custom} > ${quarter}`);
  assert.equal(await from.inputValue(), `${year - 1}-01-01`);

  await page.selectOption('[data-testid="filter-period"]', 'last_12_months');
  assert.equal(await changed('revenue', String(custom)), revenue);
  assert.equal(await page.locator('[data-testid="filter-from"]').count(), 0);
});

test('no console errors, no page errors, nothing leaves 127.0.0.1', () => {
  assert.deepEqual(app.pageErrors, []);
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(app.externalRequests, []);
});
