/* What this site uses of Material for MkDocs' own script (bundle.js), in a few kilobytes
   instead of its 34 KB compressed (procedures/lean/, docs/developers/performance.md).
   Material's templates stay as they are; this script gives them the behaviour the site's
   Material features need, with Material's class names and attributes, so Material's
   stylesheet styles it as before:

   - the colour scheme: the header's toggle, kept in localStorage (__palette) when the
     reader chooses; until then the device's setting decides, and changes to it are followed;
   - the header: its shadow once the page scrolls, the page title in it once the heading
     has scrolled away;
   - the sidebars on wide screens: their height, and the current page in view;
   - the table of contents (toc.follow): the section being read marked and kept in view;
   - the back-to-top button (navigation.top): shown while scrolling up;
   - the content: tables wrapped to scroll sideways, wide code blocks reachable from the
     keyboard, collapsible notes opened for print
     and when a link points inside them, tooltips for abbreviations and titled links
     (content.tooltips) and for navigation titles cut short;
   - the drawer and search closed after following a link on the same page; the page locked
     behind the search on a phone; the keys p , and n . for the previous and next page.

   Set extra: material_bundle: true in mkdocs.yml to load Material's own script instead
   (for Material features this script does not cover: instant navigation, content tabs,
   code copy, annotations …); this script then does nothing.

   Every class it adds is written in full (procedures/lean/css.py keeps only the rules
   whose classes appear in a page or a script). */
