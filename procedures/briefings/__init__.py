"""7-Minute Briefings: a content type with its own layout, generated pages, feed and PDFs.

* :mod:`.briefing` — ``docs/briefings/*.md`` front matter and sections, the themes in
  ``data/briefing-themes.yml``, cross checks, the ``"!briefings"`` nav marker, the index
  and theme pages' macros, and the Atom feed.
* :mod:`.page` — page hooks: the theme pages (``on_files``), the briefing template and
  its head and foot.
* :mod:`.pdf` — one A4 page per briefing (longer stops the build) and the action plan,
  printed by the pdf feature; the file sizes on the download links.
"""

from __future__ import annotations

from ..core.feature import Feature, Step
from .briefing import BriefingThemesFile

FEATURE = Feature(
    __name__,
    interface=("procedures.briefings.briefing",),  # what other features may import: briefings and their themes
    data_files={"briefing-themes.yml": BriefingThemesFile},
    checks=("procedures.briefings.briefing:check_briefings",),
    macros=("procedures.briefings.briefing",),
    content_types={"briefings/": "procedures.briefings.briefing:load_briefing"},
    nav_expanders={"!briefings": "procedures.briefings.briefing:nav_entries"},
    unlisted_pages=("procedures.briefings.briefing:unlisted",),  # archived briefings (drafts when shown)
    page_hooks=("procedures.briefings.page",),
    post_build=("procedures.briefings.briefing:write_feed",),  # feeds/briefings.xml
    # after the PDFs are printed: "(PDF, 85 KB, one A4 page)" on the briefing download links
    after_build=(Step("procedures.briefings.pdf:add_sizes", "late"),),
    pdf_documents=("procedures.briefings.pdf:pdf_documents",),  # one A4 page per briefing, action plan
)
