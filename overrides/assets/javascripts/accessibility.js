/* Small accessibility helpers. No inline script anywhere (the CSP forbids it). */
(function () {
  "use strict";

  // The menu opener in the header is a real <button> (partials/header.html) that
  // toggles Material's hidden "__drawer" checkbox, so the keyboard can open the
  // navigation at phone width or 400% zoom (WCAG 2.1.1) and a screen reader hears
  // whether it is open (4.1.2). Escape closes it and puts focus back on the button.
  function menuButton() {
    var button = document.querySelector("[data-drawer-open]");
    var toggle = document.getElementById("__drawer");
    if (!button || !toggle || button.dataset.a11yReady) {
      return;
    }
    button.dataset.a11yReady = "1";
    var sync = function () {
      button.setAttribute("aria-expanded", toggle.checked ? "true" : "false");
    };
    button.addEventListener("click", function () {
      toggle.click();  // a real click: Material sees the change event as from its label
    });
    toggle.addEventListener("change", sync);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.checked) {
        toggle.click();
        button.focus();
      }
    });
    sync();
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
    menuButton();
    scrollableTables();
    window.requestAnimationFrame(scrollableTables);
  }

  window.procedures.onEachPage(apply);  // procedures.js
})();
