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
    setTimeout(warmUp, 0);
  });
  script.addEventListener('error', function () {
    script.setAttribute('data-state', 'failed');
  });
  document.head.appendChild(script);

  // The first chart ECharts draws costs it 100-300 ms more than the next (its code and caches
  // warm up), in one task. A small chart like the dashboard's first, drawn off the page as soon
  // as the script has run, usually while the page waits for its data, pays that before any
  // chart is due. Skipped while files load.
  function warmUp() {
    if (!window.echarts || document.querySelector('[data-testid=progress]')) return;
    var chart = window.echarts.init(document.createElement('div'), null, { width: 320, height: 200 });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { containLabel: true },
      xAxis: { type: 'category', data: ['a', 'b', 'c'] },
      yAxis: [{ type: 'value', name: 'a' }, { type: 'value', name: 'b' }],
      series: [
        { type: 'bar', name: 'a', data: [1, 3, 2] },
        { type: 'line', name: 'b', yAxisIndex: 1, data: [2, 1, 3] },
      ],
    });
    chart.dispose();
  }
})();
