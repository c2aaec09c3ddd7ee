/* Phone-first helpers (tests/browser/test_phone_layouts.py). No inline script (CSP).

   * "Copy link to this section": each heading's link (¶, Material's permalink) copies the
     section's address, by touch, mouse or keyboard (it is a real link: Enter works), and
     says so in a status message. Without the clipboard it is an ordinary link.
   * Wide tables: the box a table scrolls in (accessibility.js makes it a named, focusable
     region) gets a visible cue while there is more to see on either side.
   * Indicator finder on a phone: the level, domain and age filters fold into "More
     filters" so the results follow the search box, and typing brings the box to the top
     of the screen with the results under it.
   * Dark mode: the header's light/dark toggle is Material's own (mkdocs.yml palette); the
     system setting decides until the reader chooses (assets/javascripts/palette.js). */
(function () {
  "use strict";

  var NARROW = window.matchMedia("(max-width: 44.9375em)");

  // --- a status message ("Link copied") ------------------------------------------------
  var toast = null, toastTimer = null;
  function announce(text) {
    if (!toast) {
      toast = document.createElement("div");
      toast.className = "procedures-toast";
      toast.setAttribute("role", "status");
      document.body.appendChild(toast);
    }
    toast.textContent = text;
    toast.classList.add("procedures-toast--shown");
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(function () {
      toast.classList.remove("procedures-toast--shown");
      toast.textContent = "";
    }, 4000);
  }

  // --- copy link to this section --------------------------------------------------------
  function copyLinks() {
    document.querySelectorAll(".md-typeset .headerlink").forEach(function (a) {
      if (a.dataset.copyReady) return;
      a.dataset.copyReady = "1";
      a.setAttribute("aria-label", "Copy link to this section");
      a.setAttribute("title", "Copy link to this section");
      a.addEventListener("click", function (ev) {
        var url = new URL(a.getAttribute("href"), window.location.href).href;
        if (!navigator.clipboard || !window.isSecureContext) return; // an ordinary link
        ev.preventDefault();
        var heading = a.parentElement;
        var name = heading ? heading.textContent.replace(/\u00b6\s*$/, "").trim() : "";
        if (window.location.href !== url) window.history.pushState(null, "", url);
        navigator.clipboard.writeText(url).then(function () {
          announce("Link to \u201c" + name + "\u201d copied");
        }, function () {
          announce("The link could not be copied: it is in the address bar");
        });
      });
    });
  }

  // --- wide tables: a visible cue while more columns are off screen ----------------------
  function scrollCues() {
    document.querySelectorAll(".md-typeset__scrollwrap, .sp-table-wrap").forEach(function (box) {
      var more = box.scrollWidth > box.clientWidth + 1;
      var frame = box.parentNode && box.parentNode.classList && box.parentNode.classList.contains("procedures-scroll-frame")
        ? box.parentNode : null;
      if (more && !frame) {
        // a frame that does not scroll, to hold the edge shadows over the scrolling box
        frame = document.createElement("div");
        frame.className = "procedures-scroll-frame";
        box.parentNode.insertBefore(frame, box);
        frame.appendChild(box);
        var hint = document.createElement("p");
        hint.className = "procedures-scroll-hint";
        hint.setAttribute("aria-hidden", "true"); // the region's name says it scrolls
        hint.textContent = "Scroll the table sideways to see every column \u2192";
        frame.insertBefore(hint, box);
      }
      if (frame) frame.classList.toggle("procedures-scroll-frame--active", more);
      box.classList.toggle("procedures-scroll", more);
      if (more) box.setAttribute("data-scroll-region", "");
      else box.removeAttribute("data-scroll-region");
      if (more && !box.getAttribute("aria-label")) {
        var caption = box.querySelector("caption");
        box.setAttribute("aria-label", (caption ? caption.textContent.trim() + " " : "Table ") + "(scrolls sideways)");
      }
      if (more && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
      if (more && !box.getAttribute("role")) box.setAttribute("role", "region");
      function edges() {
        var left = box.scrollLeft > 1, right = box.scrollLeft + box.clientWidth < box.scrollWidth - 1;
        box.classList.toggle("procedures-scroll--left", left);
        box.classList.toggle("procedures-scroll--right", right);
        if (frame) {
          frame.classList.toggle("procedures-scroll-frame--left", more && left);
          frame.classList.toggle("procedures-scroll-frame--right", more && right);
        }
      }
      if (!box.dataset.cueReady) {
        box.dataset.cueReady = "1";
        box.addEventListener("scroll", edges, { passive: true });
      }
      edges();
    });
  }

  // --- the indicator finder on a phone ----------------------------------------------------
  function finder() {
    var root = document.querySelector("[data-thresholds-finder]");
    if (!root || root.dataset.phoneReady) return;
    var form = root.querySelector("form");
    var q = root.querySelector("input[name=q]");
    if (!form || !q) return;
    root.dataset.phoneReady = "1";
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    if (selects.length) {
      var details = document.createElement("details");
      details.className = "thresholds-finder__more";
      var summary = document.createElement("summary");
      summary.textContent = "More filters: level, domain, age";
      details.appendChild(summary);
      var first = selects[0].closest(".thresholds-finder__field");
      first.parentNode.insertBefore(details, first);
      selects.forEach(function (s) { details.appendChild(s.closest(".thresholds-finder__field")); });
      function sync() {
        var chosen = selects.some(function (s) { return s.value; });
        if (!NARROW.matches || chosen) details.open = true;
      }
      sync();
      NARROW.addEventListener("change", sync);
      form.addEventListener("reset", function () { window.setTimeout(function () { details.open = !NARROW.matches; }, 0); });
    }
    var brought = false;
    q.addEventListener("input", function () {
      root.classList.toggle("thresholds-finder--typing", !!q.value.trim());
      if (!NARROW.matches || brought || !q.value.trim()) return;
      brought = true; // once per visit to the box: the page does not jump while typing
      q.scrollIntoView({ block: "start" }); // just below the header (phone.css scroll-margin-top)
    });
    q.addEventListener("blur", function () { brought = false; });
  }

  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(scrollCues, 150);
  });

  function apply() {
    copyLinks();
    finder();
    scrollCues();
    window.requestAnimationFrame(scrollCues);
  }

  window.procedures.onEachPage(apply); // procedures.js
})();
