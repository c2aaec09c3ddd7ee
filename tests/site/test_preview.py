"""The fast editor preview (`procedures serve`, procedures/preview/): an edit to a
chapter's text rebuilds that page only, with correct navigation; an edit to front matter
rebuilds everything, so other pages' navigation follows. No timings are asserted."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from procedures import preview
from procedures.core.site import load_site
from tests.helpers import edit

CHAPTER = "docs/manual/neglect.md"


def test_only_changes_that_reach_other_pages_change_the_structure_signature(project_copy):
    sig = lambda: preview.structure_signature(load_site(project_copy), project_copy)  # noqa: E731
    first = sig()
    edit(project_copy, CHAPTER, "Neglect is the most common reason", "Neglect remains the most common reason")
    assert sig() == first  # text only: just this page is rebuilt
    edit(project_copy, CHAPTER, "title: Neglect", "title: Neglect of Children")
    second = sig()
    assert second != first  # a title is in every page's navigation
    edit(project_copy, "data/glossary.yml", "terms:", "terms:  ")
    assert sig() != second  # data reach many pages


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return resp.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(predicate, what: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"the preview never showed {what}")


def _nav_labels(html: str) -> list[str]:
    if "md-nav--primary" not in html:  # not served (yet): a full rebuild empties the folder first
        return []
    nav = html.split("md-nav--primary", 1)[1].split("md-sidebar--secondary", 1)[0]
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S)]


@pytest.mark.slow
def test_an_edit_rebuilds_its_page_with_correct_navigation_and_never_touches_site(project_copy):
    port = _free_port()
    log_path = project_copy / "serve.log"
    site_dir = project_copy / "site"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "procedures", "--root", str(project_copy), "serve", "--port", str(port)],
            cwd=project_copy, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(lambda: "2.14" in _get(base + "manual/neglect/"), "the first build")
        before = _get(base + "manual/domestic-abuse/")
        assert "2.14 Neglect" in _nav_labels(before)

        # 1. the text of one chapter: only that page is rebuilt, and its navigation is whole
        edit(project_copy, CHAPTER, "Neglect is the most common reason", "Neglect (previewbodyword) is the most common reason")
        _wait_for(lambda: "previewbodyword" in _get(base + "manual/neglect/"), "the edited text")
        labels = _nav_labels(_get(base + "manual/neglect/"))
        assert "None" not in labels
        assert {"2.13 Fabricated or Induced Illness", "2.15 Domestic Abuse", "2.14 Neglect"} <= set(labels), labels
        _wait_for(lambda: "Preview: rebuilt the changed page(s)" in log_path.read_text(), "an incremental rebuild")
        assert "previewbodyword" not in _get(base + "manual/domestic-abuse/")

        # 2. front matter (a title, which every page's navigation shows): everything is rebuilt
        edit(project_copy, CHAPTER, "title: Neglect", "title: Neglect of Children")
        _wait_for(lambda: "2.14 Neglect of Children" in _nav_labels(_get(base + "manual/domestic-abuse/")),
                  "the new title in another page's navigation")
        assert log_path.read_text().count("Preview: full rebuild") >= 2
        assert "2.14 Neglect of Children" in _get(base + "manual/neglect/")
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    assert not site_dir.exists(), "the preview must never write site/"
