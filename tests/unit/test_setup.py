"""Set-up and quiet output: the locks make installs from, the system-packages step, the
noise an editor never sees unless they ask with --verbose."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from procedures.core import cli, plugin
from procedures.core.site import load_site
from tests.conftest import REPO

REQ = REPO / "requirements"


def pins(name: str) -> dict[str, str]:
    text = (REQ / name).read_text(encoding="utf-8")
    return {m.group(1).lower(): m.group(2) for m in re.finditer(r"^([A-Za-z0-9_.-]+)==([^ \\;]+)", text, re.M)}


def test_every_lock_pins_every_package_with_a_hash():
    for name in ("preview.txt", "build.txt", "test.txt"):
        text = (REQ / name).read_text(encoding="utf-8")
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
        assert entries, name
        for entry in entries:
            if entry.strip() and not entry.startswith("#"):
                assert "==" in entry and "--hash=sha256:" in entry, f"{name}: {entry.splitlines()[0]}"


def test_the_three_locks_agree_and_the_preview_has_no_browser_driver():
    preview, build, test = pins("preview.txt"), pins("build.txt"), pins("test.txt")
    assert preview.items() <= build.items() <= test.items()
    assert {"mkdocs", "mkdocs-material", "mkdocs-macros-plugin", "pagefind", "setuptools"} <= set(preview)
    assert "playwright" not in preview and "pypdf" not in preview
    assert {"playwright", "pypdf"} <= set(build) and {"pytest", "ruff"} <= set(test)
    assert "mkdocs-redirects" not in test  # unused: dropped
    assert build["playwright"] == "1.64.1"  # requirements/pins.txt: built for Debian's Chromium 156
    assert "playwright==1.64.1" in (REQ / "pins.txt").read_text(encoding="utf-8")


def test_pyproject_lists_each_dependency_once():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    names = re.findall(r'^\s+"([A-Za-z0-9_.-]+)[\[<>=!~]', text, re.M)
    assert len(names) == len(set(names)), names
    assert 'license = "MIT"' in text and "setuptools>=77" in text


def test_system_packages_prints_the_one_command_when_it_cannot_install(tmp_path):
    """No root, no sudo, no network for Playwright: one line with the command, exit 1."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", "sed"):  # what the script itself uses; no java, npm, chromium or sudo
        os.symlink(subprocess.run(["sh", "-c", f"command -v {tool}"], capture_output=True, text=True).stdout.strip(),
                   bin_dir / tool)
    (bin_dir / "apt-get").write_text("#!/bin/sh\nexit 100\n")
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")
    fake_python = bin_dir / "python"
    # the venv's python that finds no Chromium and whose Playwright cannot download one
    fake_python.write_text("#!/bin/sh\nexit 1\n")
    for f in (bin_dir / "apt-get", bin_dir / "id", fake_python):
        f.chmod(0o755)
    res = subprocess.run(["sh", str(REPO / "tools/system-packages"), "chromium", "java", "npm"], cwd=REPO,
                         env={"PATH": str(bin_dir), "PY": str(fake_python)}, capture_output=True, text=True,
                         stdin=subprocess.DEVNULL, timeout=60)
    assert res.returncode == 1
    assert res.stderr.strip().splitlines()[-1] == (
        "Missing system packages — run: sudo apt-get install -y chromium default-jre-headless nodejs npm"
        "   (then run make again)")


def test_system_packages_does_nothing_when_everything_is_there(tmp_path):
    if not (Path("/usr/bin/java").exists() or subprocess.run(["sh", "-c", "command -v java"]).returncode == 0):
        pytest.skip("this machine has no Java")  # the case above covers a bare machine
    res = subprocess.run(["sh", str(REPO / "tools/system-packages"), "java"], cwd=REPO, capture_output=True,
                         text=True, timeout=60)
    assert (res.returncode, res.stdout, res.stderr) == (0, "", "")


def test_macro_listing_only_with_verbose(monkeypatch):
    logger = logging.getLogger(plugin.MACROS_LOGGER)
    monkeypatch.delenv("PROCEDURES_VERBOSE", raising=False)
    plugin.quiet_macros()
    assert not logger.isEnabledFor(logging.INFO) and logger.isEnabledFor(logging.WARNING)
    monkeypatch.setenv("PROCEDURES_VERBOSE", "1")
    plugin.quiet_macros()
    assert logger.isEnabledFor(logging.INFO)
    monkeypatch.delenv("PROCEDURES_VERBOSE")
    plugin.quiet_macros()


def test_materials_end_of_life_notice_only_with_verbose(monkeypatch):
    monkeypatch.delenv("PROCEDURES_VERBOSE", raising=False)
    quiet = cli._quiet_env(cli.parser().parse_args(["serve"]))
    loud = cli._quiet_env(cli.parser().parse_args(["serve", "--verbose"]))
    assert quiet["NO_MKDOCS_2_WARNING"] == "1" and "PROCEDURES_VERBOSE" not in quiet
    assert loud["PROCEDURES_VERBOSE"] == "1"
    # Material prints the notice when MkDocs starts, unless told not to
    code = "import sys; sys.argv[0] = 'mkdocs'; import material.templates"
    env = dict(os.environ)
    env.pop("NO_MKDOCS_2_WARNING", None)
    shown = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    hidden = subprocess.run([sys.executable, "-c", code], env=dict(env, NO_MKDOCS_2_WARNING="1"), capture_output=True,
                            text=True, timeout=120)
    assert "end of life" in shown.stderr and "end of life" not in hidden.stderr


def test_pages_left_out_of_the_nav_are_listed_on_purpose():
    site = load_site(REPO)
    unlisted = plugin.unlisted_pages(site)
    assert "manual/children-of-drug-and-alcohol-misusing-parents.md" in unlisted  # archived
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    block = config.split("not_in_nav: |", 1)[1].split("\n\n", 1)[0]
    assert {"/search.md", "/amendments/20*.md", "/arrangements/document.md", "/briefings/themes/"} <= set(block.split())
