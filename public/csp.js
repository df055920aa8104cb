// The page's content security policy, set before any other script runs (the first script of
// index.html; no inline script is allowed after it). Scripts, styles, workers and fetches come
// from this site only, plus the origins of the files the address names in ?data= (and nothing
// else): a published dashboard can load its data from another host that allows it (CORS).
(function () {
  'use strict';
  var origins = [];
  try {
    var params = new URLSearchParams(location.search);
    params.getAll('data').forEach(function (value) {
      value.split(',').forEach(function (address) {
        address = address.trim();
        if (!address) return;
        try {
          var url = new URL(address, document.baseURI);
          if ((url.protocol === 'https:' || url.protocol === 'http:') &&
              url.origin !== location.origin && origins.indexOf(url.origin) < 0) {
            origins.push(url.origin);
          }
        } catch (e) {
          // Not an address: the app reports it.
        }
      });
    });
  } catch (e) {
    origins = [];
  }
  var policy = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "worker-src 'self'",
    // Leptos and ECharts set element styles; style sheets come from this site only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self' blob: data:" + (origins.length ? ' ' + origins.join(' ') : ''),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
  var meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = policy;
  document.head.appendChild(meta);
})();
