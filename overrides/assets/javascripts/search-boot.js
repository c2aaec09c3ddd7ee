/* Loads the site search (search.js) the first time a reader reaches for it: focus on a
   search box, a click on the search button or the small-screen search icon, or the "/",
   "s" or "f" key; on the search page, at once. A first visit to any other page downloads
   nothing else for search (docs/developers/performance.md). search.js then takes over:
   it sees where focus is and what was typed while it was loading. No inline script (CSP). */
(function () {
  "use strict";

  var requested = false;

  var siteRoot = window.procedures.siteRoot;  // procedures.js: the site's root address

  function load() {
    if (requested) return;
    requested = true;
    var script = document.createElement("script");
    script.src = new URL("assets/javascripts/search.js", siteRoot()).href;
    script.onerror = function () { requested = false; }; // a later attempt may retry
    document.head.appendChild(script);
  }

  // what search.js does when it is already there: open the header search and focus its box
  function openHeader() {
    var toggle = document.getElementById("__search");
    var input = document.querySelector("[data-search-input]");
    if (toggle && !toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    if (input) {
      input.focus();
      input.select();
    }
  }

  document.addEventListener("focusin", function (ev) {
    var t = ev.target;
    if (t && t.matches && t.matches("[data-search-input], [data-search-page] input")) load();
  });
  document.addEventListener("click", function (ev) {
    if (requested) return;
    var t = ev.target && ev.target.closest ? ev.target.closest("[data-search-open], label[for='__search']") : null;
    if (!t) return;
    load();
    if (t.matches("[data-search-open]")) openHeader();
  });
  document.addEventListener("keydown", function (ev) {
    if (requested || ev.ctrlKey || ev.altKey || ev.metaKey || ev.defaultPrevented) return;
    var t = ev.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (!typing && (ev.key === "/" || ev.key === "s" || ev.key === "f")) {
      ev.preventDefault();
      openHeader();
      load();
    }
  }, true);

  function start() {
    if (document.querySelector("[data-search-page]")) load();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
