"""The whole-manual PDF, printed from a real build with a fixed date: tagged, titled and
dated, with the out-of-date warning on every page."""

from __future__ import annotations

from datetime import date

import pytest

from procedures.builder import mkdocs_build
from procedures.pdf import render_pdf
from procedures.site import load_site
from procedures.wholemanual.pages import pdf_documents
from tests.editions_fixture import today

pytestmark = pytest.mark.slow
pypdf = pytest.importorskip("pypdf")


def test_whole_manual_pdf_is_tagged_and_dated_on_every_page(project_copy, tmp_path):
    out = tmp_path / "site"
    with today(date(2027, 3, 12)):
        mkdocs_build(project_copy / "mkdocs.yml", out)
        doc = pdf_documents(load_site(project_copy))[0]
        try:
            pdf = render_pdf(out, doc.page_path, out / doc.out, title=doc.title, footer_note=doc.footer_note,
                             public_url="https://procedures.example.org/")
        except Exception as exc:  # noqa: BLE001
            pytest.skip(f"no usable Chromium to print with ({exc})")
    reader = pypdf.PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(True)
    assert reader.metadata.title == "LLR Safeguarding Children Procedures — Whole manual (12 March 2027)"
    n = len(reader.pages)
    assert n > 20
    for i in (0, n // 2, n - 1):
        text = " ".join(reader.pages[i].extract_text().split())
        assert "Printed 12 March 2027. Printed copies may be out of date" in text, i
        assert f"Page {i + 1} of {n}" in text
    assert "Made on 12 March 2027." in " ".join(reader.pages[0].extract_text().split())
    assert len(reader.outline) > 0  # bookmarks from the headings
