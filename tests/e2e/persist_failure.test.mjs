// Storage failures are reported, never fatal: when the browser refuses IndexedDB (a private
// window, storage blocked) or runs out of room while keeping the files, the dashboard still
// loads them and shows their figures, and a note says, in the chosen language, why a reload
// will start over. A first visit does not wait for IndexedDB at all.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApp, waitForMetric } from './harness.mjs';

const data = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const apps = [];
after(async () => {
  for (const app of apps) await app.close();
});

const note = '[data-testid="storage-error"]';

/** Opens the app with `init` standing in for the browser's storage, then opens deals_small.csv. */
async function openAndLoad(init) {
  const app = await openApp({ init });
  apps.push(app);
  const { page } = app;
  await waitForMetric(page, 'revenue');
  await page
    .locator('input[type=file][data-testid=file-input]')
    .setInputFiles(path.join(data, 'deals_small.csv'));
  await page.waitForSelector('[data-testid=import-report] [data-file="deals_small.csv"]');
  await page.locator('[data-testid=demo-banner]').waitFor({ state: 'detached' });
  // The file's figures, not the demo's.
  await page.waitForFunction(
    () => document.querySelector('[data-metric="revenue"]')?.getAttribute('data-value') === '35000.5',
  );
  assert.equal(Number(await waitForMetric(page, 'won_deals')), 3);
  return app;
}

test('IndexedDB refused to the page: the demo and then the files load, and a note says so', async () => {
  const app = await openAndLoad(() => {
    IDBFactory.prototype.open = function open() {
      throw new DOMException('access to the Indexed Database API is denied', 'SecurityError');
    };
  });
  const { page } = app;
  const text = await page.locator(note).innerText();
  assert.match(text, /could not be kept in this browser/);
  assert.match(text, /keeps no data for this page/);
  assert.deepEqual(app.pageErrors, []);
  assert.deepEqual(app.consoleErrors, []);
});

test('no room left while keeping the files: they load, and the note names the quota in both languages', async () => {
  const app = await openAndLoad(() => {
    // As a full disk fails in Chrome: the write transaction aborts with QuotaExceededError.
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function quotaPut(...args) {
      const request = put.apply(this, args);
      const tx = this.transaction;
      Object.defineProperty(tx, 'error', {
        value: new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      });
      queueMicrotask(() => tx.abort());
      return request;
    };
  });
  const { page } = app;
  const text = await page.locator(note).innerText();
  assert.match(text, /could not be kept in this browser/);
  assert.match(text, /no room left to keep the data \(storage quota\)/);

  await page.click('[data-testid="lang-switch"]');
  await page.waitForFunction(
    (note) => /存储配额已满/.test(document.querySelector(note)?.textContent ?? ''),
    note,
  );
  assert.match(await page.locator(note).innerText(), /无法在此浏览器中保存数据/);
  assert.equal(await waitForMetric(page, 'revenue'), '35000.5');
  assert.deepEqual(app.pageErrors, []);
  assert.deepEqual(app.consoleErrors, []);
});

test('a first visit shows the demo without waiting for IndexedDB', async () => {
  // Nothing was ever kept (no marker in localStorage): the page must not wait for a database
  // that never answers.
  const app = await openApp({
    init: () => {
      window.__idbOpens = 0;
      IDBFactory.prototype.open = function open() {
        window.__idbOpens += 1;
        return {};
      };
    },
  });
  apps.push(app);
  const { page } = app;
  await page.locator('[data-testid=demo-banner]').waitFor();
  assert.notEqual(await waitForMetric(page, 'revenue'), '');
  assert.equal(await page.evaluate(() => window.__idbOpens), 0);
  assert.equal(await page.locator(note).count(), 0);
  assert.deepEqual(app.pageErrors, []);
});

test('with storage working, no note is shown', async () => {
  const app = await openAndLoad(undefined);
  // The save runs in the background: wait until the file is in the store.
  await app.page.waitForFunction(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('dealscope');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('files')) {
            db.close();
            resolve(false);
            return;
          }
          const keys = db.transaction('files').objectStore('files').getAllKeys();
          keys.onsuccess = () => {
            db.close();
            resolve(keys.result.includes('deals_small.csv'));
          };
          keys.onerror = () => {
            db.close();
            resolve(false);
          };
        };
      }),
  );
  assert.equal(await app.page.locator(note).count(), 0);
  assert.deepEqual(app.pageErrors, []);
});
