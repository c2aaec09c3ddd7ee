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


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402
from .models import CaseReviewsFile  # noqa: E402

FEATURE = Feature(
    __name__,
    data_files={"case-reviews.yml": CaseReviewsFile},
    checks=("procedures.casereviews.pages:check_case_reviews",),  # themes, briefing and report file of each review
    macros=("procedures.casereviews.pages",),  # case_reviews()
    page_hooks=("procedures.casereviews.pages",),  # a case review report past its period is not published
)
