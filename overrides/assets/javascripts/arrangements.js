/* Safeguarding arrangements: who chairs the partnership *today*.
   The page is built with the answer for its build date (SOURCE_DATE_EPOCH when set);
   this script decides again from the rotation rows carried in data-* attributes, so a
   page read long after it was built still names the right chair — or says that none
   is recorded. Business years run from 1 April to 31 March (procedures/arrangements/years.py).
   No inline script anywhere: the Content-Security-Policy forbids it. */
(function () {
  "use strict";

  function pad(n) { return String(n).padStart(2, "0"); }

  function isoDate(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function longDate(d) {
    return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function businessYearLabel(d) {
    var first = d.getMonth() >= 3 ? d.getFullYear() : d.getFullYear() - 1; // April is month 3
    return first + "/" + pad((first + 1) % 100);
  }

  function rowFor(rows, iso) {
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].start <= iso && iso <= rows[i].end) { return rows[i]; }
    }
    return null;
  }

  function apply() {
    var now = new Date();
    var iso = isoDate(now);

    document.querySelectorAll("[data-sp-rotation]").forEach(function (el) {
      var rows;
      try { rows = JSON.parse(el.getAttribute("data-sp-rotation")); } catch (e) { return; } // keep the built text
      var target = el.querySelector("[data-sp-chair-text]");
      if (!target || !Array.isArray(rows)) { return; }
      var row = rowFor(rows, iso);
      if (row) {
        target.textContent = "On " + longDate(now) + ", in business year " + row.year + ", " + row.text;
      } else {
        target.textContent = (el.getAttribute("data-sp-none") || "No chair is recorded for {year}.")
          .replace("{year}", businessYearLabel(now));
      }
      el.setAttribute("data-sp-decided", iso);
    });

    document.querySelectorAll("[data-sp-rotation-table] tr[data-sp-start]").forEach(function (tr) {
      var current = tr.getAttribute("data-sp-start") <= iso && iso <= tr.getAttribute("data-sp-end");
      tr.classList.toggle("is-current", current);
      if (current) { tr.setAttribute("aria-current", "true"); } else { tr.removeAttribute("aria-current"); }
      var badge = tr.querySelector(".sp-current-badge");
      if (badge) { badge.hidden = !current; }
    });
  }

  window.procedures.onEachPage(apply);  // procedures.js
})();
