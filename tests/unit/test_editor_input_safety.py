"""Issue 17: no editor input can run a script, replace a page or crash the build without a
one-line error. Each mistake is made in a copy of the project that already has a built
``site/``; ``procedures check`` and ``procedures build`` must both exit 1 with the one
line the error catalogue shows, no traceback, and leave ``site/`` exactly as it was."""

from __future__ import annotations

import errno
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from procedures.core import builder, cli
from procedures.editor.mistakes import MISTAKES, Mistake
from tests.conftest import REPO, copy_project
from tests.helpers import edit

# the mistakes issue 17 added to the corpus (procedures/editor/mistakes.py) that `procedures check` meets
ISSUE17 = ["same-address-twice", "html-script", "html-event-handler", "javascript-link", "image-other-host",
           "video-frame", "inline-style", "not-utf8-chapter", "not-utf8-data", "image-missing",
           "absolute-link-missing-page", "page-too-large", "urls-line-deleted"]
BY_KEY = {m.key: m for m in MISTAKES}
NOT_PROBLEMS = ("Checking ", "All good", "The build failed", "Building the site into")


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("issue17") / "project")
    # the published-URL manifest and its git history, as in a real checkout
    shutil.copy2(REPO / "urls.txt", root / "urls.txt")
    git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "urls.txt"], check=True)
    subprocess.run([*git, "commit", "-qm", "urls"], check=True)
    (root / "site" / "manual").mkdir(parents=True)
    (root / "site" / "index.html").write_text("<!doctype html><title>the previous build</title>\n", encoding="utf-8")
    (root / "site" / "manual" / "index.html").write_text("previous chapter list\n", encoding="utf-8")
    return root


@pytest.fixture(autouse=True)
def build_in_this_process(monkeypatch):
    """`procedures build` normally runs its work in a supervised child process
    (tests/site/test_processes.py tests that); here the build runs in this process, as
    that child does, so its messages can be read and its file operations monkeypatched."""
    monkeypatch.setenv("PROCEDURES_BUILD_WORKER", "1")


def run(root: Path, capsys, *args: str) -> tuple[int, list[str]]:
    capsys.readouterr()
    rc = cli.main(["--root", str(root), *args])
    out = capsys.readouterr()
    text = out.err + out.out
    assert "Traceback" not in text, text
    return rc, [line for line in text.splitlines() if line.strip()]


def problems(lines: list[str]) -> list[str]:
    return [line for line in lines
            if not line.startswith(NOT_PROBLEMS) and " error(s), " not in line and ": warning: " not in line]


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
        found = problems(lines)
        assert len(found) == 1 and mistake.matches(found[0], line), (
            f"expected only {mistake.where}:{line}: {mistake.message}\ngot:\n" + "\n".join(found))
        rc, lines = run(root, capsys, "build")
        assert rc == 1, "\n".join(lines)
        found = problems(lines)
        assert len(found) == 1 and mistake.matches(found[0], line), "\n".join(lines)
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


@pytest.mark.parametrize("key, error", [
    ("disk-full", OSError(errno.ENOSPC, "No space left on device")),
    ("output-read-only", OSError(errno.EROFS, "Read-only file system")),
])
def test_disk_and_permission_errors_are_one_line(project, capsys, monkeypatch, key, error):
    """The operating system refuses to write while MkDocs builds: one line, exit 1, site/ kept."""
    mistake = BY_KEY[key]
    assert mistake.stage == "build"
    root = project
    before = snapshot(root / "site")

    def failing_build(config_file, site_dir, strict=True):
        (Path(site_dir) / "manual" / "neglect").mkdir(parents=True)  # half-written, as a real failure leaves it
        (Path(site_dir) / "index.html").write_text("half")
        error.filename = str(Path(site_dir) / "manual/neglect/index.html") if key == "disk-full" else str(site_dir)
        raise error

    monkeypatch.setattr(builder, "mkdocs_build", failing_build)
    rc, lines = run(root, capsys, "build")
    assert rc == 1
    found = problems(lines)
    assert len(found) == 1, "\n".join(lines)
    assert found[0].startswith(str(root / ".site-build-")) and found[0].endswith(": " + mistake.message), found[0]
    assert "The build failed; the previous site/ was left as it was." in lines
    assert snapshot(root / "site") == before
    assert not list(root.glob(".site-build-*"))


def test_a_front_matter_typo_does_not_also_blame_urls_txt(project, capsys):
    """A published chapter whose front matter has a typo is still there: no 'urls.txt … add a
    removed entry' message that an editor could follow and record a removal that never happened."""
    root = project
    rel = "docs/manual/domestic-abuse.md"
    original = (root / rel).read_bytes()
    edit(root, rel, "title: Domestic Abuse\n", "titel: Domestic Abuse\n")
    try:
        rc, lines = run(root, capsys, "check")
    finally:
        (root / rel).write_bytes(original)
    found = problems(lines)
    assert rc == 1 and found, lines
    assert all(p.startswith(rel + ":") for p in found), "\n".join(found)
    assert not any("urls.txt" in p for p in found)


def test_a_page_that_really_disappears_still_gets_the_urls_txt_message(project, capsys):
    root = project
    rel = root / "docs/manual/domestic-abuse.md"
    original = rel.read_bytes()
    rel.unlink()
    try:
        rc, lines = run(root, capsys, "check")
    finally:
        rel.write_bytes(original)
    assert rc == 1
    assert any(p.startswith("urls.txt:") and "/manual/domestic-abuse/ was published but this site no longer has a page" in p
               for p in problems(lines)), "\n".join(lines)


def test_a_byte_order_mark_is_accepted(project, capsys):
    """Some Windows editors start a file with a byte-order mark; MkDocs reads it, so do we."""
    root = project
    rel = root / "docs/manual/domestic-abuse.md"
    original = rel.read_bytes()
    rel.write_bytes(b"\xef\xbb\xbf" + original)
    try:
        rc, lines = run(root, capsys, "check")
    finally:
        rel.write_bytes(original)
    assert rc == 0, "\n".join(lines)


def test_a_removal_recorded_in_the_amendments_log_may_leave_urls_txt(tmp_path, capsys):
    """Deleting a line is refused only when nothing redirects the address (its own project:
    this test commits to the history of urls.txt)."""
    root = copy_project(tmp_path / "project")
    manifest = root / "urls.txt"
    manifest.write_text((REPO / "urls.txt").read_text(encoding="utf-8") + "/manual/old-name/\n", encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "urls.txt"], check=True)
    subprocess.run([*git, "commit", "-qm", "urls"], check=True)
    manifest.write_text((REPO / "urls.txt").read_text(encoding="utf-8"), encoding="utf-8")  # the line deleted by hand
    rc, lines = run(root, capsys, "check")
    assert rc == 1 and any(p.startswith("urls.txt: /manual/old-name/ was published (git history of urls.txt)")
                           for p in problems(lines)), "\n".join(lines)
    edit(root, "data/amendments.yml", "\nreleases:", "\nmoved_pages:\n  - old_url: manual/old-name/\n"
         "    new_page: manual/domestic-abuse.md\n\nreleases:")
    rc, lines = run(root, capsys, "check")
    assert rc == 0, "\n".join(lines)
