"""Fewer and smaller scripts on a first visit.

* **One file for the site's scripts.** Every feature brings its own script
  (mkdocs.yml ``extra_javascript``); a first visit asked for each one separately. The
  build serves them as one file, in the same order, named by its content
  (``assets/javascripts/site.<hash>.js``). Each script runs inside its own
  ``try``/``catch``, so one that fails still lets the others run, as separate files did
  (every script here is a self-contained function; a script that relies on declaring
  globals at its top level, or on a top-level ``"use strict"``, should not be joined).
  Only classic scripts in ``assets/javascripts/`` next to each other in the list are
  joined; modules, scripts with attributes and other addresses stay as they are.
* **Not Material's bundle.** The pages load ``overrides/assets/javascripts/theme.js`` (the
  first of the site's scripts) instead of Material's ``bundle.js``, which is not copied
  (``lean.on_files``; ``overrides/main.html``); ``extra: material_bundle: true`` in
  mkdocs.yml brings Material's back, and then:
* **No focus-visible polyfill.** Material's ``bundle.js`` carries the ``focus-visible``
  polyfill for browsers without the ``:focus-visible`` selector. Every browser the site
  supports (current Chrome, Edge, Firefox and Safari, on phones too; Pagefind's search
  needs them anyway) has it, so the build removes the polyfill from the bundle and
  ``css.py`` writes Material's ``.focus-visible`` rules as ``:focus-visible``. If a new
  Material release packs the polyfill differently, the bundle is left whole (and the
  rewritten CSS works with it just the same).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .bundle import write_bundle

JS_DIR = "assets/javascripts/"
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.I)


def _joinable(entry) -> bool:
    return (isinstance(entry, str) and not _EXTERNAL.match(entry) and entry.startswith(JS_DIR)
            and "/" not in entry[len(JS_DIR):] and entry.endswith(".js"))


def joined_run(entries) -> list[str]:
    """The first run of at least two joinable scripts next to each other."""
    run: list[str] = []
    for entry in list(entries) + [None]:
        if entry is not None and _joinable(entry):
            run.append(entry)
            continue
        if len(run) >= 2:
            return run
        run = []
    return []


def js_bundle(config, files) -> tuple[str, bytes, list[str]] | None:
    """(bundle path, content, the extra_javascript entries it replaces), or None."""
    joined = joined_run(config.extra_javascript)
    if not joined:
        return None
    parts = []
    for path in joined:
        f = files.get_file_from_path(path)
        if f is None or not f.abs_src_path or not Path(f.abs_src_path).is_file():
            return None  # MkDocs reports a missing file itself
        body = Path(f.abs_src_path).read_text(encoding="utf-8").rstrip()
        parts.append(f"/* {path} */\ntry {{\n{body}\n}} catch (error) {{ window.setTimeout(function () {{ throw error; }}); }}\n")
    data = "".join(parts).encode("utf-8")
    return f"{JS_DIR}site.{hashlib.sha256(data).hexdigest()[:12]}.js", data, joined


# --- Material's bundle ---------------------------------------------------------------------

# esbuild wraps the polyfill (a UMD module) as `var X=Cr((a,b)=>{ … })`; its body starts
# with the UMD test and ends by applying the polyfill to the document.
_POLYFILL = re.compile(
    r"""var (?P<var>[\w$]+)=(?P<wrap>[\w$]+)\(\((?P<a>[\w$]+),(?P<b>[\w$]+)\)=>\{\(function\(e,t\)\{typeof (?P=a)=="object"&&"""
    r"""(?P<body>.{100,14000}?)typeof document!="undefined"&&e\(document\)\}\)\)\}\);""", re.S)
_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")


def drop_focus_visible(js: str) -> str | None:
    """Material's bundle without the focus-visible polyfill, or None when it is not found
    exactly as expected."""
    found = [m for m in _POLYFILL.finditer(js) if "focus-visible-polyfill-ready" in m.group("body")
             and "applyFocusVisiblePolyfill" in m.group("body") and f"={m.group('wrap')}((" not in m.group("body")]
    if len(found) != 1:
        return None
    m = found[0]
    empty = f"var {m.group('var')}={m.group('wrap')}(({m.group('a')},{m.group('b')})=>{{}});"
    return _SOURCE_MAP.sub("\n", js[:m.start()] + empty + js[m.end():])


def write_js_bundle(site, site_dir: Path, config) -> Path | None:
    """POST_BUILD: write the joined script the pages link to (see lean.on_env)."""
    return write_bundle(site, site_dir, "js_bundle")


def trim_material_js(site, site_dir: Path, config) -> Path | None:
    """POST_BUILD: Material's bundle.js without the polyfill (see the module notes)."""
    for path in sorted((Path(site_dir) / JS_DIR).glob("bundle.*.min.js")):
        trimmed = drop_focus_visible(path.read_text(encoding="utf-8"))
        if trimmed is not None:
            path.write_text(trimmed, encoding="utf-8")
            return path
    return None
