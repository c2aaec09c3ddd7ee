/* Site search with Pagefind (procedures/search/ builds the index).

   This file itself is loaded by search-boot.js the first time a reader reaches for the
   search (focus on a search box, the search button, or the keys below), and at once on
   the search page. search-boot.js has by then already started Pagefind (its options are
   there) and asked for the word list; this file takes both, loads the filter index, and
   so the results for what the reader types come from data already loaded; Pagefind
   fetches just the index chunks a query needs.

   Keyboard: "/", "s" or "f" opens the search; Down and Up move between the box and the
   results; Tab goes through them in order; Enter follows a result (or, in the box, opens
   the full results page); Escape closes the search.

   The header box shows the first few results; the page at search/ (docs/search.md) shows
   them all and reads ?q= and ?type= from its address. No inline script (strict CSP). */
(function () {
  "use strict";

  var DROPDOWN_RESULTS = 6;
  var PAGE_RESULTS = 10;
  var ORDER = ["Chapter", "Briefing", "Thresholds", "Arrangements", "Page"];
  var PLURAL = { Chapter: "Chapters", Briefing: "Briefings", Page: "Other pages" };

  // --- loading Pagefind, once, on first use ------------------------------------------
  var siteRoot = window.procedures.siteRoot;  // procedures.js: the site's root address

  var loading = null;
  var vocabulary = null;
  var exactKeys = null;
  var filtersLoaded = null;  // Pagefind's filter index (the counts by type), loading or loaded
  var filtersDone = false;
  function pagefind() {
    if (!loading) {
      var root = siteRoot();
      // what search-boot.js asked for already, while this file was on its way (once)
      var early = window.procedures.searchEarly || {};
      window.procedures.searchEarly = null;
      // the words of titles, headings, keywords and the glossary (procedures/search/),
      // for correcting a misspelt word, and the codes, titles and acronyms a result can
      // be promoted for (exact matches, below); search works without them
      var words = (early.words || fetch(new URL("search/words.json", root).href)).then(function (r) {
        return r.ok ? r.json() : {};
      }).then(null, function () { return {}; });
      vocabulary = words.then(function (d) { return new Set(d.words || []); });
      exactKeys = words.then(function (d) { return d.exact ? new Set(d.exact) : null; });
      // Pagefind, with its options set and started (search-boot.js)
      var start = window.procedures.startPagefind;
      var started = early.pagefind ? early.pagefind.then(null, function () { return start(root); }) : start(root);
      loading = started.then(function (pf) {
        // the content-type counts come with each search only once the (small) filter
        // index is loaded: it loads now, and the first search waits for it (search())
        filtersLoaded = pf.filters().then(function () { filtersDone = true; }, function () { filtersDone = true; });
        return pf;
      });
      loading.catch(function () { loading = null; }); // let a later attempt retry
    }
    return loading;
  }

  // --- misspellings ---------------------------------------------------------------------
  // A word of five letters or more that is not in the vocabulary is replaced by the nearest
  // word that is (one edit for words up to seven letters, two for longer ones: a letter
  // added, dropped, changed or two swapped). Both searches run; the corrected one is shown
  // only when the words as typed find fewer pages, and the status line says so.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev.push(j);
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function correctWord(word, words) {
    var w = word.toLowerCase();
    if (w.length < 5 || !/^[a-z'-]+$/.test(w) || words.has(w)) return word;
    var max = w.length > 7 ? 2 : 1, best = null, bestD = max + 1;
    words.forEach(function (cand) {
      if (cand[0] !== w[0] && cand[1] !== w[1]) return; // a typo rarely changes the start
      var d = distance(w, cand, max);
      if (d < bestD || (d === bestD && best && cand.length < best.length)) { best = cand; bestD = d; }
    });
    return best || word;
  }

  function corrected(term) {
    return vocabulary.then(function (words) {
      if (!words.size) return term;
      return term.split(/(\s+)/).map(function (part) { return /\s/.test(part) ? part : correctWord(part, words); }).join("");
    });
  }

  // asTyped: the reader chose "search for the words as typed" after a correction
  function search(term, type, asTyped) {
    return pagefind().then(function (pf) {
      var opts = type ? { filters: { type: type } } : {};
      // the first search: the index chunks it needs load while the filter index does
      var ready = filtersDone ? Promise.resolve() :
        Promise.all([filtersLoaded, pf.preload(term, opts).then(null, function () {})]);
      return ready.then(function () {
        return Promise.all([pf.search(term, opts), asTyped ? term : corrected(term)]);
      }).then(function (got) {
        var typed = got[0], fixed = got[1];
        if (fixed === term) return typed;
        // a word that is not in the site's vocabulary, one or two letters from one that is:
        // show the corrected search if it finds anything (the reader can go back)
        return pf.search(fixed, opts).then(function (other) {
          if (!other.results.length) return typed;
          other.correctedFrom = term;
          other.correctedTo = fixed;
          return other;
        });
      });
    });
  }

  // --- exact matches first -------------------------------------------------------------
  // Pagefind scores words; a reader who types a chapter's code ("1.5"), its title, or the
  // words of an acronym in a title ("local authority designated officer" -> "(LADO)")
  // means that chapter. Among the first results, those move to the top (ties keep
  // Pagefind's order). Their details are fetched anyway to show them.
  var PROMOTE = 8;
  function norm(text) {
    return String(text || "").toLowerCase().replace(/[\u2018\u2019']/g, "").replace(/[^a-z0-9.]+/g, " ").trim();
  }
  function singular(t) { return t.split(" ").map(function (w) { return w.replace(/s$/, ""); }).join(" "); }
  function exactness(term, d) {
    if (!d || !d.meta) return 0;
    var q = norm(term), title = norm(d.meta.title);
    if (d.meta.code && q === norm(d.meta.code)) return 3;
    if (title && singular(q) === singular(title)) return 2;  // "child protection conference"
    var words = q.split(" ");
    if (words.length >= 3) {
      var initials = words.map(function (w) { return w.charAt(0); }).join("").toUpperCase();
      if (new RegExp("\\b" + initials + "\\b").test(d.meta.title || "")) return 1;
    }
    return 0;
  }
  // Can any page be promoted for this query? Only if it is some page's code or title, or
  // (three words or more) its initials are a capitalised word of some title: the site's
  // list of those (search/words.json "exact") says. When none can, the results are shown
  // in Pagefind's order without waiting for the details of the first eight. Without the
  // list (an older words.json), every query is checked as before.
  function mayPromote(term, keys) {
    if (!keys) return true;
    var q = norm(term);
    if (keys.has("code:" + q) || keys.has("title:" + singular(q))) return true;
    var words = q.split(" ");
    if (words.length < 3) return false;
    var initials = words.map(function (w) { return w.charAt(0); }).join("").toUpperCase();
    return !/^[A-Z0-9]+$/.test(initials) || keys.has("acr:" + initials);
  }
  function promoteExact(term, results) {
    var head = results.slice(0, PROMOTE);
    return Promise.all(head.map(function (r) {
      return r.data().then(function (d) { return d; }, function () { return null; });
    })).then(function (ds) {
      var order = head.map(function (r, i) { return i; });
      order.sort(function (a, b) { return exactness(term, ds[b]) - exactness(term, ds[a]) || a - b; });
      return order.map(function (i) { return head[i]; }).concat(results.slice(PROMOTE));
    }, function () { return results; });
  }

  // --- rendering ---------------------------------------------------------------------
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind's excerpts are text with <mark> around the matched words. Parse them in an
  // inert <template> and copy only text and <mark>: nothing else can reach the page.
  function excerpt(html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html || "";
    var out = document.createDocumentFragment();
    tpl.content.childNodes.forEach(function (n) {
      if (n.nodeType === 3) out.appendChild(document.createTextNode(n.textContent));
      else if (n.nodeName === "MARK") out.appendChild(el("mark", "", n.textContent));
      else out.appendChild(document.createTextNode(n.textContent || ""));
    });
    return out;
  }

  // The part of the page that matched best: a section (with its anchor) or the page.
  function bestPart(data) {
    var best = null;
    (data.sub_results || []).forEach(function (s) {
      var n = (s.weighted_locations || s.locations || []).length;
      if (!best || n > best.n) best = { n: n, s: s };
    });
    return best ? best.s : null;
  }

  function resultItem(data) {
    var meta = data.meta || {};
    var part = bestPart(data);
    var title = meta.title || data.url;
    var li = el("li", "md-search-result__item");
    var a = el("a", "md-search-result__link");
    a.href = part && part.url ? part.url : data.url;
    var art = el("div", "md-search-result__article md-search-result__article--document md-typeset");
    art.appendChild(el("div", "md-search-result__icon md-icon"));
    var head = el("p", "procedures-result__title");
    if (meta.code) {
      head.appendChild(el("span", "procedures-result__code", meta.code));
      head.appendChild(document.createTextNode(" "));
    }
    head.appendChild(document.createTextNode(title));
    art.appendChild(head);
    var where = [];
    var type = data.filters && data.filters.type && data.filters.type[0];
    if (type) where.push(type);
    if (meta.section && meta.section !== title) where.push(meta.section);
    var section = part && part.title && part.title !== title && part.title.indexOf(title) === -1 ? part.title : "";
    var whereText = where.join(" · ") + (section ? " › " + section : "");
    if (whereText) art.appendChild(el("p", "procedures-result__where", whereText));
    var teaser = el("p", "md-search-result__teaser");
    teaser.appendChild(excerpt(part ? part.excerpt : data.excerpt));
    art.appendChild(teaser);
    a.appendChild(art);
    li.appendChild(a);
    return li;
  }

  function label(type) { return PLURAL[type] || type; }

  // "All" plus one radio button per content type that has results for this search.
  function renderFilters(box, groupName, response, selected, onChange) {
    var counts = (response.totalFilters && response.totalFilters.type) || {};
    var types = Object.keys(counts).filter(function (t) { return counts[t] > 0 || t === selected; });
    types.sort(function (a, b) {
      var ia = ORDER.indexOf(a), ib = ORDER.indexOf(b);
      return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.localeCompare(b);
    });
    box.textContent = "";
    if (types.length < 2 && !selected) { box.hidden = true; return; }
    var fs = el("fieldset", "procedures-search-filters__set");
    fs.appendChild(el("legend", "procedures-search-filters__legend", "Show"));
    [""].concat(types).forEach(function (t) {
      var lab = el("label", "procedures-search-filters__option");
      var input = document.createElement("input");
      input.type = "radio";
      input.name = groupName;
      input.value = t;
      input.checked = t === (selected || "");
      input.addEventListener("change", function () { if (input.checked) onChange(t); });
      lab.appendChild(input);
      var n = t ? counts[t] || 0 : response.unfilteredResultCount;
      lab.appendChild(document.createTextNode(" " + (t ? label(t) : "All") + " (" + n + ")"));
      fs.appendChild(lab);
    });
    box.appendChild(fs);
    box.hidden = false;
  }

  function statusText(term, count, type) {
    var what = type ? label(type).toLowerCase() : "pages";
    if (!count) return "No " + what + " match \u201c" + term + "\u201d";
    return count + (count === 1 ? " match" : " matches") + " for \u201c" + term + "\u201d" + (type ? " in " + what : "");
  }

  function correctedText(typed, fixed, count, type) {
    return "Showing " + statusText(fixed, count, type) + " instead of \u201c" + typed + "\u201d";
  }

  // --- a search box with its results (header dropdown or results page) ----------------
  function Searcher(opts) {
    this.o = opts;
    this.seq = 0;
    this.type = opts.type || "";
    this.shown = 0;
    this.results = [];
  }

  Searcher.prototype.run = function (term) {
    var self = this, o = this.o, seq = ++this.seq;
    term = (term || "").trim();
    if (!term) {
      this.shownKey = null;
      o.list.textContent = "";
      o.filters.hidden = true;
      o.status.textContent = o.idleText || "";
      this.offerAsTyped(null);
      if (o.onResults) o.onResults(term, 0);
      return Promise.resolve();
    }
    var key = term + "\u0000" + (this.type || "");
    // the same words again (a trailing space, reopening the box): keep the results on
    // screen, and keyboard focus on them, instead of redrawing them
    if (key === this.shownKey && o.list.childNodes.length) return Promise.resolve();
    if (!o.list.childNodes.length) o.status.textContent = "Searching\u2026";
    if (window.procedures.pauseOfflineCopy) window.procedures.pauseOfflineCopy();
    return search(term, this.type, this.asTypedTerm === term).then(function (response) {
      var asked = response.correctedTo || term;
      return (exactKeys || Promise.resolve(null)).then(function (keys) {
        if (!mayPromote(asked, keys)) return response;
        return promoteExact(asked, response.results).then(function (results) {
          response.results = results;
          return response;
        });
      });
    }).then(function (response) {
      if (seq !== self.seq) return; // a newer search has started
      self.offerAsTyped(response.correctedFrom);
      self.shownKey = key;
      self.term = term;
      self.results = response.results;
      self.shown = 0;
      renderFilters(o.filters, o.groupName, response, self.type, function (t) {
        self.type = t;
        self.run(o.input.value);
      });
      o.status.textContent = response.correctedFrom ?
        correctedText(response.correctedFrom, response.correctedTo, response.results.length, self.type) :
        statusText(term, response.results.length, self.type);
      o.list.textContent = "";
      return self.more().then(function () {
        if (o.onResults) o.onResults(term, response.results.length);
      });
    }, function () {
      if (seq !== self.seq) return;
      o.status.textContent = "Search is not available at the moment. Use the contents of the manual instead.";
    });
  };

  // after a correction: a button to search for the words exactly as typed
  Searcher.prototype.offerAsTyped = function (typed) {
    var self = this, o = this.o;
    if (!this.asTypedButton) {
      this.asTypedButton = el("button", "procedures-search-astyped md-button");
      this.asTypedButton.type = "button";
      this.asTypedButton.hidden = true;
      this.asTypedButton.addEventListener("click", function () {
        self.asTypedTerm = self.asTypedButton.getAttribute("data-term");
        self.shownKey = null;
        self.run(self.asTypedTerm);
      });
      o.status.parentNode.insertBefore(this.asTypedButton, o.status.nextSibling);
    }
    this.asTypedButton.hidden = !typed;
    if (typed) {
      this.asTypedButton.setAttribute("data-term", typed);
      this.asTypedButton.textContent = "Search for \u201c" + typed + "\u201d as typed";
    }
  };

  Searcher.prototype.more = function () {
    var self = this, o = this.o, seq = this.seq;
    var next = this.results.slice(this.shown, this.shown + o.pageSize);
    this.shown += next.length;
    // the first result's details first, on their own (fetching and reading a page's
    // details takes Pagefind tens of milliseconds, and eight at once delay the first by
    // all of them), then the rest at once; each is shown as soon as it and the ones
    // before it have arrived
    var ready = [], done = 0;
    function flush() {
      while (done < next.length && ready[done] !== undefined) {
        if (ready[done]) o.list.appendChild(resultItem(ready[done]));
        done++;
      }
    }
    function fetchOne(r, i) {
      return r.data().then(function (d) {
        if (seq !== self.seq) return;
        ready[i] = d;
        flush();
      }, function () { ready[i] = null; flush(); });
    }
    var first = this.shown === next.length && next.length ? fetchOne(next[0], 0) : Promise.resolve();
    return first.then(function () {
      if (seq !== self.seq) return null;
      return Promise.all(next.map(function (r, i) {
        return ready[i] === undefined ? fetchOne(r, i) : null;
      }));
    }).then(function () {
      if (seq !== self.seq) return;
      if (o.moreButton) o.moreButton.hidden = self.shown >= self.results.length;
    });
  };

  // --- the header search ---------------------------------------------------------------
  function initHeader() {
    var root = document.querySelector("[data-search]");
    var toggle = document.getElementById("__search");
    if (!root || !toggle) return;
    var input = root.querySelector("[data-search-input]");
    var form = root.querySelector("[data-search-form]");
    var list = root.querySelector("[data-search-list]");
    var all = root.querySelector("[data-search-all]");
    var opener = document.querySelector("[data-search-open]");
    var searcher = new Searcher({
      input: input, list: list, groupName: "search-type", pageSize: DROPDOWN_RESULTS,
      filters: root.querySelector("[data-search-filters]"),
      status: root.querySelector("[data-search-status]"),
      idleText: "Type to start searching",
      onResults: function (term, count) {
        all.hidden = count <= DROPDOWN_RESULTS;
        if (!all.hidden) {
          var a = all.querySelector("a");
          var url = new URL(form.getAttribute("action"), document.baseURI);
          url.searchParams.set("q", term);
          if (searcher.type) url.searchParams.set("type", searcher.type);
          a.href = url.pathname + url.search;
          a.textContent = "See all " + count + " results";
        }
      }
    });

    var quiet = false; // focus returned by Escape does not reopen the search
    function isOpen() { return toggle.checked; }
    function open() {
      if (!isOpen()) {
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
      }
      pagefind().catch(function () { /* reported when a search runs */ });
    }
    function close(returnFocus) {
      if (isOpen()) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
      }
      if (returnFocus) {
        if (opener && opener.offsetParent !== null) {
          opener.focus();
        } else {
          quiet = true;
          input.focus();
          quiet = false;
        }
      }
    }

    input.addEventListener("focus", function () { if (!quiet) open(); });
    input.addEventListener("input", function () { open(); searcher.run(input.value); });
    form.addEventListener("reset", function () { setTimeout(function () { searcher.run(""); input.focus(); }, 0); });
    if (opener) opener.addEventListener("click", function () { open(); input.focus(); });
    // opening by the label/overlay (small screens) or closing by the overlay
    toggle.addEventListener("change", function () {
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
    // focus leaving the search (Tab past the last result) closes it, so the open panel
    // never hides the element that now has focus
    root.addEventListener("focusout", function (ev) {
      if (ev.relatedTarget && !root.contains(ev.relatedTarget)) close(false);
    });

    function focusables() {
      return [input].concat(Array.prototype.slice.call(list.querySelectorAll("a")));
    }

    document.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.altKey || ev.metaKey || ev.defaultPrevented) return;
      var t = ev.target;
      var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
      if (!isOpen()) {
        if (!typing && (ev.key === "/" || ev.key === "s" || ev.key === "f")) {
          ev.preventDefault();
          open();
          input.focus();
          input.select();
        }
        return;
      }
      if (ev.key === "Escape") {
        ev.preventDefault();
        close(true);
        return;
      }
      if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        var items = focusables();
        var i = items.indexOf(document.activeElement);
        if (i < 0) return; // e.g. on a filter button: arrows keep their usual meaning
        ev.preventDefault();
        var next = items[Math.max(0, Math.min(items.length - 1, i + (ev.key === "ArrowDown" ? 1 : -1)))];
        next.focus();
        if (next !== input) next.scrollIntoView({ block: "nearest" });
      }
    }, true);

    // loaded on demand (search-boot.js): the reader may already be in the box, have opened
    // the search, or have typed while this file was on its way (and then pressed Escape:
    // the search stays closed until the reader types again)
    if (window.procedures.searchDismissed) {
      // nothing to do: focus stays where it is, the search closed
    } else if (document.activeElement === input) {
      open();
      if (input.value) searcher.run(input.value);
    } else if (toggle.checked) {
      input.focus();
    }
  }

  // --- the results page (search/) -------------------------------------------------------
  function initPage() {
    var root = document.querySelector("[data-search-page]");
    if (!root) return;
    var form = root.querySelector("form");
    var input = root.querySelector("input[name=q]");
    var more = root.querySelector("[data-search-more]");
    var params = new URLSearchParams(location.search);
    var searcher = new Searcher({
      input: input, list: root.querySelector("[data-search-list]"), groupName: "type",
      pageSize: PAGE_RESULTS, moreButton: more, type: params.get("type") || "",
      filters: root.querySelector("[data-search-filters]"),
      status: root.querySelector("[data-search-status]"),
      onResults: function (term) {
        var url = new URL(location.href);
        if (term) url.searchParams.set("q", term); else url.searchParams.delete("q");
        if (searcher.type) url.searchParams.set("type", searcher.type); else url.searchParams.delete("type");
        history.replaceState(null, "", url.pathname + url.search);
      }
    });
    input.addEventListener("focus", function () { pagefind().catch(function () {}); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      searcher.run(input.value);
    });
    more.addEventListener("click", function () {
      var first = searcher.shown;
      searcher.more().then(function () {
        var link = searcher.o.list.querySelectorAll("a")[first];
        if (link) link.focus(); // keep keyboard users where the new results start
      });
    });
    var q = params.get("q");
    if (q) {
      input.value = q;
      searcher.run(q);
    }
  }

  function start() {
    window.procedures.searchReady = true;
    initHeader();
    initPage();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
