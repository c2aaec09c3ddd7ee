/* "What did the manual say on a date?": pick a date, get the edition in force that day.
   The list of editions with their date ranges (data-from / data-to, ISO dates) is in the
   HTML and works without JavaScript; this only adds the date box. No inline script. */
(function () {
  "use strict";

  // The edition in force on `day` (YYYY-MM-DD): the one whose range holds it.
  function inForce(items, day) {
    for (var i = 0; i < items.length; i++) {
      var from = items[i].getAttribute("data-from");
      var to = items[i].getAttribute("data-to");
      if (from <= day && (!to || day <= to)) { return items[i]; }
    }
    return null;
  }

  function longDate(iso) {
    var p = iso.split("-");
    return new Date(Number(p[0]), Number(p[1]) - 1, Number(p[2]))
      .toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  }

  function setUp() {
    document.querySelectorAll("[data-editions-on-date]").forEach(function (box) {
      var form = box.querySelector("[data-editions-picker]");
      var result = box.querySelector("[data-editions-result]");
      if (!form || form.dataset.bound) { return; }
      form.dataset.bound = "1";
      var items = Array.prototype.slice.call(box.querySelectorAll("li[data-from]"));
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        var day = form.querySelector("input[type=date]").value;
        if (!day) { return; }
        items.forEach(function (li) { li.classList.remove("editions-list__item--picked"); });
        var li = inForce(items, day);
        if (!li) {
          var first = items[items.length - 1];
          result.textContent = "No edition recorded on this site was in force on " + longDate(day) +
            (first ? "; the earliest began on " + longDate(first.getAttribute("data-from")) + "." : ".");
          return;
        }
        li.classList.add("editions-list__item--picked");
        result.textContent = "On " + longDate(day) + " the " + li.getAttribute("data-label") + " was in force.";
        var details = li.querySelector("details");
        if (details) { details.open = true; }
        var heading = li.querySelector("h2 a");
        if (heading) { heading.focus(); }
      });
    });
  }

  window.procedures = window.procedures || {};
  window.procedures.editionInForce = inForce;  // for tests/site/test_editions_site.py
  (window.procedures && window.procedures.onEachPage ? window.procedures.onEachPage : function (fn) { fn(); })(setUp);
})();
