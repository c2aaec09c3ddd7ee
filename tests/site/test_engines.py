"""The two engines compared (docs/developers/engines.md): the real site built with MkDocs
(the default) and with Zensical (``procedures build --engine zensical``).

Both builds publish the same set of pages, neither publishes a draft, a bad review date
fails both, and both have the after-build outputs (feeds, search index, security headers,
reviews, offline copy). Run with ``make test-engines``, which installs the optional
Zensical extra (requirements/zensical.txt); skipped, with that reason, where Zensical is
not installed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from procedures.core.builder import BuildFailed, build_site
from tests.conftest import REPO

pytestmark = pytest.mark.slow

zensical_missing = pytest.mark.skipif(
    __import__("importlib.util").util.find_spec("zensical") is None,
    reason="Zensical is not installed (an optional extra): run make test-engines, which installs "
           "requirements/zensical.txt",
)

# Pages one engine publishes and the other does not, each with its reason. Empty: the
# preparation (procedures/engines/plainconfig.py) gives Zensical every page MkDocs
# builds, generated ones included. A new difference fails the test until it is
# understood and listed here (and in docs/developers/engines.md).
ONLY_MKDOCS: dict[str, str] = {}
ONLY_ZENSICAL: dict[str, str] = {}

# files the after-build steps write, whatever the engine
AFTER_BUILD_OUTPUTS = [
    "feeds/amendments.xml", "feeds/amendments.json", "feeds/briefings.xml",  # feeds
    "pagefind/pagefind.js",  # the search index
    "_headers", "nginx-security-headers.conf",  # security headers with the CSP hashes
    "reviews.json", "thresholds/indicators.json", "sw.js", "sitemap.xml",
]

DRAFT_WORDS = ("draftmarkerxyzzy", "transitional-safeguarding/", "Transitional Safeguarding")


def page_urls(site: Path) -> set[str]:
    """Every published page's address ("manual/neglect/"), from its index.html."""
    out = set()
    for p in site.rglob("index.html"):
        rel = p.parent.relative_to(site).as_posix()
        out.add("" if rel == "." else rel + "/")
    return out


def draft_hits(site: Path) -> list[str]:
    hits = []
    for p in site.rglob("*"):
        if p.is_file() and p.suffix in {".html", ".xml", ".json", ".txt", ".js"}:
            text = p.read_text(errors="ignore")
            if any(w in text for w in DRAFT_WORDS):
                hits.append(p.relative_to(site).as_posix())
    return hits


