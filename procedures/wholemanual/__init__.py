"""The whole manual, and each section, as one dated PDF for those who must file a copy.

* ``on_files`` generates one print page for the whole manual (``print/manual/``): every
  published chapter's current text, section by section, its headings moved down two
  levels, links made to work from there, macros rendered as on the chapter. Not in the
  navigation, not in search, ``noindex``. A section's PDF is printed from the same page
  with ``?section=<n>`` (``overrides/assets/javascripts/printcopy.js`` removes the other
  sections), so the chapters' text is rendered once more, not once per section.
* ``pdf_documents`` (``registry.PDF_DOCUMENTS``) prints each with the shared machinery
  (``procedures.pdf``): tagged A4, bookmarks from the headings, the date in the title,
  and "Printed copies may be out of date" in the footer of every page.
* ``print_copies()`` lists the PDFs on ``docs/print/index.md``.
"""


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature  # noqa: E402

FEATURE = Feature(
    __name__,
    macros=("procedures.wholemanual.pages",),  # print_copies()
    page_hooks=("procedures.wholemanual.pages",),  # the whole manual and each section on one print page
    pdf_documents=("procedures.wholemanual.pages:pdf_documents",),  # print/: the whole manual and each section, dated
)
