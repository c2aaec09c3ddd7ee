/* View-time truth for pages that outlive their build, and small page helpers.
   No inline script anywhere (the Content-Security-Policy forbids it). */
(function () {
  "use strict";

  function isoToday() {
    var d = new Date();
    var m = String(d.getMonth() + 1).padStart(2, "0");
    var day = String(d.getDate()).padStart(2, "0");
    return d.getFullYear() + "-" + m + "-" + day;
  }

  function longToday() {
    return new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function apply() {
    var today = isoToday();
    // "Review overdue" is decided now, not when the site was built.
    document.querySelectorAll("[data-next-review]").forEach(function (el) {
      el.hidden = !(el.getAttribute("data-next-review") < today);
    });
    // The print footer carries the date of printing.
    document.querySelectorAll("[data-print-date]").forEach(function (el) {
      el.textContent = longToday();
    });
    document.querySelectorAll("button[data-print]").forEach(function (btn) {
      btn.hidden = false;
      if (!btn.dataset.bound) {
        btn.dataset.bound = "1";
        btn.addEventListener("click", function () { window.print(); });
      }
    });
  }

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("[data-print-date]").forEach(function (el) { el.textContent = longToday(); });
  });

  // Run fn on every page: once the page is ready, and again on each page Material's
  // instant navigation swaps in without a reload. The site's other scripts (loaded
  // after this one, mkdocs.yml extra_javascript) use it too.
  function onEachPage(fn) {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(fn);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn);
    } else {
      fn();
    }
  }
  // The site's root address, from Material's __config (base is relative to the page), for
  // the scripts that fetch site files (search-boot.js, search.js, offline.js).
  function siteRoot() {
    var base = ".";
    var el = document.getElementById("__config");
    if (el) {
      try { base = JSON.parse(el.textContent).base || "."; } catch (e) { /* keep "." */ }
    }
    return new URL(base.replace(/\/?$/, "/"), document.baseURI);
  }
  window.procedures = window.procedures || {};
  window.procedures.onEachPage = onEachPage;
  window.procedures.siteRoot = siteRoot;

  onEachPage(apply);
})();
