import pytest

from procedures.core.yamlload import YamlSyntaxError, load_text, split_front_matter


def test_every_value_keeps_its_line():
    data, lines = load_text("a: 1\nb:\n  - x: 2\n    y: 3\n  - x: 4\n", "f.yml")
    assert data == {"a": 1, "b": [{"x": 2, "y": 3}, {"x": 4}]}
    assert lines.line_of(("a",)) == 1
    assert lines.line_of(("b", 0, "y")) == 4
    assert lines.line_of(("b", 1, "x")) == 5
    # an unknown child falls back to its nearest known parent
    assert lines.line_of(("b", 1, "missing")) == 5


def test_front_matter_offset_counts_the_opening_dashes():
    text = "---\ntitle: T\nid: '1.1'\n---\nBody\n"
    fm, body, body_line = split_front_matter(text)
    data, lines = load_text(fm, "docs/x.md", offset=1)
    assert lines.line_of(("id",)) == 3
    assert body == "Body\n" and body_line == 5


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a: 1\n\tb: 2\n", 2, "tab character"),
        ("title: \u201cSmart\u201d\n", 1, "smart"),
        ("a: \"open\nb: 2\n", 1, "never closed"),
        ("a 1\nb: 2\n", 1, "missing the ':'"),
        ("a: 1\nb: 2\n  c: 3\n", 3, "indented further"),
        ("k:\n  - a: 1\n   b: 2\n", 3, "indentation"),
        ("key : 1\n", 1, "space before its ':'"),
        ("a: 1\na: 2\n", 2, "appears twice"),
        ("title: Section 47: enquiries\n", 1, "put the whole value in quotes"),
    ],
)
def test_syntax_mistakes_get_one_plain_line(text, line, fragment):
    with pytest.raises(YamlSyntaxError) as info:
        load_text(text, "f.yml")
    assert info.value.line == line
    assert fragment in info.value.message


def test_unsafe_tags_are_refused():
    with pytest.raises(YamlSyntaxError):
        load_text("a: !!python/object/apply:os.system ['true']\n", "f.yml")
