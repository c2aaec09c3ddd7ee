"""The mistake corpus (procedures/editor/mistakes.py): every mistake an editor really makes is
made in a copy of the project, and ``procedures check`` must report it in one line with
the file, the line and the fix — exactly as the error catalogue in the editor guide
shows it."""

from __future__ import annotations

import re

import pytest

from procedures.editor.editing import check_project
from procedures.editor.mistakes import GROUPS, MISTAKES, Mistake
from tests.conftest import REPO, copy_project

LINE = re.compile(r"^(?P<file>[^:\s]+)(?::(?P<line>\d+))?: (?P<text>.+)$")


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """One copy of the project for the whole module; each test restores what it changed."""
    root = copy_project(tmp_path_factory.mktemp("mistakes") / "project")
    site, _ = check_project(root)
    root_baseline = set(site.report.lines())
    return root, root_baseline


def test_the_corpus_is_big_and_varied():
    assert len(MISTAKES) >= 40
    keys = [m.key for m in MISTAKES]
    assert len(keys) == len(set(keys)), "every mistake has its own key (it is the catalogue's anchor)"
    assert {m.group for m in MISTAKES} <= set(GROUPS)
    # the mistakes the issue names are all there
    for key in ("tab-indent", "indent-too-deep", "missing-colon", "date-dd-mm-yyyy", "related-typo",
                "rotation-name-not-delegate", "rotation-duplicate-year", "unclosed-quote", "smart-quotes",
                "space-before-colon", "empty-title", "link-renamed-page", "macro-braces", "unknown-key",
                "duplicate-id", "review-before-last"):
        assert key in keys


def test_every_mistake_applies_to_the_real_project():
    """A mistake whose file exists must still find its text (the content may have moved on)."""
    for m in MISTAKES:
        if m.applies(REPO) and m.find:
            assert m.find in (REPO / m.file).read_text(encoding="utf-8"), (
                f"mistake '{m.key}': {m.find!r} is no longer in {m.file} — update procedures/editor/mistakes.py")


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.key for m in MISTAKES])
def test_mistake_gives_one_line_with_file_line_and_fix(project, mistake: Mistake):
    root, baseline = project
    if mistake.stage != "check":
        pytest.skip("only a build meets this mistake: tests/unit/test_editor_input_safety.py makes it")
    if mistake.needs == ".git":
        pytest.skip("needs the git history of urls.txt: tests/unit/test_editor_input_safety.py makes it")
    assert mistake.applies(root), f"{mistake.needs} no longer exists — update mistake '{mistake.key}' in procedures/editor/mistakes.py"
    path = root / mistake.file
    original = path.read_text(encoding="utf-8") if path.exists() else None
    try:
        line = mistake.apply(root)
        site, _ = check_project(root)
    finally:
        if original is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(original, encoding="utf-8")
    new = [p for p in site.report.lines() if p not in baseline]
    new_errors = [str(p) for p in site.report.errors if str(p) not in baseline]
    shown = "\n".join(new) or "(nothing)"
    assert any(mistake.matches(p, line) for p in new), (
        f"expected {mistake.where}:{line}: {mistake.message}\ngot:\n{shown}")
    if mistake.severity == "error":
        assert 1 <= len(new_errors) <= mistake.errors, f"too many knock-on errors:\n{shown}"
    else:
        assert new_errors == [], f"a warning must not stop the build:\n{shown}"
    for problem in new:
        m = LINE.match(problem)
        assert m and "\n" not in problem, f"not one 'file:line: message' line: {problem!r}"
        assert (root / m.group("file")).exists() or m.group("file") == mistake.file


def test_the_real_project_has_no_problems_the_corpus_would_hide(project):
    """The corpus compares against a baseline: the baseline of the real content is clean."""
    _root, baseline = project
    assert not [p for p in baseline if ": warning: " not in p], "\n".join(sorted(baseline))


def test_restoring_leaves_the_copy_as_it_was(project):
    root, baseline = project
    site, _ = check_project(root)
    assert set(site.report.lines()) == baseline
    assert not (root / "data" / "contacts-old.yml").exists()


def test_catalogue_renders_every_applicable_mistake():
    from procedures.core.site import load_site
    from procedures.editor.mistakes import catalogue

    text = catalogue(load_site(REPO))
    applicable = [m for m in MISTAKES if m.applies(REPO)]
    for m in applicable:
        assert f"{{ #{m.key} }}" in text, m.key
    assert text.count('<pre class="mistake-example">') == len(applicable)
    assert text.count('<p class="mistake-message">') == len(applicable)
    # no raw template braces reach the page: they are written as HTML entities
    assert "{{" not in text and "{%" not in text
    assert "&#123;&#123; name &#125;&#125;" in text  # the '{{' mistake is still shown faithfully
