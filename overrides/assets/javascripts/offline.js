/* The offline copy (procedures/offline/, sw.js): register the site's service worker and
   say on every page how old the copy is. No inline script (CSP). */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.caches) return;

  var siteRoot = window.procedures.siteRoot;  // procedures.js: the site's root address
  var root = siteRoot();

  // A search asks the worker to stop filling the copy for a few seconds (sw.js: "pause"),
  // so that the copy never competes with it (search-boot.js and search.js call this).
  window.procedures.pauseOfflineCopy = function () {
    var sw = navigator.serviceWorker.controller;
    if (sw) sw.postMessage("pause");
  };

  function when(iso) {
    var d = new Date(iso);
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }) + " at " +
      d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  }

  function show() {
    var line = document.querySelector("[data-offline-status]");
    if (!line) return;
    window.caches.match(new URL("offline-meta.json", root).href).then(function (res) {
      return res ? res.json() : null;
    }).then(function (meta) {
      if (!meta) return;
      var text = meta.complete || !savingData() ?
        "Offline copy of the manual, thresholds, contacts and briefings saved " + when(meta.saved) +
          (meta.complete ? "." : " (still being saved).") :
        "Offline copy of the main pages saved " + when(meta.saved) +
          " (this device asks to save data, so the other pages are kept only once read).";
      if (!navigator.onLine) text = "You are offline: this page is from the " + text.charAt(0).toLowerCase() + text.slice(1);
      line.textContent = text;
      line.hidden = false;
      line.classList.toggle("procedures-offline--offline", !navigator.onLine);
    }).catch(function () { /* no copy yet */ });
  }

  // A device that asks to save data (Save-Data, a phone's data saver) keeps only the core
  // pages: the rest of the manual (tens of megabytes at a large partnership) is not fetched.
  function savingData() {
    return !!(navigator.connection && navigator.connection.saveData);
  }

  function start() {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).then(function (reg) {
      navigator.serviceWorker.ready.then(function () {
        show();
        // the rest of the copy, page by page (or what a visit cut short)
        if (reg.active && navigator.onLine && !savingData()) reg.active.postMessage("fill");
      });
    }).catch(function () { /* no offline copy (e.g. private browsing): the site works as usual */ });
  }

  // The copy is saved once the page has loaded and the reader has had a moment: it must not
  // compete with the page itself, or with a search typed as soon as the page appears
  // (docs/developers/performance.md). The line saying how old the copy is shows at once.
  function later() {
    window.setTimeout(function () {
      if (window.requestIdleCallback) window.requestIdleCallback(start, { timeout: 5000 });
      else start();
    }, 3000);
  }
  if (document.readyState === "complete") later();
  else window.addEventListener("load", later);
  show();
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  navigator.serviceWorker.addEventListener("controllerchange", show);
  window.procedures.onEachPage(show);
  window.setInterval(show, 10000); // "still being saved" becomes "saved" without a reload
})();