def test_plain_files_for_an_engine_without_plugins(tmp_path):
    """What Zensical is given (procedures/engines/plainconfig.py) needs no plugin: the nav
    markers expanded, drafts neither copied nor published, page functions rendered,
    generated pages as files, titles escaped. Runs without Zensical."""
    import yaml

    from procedures.engines.plainconfig import prepare
    from procedures.core.site import load_site

    site = load_site(REPO)
    stage = tmp_path / "stage"
    prepared = prepare(site, REPO, stage, site_dir=tmp_path / "out", templates=False)
    config = yaml.safe_load((stage / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == [] and "custom_dir" in config["theme"]
    nav_text = yaml.safe_dump(config["nav"])
    assert "!" not in nav_text and "manual/neglect.md" in nav_text and "briefings/" in nav_text
    # the draft: not copied, and excluded anyway
    assert prepared.drafts == ["manual/transitional-safeguarding.md"]
    assert not (stage / "docs/manual/transitional-safeguarding.md").exists()
    assert "/manual/transitional-safeguarding.md" in config["exclude_docs"].splitlines()
    assert "/manual/transitional-safeguarding.md" in config["draft_docs"].splitlines()
    assert not any("draftmarkerxyzzy" in p.read_text(errors="ignore") for p in (stage / "docs").rglob("*.md"))
    # page functions rendered; a chapter's head and foot and its search marker in the page
    neglect = (stage / "docs/manual/neglect.md").read_text(encoding="utf-8")
    assert "0116 454 1004" in neglect  # contact() in the at-a-glance box of the head
    bruising = (stage / "docs/manual/bruising-in-pre-mobile-babies.md").read_text(encoding="utf-8")
    assert '{{ timescale("referral-decision") }}' in (REPO / "docs/manual/bruising-in-pre-mobile-babies.md").read_text()
    assert "{{" not in bruising and "within one working day of the referral being received" in bruising
    assert '<article class="chapter" data-pagefind-body markdown="1">' in neglect
    assert "<dt>Next review due</dt>" in neglect and "template:" not in neglect.split("\n---", 1)[0]
    # generated pages written as files (a briefing theme page), with their panels
    assert list((stage / "docs/briefings/themes").glob("*.md"))
    # a print page holds its chapters' whole text in Markdown (in a MkDocs build their
    # HTML is put in after conversion, which this engine would never do), and the
    # preparation leaves no mark on the site for a later build
    section2 = (stage / "docs/print/manual/section-2.md").read_text(encoding="utf-8")
    assert "\n### 2.14 Neglect\n" in section2 and "\n##### 2.1 Neglect at different ages\n" in section2
    assert "PROCEDURESPRINTCHAPTER" not in section2
    assert "pages_as_markdown" not in site.extra
    # the glossary's abbreviations for the abbr extension
    abbr = next(e for e in config["markdown_extensions"] if isinstance(e, dict) and "abbr" in e)
    assert len(abbr["abbr"]["glossary"]) > 10
    # the assets of overrides/ copied as files
    assert (stage / "docs/assets/stylesheets/procedures.css").is_file()


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zensical") / "site"
    build_site(REPO, out, progress=lambda msg: None, engine="zensical")
    return out


@zensical_missing
def test_both_engines_publish_the_same_pages(built_site, zensical_site):
    mkdocs_urls, zensical_urls = page_urls(built_site), page_urls(zensical_site)
    assert len(mkdocs_urls) > 100  # the real site, not an empty build
    assert {u: ONLY_MKDOCS.get(u, "not expected") for u in mkdocs_urls - zensical_urls} == ONLY_MKDOCS
    assert {u: ONLY_ZENSICAL.get(u, "not expected") for u in zensical_urls - mkdocs_urls} == ONLY_ZENSICAL


@zensical_missing
def test_no_draft_in_either_build(built_site, zensical_site):
    assert draft_hits(built_site) == []
    assert draft_hits(zensical_site) == []
    assert not (zensical_site / "manual/transitional-safeguarding").exists()


@zensical_missing
def test_after_build_outputs_exist_in_both(built_site, zensical_site):
    for site in (built_site, zensical_site):
        missing = [name for name in AFTER_BUILD_OUTPUTS if not (site / name).is_file()]
        assert missing == [], site
    # the PDFs both print from their built pages
    pdfs = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.pdf")}
    assert pdfs and pdfs == {p.relative_to(zensical_site).as_posix() for p in zensical_site.rglob("*.pdf")}


@zensical_missing
def test_zensical_pages_carry_what_the_plugin_added(zensical_site):
    # navigation markers expanded (never an item titled "none"), page functions rendered,
    # a chapter's head and foot, the glossary's abbreviations, the search marker
    home = (zensical_site / "index.html").read_text()
    assert ">none<" not in home and ">None<" not in home
    chapter = (zensical_site / "manual/neglect/index.html").read_text()
    assert "{{" not in chapter and "{%" not in chapter
    assert "<dt>Next review due</dt>" in chapter
    assert "<abbr title=" in chapter
    assert 'class="chapter" data-pagefind-body' in chapter
    assert 'href="../../feeds/amendments.xml"' in chapter


@zensical_missing
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_bad_review_date_fails_both_engines(project_copy, tmp_path, engine):
    chapter = project_copy / "docs/manual/neglect.md"
    text = chapter.read_text()
    assert "next_review: 2027-11-01\n" in text
    chapter.write_text(text.replace("next_review: 2027-11-01\n", "next_review: 2027-02-30\n"))
    out = tmp_path / "site"
    with pytest.raises(BuildFailed) as info:
        build_site(project_copy, out, progress=lambda m: None, after_build=False, engine=engine)
    assert "docs/manual/neglect.md:" in str(info.value)
    assert not out.exists()
    # and through the command: exit 1, one line per problem, no traceback
    cli = subprocess.run([sys.executable, "-m", "procedures", "--root", str(project_copy), "build",
                          "--engine", engine, "--out", str(out)], capture_output=True, text=True)
    assert cli.returncode == 1
    assert "docs/manual/neglect.md:" in cli.stderr and "Traceback" not in cli.stderr
    assert not out.exists()


@zensical_missing
def test_zensical_prints_a_hostile_title_as_text(tmp_path):
    """Zensical prints front matter and nav titles raw, as Material does: the preparation
    escapes them (tests/site/test_hostile_titles.py, for Zensical)."""
    from tests.conftest import copy_project
    from tests.helpers import edit
    from tests.site.test_hostile_titles import BRIEFING, CHAPTER, HOSTILE, parse

    root = copy_project(tmp_path / "project")
    quoted = '"' + HOSTILE.replace('"', '\\"') + '"'
    edit(root, CHAPTER, "title: Domestic Abuse\n", f"title: {quoted}\n")
    edit(root, BRIEFING, "title: Bruising in babies who are not yet mobile\n", f"title: {quoted}\n")
    edit(root, CHAPTER, "summary: How to recognise", f"summary: {quoted[:-1]} How to recognise")
    edit(root, CHAPTER, "under the Domestic Abuse Act 2021.\n", 'under the Domestic Abuse Act 2021."\n')
    out = build_site(root, root / "site", progress=lambda msg: None, after_build=False, engine="zensical")
    offenders = []
    for path in sorted(out.rglob("*.html")):
        p = parse(path)
        rel = path.relative_to(out).as_posix()
        for tag, attrs in p.elements:
            if any(name.startswith("on") for name in attrs) or (tag == "img" and attrs.get("src") == "x"):
                offenders.append(f"{rel}: <{tag} {attrs}>")
        offenders += [f"{rel}: script {s[:40]!r}" for s in p.scripts if "alert(" in s]
    assert offenders == []
    chapter = (out / "manual/domestic-abuse/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in chapter
    assert HOSTILE in parse(out / "manual/domestic-abuse/index.html").title
    assert "&amp;lt;script" not in chapter  # never escaped twice
