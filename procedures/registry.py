"""The enabled features, in order: the one place the engine and its features meet.

Each feature declares what it contributes once, in ``FEATURE = Feature(...)`` in its
package's ``__init__`` (:class:`procedures.core.feature.Feature`). This module lists them;
the core reads their contributions through :mod:`procedures.core.feature`, and a test
checks that every YAML file in ``data/`` has a model and that every feature package is
listed here (tests/unit/test_architecture.py).

The order matters, and is the order of every kind of contribution:

* ``partnership`` FIRST: its data file names the areas that later files' ``area``
  fields are checked against (procedures/partnership/).
* ``manual`` next: sections, owners and partners, then the chapters every later feature reads.
* page hooks run in this order: the manual's chapter template first, then briefings,
  editions, case reviews, the whole manual, audiences, search, the nav cache, the preview,
  lean, glossary; ``security`` LAST (it refuses two files with one address among the final files,
  generated pages included, and escapes every title once all are known).
* post-build writers: the feeds (briefings, amendments) and JSON files (reviews,
  thresholds) before ``lean`` (its alternate sitemaps stop Material's 404s for the feed
  sitemaps; the stylesheets joined into one file), and ``offline`` last of them: sw.js
  lists the files written before it.
* after-build steps run by stage (procedures/core/feature.py STAGES), then in this
  order: early — the amendments' URL manifest check, valid HTML (htmlfix); main — search
  STARTS Pagefind (it runs beside the PDFs), then the PDFs are printed from the final
  HTML (one browser, cached); late — the briefing download links get their PDF sizes, search
  waits for Pagefind and counts the pages indexed; last — security hashes the final
  inline scripts into the CSP (keep it LAST).
"""

from __future__ import annotations

from . import (
    accessibility,
    amendments,
    arrangements,
    at_a_glance,
    audiences,
    briefings,
    casereviews,
    contacts,
    editions,
    editor,
    engines,
    glossary,
    htmlfix,
    lean,
    manual,
    navcache,
    offline,
    partnership,
    pdf,
    preview,
    reviews,
    search,
    security,
    thresholds,
    timescales,
    wholemanual,
)
from .core import feature
from .core.cli import main as _main
from .core.plugin import ProceduresPlugin  # noqa: F401  (the MkDocs plugin entry point, pyproject.toml)

FEATURES = [
    partnership.FEATURE,  # FIRST: the partnership's name, areas and wording
    manual.FEATURE,  # sections, owners, partners; chapters; the chapter page
    contacts.FEATURE,  # every route a page sends readers to; the 404 page's contacts
    timescales.FEATURE,  # statutory timescales, each once
    at_a_glance.FEATURE,  # the box at the top of every published chapter
    accessibility.FEATURE,  # the accessibility statement's recorded results
    briefings.FEATURE,  # 7-Minute Briefings: pages, theme pages, feed, PDFs
    amendments.FEATURE,  # the amendment log: pages, feeds, redirects, kept URLs
    editions.FEATURE,  # earlier texts and "what changed", read from git at the edition tags
    casereviews.FEATURE,  # published practice reviews
    wholemanual.FEATURE,  # the whole manual and each section on one print page, as PDFs
    reviews.FEATURE,  # review dates: dashboard, reviews.json
    editor.FEATURE,  # placeholders, the mistake catalogue, schemas, `procedures new`
    thresholds.FEATURE,  # the thresholds document
    arrangements.FEATURE,  # the published safeguarding arrangements
    audiences.FEATURE,  # editor and developer pages: their own navigation
    search.FEATURE,  # Pagefind: what each page tells the index; the index step
    pdf.FEATURE,  # prints every feature's PDF documents
    htmlfix.FEATURE,  # valid HTML: Material's invalid attributes removed
    navcache.FEATURE,  # the sidebar rendered once per section
    preview.FEATURE,  # fast preview: dirty rebuilds made correct (procedures serve only)
    lean.FEATURE,  # images sized and lazy-loaded; stylesheets joined; no lunr files
    offline.FEATURE,  # the offline copy: sw.js lists the files written before it
    # the glossary page and every page's tooltips; late so that, where abbr cannot take the
    # tooltips once per build, its page hook appends them after every other feature's Markdown
    glossary.FEATURE,
    engines.FEATURE,  # the engines `procedures build --engine` can run (MkDocs by default, Zensical)
    security.FEATURE,  # keep LAST: final-file addresses, title escaping, the CSP
]
feature.enable(FEATURES)

# The flat lists callers used before issue 18, derived from FEATURES (not a second source)
_views = feature.views(FEATURES)
DATA_FILES = _views["DATA_FILES"]
CROSS_CHECKS = _views["CROSS_CHECKS"]
MACRO_MODULES = _views["MACRO_MODULES"]
CONTENT_TYPES = _views["CONTENT_TYPES"]
NAV_EXPANDERS = _views["NAV_EXPANDERS"]
PAGE_HOOKS = _views["PAGE_HOOKS"]
MARKDOWN_EXTENSIONS = _views["MARKDOWN_EXTENSIONS"]
POST_BUILD = _views["POST_BUILD"]
AFTER_BUILD = _views["AFTER_BUILD"]
PDF_DOCUMENTS = _views["PDF_DOCUMENTS"]


def main(argv: list[str] | None = None) -> int:
    """The ``procedures`` command (pyproject.toml), with these features enabled."""
    return _main(argv)
