"""The whole-manual PDF, printed from a real build with a fixed date: tagged, titled and
dated, with the out-of-date warning on every page."""

from __future__ import annotations

from datetime import date

import pytest

from procedures.core.builder import mkdocs_build
from procedures.pdf import render_pdf
from procedures.core.site import load_site
from procedures.wholemanual.pages import pdf_documents
from tests.editions_fixture import today

pytestmark = pytest.mark.slow
pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The real project built on 12 March 2027; the whole manual and section 5 printed."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("print") / "project")
    out = project.parent / "site"
    with today(date(2027, 3, 12)):
        mkdocs_build(project / "mkdocs.yml", out)
        site = load_site(project)
        docs = pdf_documents(site)
        section5 = next(d for d in docs if d.page_path.endswith("?section=5"))
        pdfs = {}
        try:
            for doc in (docs[0], section5):
                pdfs[doc.page_path] = render_pdf(out, doc.page_path, out / doc.out, title=doc.title,
                                                 footer_note=doc.footer_note, public_url="https://procedures.example.org/")
        except Exception as exc:  # noqa: BLE001
            pytest.skip(f"no usable Chromium to print with ({exc})")
    return site, pdfs


def test_whole_manual_pdf_is_tagged_and_dated_on_every_page(printed):
    _site, pdfs = printed
    reader = pypdf.PdfReader(str(pdfs["print/manual/"]))
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


def test_a_section_pdf_holds_that_section_only(printed):
    from procedures.manual.chapters import published

    site, pdfs = printed
    reader = pypdf.PdfReader(str(pdfs["print/manual/?section=5"]))
    assert reader.metadata.title.startswith("LLR Safeguarding Children Procedures — Section 5: ")
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Printed 12 March 2027. Printed copies may be out of date" in text
    for c in published(site):
        heading = f"{c.id} {c.title}"
        assert (heading in text) is (c.meta.section == "5"), heading
