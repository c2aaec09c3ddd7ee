/* The site's service worker (procedures/offline/ writes it to sw.js with self.OFFLINE:
   the version, the files to keep and the folders never to keep).

   Install: keep the core files (home, contents, contacts, thresholds and briefings
   indexes, styles and scripts). Then, when a page asks ("fill": offline.js does, unless
   the device asks to save data), keep every other listed page one by one, and record when
   the copy was completed ("meta", read by assets/javascripts/offline.js).
   Pages: from the network when there is one (and the kept copy is brought up to date),
   from the copy when not. Styles, scripts and images: from the copy. The search index is
   kept as it is used. Nothing outside the list is ever kept: not drafts, not editor or
   developer pages, not another site. */
"use strict";

var CACHE = "procedures-offline-" + self.OFFLINE.version;
var META = "offline-meta.json";
var scope = new URL(self.registration.scope);
var LISTED = new Set(self.OFFLINE.core.concat(self.OFFLINE.rest).map(function (u) { return new URL(u, scope).href; }));

function keepable(url) {
  if (url.origin !== scope.origin || url.pathname.indexOf(scope.pathname) !== 0) return false;
  var rel = url.pathname.slice(scope.pathname.length);
  if (self.OFFLINE.never.some(function (p) { return rel.indexOf(p) === 0; })) return false;
  return LISTED.has(url.origin + url.pathname) || rel.indexOf("pagefind/") === 0 || rel === "search/words.json";
}

function writeMeta(cache, complete) {
  var body = JSON.stringify({ version: self.OFFLINE.version, saved: new Date().toISOString(), complete: complete,
                              pages: self.OFFLINE.core.length + self.OFFLINE.rest.length });
  return cache.put(new URL(META, scope).href, new Response(body, { headers: { "Content-Type": "application/json" } }));
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(self.OFFLINE.core.map(function (u) { return new URL(u, scope).href; })).then(function () {
      return writeMeta(cache, false);
    });
  }).then(function () { return self.skipWaiting(); }));
});

// One fill at a time: every page asks for one (offline.js), and pages read in quick
// succession would otherwise each start their own and fetch the same pages again.
var filling = null;
// A search asks the fill to stand aside ("pause"): the next page is fetched only once no
// search has asked for PAUSE_MS, so the copy never competes with a reader's search.
var PAUSE_MS = 5000;
var pausedUntil = 0;

function wait(ms) {
  return new Promise(function (resolve) { setTimeout(resolve, ms); });
}

function fill() {
  if (filling) return filling;
  filling = caches.open(CACHE).then(function (cache) {
    var urls = self.OFFLINE.rest.map(function (u) { return new URL(u, scope).href; });
    var i = 0;
    function next() {
      if (i >= urls.length) return writeMeta(cache, true);
      var left = pausedUntil - Date.now();
      if (left > 0) return wait(left).then(next);
      var url = urls[i++];
      return cache.match(url).then(function (hit) {
        return hit || fetch(url, { credentials: "same-origin" }).then(function (res) {
          if (res.ok) return cache.put(url, res);
        }, function () { /* offline part-way: the next visit carries on */ });
      }).then(next);
    }
    return next();
  });
  filling.then(function () { filling = null; }, function () { filling = null; });
  return filling;
}

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return /^[a-z]+-offline-/.test(k) && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

// a page asks for the rest of the copy (after install, or to finish one cut short)
self.addEventListener("message", function (event) {
  if (event.data === "pause") pausedUntil = Date.now() + PAUSE_MS;
  if (event.data === "fill") event.waitUntil(fill());
});

self.addEventListener("fetch", function (event) {
  var req = event.request;
  if (req.method !== "GET") return;
  var url = new URL(req.url);
  if (!keepable(url)) return; // the browser fetches it as usual; nothing is kept
  var key = url.origin + url.pathname;
  if (req.mode === "navigate" || /\/$/.test(url.pathname) || url.pathname.slice(-5) === ".html") {
    // a page: the network first (kept up to date), the copy when there is no network
    event.respondWith(fetch(req).then(function (res) {
      if (res.ok) {
        var copy = res.clone();
        caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
      }
      return res;
    }, function () {
      return caches.open(CACHE).then(function (cache) {
        return cache.match(key).then(function (hit) {
          return hit || cache.match(new URL("404.html", scope).href).then(function (nf) {
            return nf || new Response("Offline, and this page is not in the offline copy.", { status: 503 });
          });
        });
      });
    }));
    return;
  }
  // styles, scripts, images, the search index: the copy first
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return cache.match(key).then(function (hit) {
      return hit || fetch(req).then(function (res) {
        if (res.ok) cache.put(key, res.clone());
        return res;
      });
    });
  }));
});
