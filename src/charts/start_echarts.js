// Starts loading ECharts as the page opens, without making the app wait for it: the script runs
// whenever it arrives (usually while the app's wasm compiles) instead of before the app, and
// src/charts/loader.rs holds the charts until it has run. The element tells the app how the
// load went (data-state "loaded" or "failed"), since it may end before the app listens.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="dealscope-echarts"]');
  if (!meta) return;
  var script = document.createElement('script');
  script.id = 'dealscope-echarts';
  script.src = meta.getAttribute('content');
  script.addEventListener('load', function () {
    script.setAttribute('data-state', 'loaded');
  });
  script.addEventListener('error', function () {
    script.setAttribute('data-state', 'failed');
  });
  document.head.appendChild(script);
})();
