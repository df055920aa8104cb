// Registers the service worker (sw.js, next to the page) that keeps the app shell for offline
// use. A browser without service workers, or one that refuses (private windows, file://), just
// works online.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('./sw.js').catch(function (error) {
      console.warn('Offline use is not available:', error && error.message);
    });
  });
})();
