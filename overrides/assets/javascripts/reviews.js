/* Review dashboard: decide overdue / due soon from today's date when the page is read,
   so a site built weeks ago still tells the truth. The build-time states stay in the
   HTML as the fallback without JavaScript. No inline script (the CSP forbids it). */
(function () {
  "use strict";

  var LABELS = { "overdue": "Overdue", "due-soon": "Due soon", "current": "Current", "none": "No review date" };
  // whole class names, never built from parts: the build keeps a stylesheet rule only when
  // its class is written somewhere in a page or a script (procedures/lean/css.py)
  var CLASSES = { "overdue": "review-row--overdue", "due-soon": "review-row--due-soon",
                  "current": "review-row--current", "none": "review-row--none" };

  function iso(d) {
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  function stateOf(due, today, soon) {
    if (!due) { return "none"; }
    if (due < today) { return "overdue"; }
    if (due <= soon) { return "due-soon"; }
    return "current";
  }

  function apply() {
    document.querySelectorAll("[data-review-dashboard]").forEach(function (board) {
      var now = new Date();
      var days = parseInt(board.getAttribute("data-due-soon-days"), 10) || 60;
      var later = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
      var today = iso(now);
      var soon = iso(later);
      var counts = { "overdue": 0, "due-soon": 0, "current": 0, "none": 0 };
      board.querySelectorAll("tr[data-review-due]").forEach(function (row) {
        var state = stateOf(row.getAttribute("data-review-due"), today, soon);
        counts[state] += 1;
        Object.keys(LABELS).forEach(function (s) { row.classList.toggle(CLASSES[s], s === state); });
        var cell = row.querySelector("[data-review-state]");
        if (cell) { cell.textContent = LABELS[state]; }
      });
      board.querySelectorAll("[data-review-count]").forEach(function (el) {
        el.textContent = String(counts[el.getAttribute("data-review-count")] || 0);
      });
      var when = board.querySelector("[data-review-today]");
      if (when) {
        when.setAttribute("datetime", today);
        when.textContent = now.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
      }
    });
  }

  window.procedures.onEachPage(apply);  // procedures.js
})();
