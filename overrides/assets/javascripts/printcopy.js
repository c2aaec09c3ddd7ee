/* Print copies (procedures/wholemanual/): print/manual/?section=2 keeps only section 2
   of the whole-manual page, so one page gives the whole manual and each section's PDF.
   No inline script (the CSP forbids it). */
(function () {
  "use strict";

  function keepSection() {
    var blocks = document.querySelectorAll("[data-print-section]");
    if (!blocks.length) { return; }
    var match = /[?&]section=([0-9]+)/.exec(window.location.search);
    if (!match) { return; }
    var kept = null;
    blocks.forEach(function (el) {
      if (el.getAttribute("data-print-section") === match[1]) { kept = el; }
    });
    if (!kept) { return; }  // an unknown section: show the whole manual rather than nothing
    blocks.forEach(function (el) { if (el !== kept) { el.remove(); } });
    var h1 = document.querySelector("article h1");
    if (h1 && kept.getAttribute("data-print-title")) { h1.textContent = kept.getAttribute("data-print-title"); }
    document.title = kept.getAttribute("data-print-title") || document.title;
  }

  (window.procedures && window.procedures.onEachPage ? window.procedures.onEachPage : function (fn) { fn(); })(keepSection);
})();
