/* Thresholds indicator finder: progressive enhancement of a server-rendered list.
   Without JavaScript the page shows every indicator, grouped by domain. With it, this
   script fetches thresholds/indicators.json from the same site and hides the
   indicators that do not match the filters. The filter form is shown from the first
   paint whenever JavaScript runs (CSS: ".no-js" hides it), so nothing moves when the
   data arrives; if the data cannot be loaded the form is hidden again. No inline
   script, no other host. */
(function () {
  "use strict";

  function fold(text) {
    return String(text || "")
      .toLowerCase()
      .normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[^a-z0-9']+/g, " ");
  }

  // A light stem so "bruises", "bruising" and "bruise" find one another.
  function stem(word) {
    if (word.length > 4 && /s$/.test(word)) { word = word.slice(0, -1); }
    if (word.length > 6 && /ing$/.test(word)) { word = word.slice(0, -3); }
    else if (word.length > 5 && /ed$/.test(word)) { word = word.slice(0, -2); }
    if (word.length > 4 && /e$/.test(word)) { word = word.slice(0, -1); }
    return word;
  }

  function words(query) {
    return fold(query).split(" ").filter(Boolean).map(stem);
  }

  function index(data) {
    var levels = {}, domains = {}, subs = {}, ages = {};
    data.levels.forEach(function (l) { levels[l.key] = l.label; });
    data.domains.forEach(function (d) {
      domains[d.key] = d.name;
      d.subdomains.forEach(function (s) { subs[d.key + "/" + s.key] = s.name; });
    });
    data.age_bands.forEach(function (a) { ages[a.key] = a.name; });
    return data.indicators.map(function (ind) {
      var hay = [ind.text, levels[ind.level], domains[ind.domain], subs[ind.domain + "/" + ind.subdomain]]
        .concat(ind.ages.map(function (a) { return ages[a]; })).join(" ");
      return { ind: ind, hay: " " + fold(hay) };
    });
  }

  function matches(entry, f) {
    var ind = entry.ind;
    if (f.level && ind.level !== f.level) { return false; }
    if (f.domain) {
      var parts = f.domain.split("/");
      if (ind.domain !== parts[0]) { return false; }
      if (parts[1] && ind.subdomain !== parts[1]) { return false; }
    }
    if (f.age && ind.ages.length && ind.ages.indexOf(f.age) === -1) { return false; }
    for (var i = 0; i < f.words.length; i++) {
      if (entry.hay.indexOf(f.words[i]) === -1) { return false; }
    }
    return true;
  }

  function setup(root) {
    if (root.dataset.finderReady) { return; }
    root.dataset.finderReady = "1";
    var form = root.querySelector("form");
    var status = root.querySelector("[data-finder-status]");
    var empty = root.querySelector("[data-finder-empty]");
    var total = Number(root.getAttribute("data-total"));
    var src = new URL(root.getAttribute("data-src"), document.baseURI);

    fetch(src.href, { credentials: "same-origin" })
      .then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
      .then(function (data) {
        var entries = index(data);
        var items = {};
        root.querySelectorAll("li[id]").forEach(function (li) { items[li.id] = li; });
        var fields = { q: form.elements.q, level: form.elements.level, domain: form.elements.domain, age: form.elements.age };

        // Start from filters in the address (?q=…&level=…), so a filtered view can be shared.
        var params = new URLSearchParams(window.location.search);
        Object.keys(fields).forEach(function (k) {
          var v = params.get(k);
          if (v !== null && fields[k]) { fields[k].value = v; }
        });

        function apply() {
          var f = { words: words(fields.q.value), level: fields.level.value, domain: fields.domain.value, age: fields.age.value };
          var shown = 0;
          entries.forEach(function (e) {
            var li = items[e.ind.id];
            if (!li) { return; }
            var ok = matches(e, f);
            li.hidden = !ok;
            if (ok) { shown++; }
          });
          // innermost groups first, so a domain hides when all its sub-domains do
          var groups = Array.prototype.slice.call(root.querySelectorAll("[data-finder-group]")).reverse();
          groups.forEach(function (g) {
            g.hidden = !g.querySelector("li[id]:not([hidden])");
          });
          // a jump link to a group with nothing left in it would lead nowhere
          root.querySelectorAll(".thresholds-finder__jump a[href^='#']").forEach(function (a) {
            var target = document.getElementById(a.getAttribute("href").slice(1));
            a.parentNode.hidden = !target || target.hidden;
          });
          var filtered = f.words.length || f.level || f.domain || f.age;
          empty.hidden = shown !== 0;
          status.textContent = filtered
            ? "Showing " + shown + " of " + total + " indicators."
            : "Showing all " + total + " indicators.";
          var query = new URLSearchParams();
          Object.keys(fields).forEach(function (k) { if (fields[k].value) { query.set(k, fields[k].value); } });
          var qs = query.toString();
          if (window.history && window.history.replaceState) {
            window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : "") + window.location.hash);
          }
        }

        form.addEventListener("input", apply);
        form.addEventListener("change", apply);
        form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
        form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
        root.classList.add("thresholds-finder--enhanced");
        apply();
      })
      .catch(function () {
        form.hidden = true;  // filters that cannot work are not offered
        status.textContent = "The filters could not be loaded. All " + total + " indicators are listed below.";
      });
  }

  function init() {
    document.querySelectorAll("[data-thresholds-finder]").forEach(setup);
  }

  window.procedures.onEachPage(init);  // procedures.js
})();
