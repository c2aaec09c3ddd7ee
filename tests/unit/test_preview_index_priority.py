"""The preview's search index, rebuilt after each save, runs at low priority (``nice``) so
that it never slows down the next save's rebuild; the build's own index does not."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from procedures import search
from procedures.search import SearchIndexError, run_pagefind


@pytest.mark.skipif(shutil.which("nice") is None, reason="needs nice (POSIX)")
def test_only_the_preview_index_runs_at_low_priority(monkeypatch, tmp_path: Path):
    seen: list[list[str]] = []

    def fake_run(cmd, **kw):
        seen.append(list(cmd))
        return subprocess.CompletedProcess(cmd, 1, "", "stopped by the test")

    monkeypatch.setattr(search.subprocess, "run", fake_run)
    for background in (True, False):
        with pytest.raises(SearchIndexError, match="stopped by the test"):
            run_pagefind(tmp_path, tmp_path / "out", background=background)
    low, normal = seen
    assert low[:3] == [shutil.which("nice"), "-n", "10"] and low[3:] == normal
    assert "nice" not in Path(normal[0]).name
