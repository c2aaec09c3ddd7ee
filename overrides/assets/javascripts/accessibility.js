/* Small accessibility helpers. No inline script anywhere (the CSP forbids it). */
(function () {
  "use strict";

  // Material's header "menu" and "search" buttons are <label>s for hidden checkboxes: a mouse can use them, a keyboard cannot reach
  // them. At phone width or 400% zoom that left the navigation menu out of reach
  // (WCAG 2.1.1). Make them real keyboard buttons with a name and an expanded state.
  var LABEL_BUTTONS = [
    ['label.md-header__button[for="__drawer"]', "Open the navigation menu"],
    ['label.md-header__button[for="__search"]', "Search"]
  ];

  function keyboardButtons() {
    LABEL_BUTTONS.forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (label) {
        if (label.dataset.a11yButton) {
          return;
        }
        label.dataset.a11yButton = "1";
        var toggle = document.getElementById(label.getAttribute("for"));
        label.setAttribute("role", "button");
        label.setAttribute("tabindex", "0");
        if (!label.getAttribute("aria-label")) {
          label.setAttribute("aria-label", pair[1]);
        }
        // Material itself clicks a focused <label> on Enter; add Space, as for any button
        label.addEventListener("keydown", function (event) {
          if (event.key === " ") {
            event.preventDefault();
            label.click();
          }
        });
        if (toggle) {
          var sync = function () { label.setAttribute("aria-expanded", toggle.checked ? "true" : "false"); };
          toggle.addEventListener("change", sync);
          sync();
        }
        if (toggle && toggle.id === "__search" && pair[1] === "Search") {
          // opened from the keyboard: put the keyboard in the search box
          toggle.addEventListener("change", function () {
            var input = document.querySelector('[data-md-component="search-query"], .md-search__input');
            if (toggle.checked && document.activeElement === label && input) {
              window.setTimeout(function () { input.focus(); }, 0);
            }
          });
        }
      });
    });
  }

  // A table wider than the screen scrolls sideways inside its own box (Material wraps
  // it): make that box reachable and scrollable by keyboard, and name it (WCAG 2.1.1).
  function scrollableTables() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        var caption = box.querySelector("caption");
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table (scrolls sideways)");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(scrollableTables, 150);
  });

  function apply() {
    keyboardButtons();
    scrollableTables();
    window.requestAnimationFrame(scrollableTables);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(apply);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", apply);
  } else {
    apply();
  }
})();
