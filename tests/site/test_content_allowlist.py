"""Issue 17: the built pages hold nothing outside the allow-list, and nothing the
Content-Security-Policy would have to block.

* In every page's content area (``<article class="md-content__inner">``) each element is
  on the editors' allow-list (procedures/security/rawhtml.py ALLOWED) or one the
  project's own templates write (TEMPLATE_ELEMENTS), each attribute likewise, and no
  attribute runs a script, carries a style or points at code or another host.
* Scripts in the content area are files from this site or JSON data, never inline code.
* No page anywhere has a ``style=""`` attribute (``style-src 'self'`` blocks them: table
  alignment is written as classes), and every page carries the policy as a <meta>.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from procedures.security.rawhtml import (
    ALLOWED,
    TEMPLATE_ELEMENTS,
    attribute_problem,
    built_attribute_allowed,
    is_other_host,
)

pytestmark = pytest.mark.slow

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "path"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = None  # open elements inside the content area; None = outside it
        self.content: list[tuple[str, list[tuple[str, str | None]], int]] = []
        self.styled: list[str] = []
        self.meta_csp = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "style" in a:
            self.styled.append(f"<{tag} style={a['style']!r}>")
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.meta_csp += 1
        if self.depth is None:
            if tag == "article" and "md-content__inner" in (a.get("class") or "").split():
                self.depth = 0
            return
        self.content.append((tag, attrs, self.getpos()[0]))
        if tag not in VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.depth and tag not in VOID:
            self.depth -= 1

    def handle_endtag(self, tag):
        if self.depth is None or tag in VOID:
            return
        if self.depth == 0:
            self.depth = None if tag == "article" else 0
        else:
            self.depth -= 1


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p


@pytest.fixture(scope="module")
def pages(built_site):
    found = {p.relative_to(built_site).as_posix(): parse(p) for p in sorted(built_site.rglob("*.html"))
             if not p.relative_to(built_site).as_posix().startswith(("assets/", "pagefind/"))}
    assert len(found) > 50
    return found


def test_content_area_holds_only_allowed_elements_and_attributes(pages):
    offenders = []
    with_content = 0
    for rel, page in pages.items():
        with_content += bool(page.content)
        for tag, attrs, line in page.content:
            where = f"{rel}:{line}: <{tag}>"
            if tag not in ALLOWED and tag not in TEMPLATE_ELEMENTS:
                offenders.append(f"{where} is on no allow-list")
            a = dict(attrs)
            for name, value in attrs:
                if not built_attribute_allowed(tag, name):
                    offenders.append(f"{where} attribute {name!r} is on no allow-list")
                problem = attribute_problem("*", name, value)
                if problem and not (tag == "script" and name == "src"):
                    offenders.append(f"{where} {name}={value!r}: {problem}")
            if tag == "script":
                if "src" in a:
                    if is_other_host(a["src"] or ""):
                        offenders.append(f"{where} loads a script from another host")
                elif (a.get("type") or "") != "application/json":
                    offenders.append(f"{where} is an inline script")
    assert with_content > 50, "no content areas found: the parser is not finding <article class=md-content__inner>"
    assert offenders == []


def test_no_page_has_an_inline_style_the_policy_would_block(pages):
    styled = [f"{rel}: {s}" for rel, page in pages.items() for s in page.styled]
    assert styled == []


def test_aligned_tables_use_classes(built_site):
    html = (built_site / "developers/performance/index.html").read_text(encoding="utf-8")
    assert 'class="align-right"' in html


def test_every_page_carries_the_policy_as_a_meta(pages):
    assert [rel for rel, page in pages.items() if page.meta_csp != 1] == []
