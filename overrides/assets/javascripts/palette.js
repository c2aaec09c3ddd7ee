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
