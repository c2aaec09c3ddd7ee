"""The whole-manual and section PDFs, printed from a real build with a fixed date by the
build's own steps (``procedures.pdf`` prints each print page, ``join_pdfs`` joins them):
tagged, titled and dated, with the out-of-date warning on every page. Sections are made
to split into parts (a small ``PART_WORDS``) so that joining is tested on the real
manual as it happens at 1,000 chapters."""

from __future__ import annotations

import re
from datetime import date

import pytest

from procedures.core.builder import mkdocs_build
from procedures.core.site import load_site
from procedures.wholemanual import pages
from tests.editions_fixture import today

pytestmark = pytest.mark.slow
pypdf = pytest.importorskip("pypdf")
pikepdf = pytest.importorskip("pikepdf")

WHOLE = "LLR Safeguarding Children Procedures — Whole manual (12 March 2027)"
NOTE = "Printed 12 March 2027. Printed copies may be out of date"


def _print(site, out):
    """What a build does after MkDocs, for these PDFs only: print each page (reusing an
    unchanged print from .cache/pdfs/), then join."""
    from procedures.pdf import render_all

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("procedures.pdf.documents", pages.pdf_documents)
        render_all(site, out)
    messages = []
    joined = pages.join_pdfs(site, out, progress=messages.append)
    return joined, messages


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """The real project built on 12 March 2027, sections in parts of at most 15,000
    words; every print page printed, then joined."""
    from procedures.core.builder import BuildFailed
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("print") / "project")
    out = project.parent / "site"
    with pytest.MonkeyPatch.context() as mp, today(date(2027, 3, 12)):
        mp.setattr(pages, "PART_WORDS", 15_000)
        mkdocs_build(project / "mkdocs.yml", out)
        site = load_site(project)
        try:
            joined, _messages = _print(site, out)
        except BuildFailed as exc:
            pytest.skip(f"no usable Chromium to print with ({exc})")
        yield site, out, joined, pages.parts(site)


def _text(page) -> str:
    return " ".join(page.extract_text().split())


def test_a_long_section_is_printed_in_parts_from_its_own_pages(printed):
    site, out, _joined, parts = printed
    assert len(parts) > len({p.section.key for p in parts})  # some section is in parts
    for p in parts:
        assert (out / p.url / "index.html").is_file()
    index = (out / "print/manual/index.html").read_text(encoding="utf-8")
    assert all(f'href="{p.url.removeprefix("print/manual/")}"' in index for p in parts)
    assert '<meta name="robots" content="noindex">' in index
    assert not (out / pages.PARTS_DIR).exists()  # the parts' own PDFs are not published


