"""The procedures manual: sections, chapters and the chapter page.

* :mod:`.chapters` — chapters (front matter ``ChapterMeta``), sections, owners, the
  ``contents()`` macro, the ``"!chapters"`` nav marker and the chapter cross checks.
* :mod:`.page` — what a chapter page shows around its text (at a glance, scope, banners,
  related, review dates, print footer) and the page hooks that put chapters on
  ``chapter.html``.
* :mod:`.foundation` — cross checks over ``data/sections.yml``, ``owners.yml``, ``partners.yml``.

Other features reach chapters through ``site.chapters`` and the functions of :mod:`.chapters`.
"""

from __future__ import annotations

from ..core.feature import Feature
from .models import OwnersFile, PartnersFile, SectionsFile

FEATURE = Feature(
    __name__,
    interface=("procedures.manual.chapters", "procedures.manual.models", "procedures.manual.page"),  # what other features may import: chapters and sections, their models, chapter-page helpers
    data_files={"sections.yml": SectionsFile, "owners.yml": OwnersFile, "partners.yml": PartnersFile},
    checks=(
        "procedures.manual.foundation:check_foundation",  # sections, owners, partners
        "procedures.manual.chapters:check_chapters",
        "procedures.core.pagecalls:check_chapter_text",  # in chapters, braces hold page-function calls only
    ),
    macros=("procedures.manual.chapters",),  # contents()
    content_types={"manual/": "procedures.manual.chapters:load_chapter"},
    nav_expanders={"!chapters": "procedures.manual.chapters:nav_entries"},
    unlisted_pages=("procedures.manual.chapters:unlisted",),  # archived chapters (drafts when shown)
    # FIRST among the page hooks: chapters get their template, title, badge, head and foot
    page_hooks=("procedures.manual.page",),
)
