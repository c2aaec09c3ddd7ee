"""Issue 17: no editor input can run a script, replace a page or crash the build without a
one-line error. Each mistake is made in a copy of the project that already has a built
``site/``; ``procedures check`` and ``procedures build`` must both exit 1 with the one
line the error catalogue shows, no traceback, and leave ``site/`` exactly as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from procedures import cli
from procedures.mistakes import MISTAKES, Mistake
from tests.conftest import copy_project

# the mistakes issue 17 added to the corpus (procedures/mistakes.py)
ISSUE17 = ["same-address-twice", "html-script", "html-event-handler", "javascript-link", "image-other-host",
           "video-frame", "inline-style"]
BY_KEY = {m.key: m for m in MISTAKES}


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("issue17") / "project")
    (root / "site" / "manual").mkdir(parents=True)
    (root / "site" / "index.html").write_text("<!doctype html><title>the previous build</title>\n", encoding="utf-8")
    (root / "site" / "manual" / "index.html").write_text("previous chapter list\n", encoding="utf-8")
    return root


def run(root: Path, capsys, *args: str) -> tuple[int, list[str]]:
    capsys.readouterr()
    rc = cli.main(["--root", str(root), *args])
    out = capsys.readouterr()
    text = out.err + out.out
    assert "Traceback" not in text, text
    return rc, [line for line in text.splitlines() if line.strip()]


def made(root: Path, mistake: Mistake):
    """Make the mistake; return (line it names, restore())."""
    path = root / mistake.file
    original = path.read_bytes() if path.exists() else None
    line = mistake.apply(root)

    def restore():
        if original is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(original)

    return line, restore


@pytest.mark.parametrize("key", ISSUE17)
def test_mistake_is_refused_in_one_line_and_site_is_unchanged(project, capsys, key):
    mistake = BY_KEY[key]
    root = project
    before = snapshot(root / "site")
    line, restore = made(root, mistake)
    try:
        rc, lines = run(root, capsys, "check")
        assert rc == 1, "\n".join(lines)
        assert any(mistake.matches(p, line) for p in lines), (
            f"expected {mistake.where}:{line}: {mistake.message}\ngot:\n" + "\n".join(lines))
        rc, lines = run(root, capsys, "build")
        assert rc == 1, "\n".join(lines)
        assert any(mistake.matches(p, line) for p in lines), "\n".join(lines)
        assert lines[-1] == "The build failed; the previous site/ was left as it was."
    finally:
        restore()
    assert snapshot(root / "site") == before
    assert not list(root.glob(".site-build-*"))


def test_generated_files_cannot_share_an_address_either(tmp_path):
    """The build-time check sees the final file list, pages added by plug-ins included."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File, Files

    from procedures.security import urls

    cfg = MkDocsConfig()
    cfg.load_dict({"site_name": "x", "docs_dir": str(tmp_path), "site_dir": str(tmp_path / "out")})
    cfg.validate()
    files = Files([File("manual/x.md", str(tmp_path), str(tmp_path / "out"), True),
                   File("manual/y.md", str(tmp_path), str(tmp_path / "out"), True)])
    assert urls.on_files(None, files, cfg) is files
    cfg.plugins._current_plugin = "briefings"  # what MkDocs sets while a plug-in runs
    files.append(File.generated(cfg, "manual/x/index.md", content="# generated"))
    with pytest.raises(PluginError, match=r"^docs/manual/x/index.md: publishes the same address /manual/x/ as docs/manual/x.md"):
        urls.on_files(None, files, cfg)
