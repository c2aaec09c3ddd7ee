"""The built arrangements pages and PDF: names, rotation, chart, checklist, and the
chair stated for the build date (three business years, pinned with SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import html as html_mod
import re
from datetime import date
from pathlib import Path

import pytest

from procedures.arrangements import rotation
from procedures.arrangements.roles import dsps, lsps
from procedures.arrangements.years import BusinessYear
from procedures.core.dates import epoch_for
from procedures.core.site import load_site
from tests.conftest import REPO
from tests.helpers import page_scripts

pytestmark = pytest.mark.slow

ARR = "arrangements"


def page_html(site_dir: Path, name: str) -> str:
    return (site_dir / ARR / name / "index.html").read_text(encoding="utf-8") if name else \
        (site_dir / ARR / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    """Visible text: tags (abbreviations, links) removed, entities decoded, spaces collapsed."""
    t = " ".join(html_mod.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([,;.)])", r"\1", t))


def article(html: str) -> str:
    start = html.index('<article class="md-content__inner')
    return html[start:html.index("</article>", start)]


@pytest.fixture(scope="module")
def site():
    return load_site(REPO)


def test_every_lsp_and_dsp_is_named_with_their_post(built_site, site):
    body = text(article(page_html(built_site, "partners-and-chair")))
    for role in [*lsps(site).values(), *dsps(site).values()]:
        assert role.person.name in body
        assert role.person.title in body
        assert role.organisation.name in body
    # the DSP table shows the label the rotation uses, derived from data
    for role in dsps(site).values():
        assert role.label in body
    signatories = text(article(page_html(built_site, "foreword")))
    for role in lsps(site).values():
        assert role.person.name in signatories and role.person.title in signatories


def rotation_rows(html: str) -> dict[str, str]:
    rows = re.findall(r'<tr data-sp-start="([\d-]+)" data-sp-end="[\d-]+"[^>]*>(.*?)</tr>', html, re.S)
    return {start: text(cells) for start, cells in rows}


def test_every_rotation_row_appears_with_derived_labels(built_site, site):
    rows = rotation_rows(page_html(built_site, "partners-and-chair"))
    periods = rotation.periods(site)
    assert len(rows) == len(periods) == 6
    for p in periods:
        row = rows[p.start.isoformat()]
        assert row.startswith(p.year.label)
        for r in p.chairs:
            assert r.label in row
        deputies = row.split(p.chairs[-1].label, 1)[1]  # the deputy column comes after the chairs
        for r in p.deputies:
            assert r.label in deputies
    assert "Police DSP, Henry Henderson" in rows["2026-04-01"]
    assert "Interim Leicestershire DSP, Sharon Cooke & Leicester DSP, Laurence Jones (joint chairs)" in rows["2025-04-01"]


def test_the_unconfirmed_deputy_has_a_visible_note(built_site):
    html = article(page_html(built_site, "partners-and-chair"))
    row = rotation_rows(html)["2025-04-01"]
    assert row.endswith("ICB DSP, Chris West (unconfirmed: note 1)")
    assert "Leicester DSP, Chris West" not in row  # the published mislabel is not repeated as fact
    note = html[html.index('<li id="rotation-note-1">'):]
    note = text(note[:note.index("</li>")])
    assert note.startswith("2025/26 deputy chair. The published table prints “Leicester DSP, Chris West”.")
    assert "Chris West is the ICB DSP" in note
    assert '<div class="sp-unconfirmed-notes" role="note" aria-label="Notes on the rotation table">' in html


def test_the_chair_for_the_build_date_is_written_into_the_page(built_site, site):
    for name in ("", "partners-and-chair"):
        html = page_html(built_site, name)
        m = re.search(r'<p class="sp-chair-now" data-sp-rotation="([^"]*)" data-sp-none="([^"]*)" '
                      r'data-sp-build-date="([\d-]+)">', html)
        assert m, name
        assert m.group(3) == site.today.isoformat()
        stated = re.search(r"data-sp-chair-text>(.*?)</span>", html, re.S).group(1)
        assert text(stated) == rotation.sentence(site, site.today, built=True)
    # the script that re-decides it is loaded from a file, never inline
    assert "assets/javascripts/arrangements.js" in page_scripts(built_site, page_html(built_site, ""), "arrangements")


def test_structure_chart_and_its_text_version(built_site, site):
    html = article(page_html(built_site, "structure-and-governance"))
    assert 'class="sp-gov__chart" role="img" aria-labelledby="sp-gov-caption"' in html
    assert 'id="sp-gov-caption"' in html
    table = html[html.index('<table class="sp-gov-table">'):]
    table = table[:table.index("</table>")]
    assert "<caption>Who reports to whom</caption>" in table
    groups = site.data["governance"].groups
    for g in groups:
        assert f'<a href="#{g.key}">{html_mod.escape(g.name, quote=False)}</a>' in table
        assert f'id="{g.key}"' in html  # each group's own section
    pdg = text(re.search(r'<a href="#planning-and-delivery-group">.*?</tr>', table, re.S).group(0))
    assert "Leicestershire and Rutland Safeguarding Children Partnership; Leicester Safeguarding Children Partnership" in pdg
    assert "Dotted line to LLR Performance Group" in text(re.search(r'<a href="#operational-group">.*?</tr>', table, re.S).group(0))
    assert "Not stated in the arrangements" in table  # frequencies the source does not give are not invented


def test_appendix_1_lists_both_partnerships_from_data(built_site, site):
    body = text(article(page_html(built_site, "membership")))
    for p in site.data["partnerships"].partnerships:
        assert f"{p.name} ({p.short})" in body
        for a in p.relevant_agencies:
            assert a.name in body
    assert "Rutland County Council" in body and "University Hospitals of Leicester" in body


def test_compliance_table_covers_every_item(built_site, site):
    html = article(page_html(built_site, "compliance"))
    table = html[html.index("<table"):html.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    items = site.data["arrangements-compliance"].items
    assert len(rows) == len(items)
    for item, row in zip(items, rows, strict=True):
        assert text(row).startswith(("Must " if item.requirement == "must" else "Should ") + item.text)
        assert "<a href=" in row
    assert "Partly covered: The arrangements do not describe whistleblowing procedures." in text(table)


def test_every_section_is_in_the_nav_and_the_one_page_version(built_site, site):
    index = page_html(built_site, "")
    doc = page_html(built_site, "document")
    for name in site.data["arrangements"].sections:
        slug = name.removesuffix(".md")
        assert f'href="{slug}/"' in index
        assert f'id="section-{slug}"' in doc
    # the one-page version is not a second search result for the same text (search: exclude)
    assert "data-pagefind-body" not in doc
    assert "data-pagefind-body" in page_html(built_site, "partners-and-chair")


def test_pdf_is_linked_tagged_titled_and_contains_the_chair_table(built_site, site):
    from pypdf import PdfReader

    index = page_html(built_site, "")
    assert '<a href="arrangements.pdf" download type="application/pdf">' in index
    pdf = built_site / ARR / "arrangements.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    reader = PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root, "the PDF is not tagged"
    assert bool(root["/MarkInfo"]["/Marked"]), "the PDF does not declare itself tagged (/MarkInfo /Marked true)"
    assert reader.metadata.title == site.data["arrangements"].pdf.title
    assert reader.outline, "headings give the PDF bookmarks"
    words = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Partnership chair and deputy chair by business year" in words
    for p in rotation.periods(site):
        row = re.escape(p.year.label) + "( current year)? " + re.escape(" & ".join(r.label for r in p.chairs))
        assert re.search(row, words), row
        for r in p.deputies:
            assert r.label in words
    assert f"Page 1 of {len(reader.pages)}" in words
    # links point to the published site, or inside the PDF — never to the build's local server
    uris = [a.get_object()["/A"].get("/URI") for page in reader.pages for a in (page.get("/Annots") or [])
            if "/A" in a.get_object()]
    assert uris and not any("127.0.0.1" in str(u) for u in uris if u)


# --- the chair stated on the day of the build, in three business years ----------------------

@pytest.mark.parametrize(("day", "expected"), [
    (date(2027, 4, 1), "On 1 April 2027, the date this page was built, in business year 2027/28, the partnership is "
                       "chaired jointly by the Rutland DSP, Kevin Quinn and the Leicester DSP, Laurence Jones, and the "
                       "deputy chair is the Police DSP, Henry Henderson."),
    (date(2028, 8, 15), "On 15 August 2028, the date this page was built, in business year 2028/29, the partnership "
                        "chair is the ICB DSP, Chris West, and the deputy chair is the Rutland DSP, Kevin Quinn."),
    (date(2030, 3, 31), "On 31 March 2030, the date this page was built, in business year 2029/30, the partnership is "
                        "chaired jointly by the Leicester DSP, Laurence Jones and the Interim Leicestershire DSP, "
                        "Sharon Cooke, and the deputy chair is the ICB DSP, Chris West."),
])
def test_build_states_the_chair_for_its_date(tmp_path, monkeypatch, day, expected):
    """Each build is pinned with SOURCE_DATE_EPOCH (HTML only: the PDF step is tested above)."""
    from procedures.core.builder import mkdocs_build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch_for(day))
    out = tmp_path / "site"
    mkdocs_build(REPO / "mkdocs.yml", out)
    html = (out / ARR / "partners-and-chair" / "index.html").read_text(encoding="utf-8")
    assert text(re.search(r"data-sp-chair-text>(.*?)</span>", html, re.S).group(1)) == expected
    assert f'data-sp-build-date="{day.isoformat()}"' in html
    current = re.findall(r'<tr data-sp-start="([\d-]+)"[^>]*class="is-current" aria-current="true"', html)
    assert current == [BusinessYear.of(day).start.isoformat()]


def test_procedures_pdf_reprints_into_a_built_site(built_site, tmp_path, capsys):
    """`procedures pdf --from-site` (what an editor runs after a small fix) re-prints the PDF."""
    import shutil

    from procedures.core.cli import main

    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    pdf = copy / ARR / "arrangements.pdf"
    pdf.unlink()
    from procedures.wholemanual.pages import WHOLE_PDF

    whole = copy / WHOLE_PDF  # joined from the printed sections: joined again after the re-print
    whole.unlink()
    assert main(["--root", str(REPO), "pdf", "--from-site", str(copy)]) == 0
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    assert whole.exists() and whole.read_bytes().startswith(b"%PDF")
    out = capsys.readouterr().out
    assert f"{pdf} (" in out and f"{whole} (" in out

    assert main(["--root", str(REPO), "pdf", "--from-site", str(tmp_path / "empty")]) == 1
    assert "is not a built site — run 'procedures build' first" in capsys.readouterr().err
