"""procedures.security.rawhtml: the raw-HTML allow-list for Markdown pages."""

from __future__ import annotations

import pytest

from procedures.security.rawhtml import problems_in


def messages(body: str) -> list[str]:
    return [f"{line}: {msg}" for line, msg in problems_in(body)]


def test_harmless_html_and_plain_markdown_pass():
    body = "\n".join([
        "# Title",
        "",
        '<details class="note" markdown="1"><summary>More</summary>',
        "",
        'Press <kbd>Ctrl</kbd>+<kbd>C</kbd>; <abbr title="Local Authority Designated Officer">LADO</abbr>.<br>',
        "H<sub>2</sub>O and x<sup>2</sup>; a < b and c > d.",
        '<span class="lead">Lead</span> <div class="grid" id="g"></div>',
        '<table><thead><tr><th scope="col" colspan="2">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
        "",
        "</details>",
        "[a page](neglect.md) [a site](https://www.gov.uk/) [mail](mailto:x@example.org) [call](tel:999)",
        "![Chart](../images/chart.png) <https://www.gov.uk/> <someone@example.org>",
        "`<script>alert(1)</script>` in a code span is text",
        "```html",
        "<script>alert(1)</script>",
        "```",
        "A heading attribute {: #anchor .class }",
    ])
    assert messages(body) == []


@pytest.mark.parametrize("snippet, expected", [
    ("<script>alert(1)</script>", "<script> is not allowed in a page: pages cannot run scripts"),
    ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<script> is not allowed"),
    ('<img src="x.png" alt="" onerror="alert(2)">', "<img>: the 'onerror' attribute would run a script"),
    ('<a href="javascript:alert(1)">x</a>', "<a>: a 'javascript:' address can run code"),
    ('<a href="jav&#x09;ascript:alert(1)">x</a>', "<a>: a 'javascript:' address can run code"),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', "<a>: a 'javascript:' address"),
    ("[x](javascript:alert(1))", "a 'javascript:' address can run code"),
    ("[x]: data:text/html;base64,PHNjcmlwdD4=", "a 'data:' address"),
    ("![x](https://other.example/x.png)", "the image would be fetched from another site"),
    ('<img src="//other.example/x.png" alt="">', "<img>: the image would be fetched from another site"),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', "<iframe> is not allowed in a page: content embedded"),
    ("<object data=x.swf></object>", "<object> is not allowed"),
    ('<embed src="x.swf">', "<embed> is not allowed"),
    ("<video src=a.mp4></video>", "<video> is not allowed"),
    ("<style>body{display:none}</style>", "<style> is not allowed in a page: pages cannot carry their own styles"),
    ('<form action="https://x.example"><input name=q></form>', "<form> is not allowed in a page: forms cannot"),
    ('<span style="color:red">x</span>', "<span>: the 'style' attribute is blocked"),
    ("<marquee>x</marquee>", "<marquee> is not an element pages may use"),
    ('<div data-x="1">x</div>', "<div>: the attribute 'data-x' is not allowed on <div>"),
    ('<svg onload="alert(1)"></svg>', "<svg> is not allowed"),
    ('[x](neglect.md){: onclick="alert(1)" }', "{: … }: the 'onclick' attribute would run a script"),
    ('## Heading {: style="color:red" }', "{: … }: the 'style' attribute is blocked"),
])
def test_refused_html_names_the_line_and_what_to_do(snippet, expected):
    found = messages(f"Intro.\n\n{snippet}\n")
    assert found, snippet
    assert found[0].startswith(f"3: {expected}"), found
    assert all(" — " in m for m in found), "every message says what to do after the dash"


def test_lines_are_counted_in_the_body():
    assert [line for line, _ in problems_in("a\nb\n\n<script>x()</script>\n")] == [4]
