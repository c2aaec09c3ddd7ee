"""Print pages filled with the chapters' finished HTML (procedures/wholemanual/fill.py):
headings moved down, ids made unique per chapter with their references, links made to
work from the print page, code left alone, and a missing place or chapter refused."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from procedures.wholemanual.fill import chapter_html, fill_pages

CHAPTER = (
    '<h2 id="1-introduction">1. Introduction<a class="headerlink" href="#1-introduction" title="Link">&para;</a></h2>\n'
    '<p>See <a href="#3-referral">section 3</a>, <a href="../local-contacts/#leicester">the contacts</a>, '
    '<a href="../../glossary/">the glossary</a>, <a href="https://www.gov.uk/x">GOV.UK</a>, '
    '<a href="mailto:a@b.org">mail</a> and <a href="/absolute/">this</a>.<sup id="fnref:1">'
    '<a class="footnote-ref" href="#fn:1">1</a></sup></p>\n'
    '<img alt="" src="../../assets/images/flow.png" width="10" height="10">\n'
    '<h3 id="3-referral">3. Referral</h3>\n<label for="q">Q</label>\n'
    '<div aria-labelledby="1-introduction 3-referral"></div>\n'
    '<pre><code>&lt;a href="#keep"&gt; id="keep" &lt;h2&gt;</code></pre>\n'
    '<p>Inline <code>href="../x/"</code>.</p>\n'
    '<h6 id="deep">Deep</h6>\n'
    '<div class="footnote"><ol><li id="fn:1"><p>Note <a class="footnote-backref" href="#fnref:1">&#8617;</a></p></li></ol></div>\n'
)


def test_a_chapter_goes_into_its_print_page_with_headings_ids_and_links_made_to_work_there():
    out = chapter_html(CHAPTER, "manual/neglect/", "print/manual/section-2/", "p4-")
    # headings two levels down (at most h6); no "link to this section" anchors
    assert '<h4 id="p4-1-introduction">1. Introduction</h4>' in out
    assert '<h5 id="p4-3-referral">3. Referral</h5>' in out and '<h6 id="p4-deep">Deep</h6>' in out
    assert "headerlink" not in out
    # ids and what points to them prefixed together
    assert '<a href="#p4-3-referral">section 3</a>' in out
    assert 'id="p4-fnref:1"' in out and 'href="#p4-fn:1"' in out and 'id="p4-fn:1"' in out and 'href="#p4-fnref:1"' in out
    assert 'for="p4-q"' in out and 'aria-labelledby="p4-1-introduction p4-3-referral"' in out
    # relative links and images from the print page's folder; a fragment to another page kept
    assert 'href="../../../manual/local-contacts/#leicester"' in out
    assert 'href="../../../glossary/"' in out
    assert 'src="../../../assets/images/flow.png" width="10"' in out
    # other hosts, mail and absolute addresses unchanged
    assert 'href="https://www.gov.uk/x"' in out and 'href="mailto:a@b.org"' in out and 'href="/absolute/"' in out
    # code is text: left exactly as it was
    assert '<pre><code>&lt;a href="#keep"&gt; id="keep" &lt;h2&gt;</code></pre>' in out
    assert '<code>href="../x/"</code>' in out


def test_links_from_a_page_without_directory_urls_start_from_its_folder():
    out = chapter_html('<a href="local-contacts.html#x">c</a>', "manual/neglect.html", "print/manual/section-2.html", "p1-")
    assert out == '<a href="../../manual/local-contacts.html#x">c</a>'


def _files(pages: dict):
    return SimpleNamespace(get_file_from_path=lambda src: SimpleNamespace(page=pages[src]) if src in pages else None)


def test_each_place_on_the_print_page_gets_its_chapter_s_html():
    chapter = SimpleNamespace(content='<h2 id="a">A</h2>', url="manual/one/")
    other = SimpleNamespace(content='<h2 id="a">B</h2>', url="manual/two/")
    page = SimpleNamespace(content="<h3>1.1</h3>\n<p>TOKEN1</p>\n<h3>1.2</h3>\n<p>TOKEN2</p>", url="print/manual/section-1/")
    site = SimpleNamespace(extra={"print_slots": {"print/manual/section-1.md": [
        ("TOKEN1", "manual/one.md"), ("TOKEN2", "manual/two.md")]}})
    fill_pages(site, _files({"print/manual/section-1.md": page, "manual/one.md": chapter, "manual/two.md": other}))
    assert page.content == '<h3>1.1</h3>\n<h4 id="p1-a">A</h4>\n<h3>1.2</h3>\n<h4 id="p2-a">B</h4>'
    assert "print_slots" not in site.extra  # used once


def test_a_chapter_that_was_not_built_or_a_lost_place_is_refused_in_one_line():
    from mkdocs.exceptions import PluginError

    page = SimpleNamespace(content="<p>TOKEN1</p>", url="print/manual/section-1/")
    site = SimpleNamespace(extra={"print_slots": {"print/manual/section-1.md": [("TOKEN1", "manual/one.md")]}})
    with pytest.raises(PluginError, match="manual/one.md was not built"):
        fill_pages(site, _files({"print/manual/section-1.md": page}))
    chapter = SimpleNamespace(content="<p>x</p>", url="manual/one/")
    page.content = "<p>nothing here</p>"
    site.extra["print_slots"] = {"print/manual/section-1.md": [("TOKEN1", "manual/one.md")]}
    with pytest.raises(PluginError, match="the place for manual/one.md is missing"):
        fill_pages(site, _files({"print/manual/section-1.md": page, "manual/one.md": chapter}))
