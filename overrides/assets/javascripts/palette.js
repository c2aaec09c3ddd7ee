/* The colour scheme, before the page is painted (partials/javascripts/palette.html; the
   same job as Material's inline palette script, in a file for the CSP). The reader's
   choice with the header's toggle is kept by Material (__palette); until they choose,
   the device's setting (prefers-color-scheme) decides. Material's bundle then keeps the
   toggle in step and follows changes to the device's setting. */
(function () {
  "use strict";
  var body = document.body;
  if (!body) return;
  var saved = null;
  try { saved = typeof window.__md_get === "function" ? window.__md_get("__palette") : null; } catch (e) { saved = null; }
  var input = null;
  if (saved && saved.color && saved.color.media !== "(prefers-color-scheme)") {
    Object.keys(saved.color).forEach(function (key) { body.setAttribute("data-md-color-" + key, saved.color[key]); });
    return;
  }
  document.querySelectorAll("[data-md-color-media]").forEach(function (el) {
    if (!input && window.matchMedia(el.getAttribute("data-md-color-media")).matches) input = el;
  });
  if (!input) return;
  ["media", "scheme", "primary", "accent"].forEach(function (key) {
    body.setAttribute("data-md-color-" + key, input.getAttribute("data-md-color-" + key));
  });
})();

/* The header's light/dark toggle: one real button per scheme (partials/palette.html).
   Material shows the label of the scheme in use (it toggles the labels' hidden
   attribute); each button mirrors its label and, when pressed, clicks it, so Material
   applies and saves the choice as it always does. */
(function () {
  "use strict";
  function pairs() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-palette-for]")).map(function (b) {
      return { button: b, label: b.previousElementSibling };
    }).filter(function (p) { return p.label && p.label.tagName === "LABEL"; });
  }
  function sync() {
    pairs().forEach(function (p) { p.button.hidden = p.label.hidden; });
  }
  function init() {
    var all = pairs();
    if (!all.length) return;
    document.documentElement.classList.add("procedures-palette-buttons");
    var observer = new MutationObserver(sync);
    all.forEach(function (p) {
      observer.observe(p.label, { attributes: true, attributeFilter: ["hidden"] });
      p.button.addEventListener("click", function () {
        p.label.click();
        window.setTimeout(function () {
          sync();
          var shown = pairs().filter(function (x) { return !x.button.hidden; })[0];
          if (shown) shown.button.focus();
        }, 0);
      });
    });
    sync();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
