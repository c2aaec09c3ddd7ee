"""Shared test fixtures.

* ``project_copy`` — a throw-away copy of the real project (config, data, docs,
  overrides, macros) that a test may break on purpose.
* ``built_site`` — the real site built once per session, strictly, into a temp folder.
* ``site_server`` — that build served on 127.0.0.1 (a random free port).
* ``browser`` — the system Chromium driven by Playwright (skips with a clear reason
  when no Chromium is installed; `make test` installs it).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socketserver
import threading
from pathlib import Path

import pytest

import procedures.registry  # noqa: F401  (enables the features, as every entry point does)

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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    from procedures.core.builder import build_site

    # a site built already: yours (make build), or CI's strict build earlier in the same
    # run (check.yml, .gitlab-ci.yml), so that the site is built once per run
    reuse = os.environ.get("PROCEDURES_TEST_SITE")
    if reuse:
        path = Path(reuse).resolve()
        if not (path / "index.html").is_file():
            pytest.fail(f"PROCEDURES_TEST_SITE={reuse} is not a built site (no index.html) — run make build first")
        return path
    out = tmp_path_factory.mktemp("built") / "site"
    build_site(REPO, out, progress=lambda msg: None)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def log_message(self, *args):  # keep test output readable
        pass

    def end_headers(self):
        for k, v in self.extra_headers.items():
            self.send_header(k, v)
        super().end_headers()


def serve(directory: Path, headers: dict[str, str] | None = None):
    """Serve ``directory`` on 127.0.0.1; return (base_url, stop)."""
    handler = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {})})
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
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
