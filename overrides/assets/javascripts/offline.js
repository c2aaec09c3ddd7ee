/* The offline copy (procedures/offline/, sw.js): register the site's service worker and
   say on every page how old the copy is. No inline script (CSP). */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.caches) return;

  var siteRoot = window.procedures.siteRoot;  // procedures.js: the site's root address
  var root = siteRoot();

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
      var text = "Offline copy of the manual, thresholds, contacts and briefings saved " + when(meta.saved) +
        (meta.complete ? "." : " (still being saved).");
      if (!navigator.onLine) text = "You are offline: this page is from the " + text.charAt(0).toLowerCase() + text.slice(1);
      line.textContent = text;
      line.hidden = false;
      line.classList.toggle("procedures-offline--offline", !navigator.onLine);
    }).catch(function () { /* no copy yet */ });
  }

  navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).then(function (reg) {
    navigator.serviceWorker.ready.then(function () {
      show();
      if (reg.active && navigator.onLine) reg.active.postMessage("fill"); // finish a copy cut short
    });
  }).catch(function () { /* no offline copy (e.g. private browsing): the site works as usual */ });
  window.addEventListener("online", show);
  window.addEventListener("offline", show);
  navigator.serviceWorker.addEventListener("controllerchange", show);
  window.procedures.onEachPage(show);
  window.setInterval(show, 10000); // "still being saved" becomes "saved" without a reload
})();