(function () {
  "use strict";
  if (window.component$) return; // Material's own script is loaded: it does all this

  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");

  var config = {};
  try { config = JSON.parse(document.getElementById("__config").textContent); } catch (e) { config = {}; }
  function feature(name) { return (config.features || []).indexOf(name) >= 0; }
  function $(selector, el) { return (el || document).querySelector(selector); }
  function $$(selector, el) { return Array.prototype.slice.call((el || document).querySelectorAll(selector)); }
  function component(name) { return $$('[data-md-component="' + name + '"]'); }
  function media(query) { return window.matchMedia(query); }
  var tablet = media("(min-width: 60em)"), screen = media("(min-width: 76.25em)");
  var header = component("header")[0], main = component("main")[0];
  function headerHeight() { return header ? header.offsetHeight : 0; }

  // Work that follows the scroll position or the window's size, once per frame.
  var watchers = [], queued = false;
  function watch(fn) { watchers.push(fn); fn(); }
  function update() {
    queued = false;
    watchers.forEach(function (fn) { try { fn(); } catch (e) { /* the others still run */ } });
  }
  function later() { if (!queued) { queued = true; window.requestAnimationFrame(update); } }
  window.addEventListener("scroll", later, { passive: true });
  window.addEventListener("resize", later);
  window.addEventListener("load", later);
  if (window.ResizeObserver) new ResizeObserver(later).observe(document.body);

  // --- the colour scheme ------------------------------------------------------------------
  component("palette").forEach(function (form) {
    var inputs = $$("input", form);
    if (!inputs.length) return;
    var light = media("(prefers-color-scheme: light)");
    function saved() {
      try { return typeof window.__md_get === "function" ? window.__md_get("__palette") : null; } catch (e) { return null; }
    }
    function byDevice() {
      var found = 0;
      inputs.some(function (input, i) {
        var query = input.getAttribute("data-md-color-media");
        if (query && media(query).matches) { found = i; return true; }
        return false;
      });
      return found;
    }
    function apply(index, remember) {
      var input = inputs[index], body = document.body;
      ["media", "scheme", "primary", "accent"].forEach(function (key) {
        var value = input.getAttribute("data-md-color-" + key);
        if (value !== null) body.setAttribute("data-md-color-" + key, value);
      });
      inputs.forEach(function (other, i) {
        var label = other.nextElementSibling;
        if (label && label.tagName === "LABEL") label.hidden = i !== index;
      });
      input.checked = true;
      if (remember && typeof window.__md_set === "function") {
        try { window.__md_set("__palette", { index: index, color: { media: input.getAttribute("data-md-color-media"), scheme: input.getAttribute("data-md-color-scheme"), primary: input.getAttribute("data-md-color-primary"), accent: input.getAttribute("data-md-color-accent") } }); } catch (e) { /* private mode: not kept */ }
      }
      var meta = $('meta[name="theme-color"]');
      if (meta && header) {
        var rgb = (getComputedStyle(header).backgroundColor.match(/\d+/g) || []).slice(0, 3);
        if (rgb.length === 3) meta.content = "#" + rgb.map(function (v) { return (+v).toString(16).padStart(2, "0"); }).join("");
      }
    }
    var choice = saved();
    apply(choice && choice.index >= 0 && choice.index < inputs.length ? choice.index : byDevice(), false);
    inputs.forEach(function (input, i) {
      input.addEventListener("change", function () { if (input.checked) apply(i, true); });
    });
    form.addEventListener("keydown", function (ev) {
      if (ev.key !== "Enter" || ev.target.tagName !== "INPUT") return;
      var next = inputs[(inputs.indexOf(ev.target) + 1) % inputs.length];
      next.click();
      next.focus();
    });
    var follow = function () { if (!saved()) apply(byDevice(), false); };
    if (light.addEventListener) light.addEventListener("change", follow);
  });

  // --- the header -------------------------------------------------------------------------
  var title = component("header-title")[0], heading = $(".md-content h1");
  if (header && main) {
    watch(function () {
      header.classList.toggle("md-header--shadow", main.getBoundingClientRect().top <= headerHeight());
    });
  }
  if (title && heading) {
    watch(function () {
      var box = heading.getBoundingClientRect();
      title.classList.toggle("md-header__title--active", box.height > 0 && box.bottom <= headerHeight());
    });
  }

  // --- the sidebars (wide screens): as tall as the visible main area --------------------------
  function visibleMain() {
    var top = main.offsetTop, bottom = top + main.offsetHeight, y = window.scrollY, h = window.innerHeight;
    return { offset: top - headerHeight(), height: Math.max(0, h - Math.max(0, top - y, headerHeight()) - Math.max(0, h + y - bottom)) };
  }
  component("sidebar").forEach(function (el) {
    var inner = $(".md-sidebar__scrollwrap", el), grid = el.closest(".md-grid");
    if (!inner || !main || !grid) return;
    var wide = el.getAttribute("data-md-type") === "navigation" ? screen : tablet;
    var shown = false;
    watch(function () {
      if (!wide.matches) {
        inner.style.height = el.style.top = "";
        return;
      }
      var adjust = grid.offsetTop - grid.parentElement.offsetTop, area = visibleMain();
      var height = area.height + Math.min(adjust, Math.max(0, window.scrollY - area.offset)) - adjust;
      inner.style.height = (height - 2 * inner.offsetTop) + "px";
      el.style.top = headerHeight() + "px";
      if (!shown) { // the current page in view, once
        shown = true;
        $$(".md-nav__link--active[href]", el).forEach(function (link) {
          if (!link.clientHeight) return;
          var box = link.closest(".md-sidebar__scrollwrap");
          if (box) box.scrollTo({ top: link.offsetTop - box.offsetTop - box.offsetHeight / 2 });
        });
      }
    });
    $$("label[tabindex]", el).forEach(function (label) {
      label.addEventListener("click", function () {
        window.setTimeout(function () {
          var input = document.getElementById(label.htmlFor), nav = $('[aria-labelledby="' + label.id + '"]');
          if (input && nav) nav.setAttribute("aria-expanded", String(input.checked));
        }, 0);
      });
    });
    if (feature("content.tooltips")) $$("abbr[title]", el).forEach(tooltip);
  });

  // --- the table of contents: the section being read -------------------------------------------
  component("toc").forEach(function (el) {
    var pairs = [];
    $$(".md-nav__link", el).forEach(function (link) {
      if (!link.hash) return;
      var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (target) pairs.push({ link: link, target: target });
    });
    if (!pairs.length || !main) return;
    var active = null;
    watch(function () {
      var grid = main.firstElementChild;
      var adjust = headerHeight() + 0.8 * (grid ? grid.offsetTop - main.offsetTop : 0);
      var y = window.scrollY, last = y + window.innerHeight >= Math.floor(document.body.scrollHeight);
      var passed = pairs.filter(function (p) {
        return last || p.target.getBoundingClientRect().top + y - adjust < y;
      });
      pairs.forEach(function (p) {
        var on = passed.indexOf(p) >= 0;
        p.link.classList.toggle("md-nav__link--passed", on);
        p.link.classList.toggle("md-nav__link--active", on && p === passed[passed.length - 1]);
      });
      var now = passed.length ? passed[passed.length - 1].link : null;
      if (now !== active) {
        active = now;
        if (now && feature("toc.follow") && now.offsetHeight) {
          var box = now.closest(".md-sidebar__scrollwrap");
          if (box) box.scrollTo({ top: now.offsetTop - box.offsetTop - box.offsetHeight / 2 });
        }
      }
    });
  });

  // --- back to top: shown while the reader scrolls up, below the start of the content -------------
  component("top").forEach(function (el) {
    var lastY = window.scrollY;
    watch(function () {
      var y = window.scrollY, up = y < lastY && y > 0;
      lastY = y;
      var hidden = !(main && main.offsetTop - headerHeight() <= y && up);
      if (el.hidden !== hidden) {
        el.hidden = hidden;
        if (hidden) {
          el.setAttribute("tabindex", "-1");
          el.blur();
        } else {
          el.removeAttribute("tabindex");
        }
      }
      el.style.top = (headerHeight() + 16) + "px";
    });
    el.addEventListener("click", function (ev) {
      ev.preventDefault();
      window.scrollTo({ top: 0 });
    });
  });

  // --- tooltips (content.tooltips), as Material draws them -----------------------------------------
  var tips = 0, withTip = window.WeakSet ? new WeakSet() : null;
  function tooltip(el) {
    if (!withTip || withTip.has(el)) return;
    withTip.add(el);
    var node = null, text = "", hideTimer = null, hover = false, focus = false, overTip = false;
    function place() {
      var box = el.getBoundingClientRect();
      node.style.setProperty("--md-tooltip-host-x", (box.left + window.scrollX) + "px");
      node.style.setProperty("--md-tooltip-host-y", (box.top + window.scrollY) + "px");
      node.style.setProperty("--md-tooltip-x", (box.width / 2) + "px");
      node.style.setProperty("--md-tooltip-y", (8 + box.height) + "px");
      node.classList.add("md-tooltip2--bottom");
      node.style.setProperty("--md-tooltip-width", node.firstElementChild.offsetWidth + "px");
      node.style.setProperty("--md-tooltip-tail", "0px");
    }
    function show() {
      window.clearTimeout(hideTimer);
      if (node) return;
      text = el.getAttribute("title") || "";
      if (!text) return;
      node = document.createElement("div");
      node.className = "md-tooltip2";
      node.setAttribute("role", "tooltip");
      node.id = "__tooltip2_" + tips++;
      var inner = document.createElement("div");
      inner.className = "md-tooltip2__inner md-typeset";
      inner.textContent = text;
      node.appendChild(inner);
      node.addEventListener("mouseenter", function () { overTip = true; show(); });
      node.addEventListener("mouseleave", function () { overTip = false; maybeHide(); });
      el.removeAttribute("title");
      document.body.appendChild(node);
      el.setAttribute("aria-describedby", node.id);
      place();
      window.requestAnimationFrame(function () { if (node) node.classList.add("md-tooltip2--active"); });
    }
    function maybeHide() {
      if (hover || focus || overTip) return;
      window.clearTimeout(hideTimer);
      hideTimer = window.setTimeout(function () {
        if (!node || hover || focus || overTip) return;
        node.remove();
        node = null;
        el.setAttribute("title", text);
        el.removeAttribute("aria-describedby");
      }, 250);
    }
    el.addEventListener("mouseenter", function () { hover = true; show(); });
    el.addEventListener("mouseleave", function () { hover = false; maybeHide(); });
    el.addEventListener("focus", function () { focus = true; show(); });
    el.addEventListener("blur", function () { focus = false; maybeHide(); });
    window.addEventListener("resize", function () { if (node) place(); });
  }

  // --- the content ---------------------------------------------------------------------------------
  component("content").forEach(function (el) {
    $$("table:not([class])", el).forEach(function (table) { // scroll sideways on a narrow screen
      if (table.parentElement && table.parentElement.classList.contains("md-typeset__table")) return;
      var wrap = document.createElement("div"), box = document.createElement("div");
      wrap.className = "md-typeset__scrollwrap";
      box.className = "md-typeset__table";
      table.parentNode.insertBefore(wrap, table);
      box.appendChild(table);
      wrap.appendChild(box);
    });
    if (feature("content.tooltips")) $$("[title]:not([data-preview])", el).forEach(tooltip);
    // a code block wider than the page can be scrolled from the keyboard (where there is a mouse)
    var codes = $$("pre:not(.mermaid) > code", el), pointer = media("(hover)");
    function scrollable() {
      codes.forEach(function (code) {
        if (pointer.matches && code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
        else code.removeAttribute("tabindex");
      });
    }
    if (codes.length) {
      scrollable();
      window.addEventListener("resize", scrollable);
    }
  });
  if (feature("content.tooltips")) $$(".md-status").forEach(tooltip);

  // collapsible notes: opened for print (and closed again after), and when a link points inside
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = $$("details:not([open])");
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1)), target = id && document.getElementById(id);
    var details = target && target.closest("details:not([open])");
    if (details) {
      details.open = true;
      target.scrollIntoView();
    }
  }
  reveal();

  // navigation titles cut short: the whole title as a tooltip, once shown
  if (window.IntersectionObserver) {
    var cut = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        cut.unobserve(entry.target);
        var el = entry.target;
        if (el.offsetWidth >= el.scrollWidth) return;
        var host = el.closest("a") || el;
        host.title = el.innerText;
        if (feature("content.tooltips")) tooltip(host);
      });
    });
    $$(".md-ellipsis").forEach(function (el) { cut.observe(el); });
  }

  // --- the drawer, search and keys -----------------------------------------------------------------
  function toggle(name, value) {
    var input = document.getElementById("__" + name);
    if (input && input.checked !== value) input.click();
  }
  window.addEventListener("hashchange", function () {
    reveal();
    window.setTimeout(function () { toggle("drawer", false); toggle("search", false); }, 125);
  });

  var search = document.getElementById("__search"), lockedAt = null;
  if (search) {
    search.addEventListener("change", function () {
      var on = search.checked && !tablet.matches;
      window.setTimeout(function () {
        if (on && search.checked && lockedAt === null) {
          lockedAt = window.scrollY;
          document.body.setAttribute("data-md-scrolllock", "");
          document.body.style.top = "-" + lockedAt + "px";
        } else if (!search.checked && lockedAt !== null) {
          document.body.removeAttribute("data-md-scrolllock");
          document.body.style.top = "";
          if (lockedAt) window.scrollTo(0, lockedAt);
          lockedAt = null;
        }
      }, on ? 400 : 100);
    });
  }

  // navigation.sections: a section's toggle starts neither open nor closed
  $$(".md-toggle--indeterminate").forEach(function (input) {
    input.indeterminate = true;
    input.checked = false;
    input.addEventListener("change", function () {
      if (!input.classList.contains("md-toggle--indeterminate")) return;
      input.classList.remove("md-toggle--indeterminate");
      if (tablet.matches) input.checked = false;
    });
  });

  function typing(el) {
    if (!el) return false;
    if (el.tagName === "INPUT") return el.type !== "radio";
    return el.tagName === "SELECT" || el.tagName === "TEXTAREA" || el.isContentEditable;
  }
  var composing = false;
  window.addEventListener("compositionstart", function () { composing = true; });
  window.addEventListener("compositionend", function () { composing = false; });
  window.addEventListener("keydown", function (ev) {
    if (ev.metaKey || ev.ctrlKey || ev.altKey || composing || ev.defaultPrevented) return;
    if ((search && search.checked) || typing(document.activeElement)) return;
    var link = null;
    if (ev.key === "p" || ev.key === ",") link = $("link[rel=prev]");
    else if (ev.key === "n" || ev.key === ".") link = $("link[rel=next]");
    else if (ev.key === "Enter" && document.activeElement && document.activeElement.tagName === "LABEL") {
      document.activeElement.click();
      return;
    }
    if (link) window.location.href = link.href;
  });
})();
