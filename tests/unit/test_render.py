"""Text from YAML and front matter is escaped wherever it is rendered."""

from markupsafe import Markup

from procedures.core.render import md_escape, relative_link, render_html


def test_markdown_escape_blocks_html_and_markdown_injection():
    out = md_escape("Children's <script>alert(1)</script> [x](y) *b* {{ x }}")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert r"\[x\](y)" in out and r"\*b\*" in out and r"\{\{" in out
    assert "Children's" in out  # quotes stay readable (no &#39; in headings or contents)


def test_markup_passes_through_unchanged():
    assert md_escape(Markup("<span>ok</span>")) == "<span>ok</span>"


def test_relative_links_between_docs():
    assert relative_link("manual/neglect.md", "manual/") == "neglect.md"
    assert relative_link("thresholds/index.md", "manual/") == "../thresholds/index.md"


def test_html_templates_autoescape_and_stay_flush_left():
    from procedures.glossary.models import Term

    html = render_html("glossary.html", letters={"X": [Term(term="X<b>", definition="a & b <i>")]},
                       anchor=lambda t: "term-x")
    assert "X&lt;b&gt;" in html and "a &amp; b &lt;i&gt;" in html
    assert all(line == line.lstrip() for line in html.splitlines())
    assert "\n\n" not in html
