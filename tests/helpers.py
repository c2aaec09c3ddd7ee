"""Small helpers for tests that break a copy of the project on purpose."""

from __future__ import annotations

from pathlib import Path

from procedures.core.site import load_site


def edit(project: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` with ``new`` in a project file; fail loudly if ``old`` is absent."""
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not found in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    """1-based line number of the first line containing ``needle``."""
    for i, line in enumerate((project / rel).read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"test setup: {needle!r} not in {rel}")


def problems(project: Path) -> list[str]:
    return load_site(project).report.lines()


def errors(project: Path) -> list[str]:
    return [str(p) for p in load_site(project).report.errors]


def page_scripts(site_dir: Path, page_html: str, page_dir: str) -> list[str]:
    """The site scripts a built page runs, as paths from the site root, in order: each
    ``<script src>`` of the page, and for the joined site script
    (``assets/javascripts/site.<hash>.js``, procedures/lean/js.py) the files it holds."""
    import posixpath
    import re

    out = []
    for src in re.findall(r'<script src="([^"]+)"', page_html):
        path = posixpath.normpath(posixpath.join(page_dir, src))
        out.append(path)
        if re.fullmatch(r"assets/javascripts/site\.[0-9a-f]{12}\.js", path):
            out += re.findall(r"^/\* (assets/javascripts/[^ ]+\.js) \*/$", (site_dir / path).read_text(encoding="utf-8"), re.M)
    return out
