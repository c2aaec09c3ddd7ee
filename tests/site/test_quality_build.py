"""The built site: every internal link resolves, the security headers cover every
inline script, the 404 page helps, and the accessibility statement shows the results."""

from __future__ import annotations

import re

from procedures import security
from procedures.core.linkcheck import check_site
from tests.browser.quality import RESULTS
from tests.conftest import REPO

SITE_URL = "https://procedures.example.org/"


def test_every_internal_link_and_fragment_resolves(built_site):
    pages = sum(1 for _ in built_site.rglob("*.html"))
    broken = check_site(built_site, SITE_URL)
    RESULTS.record("links", "every internal link and #fragment in every page, feed, redirect and the sitemap",
                   not broken, f"{len(broken)} broken links in {pages} pages")
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(map(str, broken[:40]))


def test_headers_files_are_written_and_cover_every_inline_script(built_site):
    headers = security.parse_headers_file((built_site / security.HEADERS_FILE).read_text())["/*"]
    csp = headers["Content-Security-Policy"]
    scripts = [s for f in built_site.rglob("*.html") for s in security.inline_scripts(f.read_text())]
    assert scripts, "Material writes inline scripts: finding none means the scan is broken"
    for script in set(scripts):
        assert security.csp_hash(script) in csp, f"inline script not allowed by the CSP: {script[:80]!r}"
    nginx = (built_site / security.NGINX_FILE).read_text()
    assert sum(line.startswith("add_header ") for line in nginx.splitlines()) == len(headers)


def test_no_page_loads_anything_from_another_host(built_site):
    """The browser full pass proves it by request; this finds the cause in the HTML."""
    external = re.compile(r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)
    offenders = []
    for f in built_site.rglob("*.html"):
        for m in external.finditer(f.read_text()):
            tag = m.group(0)
            if tag.lower().startswith("<link") and re.search(r"""rel=["'](?:canonical|alternate)""", tag):
                continue  # links to this page's own address, not fetched
            offenders.append(f"{f.relative_to(built_site)}: {tag}")
    assert not offenders, "\n".join(offenders[:20])


def test_404_page_offers_search_the_contents_and_who_to_call(built_site):
    html = (built_site / "404.html").read_text()
    assert "<h1 id=\"page-not-found\">Page not found</h1>" in html
    assert 'class="md-skip">Skip to content</a>' in html
    assert 'href="/manual/">Contents of the procedures manual</a>' in html
    assert 'action="/search/" method="get" role="search"' in html and 'id="notfound-q" name="q"' in html
    assert 'id="worried-heading"' in html and 'href="tel:999"' in html
    assert "Worried about a child?" in html


def test_accessibility_statement_shows_the_recorded_test_run(built_site):
    html = (built_site / "accessibility" / "index.html").read_text()
    assert "This website was last tested on <strong>" in html
    for heading in ("Feedback and contact information", "Enforcement procedure", "Compliance status",
                    "Non-accessible content", "Preparation of this statement"):
        assert heading in html, heading
    assert "Equality Advisory and Support Service" in html
    assert "Response time to be confirmed" in html  # the partnership has not set one: say so


def test_a_description_with_quotes_stays_one_attribute(built_site):
    """Material prints page.meta.description unescaped; the plugin escapes it."""
    from html.parser import HTMLParser

    metas: list[dict] = []

    class Meta(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "meta" and dict(attrs).get("name") == "description":
                metas.append(dict(attrs))

    Meta().feed((built_site / "using-the-manual" / "index.html").read_text())
    assert len(metas) == 1 and set(metas[0]) == {"name", "content"}
    assert 'what "must" and "should" mean' in metas[0]["content"]


def test_no_analytics_by_default():
    """Analytics would report visits to someone: none unless the partnership opts in
    (and then with consent, documented in the accessibility and privacy pages)."""
    import yaml

    text = (REPO / "mkdocs.yml").read_text()
    config = yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader: mkdocs.yml may carry !ENV tags
    assert "analytics" not in (config.get("extra") or {}), "extra.analytics is set in mkdocs.yml"
    assert "consent" not in (config.get("extra") or {})
