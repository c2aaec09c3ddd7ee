"""Shared test fixtures.

* ``project_copy`` — a throw-away copy of the real project (config, data, docs,
  overrides, macros) that a test may break on purpose.
* ``built_site`` — the real site built once per run, strictly, into a temp folder (one
  build shared by every pytest-xdist worker of the run: ``shared_build``).
* ``shared_build`` — build a site once per run, whichever worker asks first; the others
  wait for it and read the same folder (tests only read it; a test that changes a site
  copies it first).
* ``site_server`` — that build served on 127.0.0.1 (a random free port).
* ``browser`` — the system Chromium driven by Playwright (skips with a clear reason
  when no Chromium is installed; `make test` installs it).

The unit tests run first; meanwhile a process of its own builds the real site for
``built_site`` (``pytest_collection_finish``), so on two cores neither waits for it.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import http.server
import os
import shutil
import signal
import socketserver
import subprocess
import sys
import threading
from pathlib import Path

import pytest

# the enabled features, as the `procedures` command and the MkDocs plugin enable them (a
# test file run on its own would otherwise load a site with none)
import procedures.registry  # noqa: F401, E402

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
COPY = ("mkdocs.yml", "data", "docs", "overrides", "macros")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPY:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, dest / name, dirs_exist_ok=True)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def run_folder(tmp_path_factory) -> Path:
    """A folder of this run that every pytest-xdist worker shares (each worker's own base
    folder is a subfolder of it); without xdist, the run's base folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextlib.contextmanager
def _held(lock: Path):
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed
        yield


def shared_build(tmp_path_factory, name: str, make) -> Path:
    """The folder ``run_folder/name/site``, made by ``make(out)`` once per run: the first
    worker to ask builds it, the others wait and reuse it. A build that failed is tried
    again by the next test that asks (and fails there with its own message)."""
    return _shared_build(run_folder(tmp_path_factory), name, make)


def _shared_build(run_dir: Path, name: str, make) -> Path:
    folder = run_dir / name
    folder.mkdir(parents=True, exist_ok=True)
    out, done = folder / "site", folder / "built"
    with _held(run_dir / f"{name}.lock"):
        if not done.exists():
            make(out)
            done.touch()
    return out


def _build_real_site(out: Path) -> Path:
    from procedures.core.builder import build_site

    return build_site(REPO, out, progress=lambda msg: None)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    # a site built already: yours (make build), or CI's strict build earlier in the same
    # run (check.yml, .gitlab-ci.yml), so that the site is built once per run
    reuse = os.environ.get("PROCEDURES_TEST_SITE")
    if reuse:
        path = Path(reuse).resolve()
        if not (path / "index.html").is_file():
            pytest.fail(f"PROCEDURES_TEST_SITE={reuse} is not a built site (no index.html) — run make build first")
        return path
    return shared_build(tmp_path_factory, "real-site", _build_real_site)


# --- the order tests run in, and the real site built while the first ones run -----------------

_ORDER = {"unit": 0, "browser": 1, "site": 2}
# the longest single test (axe on every page): first of its folder, so that it never runs
# alone at the end of a run on two processes while the other has nothing left to do
_FIRST = {"test_quality_full_pass.py"}


def pytest_collection_modifyitems(session, config, items):
    """Unit tests first (they need no build), then the browser and built-site tests; the
    order within each folder is kept, but for ``_FIRST``. While the unit tests run, the
    real site is built in a process of its own (``pytest_collection_finish``), so neither
    core waits for it. ``make test`` keeps this order (--no-loadscope-reorder)."""
    items.sort(key=lambda item: (_ORDER.get(item.path.parent.name, 2), item.path.name not in _FIRST))


_prebuild: subprocess.Popen | None = None


def pytest_collection_finish(session):
    """Start building the real site for ``built_site`` in the background, once per run
    (the first xdist worker to get here starts it; the fixture waits for it under the same
    lock, or builds itself if it asks first). A failed background build leaves no marker:
    the fixture then builds in the test process and fails there with the message."""
    global _prebuild
    config = session.config
    if (config.option.collectonly or os.environ.get("PROCEDURES_TEST_SITE")
            or not any("built_site" in getattr(item, "fixturenames", ()) for item in session.items)):
        return
    run_dir = run_folder(config._tmp_path_factory)
    try:
        os.close(os.open(run_dir / "real-site.started", os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return  # another worker started it
    with open(run_dir / "real-site.log", "wb") as log:
        _prebuild = subprocess.Popen(
            [sys.executable, "-c", "import sys; from pathlib import Path; from tests.conftest import prebuild; "
             "prebuild(Path(sys.argv[1]))", str(run_dir)],
            cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def prebuild(run_dir: Path) -> None:
    _shared_build(run_dir, "real-site", _build_real_site)


def pytest_sessionfinish(session, exitstatus):
    if _prebuild is not None and _prebuild.poll() is None:  # the run stopped before it needed the site
        os.killpg(_prebuild.pid, signal.SIGTERM)
        _prebuild.wait(timeout=60)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def log_message(self, *args):  # keep test output readable
        pass

    def end_headers(self):
        for k, v in self.extra_headers.items():
            self.send_header(k, v)
        super().end_headers()


class _QuietServer(socketserver.ThreadingTCPServer):
    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the browser closed the page before a file was sent: not a failure
        super().handle_error(request, client_address)


def serve(directory: Path, headers: dict[str, str] | None = None):
    """Serve ``directory`` on 127.0.0.1; return (base_url, stop)."""
    handler = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    httpd = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"

    def stop():
        httpd.shutdown()
        httpd.server_close()

    return base, stop


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    base, stop = serve(built_site)
    yield base
    stop()


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                      shutil.which("google-chrome")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    exe = chromium_path()
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True) if exe else \
                p.chromium.launch(args=CHROMIUM_ARGS, headless=True)
        except Exception as exc:  # noqa: BLE001
            reason = f"no usable Chromium ({exc}); install the 'chromium' system package (make test does)"
            if os.environ.get("CI"):
                pytest.fail(reason)  # in CI a missing browser is a failure, never a silent skip
            pytest.skip(reason)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()
