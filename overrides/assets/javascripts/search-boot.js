/* Loads the site search (search.js) the first time a reader reaches for it: focus on a
   search box, a click on the search button or the small-screen search icon, or the "/",
   "s" or "f" key; on the search page, at once. A first visit to any other page downloads
   nothing else for search (docs/developers/performance.md). search.js then takes over:
   it sees where focus is and what was typed while it was loading. No inline script (CSP). */
(function () {
  "use strict";

  var requested = false;

  var siteRoot = window.procedures.siteRoot;  // procedures.js: the site's root address

  // Pagefind's options, here so that Pagefind can be started before search.js arrives.
  // Ranking (tests/browser/test_search_relevance.py proves it on real queries): body text
  // weighs 1 per word (headings more, by Pagefind's defaults); a match in these fields of
  // the page's <head> (partials/search-meta.html) adds to the score: a chapter's code, its
  // title, its keywords with their acronyms spelt out, and its at-a-glance steps. Only
  // chapters have keywords and at-a-glance steps, so for the same words a chapter comes
  // before a briefing. The section's name is on every chapter of it and says nothing.
  function pagefindOptions(root) {
    return {
      baseUrl: root.pathname,
      excerptLength: 24,
      ranking: { metaWeights: { code: 10, title: 6, keywords: 5, glance: 2, section: 0 } }
    };
  }

  // Import Pagefind, set its options and start it: its worker then fetches the index's
  // entry file, metadata and WebAssembly while search.js is still on its way.
  function startPagefind(root) {
    return import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
      return pf.options(pagefindOptions(root)).then(function () {
        pf.init();
        return pf;
      });
    });
  }
  window.procedures.startPagefind = startPagefind;

  // the offline copy (offline.js) stands aside while the reader searches
  function pauseOfflineCopy() {
    if (window.procedures.pauseOfflineCopy) window.procedures.pauseOfflineCopy();
  }

  function load() {
    pauseOfflineCopy();
    if (requested) return;
    requested = true;
    var root = siteRoot();
    // Pagefind is started and the word list asked for now, alongside search.js, not after
    // it has arrived: on a cold page the first result comes that much sooner. search.js
    // takes them (window.procedures.searchEarly) or, if they failed, asks again.
    try {
      window.procedures.searchEarly = {
        pagefind: startPagefind(root),
        words: fetch(new URL("search/words.json", root).href)
      };
      window.procedures.searchEarly.pagefind.catch(function () {});
      window.procedures.searchEarly.words.catch(function () {});
    } catch (e) { window.procedures.searchEarly = null; }
    var script = document.createElement("script");
    script.src = new URL("assets/javascripts/search.js", root).href;
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

  // Escape in the header's box before search.js has arrived: close the search now, and
  // tell search.js not to open it for what was typed (typing again undoes that)
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "Escape" || !requested || window.procedures.searchReady) return;
    var t = ev.target;
    if (!t || !t.matches || !t.matches("[data-search-input]")) return;
    window.procedures.searchDismissed = true;
    var toggle = document.getElementById("__search");
    if (toggle && toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  }, true);
  document.addEventListener("input", function (ev) {
    var t = ev.target;
    if (t && t.matches && t.matches("[data-search-input]")) window.procedures.searchDismissed = false;
  }, true);

  function start() {
    if (document.querySelector("[data-search-page]")) load();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
