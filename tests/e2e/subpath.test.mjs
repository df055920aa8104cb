// dist/ works from a sub-path of a static host: every asset path is relative.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp, waitForMetric } from './harness.mjs';

test('the dashboard draws when the site is served from /team/dealscope/', async () => {
  const app = await openApp({ mount: '/team/dealscope/' });
  try {
    const revenue = await waitForMetric(app.page, 'revenue');
    assert.ok(Number.isFinite(Number(revenue)));
    await app.page.locator('[data-chart=revenue_trend] canvas').first().waitFor();
    assert.deepEqual(app.pageErrors, []);
    assert.deepEqual(app.consoleErrors, []);
    assert.deepEqual(app.externalRequests, []);
  } finally {
    await app.close();
  }
});
