// Dealscope's service worker: keeps the app shell (the page, its scripts, styles and wasm) so the
// dashboard opens offline once it has been loaded. Files a link names (?data=) and everything
// from other hosts are never touched: they go to the network as usual.
//
// Content-hashed files (name-0123456789abcdef.ext) never change: cache first. The page and the
// unhashed scripts (csp.js, offline.js): network first, the cached copy when offline.

const CACHE = 'dealscope-shell-v1';
const SHELL = /\.(?:html|js|mjs|css|wasm)$/;
const HASHED = /-[0-9a-f]{16}(?:_bg|_loader)?\.(?:js|css|wasm)$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const navigation = request.mode === 'navigate';
  if (!navigation && !SHELL.test(url.pathname)) return;
  // The page is kept once, whatever its query (?data=, filters): the app reads the address.
  const key = navigation ? scope.href : url.href.split('#')[0];

  if (!navigation && HASHED.test(url.pathname)) {
    event.respondWith(
      caches.match(key).then((hit) => hit || fetch(request).then((response) => keep(key, response))),
    );
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => keep(key, response))
      .catch(() => caches.match(key).then((hit) => hit || Response.error())),
  );
});

/** Stores a good same-origin response under `key` and passes it on. */
function keep(key, response) {
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(key, copy)).catch(() => {});
  }
  return response;
}
