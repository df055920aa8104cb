// Browser-test harness: serves dist/, launches Debian's Chromium through playwright-core with a
// fresh profile, opens the app, and records what a test must check on every page: console
// errors, uncaught page errors, and every request that leaves 127.0.0.1.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
/** The built site; DEALSCOPE_DIST points the tests at another build. */
export const distDir = path.resolve(process.env.DEALSCOPE_DIST ?? path.join(repoRoot, 'dist'));
/** Screenshots and other artefacts of a test run (git-ignored). */
export const outputDir = path.join(repoRoot, 'tests', 'output');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True for addresses the page may load: the local server and inline data. */
function isLocal(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return true;
  return parsed.hostname === '127.0.0.1';
}

/**
 * Opens the built app in a fresh Chromium profile.
 *
 * Options: `search` (a query string such as '?data=…'), `mount` (serve the site from that URL
 * path instead of `/`), `viewport`, `init` (a function run in every page before the app's own
 * scripts, as `context.addInitScript` runs it: to stand in for a browser that fails).
 * Returns { page, context, url, consoleErrors, pageErrors, externalRequests, requests (every
 * address asked for, the workers' included), requestTimes (when each was, by `Date.now()`),
 * close() }.
 * Call `close()` in a `finally` or `after` hook.
 */
export async function openApp({
  search = '',
  mount = '/',
  viewport = { width: 1280, height: 900 },
  init,
} = {}) {
  const server = await startServer({ root: distDir, mount });
  const profile = await mkdtemp(path.join(tmpdir(), 'dealscope-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport,
    });
  } catch (error) {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  const consoleErrors = [];
  const pageErrors = [];
  const externalRequests = [];
  const requests = [];
  const requestTimes = [];
  context.on('request', (request) => {
    requests.push(request.url());
    requestTimes.push(Date.now());
    if (!isLocal(request.url())) externalRequests.push(request.url());
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => pageErrors.push(String(error)));

  if (init) await context.addInitScript(init);
  const url = server.url + search;
  await page.goto(url, { waitUntil: 'load' });

  return {
    page,
    context,
    url,
    consoleErrors,
    pageErrors,
    externalRequests,
    requests,
    requestTimes,
    async close() {
      await context.close().catch(() => {});
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the dashboard shows a value for `metric` and returns that `data-value`. */
export async function waitForMetric(page, metric, timeout = 15000) {
  const selector = `[data-metric="${metric}"][data-value]:not([data-value=""])`;
  await page.waitForSelector(selector, { timeout });
  return page.getAttribute(selector, 'data-value');
}

/**
 * Waits until every deferred part of the page (panel bodies, a file's details: ui/deferred.rs,
 * built once in view or when the page is idle) has been built, so that what a test finds missing
 * is missing, not yet to come.
 */
export async function waitForBuilt(page, timeout = 15000) {
  await page.waitForFunction(() => !document.querySelector('[data-deferred=waiting]'), null, {
    timeout,
  });
}
