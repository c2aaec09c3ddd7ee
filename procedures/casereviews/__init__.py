"""Local child safeguarding practice reviews, published for their statutory year.

* :mod:`.models` — ``data/case-reviews.yml``: title, published, themes, the briefing the
  review led to, the report (a link or a file in docs/), an optional later expiry.
* :mod:`.pages` — the cross check (themes, briefing, report file), the ``case_reviews()``
  macro for ``docs/case-reviews.md``, and ``on_files``: a report file past its period is
  not published.

The report is shown until the expiry date (at least 12 months after publication); from
that day the entry stays with a link to the NSPCC national case review repository
instead. That is decided at build time and again in the browser
(``overrides/assets/javascripts/casereviews.js``, from ``data-expires``).

Registered in ``procedures/registry.py`` (DATA_FILES, CROSS_CHECKS, MACRO_MODULES, PAGE_HOOKS).
"""
