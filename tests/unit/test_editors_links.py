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
