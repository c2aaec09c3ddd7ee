"""The fast link check of `procedures check`: links between pages and to their headings,
each broken one named with its file and line; code, other sites and files left alone."""

from __future__ import annotations

from procedures.editor.editing import check_project

PAGE = "docs/editors/link-test.md"

BODY = """---
title: Link test
---

# Link test

## Before you start {#start}

## What to do

## What to do

A good link to [Neglect](../manual/neglect.md) and to [a heading](../manual/neglect.md#4-what-to-do).
A link to [this page's heading](#what-to-do_1), to [an explicit id](#start) and [the glossary](../glossary.md).
Not checked here: [a site](https://www.gov.uk/), [mail](mailto:someone@example.org), ![a logo](../assets/images/logo.svg),
[a PDF](../arrangements/arrangements.pdf) and [a folder](../manual/).

`[in code](missing-in-code.md)` is code, not a link.

```
[in a fence](missing-in-fence.md)
```

[ref]: ../manual/domestic-abuse.md
"""


def problems(root) -> list[str]:
    site, checked = check_project(root)
    return [str(p) for p in site.report.problems if p.file == PAGE], checked


def test_good_links_pass_and_code_is_ignored(project_copy):
    (project_copy / PAGE).write_text(BODY, encoding="utf-8")
    found, checked = problems(project_copy)
    assert found == []
    assert checked > 300  # every page's links were checked, not just this one


def test_each_broken_link_is_named_with_its_line(project_copy):
    text = BODY + (
        "\nSee [old name](../manual/recognising-abuse.md).\n"                # line 26
        "See [no heading](link-test.md#9-nothing-here).\n"                   # line 27
        "See [no heading here](#what-not-to-do).\n"                          # line 28
        "See [a draft](../manual/transitional-safeguarding.md).\n"           # line 29
        "[old]: ../manual/neglected.md\n"                                    # line 30
    )
    (project_copy / PAGE).write_text(text, encoding="utf-8")
    found, _ = problems(project_copy)
    assert found == [
        f"{PAGE}:26: the link '../manual/recognising-abuse.md' goes to a page that does not exist (docs/manual/recognising-abuse.md) — did you mean '../manual/recognising-abuse-and-neglect.md'?",
        f"{PAGE}:27: the link 'link-test.md#9-nothing-here' goes to a heading '#9-nothing-here' that is not on that page — link to one of its headings (#link-test, #start, #what-to-do, #what-to-do_1) or to the page without the '#…' part",
        f"{PAGE}:28: the link '#what-not-to-do' goes to a heading '#what-not-to-do' that is not on that page — did you mean '#what-to-do'?",
        f"{PAGE}:29: the link '../manual/transitional-safeguarding.md' goes to a draft chapter, which is not published — remove the link until that chapter is published",
        f"{PAGE}:30: the link '../manual/neglected.md' goes to a page that does not exist (docs/manual/neglected.md) — did you mean '../manual/neglect.md'?",
    ]


def test_a_draft_may_link_to_a_draft(project_copy):
    draft = project_copy / "docs/manual/transitional-safeguarding.md"
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text + "\nSee [itself](transitional-safeguarding.md).\n", encoding="utf-8")
    site, _ = check_project(project_copy)
    assert not [p for p in site.report.errors if p.file == "docs/manual/transitional-safeguarding.md"]


def test_links_to_a_page_whose_front_matter_is_broken_report_only_that_page(project_copy):
    path = project_copy / "docs/manual/domestic-abuse.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Domestic Abuse\n", "title: \"Domestic Abuse\n", 1), encoding="utf-8")
    site, _ = check_project(project_copy)
    assert [str(p) for p in site.report.errors] == [
        "docs/manual/domestic-abuse.md:3: front matter: a quoted value is never closed — add the closing quote at the end of the value",
    ]


def test_chapter_template_headings_are_valid_targets(project_copy):
    (project_copy / PAGE).write_text(BODY + "\nSee [related](../manual/neglect.md#related-heading).\n", encoding="utf-8")
    found, _ = problems(project_copy)
    assert found == []


def test_a_page_linked_to_many_times_has_its_headings_worked_out_once(project_copy, monkeypatch):
    """Many chapters link into the same chapter: its headings are read once per check, and
    every bad heading link to it is still reported on its own line."""
    import procedures.core.links as links

    counted: list = []
    real = links.anchors_in
    monkeypatch.setattr(links, "anchors_in", lambda page: counted.append(page.path) or real(page))
    text = BODY + (
        "\nSee [first](../manual/neglect.md#no-such-heading).\n"           # line 26
        "See [second](../manual/neglect.md#nor-this-one).\n"               # line 27
        "See [good again](../manual/neglect.md#4-what-to-do).\n"           # line 28
    )
    (project_copy / PAGE).write_text(text, encoding="utf-8")
    found, _ = problems(project_copy)
    assert [p.split(" — ")[0] for p in found] == [
        f"{PAGE}:26: the link '../manual/neglect.md#no-such-heading' goes to a heading '#no-such-heading' that is not on that page",
        f"{PAGE}:27: the link '../manual/neglect.md#nor-this-one' goes to a heading '#nor-this-one' that is not on that page",
    ]
    neglect = project_copy / "docs/manual/neglect.md"
    assert counted.count(neglect) == 1, f"neglect.md's headings were worked out {counted.count(neglect)} times"
    assert len(counted) == len(set(counted)), "some page's headings were worked out more than once"
