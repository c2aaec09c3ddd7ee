"""The whole manual, and each section, as one dated PDF for those who must file a copy.

* ``on_files`` generates one print page per section (``print/manual/section-<n>/``):
  every published chapter's current text, its headings moved down two levels, links made
  to work from there, macros rendered as on the chapter. In a MkDocs build the page holds
  a placeholder per chapter, replaced by the chapter's own converted HTML once every page
  is converted (``on_env``, ``fill.py``), so no chapter's text is converted twice; an
  engine given the pages as Markdown gets the whole text in Markdown. A section whose chapters pass
  ``PART_WORDS`` words is printed in parts, one page each
  (``print/manual/section-<n>-part-<p>/``), so no page is too long for the browser to
  print (one page of the whole 1,000-chapter benchmark manual did not print within
  300 s). ``print/manual/`` lists the pages. None is in the navigation or search;
  all are ``noindex``.
* ``pdf_documents`` (``registry.PDF_DOCUMENTS``) prints each page with the shared
  machinery (``procedures.pdf``): tagged A4, bookmarks from the headings, the date in the
  title, and "Printed copies may be out of date" in the footer of every page.
* ``join_pdfs`` (``registry.AFTER_BUILD``, after the printing) joins the parts of a long
  section into the section's PDF, and every part into the whole-manual PDF, keeping the
  tags (``join.py``); an unchanged join is copied from ``.cache/pdfs/``.
* ``print_copies()`` lists the PDFs and pages on ``docs/print/index.md``.
"""


# --- what this feature contributes (enabled in procedures/registry.py) ----------------
from ..core.feature import Feature, Step  # noqa: E402

FEATURE = Feature(
    __name__,
    macros=("procedures.wholemanual.pages",),  # print_copies()
    page_hooks=("procedures.wholemanual.pages",),  # print pages: each section (a long one in parts), and their list; on_env fills them
    pdf_documents=("procedures.wholemanual.pages:pdf_documents",),  # print/: each section (or part of one), dated
    # after every PDF is printed (pdf's render_all, stage main): the parts of a long section
    # joined into its PDF, and every part into the whole-manual PDF
    # joined again by `procedures pdf --from-site` after it re-prints the parts (reprint)
    after_build=(Step("procedures.wholemanual.pages:join_pdfs", "late", reprint=True),),
)
