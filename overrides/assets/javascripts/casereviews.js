/* Case reviews: show the report until its expiry date, then the national repository
   link, decided on the day the page is read (the build's choice is the fallback).
   No inline script (the CSP forbids it). */
(function () {
  "use strict";

  function isoToday() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" + String(d.getDate()).padStart(2, "0");
  }

  // true while the report itself is shown: today is before the expiry date
  function reportShown(expires, today) { return today < expires; }

  function apply() {
    var today = isoToday();
    document.querySelectorAll("[data-case-review][data-expires]").forEach(function (item) {
      var shown = reportShown(item.getAttribute("data-expires"), today);
      item.querySelectorAll("[data-review-when]").forEach(function (el) {
        el.hidden = (el.getAttribute("data-review-when") === "current") !== shown;
      });
    });
  }

  window.procedures = window.procedures || {};
  window.procedures.caseReviewShown = reportShown;  // for tests
  (window.procedures.onEachPage || function (fn) { fn(); })(apply);
})();
