"""procedures.htmlfix: exactly Material's invalid attributes go, and nothing else."""

from __future__ import annotations

from procedures.htmlfix import fix_html, fix_site

SKIP = '<div data-md-component="skip">\n    </div>'


def test_autocomplete_goes_from_checkboxes_only():
    html = ('<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" name="query" autocomplete="off">')
    out = fix_html(html)
    assert '<input class="md-toggle" type="checkbox" id="__drawer">' in out
    assert '<input type="text" name="query" autocomplete="off">' in out


def test_empty_tabindex_goes_and_a_real_one_stays():
    out = fix_html('<label class="md-nav__link" for="__nav_2" tabindex="">x</label><label tabindex="0">y</label>')
    assert out == '<label class="md-nav__link" for="__nav_2">x</label><label tabindex="0">y</label>'


def test_toc_label_loses_its_for_only_when_the_toggle_is_missing():
    label = '<label class="md-nav__title" for="__toc">Table of contents</label>'
    assert fix_html(label) == '<label class="md-nav__title">Table of contents</label>'
    with_toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + label
    assert fix_html(with_toggle) == with_toggle


def test_a_page_without_a_skip_link_gets_one_to_its_heading():
    out = fix_html(SKIP + '<h1 id="page-not-found">Page not found</h1>')
    assert '<div data-md-component="skip"><a href="#page-not-found" class="md-skip">Skip to content</a></div>' in out
    existing = '<div data-md-component="skip"><a href="#x" class="md-skip">Skip to content</a></div><h1 id="x">X</h1>'
    assert fix_html(existing) == existing


def test_fix_site_rewrites_only_pages_that_change(tmp_path):
    (tmp_path / "a.html").write_text('<input type="checkbox" autocomplete="off">')
    (tmp_path / "b.html").write_text("<p>fine</p>")
    assert fix_site(None, tmp_path) == 1
    assert (tmp_path / "a.html").read_text() == '<input type="checkbox">'
