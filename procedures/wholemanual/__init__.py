"""The whole manual, and each section, as one dated PDF for those who must file a copy.

* ``on_files`` generates one print page for the whole manual (``print/manual/``) and one
  per section (``print/section-<n>/``): every published chapter's current text, in
  order, its headings moved down two levels, links made to work from there, macros
  rendered as on the chapter. Not in the navigation, not in search, ``noindex``.
* ``pdf_documents`` (``registry.PDF_DOCUMENTS``) prints each with the shared machinery
  (``procedures.pdf``): tagged A4, bookmarks from the headings, the date in the title,
  and "Printed copies may be out of date" in the footer of every page.
* ``print_copies()`` lists the PDFs on ``docs/print/index.md``.
"""
