/* Small accessibility helpers. No inline script anywhere (the CSP forbids it). */
(function () {
  "use strict";

  // Open the site search from a button (the 404 page): the header search is the one
  // search box, this only takes the reader there with the keyboard focus in it.
  function openSearch() {
    var toggle = document.querySelector('input[data-md-toggle="search"]');
    if (toggle && !toggle.checked) {
      toggle.click();
    }
    var input = document.querySelector('[data-md-component="search-query"], .md-search__input, input[type="search"]');
    if (input) {
      input.focus();
    }
  }

  function apply() {
    document.querySelectorAll("button[data-open-search]").forEach(function (btn) {
      btn.hidden = false;
      if (!btn.dataset.bound) {
        btn.dataset.bound = "1";
        btn.addEventListener("click", openSearch);
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(apply);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