def test_whole_manual_pdf_is_tagged_and_dated_on_every_page(printed):
    site, out, joined, parts = printed
    from procedures.manual.chapters import published

    assert out / pages.WHOLE_PDF in joined
    reader = pypdf.PdfReader(str(out / pages.WHOLE_PDF))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == pypdf.generic.BooleanObject(True)
    assert str(root["/Lang"]).startswith("en")  # the pages' language, as Chromium wrote it
    assert reader.metadata.title == WHOLE
    n = len(reader.pages)
    assert n > 20
    # the date and the warning on every page: checked on the first and last page of every
    # part (where the joins are) and in the middle, with the part's own page numbers
    starts = [i for i, label in enumerate(reader.page_labels) if label.endswith("-1")]
    assert len(starts) == len(parts)
    sample = sorted({0, n // 2, n - 1, *starts, *(i - 1 for i in starts if i)})
    for i in sample:
        text = _text(reader.pages[i])
        assert NOTE in text, i
        assert re.search(r"Page \d+ of \d+", text), i
    for start, part in zip(starts, parts, strict=True):
        assert reader.page_labels[start] == f"{part.label}-1"
        assert part.what in _text(reader.pages[start])  # the part's title at the top of its pages
    assert "Made on 12 March 2027." in _text(reader.pages[0])
    # every chapter, in order, from the bookmarks; one top bookmark per part
    tops = [o for o in reader.outline if not isinstance(o, list)]
    assert [o.title for o in tops] == [p.what for p in parts]
    titles = _titles(reader.outline)
    positions = [_find(titles, c) for c in published(site)]
    assert positions == sorted(positions)


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _plain(text: str) -> str:
    """As a heading reads, whatever the quotes (the pages set them typographically)."""
    return " ".join(str(text).translate(_QUOTES).split())


def _find(titles: list[str], chapter) -> int | None:
    """Where the chapter's bookmark is: its code and the first words of its title (a long
    title may be cut or wrapped in the bookmark)."""
    start = _plain(f"{chapter.id} {' '.join(str(chapter.title).split()[:2])}")
    return next((i for i, t in enumerate(titles) if t.startswith(start)), None)


def _titles(outline) -> list[str]:
    out = []
    for item in outline:
        out += _titles(item) if isinstance(item, list) else [_plain(item.title)]
    return out


def _nums(tree):
    """The (key, value) pairs of a number tree read with pypdf, /Kids followed (read
    independently of the pikepdf join that wrote it)."""
    tree = tree.get_object()
    nums = tree.get("/Nums")
    if nums is not None:
        nums = nums.get_object()
        for i in range(0, len(nums) - 1, 2):
            yield int(nums[i]), nums[i + 1]
    for kid in tree.get("/Kids", []) or []:
        yield from _nums(kid)


def test_the_joined_pdf_keeps_every_part_s_tags(printed):
    """Each page's marked content still belongs to the structure tree: the page's
    /StructParents key is in the parent tree, and every element's page is a page of
    this document; the parts' own structure roots are not carried along; the named
    destinations and the bookmarks point to pages of this document."""
    _site, out, _joined, parts = printed
    reader = pypdf.PdfReader(str(out / pages.WHOLE_PDF))
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    document = tree["/K"]
    assert document["/S"] == "/Document"
    assert [k.get_object()["/S"] for k in document["/K"]] == ["/Part"] * len(parts)
    keys = dict(_nums(tree["/ParentTree"]))
    page_ids = {p.indirect_reference.idnum for p in reader.pages}
    struct_parents = [p["/StructParents"] for p in reader.pages]
    assert len(set(struct_parents)) == len(reader.pages) and all(k in keys for k in struct_parents)
    for k in struct_parents[:: max(1, len(struct_parents) // 10)]:
        for elem in keys[k]:
            assert elem.get_object().raw_get("/Pg").idnum in page_ids
    links = [a.get_object() for p in reader.pages for a in p.get("/Annots", []) if "/StructParent" in a.get_object()]
    assert links and all(a["/StructParent"] in keys for a in links)
    assert int(tree["/ParentTreeNextKey"]) > max(keys)
    with pikepdf.open(out / pages.WHOLE_PDF) as pdf:
        roots = [o.objgen[0] for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/StructTreeRoot"]
    assert roots == [tree.indirect_reference.idnum]
    dests = reader.trailer["/Root"]["/Dests"]  # the headings' names, for links to file.pdf#name
    assert len(dests) > len(parts) and all(name.startswith("/p") for name in dests)
    assert all(dest[0].idnum in page_ids for dest in dests.values())
    starts = [i for i, page in enumerate(reader.pages) if reader.page_labels[i].endswith("-1")]
    assert [reader.get_destination_page_number(o) for o in reader.outline if not isinstance(o, list)] == starts


def test_a_section_pdf_holds_that_section_only(printed):
    from procedures.manual.chapters import published

    site, out, _joined, parts = printed
    split = next(p.section.key for p in parts if p.of > 1)
    whole = next(p.section.key for p in parts if p.of == 1)
    for key in (split, whole):
        reader = pypdf.PdfReader(str(out / pages.section_pdf(key)))
        assert reader.metadata.title.startswith(f"LLR Safeguarding Children Procedures — Section {key}: ")
        assert reader.metadata.title.endswith("(12 March 2027)") and "part" not in reader.metadata.title
        assert "/StructTreeRoot" in reader.trailer["/Root"]
        assert NOTE in _text(reader.pages[0]) and NOTE in _text(reader.pages[-1])
        titles = _titles(reader.outline)
        for c in published(site):
            assert (_find(titles, c) is not None) is (c.meta.section == key), c.id


def test_an_unchanged_join_is_reused_from_the_cache(printed):
    site, out, _joined, _parts = printed
    cache = site.root / ".cache/pdfs"
    before = sorted(cache.glob("joined-*.pdf"))
    assert len(before) == len(pages.joined_documents(site, _parts))
    whole = out / pages.WHOLE_PDF
    whole.write_bytes(b"not a pdf")
    with pytest.MonkeyPatch.context() as mp, today(date(2027, 3, 12)):
        mp.setattr(pages, "PART_WORDS", 15_000)
        _joined, messages = _print(site, out)
    assert len(messages) == len(before) and all(m.endswith("(unchanged: reused)") for m in messages), messages
    assert sorted(cache.glob("joined-*.pdf")) == before
    assert pypdf.PdfReader(str(whole)).metadata.title == WHOLE


_H2 = re.compile(r"^## ([A-Za-z0-9 .,]+)$", re.M)


def test_the_print_pages_hold_the_chapters_html_with_ids_once_and_links_that_resolve(printed):
    """The print pages are filled with each chapter's converted HTML (fill.py): each
    chapter's sections are there, two levels down; no id is used twice on a page; every
    link inside the page finds its target, and every relative link a built file."""
    import posixpath

    site, out, _joined, parts = printed
    for part in parts:
        html = (out / part.url / "index.html").read_text(encoding="utf-8")
        assert "PROCEDURESPRINTCHAPTER" not in html
        article = html[html.index("<article"):html.index("</article>")]
        for ch in part.chapters:
            source = (site.root / ch.file).read_text(encoding="utf-8")
            for heading in _H2.findall(source.split("\n---", 1)[1]):
                if re.search(r"\b[A-Z]{2,}\b", heading):
                    continue  # an acronym: a glossary tooltip inside the heading
                assert re.search(rf"<h4 id=\"p\d+-[^\"]+\">{re.escape(heading)}</h4>", article), (part.url, heading)
        ids = re.findall(r'\sid="([^"]*)"', html)
        assert len(ids) == len(set(ids)), part.url
        for frag in re.findall(r'\shref="#([^"]+)"', article):
            assert frag in ids, (part.url, frag)
        for url in re.findall(r'\s(?:href|src)="([^"#?]+)[^"]*"', article):
            if re.match(r"^([a-z][a-z0-9+.-]*:|/)", url):
                continue
            target = out / posixpath.normpath(posixpath.join(part.url, url))
            assert (target / "index.html" if url.endswith("/") else target).is_file(), (part.url, url)
