"""What the preview reuses between saves: front matter parsed before, and the raw-HTML
check of a page whose text has not changed. Each caller gets its own copy, a changed text
is read afresh, and a mistake is reported every time, not once."""

from __future__ import annotations

import pytest

from procedures.core import yamlload
from procedures.core.yamlload import YamlSyntaxError, load_text
from procedures.security.rawhtml import problems_in


def test_a_caller_changing_what_it_was_given_does_not_change_the_next_answer():
    text = "title: Neglect\nkeywords:\n  - neglect\n  - hunger\n"
    first, lines = load_text(text, "docs/manual/neglect.md", offset=1)
    first["title"] = "changed"
    first["keywords"].append("added")
    lines.by_path[("title",)] = 99
    again, lines_again = load_text(text, "docs/manual/neglect.md", offset=1)
    assert again == {"title": "Neglect", "keywords": ["neglect", "hunger"]}
    assert lines_again.by_path[("title",)] == 1
    assert lines_again.file == "docs/manual/neglect.md" and lines_again.offset == 1


def test_the_same_text_is_parsed_once_and_a_changed_text_again(monkeypatch):
    calls = []
    real = yamlload._parse
    monkeypatch.setattr(yamlload, "_parse", lambda *a: calls.append(a) or real(*a))
    text = "title: Cache check one\n"
    assert load_text(text, "a.md")[0] == {"title": "Cache check one"}
    assert load_text(text, "a.md")[0] == {"title": "Cache check one"}
    assert len(calls) == 1
    assert load_text("title: Cache check two\n", "a.md")[0] == {"title": "Cache check two"}
    assert len(calls) == 2
    # the same text in another file: its own line numbers and file name
    assert load_text(text, "b.md")[1].file == "b.md"
    assert len(calls) == 3


def test_a_mistake_is_reported_on_every_read():
    bad = "title: [unclosed\n"
    for _ in range(2):
        with pytest.raises(YamlSyntaxError):
            load_text(bad, "docs/manual/x.md")


def test_the_raw_html_check_answers_for_the_text_it_is_given():
    clean = "Some text.\n"
    bad = "Some text.\n\n<script>alert(1)</script>\n"
    assert problems_in(clean) == []
    found = problems_in(bad)
    assert found and found[0][0] == 3
    found.clear()  # the caller's own list
    assert problems_in(bad) and problems_in(bad)[0][0] == 3
    assert problems_in(clean) == []
