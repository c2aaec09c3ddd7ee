"""The amendments log in the built site: feeds, badges, chapter history, the Amendments and
register pages, redirects, and the manifest of published URLs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest

from procedures.amendments import log as am
from procedures.amendments.outputs import check_url_manifest, published_urls
from procedures.core.builder import BuildFailed, build_site, mkdocs_build
from procedures.core.site import load_site
from tests.conftest import REPO

pytestmark = pytest.mark.slow

A = "{http://www.w3.org/2005/Atom}"
SITE_URL = am.site_url(REPO)


def resolve_local(site: Path, url: str) -> Path:
    """The built file an absolute site URL points at (fails if it points elsewhere)."""
    assert url.startswith(SITE_URL), url
    path = url[len(SITE_URL):]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


def ids_in(html: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', html))


@pytest.fixture(scope="module")
def real():
    return load_site(REPO)


# --- feeds ---------------------------------------------------------------------------------------

def test_atom_feed_parses_with_one_entry_per_release(built_site, real):
    root = ET.parse(built_site / "feeds/amendments.xml").getroot()
    assert root.tag == f"{A}feed"
    rels = am.newest_first(real)
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == [r.heading for r in rels]
    assert [e.findtext(f"{A}updated") for e in entries] == [f"{r.date.isoformat()}T00:00:00Z" for r in rels]
    assert len({e.findtext(f"{A}id") for e in entries}) == len(entries)
    for required in ("title", "id", "updated", "author/" + A + "name"):
        assert root.find(A + required) is not None, required
    assert root.find(f"{A}link[@rel='self']").get("href") == SITE_URL + "feeds/amendments.xml"


def test_every_feed_link_is_absolute_and_lands_on_a_page_and_anchor_that_exist(built_site):
    root = ET.parse(built_site / "feeds/amendments.xml").getroot()
    links = [link.get("href") for link in root.iter(f"{A}link")]
    for entry in root.findall(f"{A}entry"):
        links += re.findall(r'href="([^"]+)"', entry.findtext(f"{A}content"))
    assert len(links) > 40
    for url in links:
        page, fragment = urldefrag(url)
        target = resolve_local(built_site, page)
        assert target.is_file(), url
        if fragment:
            assert fragment in ids_in(target.read_text(encoding="utf-8")), url


def test_json_feed(built_site, real):
    feed = json.loads((built_site / "feeds/amendments.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [i["title"] for i in feed["items"]] == [r.heading for r in am.newest_first(real)]
    for item in feed["items"]:
        assert resolve_local(built_site, urldefrag(item["url"])[0]).is_file()


def test_every_page_advertises_the_feeds(built_site):
    for rel in ("index.html", "manual/neglect/index.html", "amendments/register/index.html"):
        html = (built_site / rel).read_text(encoding="utf-8")
        hrefs = re.findall(r'<link rel="alternate" type="application/(?:atom\+xml|feed\+json)"[^>]*href="([^"]+)"', html)
        assert len(hrefs) == 2, rel
        for href in hrefs:
            assert (built_site / rel).parent.joinpath(href).resolve().is_file(), (rel, href)


# --- badges and chapter history ------------------------------------------------------------------

def expected_badges(site) -> dict[str, str]:
    latest = am.releases(site)[-1]
    out: dict[str, str] = {}
    for e in latest.entries:
        if e.chapter is not None and e.chapter.status == "published" and e.change != "removed":
            out[e.chapter.url] = "new" if e.change == "new" or out.get(e.chapter.url) == "new" else "updated"
    return out


def test_contents_badges_are_exactly_the_latest_release(built_site, real):
    html = (built_site / "manual/index.html").read_text(encoding="utf-8")
    found = {}
    for row in re.findall(r"<tr>.*?</tr>", html, re.S):
        m = re.search(r'<a href="([^"]+)/">', row)
        badge = re.search(r'amend-badge--(new|updated)', row)
        if m and badge:
            found["manual/" + m.group(1).removeprefix("../").rstrip("/").split("/")[-1] + "/"] = badge.group(1)
    expected = expected_badges(real)
    assert expected and found == expected


def test_nav_badges_are_exactly_the_latest_release(built_site, real):
    expected = expected_badges(real)
    seen = {}
    for ch in real.chapters:
        if ch.status != "published":
            continue
        html = (built_site / ch.url / "index.html").read_text(encoding="utf-8")
        active = re.search(r'<label class="md-nav__link md-nav__link--active".*?</label>', html, re.S).group(0)
        status = re.search(r"md-status--(\w+)", active)
        if status:
            seen[ch.url] = status.group(1)
    assert seen == expected


def test_chapter_pages_show_their_latest_amendment_and_all_updates(built_site, real):
    ch = {c.id: c for c in real.chapters}
    html = (built_site / ch["1.10"].url / "index.html").read_text(encoding="utf-8")
    assert '<p class="amendment-note"><strong>Updated March 2024:</strong> Added learning from local reviews' in html
    updates = re.search(r'<ul class="chapter-updates">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r'<time datetime="([\d-]+)">', updates) == ["2024-03-31", "2022-03-31"]
    new = (built_site / ch["3.1"].url / "index.html").read_text(encoding="utf-8")
    assert "<strong>Added September 2023:</strong> New practice principles" in new
    archived = (built_site / ch["1.4.3"].url / "index.html").read_text(encoding="utf-8")
    assert "<strong>Removed November 2026:</strong>" in archived


# --- pages ---------------------------------------------------------------------------------------

def test_amendments_page_lists_the_latest_year_and_links_earlier_years(built_site, real):
    html = (built_site / "amendments/index.html").read_text(encoding="utf-8")
    latest = am.newest_first(real)[0]
    assert f'id="{latest.anchor}"' in html
    assert "Next update due: May 2027" in html and '<strong class="unconfirmed">to be confirmed</strong>' in html
    for year in am.archive_years(real):
        assert f'href="{year}/"' in html
        page = (built_site / f"amendments/{year}/index.html").read_text(encoding="utf-8")
        for r in am.releases(real):
            assert (f'id="{r.anchor}"' in page) == (r.year == year)
    y2024 = (built_site / "amendments/2024/index.html").read_text(encoding="utf-8")
    table = y2024[y2024.index('id="release-2024-03-31-updated"'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == 1 + 18  # header + the 18 chapters revised in 2023-24
    assert '<a href="../../manual/pre-birth-and-post-birth-planning/">1.10 Pre-Birth and Post Birth Planning</a>' in table


def test_register_page_offers_feeds_and_email_with_its_source(built_site):
    html = (built_site / "amendments/register/index.html").read_text(encoding="utf-8")
    assert 'href="../../feeds/amendments.xml"' in html and 'href="../../feeds/amendments.json"' in html
    assert "mailto:lrsdbo@leics.gov.uk?subject=Register%20for%20updates" in html
    assert "still to be confirmed" not in html
    assert re.search(r'<p class="amend-email__source">(Confirmed by the partnership|From [^<]+), checked \d{1,2} \w+ \d{4}\.</p>', html)
    assert f"{SITE_URL}feeds/amendments.xml" in html


# --- redirects and the URL manifest --------------------------------------------------------------

def test_every_redirect_in_the_real_site_lands_on_a_page(built_site, real):
    """The real log has no renamed or removed chapter today: then no page is a redirect.
    Redirects themselves are tested on a copy that has two (below)."""
    redirects = am.redirects(real)
    refresh = [p for p in built_site.rglob("*.html") if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")]
    assert len(refresh) == len(redirects), refresh
    for old, target in redirects:
        page = built_site / (old + "index.html" if old.endswith("/") else old)
        html = page.read_text(encoding="utf-8")
        href = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html).group(1)
        landed = (page.parent / href / "index.html").resolve()
        assert landed == (built_site / target.url / "index.html").resolve() and landed.is_file()


def test_manifest_lists_every_published_url(built_site):
    listed = [u for _, u in am.read_manifest(REPO / am.URL_MANIFEST)]
    built = published_urls(built_site)
    missing = sorted(set(built) - set(listed))
    assert missing == [], f"run 'procedures urls --update' and commit {am.URL_MANIFEST}: {missing}"
    gone = sorted(set(listed) - set(built))
    assert gone == []


def _copy_with_renames(project: Path) -> None:
    """2.2 moves to a new address; the archived 1.4.3 page is deleted; the log records both."""
    old, new = "bruising-marks-or-injury-of-concern-in-mobile-children", "bruising-in-mobile-children"
    (project / f"docs/manual/{old}.md").rename(project / f"docs/manual/{new}.md")
    for md in (project / "docs").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        if f"{old}.md" in text:
            md.write_text(text.replace(f"{old}.md", f"{new}.md"), encoding="utf-8")
    (project / "docs/manual/children-of-drug-and-alcohol-misusing-parents.md").unlink()
    log = project / "data/amendments.yml"
    text = log.read_text(encoding="utf-8")
    text = text.replace(
        '      - chapter: "1.4.3"\n        change: removed\n',
        '      - chapter: "1.4.3"\n        change: removed\n'
        '        previous_url: manual/children-of-drug-and-alcohol-misusing-parents/\n'
        '        replaced_by: "2.4"\n        title: Children of Drug and Alcohol Misusing Parents\n')
    text += ('      - chapter: "2.2"\n        change: renamed\n        summary: Moved to a shorter address.\n'
             f'        previous_url: manual/{old}/\n')
    log.write_text(text, encoding="utf-8")


def test_renamed_and_removed_chapters_redirect_to_pages_that_exist(project_copy, tmp_path):
    _copy_with_renames(project_copy)
    (project_copy / am.URL_MANIFEST).write_text((REPO / am.URL_MANIFEST).read_text(encoding="utf-8"), encoding="utf-8")
    site = load_site(project_copy)
    assert [str(p) for p in site.report.errors] == []
    out = tmp_path / "site"
    mkdocs_build(project_copy / "mkdocs.yml", out)
    check_url_manifest(site, out)  # every address in the real manifest still answers
    redirects = am.redirects(site)
    assert sorted(old for old, _ in redirects) == [
        "manual/bruising-marks-or-injury-of-concern-in-mobile-children/",
        "manual/children-of-drug-and-alcohol-misusing-parents/",
    ]
    for old, target in redirects:
        page = out / old / "index.html"
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html
        href = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', html).group(1)
        assert f'<a href="{href}">{target.label}</a>' in html
        landed = (page.parent / href / "index.html").resolve()
        assert landed == (out / target.url / "index.html").resolve() and landed.is_file()
        assert urljoin(SITE_URL + old, href) == SITE_URL + target.url


def test_a_url_dropped_without_redirect_fails_the_build(project_copy, tmp_path):
    old = "bruising-marks-or-injury-of-concern-in-mobile-children"
    _copy_with_renames(project_copy)
    log = project_copy / "data/amendments.yml"
    log.write_text(log.read_text(encoding="utf-8").replace(f"        previous_url: manual/{old}/\n", ""), encoding="utf-8")
    manifest = (REPO / am.URL_MANIFEST).read_text(encoding="utf-8")
    (project_copy / am.URL_MANIFEST).write_text(manifest, encoding="utf-8")
    n = manifest.splitlines().index(f"/manual/{old}/") + 1
    message = (f"urls.txt:{n}: /manual/{old}/ was published but this site no longer has a page there — add a 'renamed' "
               f"or 'removed' entry with previous_url: manual/{old}/ to data/amendments.yml so the old address "
               "redirects (or restore the page)")
    # `procedures check` already names it (chapters are checked from the sources) …
    assert message in [str(p) for p in load_site(project_copy).report.errors]
    # … and the build check names it too, for any page, and publishes nothing
    (project_copy / "docs/extra.md").write_text("# Extra\n\nA page that will disappear.\n", encoding="utf-8")
    (project_copy / am.URL_MANIFEST).write_text(manifest + "/extra/\n", encoding="utf-8")
    (project_copy / "docs/extra.md").unlink()
    log.write_text(log.read_text(encoding="utf-8").replace(
        "        summary: Moved to a shorter address.\n",
        f"        summary: Moved to a shorter address.\n        previous_url: manual/{old}/\n"), encoding="utf-8")
    out = tmp_path / "published"
    with pytest.raises(BuildFailed) as exc:
        build_site(project_copy, out, progress=lambda msg: None)
    extra_line = len(manifest.splitlines()) + 1
    assert str(exc.value) == (f"urls.txt:{extra_line}: /extra/ was published but this site no longer has a page there — "
                              "add '- old_url: extra/' with the new_page it moved to under moved_pages in "
                              "data/amendments.yml so the old address redirects (or restore the page)")
    assert not out.exists()
