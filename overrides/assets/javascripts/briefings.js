/* 7-Minute Briefings: the team action-plan form never goes anywhere. Its fields have
   no names and the form has no action; this stops a submission outright as well. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    if (event.target && event.target.matches && event.target.matches("form[data-no-submit]")) {
      event.preventDefault();
    }
  });
})();
