"""`procedures serve` and `procedures build` on a machine without Chromium, stopped by a
signal, and run twice at once.

* serve works without any browser (PDF links say the PDF is made at publish time) and a
  SIGTERM stops MkDocs too; build refuses at once with one line saying how to get Chromium.
  "Without Chromium" means: a PATH holding only this Python's folder, and Playwright's
  own browser folder pointed at an empty one, so neither lookup can find a browser.
* SIGTERM during a build: no process it started is left, no temporary folder, and the
  previous site/ is untouched.
* a second build into the same folder while one runs refuses with one line; litter of a
  killed build is removed by the next.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from procedures.core.browser import bundled_chromium, system_chromium
from procedures.core.builder import LOCK_NAME, build_lock, litter
from procedures.core.procs import alive, descendants
from tests.conftest import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _no_browser_env(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "no-browsers"
    empty.mkdir(exist_ok=True)
    env = dict(os.environ, PATH=str(Path(sys.executable).parent), PLAYWRIGHT_BROWSERS_PATH=str(empty),
               PYTHONUNBUFFERED="1")
    env.pop("CHROMIUM", None)
    return env


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "procedures", "--root", str(REPO), *args]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def _wait(predicate, what: str, timeout: float = 240):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def test_the_environment_really_hides_chromium(tmp_path, monkeypatch):
    for key, value in _no_browser_env(tmp_path).items():
        monkeypatch.setenv(key, value)
    assert system_chromium() is None
    assert bundled_chromium() is None


def test_build_without_chromium_stops_at_once_with_one_line(tmp_path):
    out = tmp_path / "out" / "site"
    res = subprocess.run(_cli("build", "--out", str(out)), env=_no_browser_env(tmp_path), capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 1
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("Chromium is needed to print the PDFs but none was found — install it with: "
                               "sudo apt-get install -y chromium"), res.stderr
    assert lines[1:] == ["The build failed; the previous site/ was left as it was."], res.stderr
    assert "Traceback" not in res.stderr
    assert not out.exists() and not litter(out)


@pytest.mark.slow
def test_serve_needs_no_browser_and_a_sigterm_stops_every_child(tmp_path):
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(_cli("serve", "--port", str(port)), cwd=REPO, env=_no_browser_env(tmp_path),
                                stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        page = _wait(lambda: _get(base + "arrangements/"), "the preview's first page")
        assert "the PDF is made when the site is published" in page
        assert 'href="arrangements.pdf"' not in page  # no link to a file the preview does not have
        children = _wait(lambda: descendants(proc.pid), "mkdocs serve")
        output = log_path.read_text()
        for noise in ("end of life", "Config macros", "not included in the", "deprecated"):
            assert noise not in output, output
    finally:
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=60)
    assert rc == 0
    assert "Traceback" not in log_path.read_text(), log_path.read_text()
    left = [pid for pid in children if alive(pid)]
    assert not left, f"still running after SIGTERM: {left}"
    assert not _get(base), "the port still answers"


def _exe_name(pid: int) -> str:
    """The program a process runs, or "" if it has already ended (it may end between
    being listed and being looked at)."""
    try:
        return Path(f"/proc/{pid}/exe").resolve(strict=True).name
    except OSError:
        return ""


@pytest.mark.slow
def test_sigterm_during_a_build_leaves_no_process_no_temporary_folder_and_keeps_site(tmp_path):
    if not (system_chromium() or bundled_chromium()):
        pytest.fail("this test stops a build that prints PDFs: it needs Chromium (make test installs it)")
    out = tmp_path / "out" / "site"
    out.mkdir(parents=True)
    (out / "index.html").write_text("the previous site", encoding="utf-8")
    proc = subprocess.Popen(_cli("build", "--out", str(out)), cwd=REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    seen: set[int] = set()

    def helpers_running():
        """Pagefind or Chromium started by the build (its worker's children)."""
        tree = descendants(proc.pid)
        seen.update(tree)
        names = [_exe_name(pid) for pid in tree]
        return any(n.startswith(("pagefind", "chrom", "node")) for n in names) and litter(out)

    try:
        _wait(helpers_running, "the build to start Pagefind or Chromium", timeout=600)
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert "Stopped the build" in err
    assert len(seen) >= 2
    left = [pid for pid in seen if alive(pid)]
    assert not left, f"still running after SIGTERM: {left}"
    assert not litter(out), litter(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_a_second_build_into_the_same_folder_refuses_with_one_line(tmp_path):
    out = tmp_path / "out" / "site"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from procedures.core.builder import build_lock\n"
         f"with build_lock(Path({str(out)!r})):\n    print('held', flush=True); time.sleep(120)"],
        cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        res = subprocess.run(_cli("build", "--out", str(out)), capture_output=True, text=True, timeout=300)
        assert time.monotonic() - started < 60, "it refused before building"
    finally:
        holder.kill()
        holder.wait()
    assert res.returncode == 1
    first = res.stderr.splitlines()[0]
    assert first.startswith(f"Another build into {out.parent} is running (process {holder.pid}) — wait for it"), res.stderr
    assert not out.exists()


def test_the_next_build_removes_what_a_killed_build_left(tmp_path):
    out = tmp_path / "site"
    left = [tmp_path / ".site-build-1765000000000", tmp_path / "..site-build-1765000000000-search-snapshot",
            tmp_path / "site.old"]
    for folder in left:
        (folder / "x").mkdir(parents=True)
    keep = tmp_path / "notes"
    keep.mkdir()
    assert sorted(litter(out)) == sorted(left)
    with build_lock(out):
        assert not any(p.exists() for p in left)
    assert keep.exists() and (tmp_path / LOCK_NAME).exists()
