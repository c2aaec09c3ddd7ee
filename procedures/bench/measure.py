"""Measuring tools for the benchmark: timed builds with peak memory, a static server that
compresses like a real host, byte counts in Chromium, save-to-preview, Lighthouse.

Everything here measures; nothing decides pass or fail (timings never belong in tests).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import os
import resource
import shutil
import signal
import socketserver
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

# --- processes: wall time, CPU time, peak memory ----------------------------------------


def field_kb(text: str, name: str) -> int | None:
    """The value in kB of ``name:`` in a /proc file such as smaps_rollup or status."""
    for line in text.splitlines():
        if line.startswith(name + ":"):
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                return int(parts[1])
    return None


def _rss_kb(pid: int) -> int:
    """Proportional set size (memory shared between processes, such as Chromium's, is
    counted once across them), or resident size where the kernel gives no PSS."""
    for path, name in ((f"/proc/{pid}/smaps_rollup", "Pss"), (f"/proc/{pid}/status", "VmRSS")):
        try:
            with open(path, encoding="ascii", errors="replace") as fh:
                value = field_kb(fh.read(), name)
        except OSError:
            continue
        if value is not None:
            return value
    return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def _descendants(pid: int) -> list[int]:
    out, stack, seen = [], _children(pid), {pid}
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        out.append(p)
        stack += _children(p)
    return out


def _peak_kb(pid: int) -> int:
    """A process's peak resident size so far (the kernel's high-water mark), or 0. Sampled
    for every process of a run: a Chromium renderer that its own parent never waits for
    takes its peak with it when it ends, so the build's ``ru_maxrss`` alone can miss it."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            return field_kb(fh.read(), "VmHWM") or 0
    except OSError:
        return 0


def tree_rss_kb(pid: int) -> int:
    """Memory (PSS) of a process and all its descendants, now."""
    return sum(_rss_kb(p) for p in [pid, *_descendants(pid)])


def machine_cpu_seconds(stat_text: str | None = None) -> float | None:
    """CPU time the whole machine has spent working since it started (every core: user,
    nice, system, interrupts, steal; not idle or waiting for the disk), or None where the
    kernel does not say (/proc/stat)."""
    try:
        text = stat_text if stat_text is not None else Path("/proc/stat").read_text(encoding="ascii")
    except OSError:
        return None
    first = text.split("\n", 1)[0].split()
    if not first or first[0] != "cpu":
        return None
    f = [int(x) for x in first[1:]]
    worked = f[0] + f[1] + f[2] + sum(f[5:8])
    return worked / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU time of this process and everything it started: its own, its finished children's
    (the builds), and its live descendants' with their own finished children (Playwright's
    driver, Chromium and its renderers)."""
    t = os.times()
    total = t.user + t.system + t.children_user + t.children_system
    tick = os.sysconf("SC_CLK_TCK")
    for pid in _descendants(os.getpid()):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime
    return total


class OtherWork:
    """Whether anything else used the machine while the benchmark ran: the machine's CPU
    time over the period, less this process tree's. (The load average cannot say: the
    benchmark's own builds raise it.)"""

    LIMIT = 0.25  # cores, on average over the period: above this, the timings are not results

    def __init__(self):
        self.start = (time.perf_counter(), machine_cpu_seconds(), own_cpu_seconds())

    def cores(self) -> float | None:
        """Cores used on average by other work since this object was made (None: unknown)."""
        wall0, machine0, own0 = self.start
        machine1 = machine_cpu_seconds()
        if machine0 is None or machine1 is None:
            return None
        wall = time.perf_counter() - wall0
        if wall <= 0:
            return 0.0
        return max(0.0, ((machine1 - machine0) - (own_cpu_seconds() - own0)) / wall)


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the whole process tree
    peak_tree_mb: float  # sampled sum of the tree's memory (PSS: shared pages counted once)
    peak_process_mb: float  # largest single process (kernel's ru_maxrss, and each process's VmHWM as sampled)
    returncode: int
    output: str = ""


_PR_SET_CHILD_SUBREAPER, _PR_GET_CHILD_SUBREAPER = 36, 37


def _prctl(*args) -> int:
    import ctypes

    return ctypes.CDLL(None, use_errno=True).prctl(*args)


def adopt_orphans(on: bool = True) -> bool:
    """Make this process the one that inherits its descendants' orphans (Linux's
    PR_SET_CHILD_SUBREAPER), instead of init; ``on=False`` undoes it. Chromium leaves
    processes behind that their parents never wait for (its zygotes and their renderers);
    without this their CPU time is lost when init collects them, and a build that prints
    PDFs looked as if it used about half the CPU it did, the rest counted as "other work".
    False where it cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        return _prctl(_PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def adopting_orphans() -> bool:
    """Whether this process already inherits its descendants' orphans."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        flag = ctypes.c_int(0)
        return _prctl(_PR_GET_CHILD_SUBREAPER, ctypes.byref(flag), 0, 0, 0) == 0 and flag.value != 0
    except (OSError, AttributeError):
        return False


def reap_orphans(keep: set[int], timeout: float = 30.0) -> list[int]:
    """Wait for, and collect, the children this process inherited (see adopt_orphans), so
    that their CPU time is counted among its children's; ``keep`` are children it had
    already (the benchmark's own browser), left alone. Any still running after ``timeout``
    are killed, and their pids returned."""
    deadline = time.monotonic() + timeout
    killed: list[int] = []
    while True:
        orphans = [p for p in _children(os.getpid()) if p not in keep]
        if not orphans:
            return killed
        for p in orphans:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(p, os.WNOHANG)
        if time.monotonic() > deadline:
            if killed:  # killed and still not gone: leave them
                return killed
            for p in orphans:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(p, signal.SIGKILL)
            killed = orphans
            deadline = time.monotonic() + 5
        time.sleep(0.02)


def run_measured(cmd: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 3600) -> Run:
    """Run ``cmd``; return wall and CPU time and peak memory of it and all its descendants,
    including those their own parents never waited for (adopt_orphans: for the time of the
    run, and the orphans collected before it returns)."""
    already = adopting_orphans()
    adopted = already or adopt_orphans()
    keep = set(_children(os.getpid()))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0]
    largest = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            tree = [proc.pid, *_descendants(proc.pid)]  # walked once for both figures
            peak[0] = max(peak[0], sum(_rss_kb(p) for p in tree))
            largest[0] = max(largest[0], max(_peak_kb(p) for p in tree))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: proc.stdout.read(65536), b"")), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
        time.sleep(0.02)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    reader.join(timeout=5)
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    if adopted:
        reap_orphans(keep | {proc.pid})
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = max(cpu, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime))
        if not already:
            adopt_orphans(False)
    return Run(
        wall=wall,
        cpu=cpu,
        peak_tree_mb=peak[0] / 1024,
        peak_process_mb=max(usage.ru_maxrss, largest[0]) / 1024,
        returncode=proc.returncode,
        output=b"".join(chunks).decode("utf-8", "replace"),
    )


# --- serving a built site like a host does (gzip for text) -------------------------------

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml",
              "application/manifest+json", "application/atom+xml", "application/feed+json")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text types gzip-compressed (level 6) when the client accepts it,
    as GitHub Pages, Netlify or nginx with ``gzip on`` would. Pagefind's index files are
    already compressed and are sent as they are."""

    cache: dict[str, bytes] = {}
    sent: list[tuple[str, int]] = []  # (path, bytes written to the socket: headers + body)
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",
                      ".mjs": "application/javascript", ".json": "application/json", ".svg": "image/svg+xml",
                      ".xml": "application/xml", ".wasm": "application/wasm"}

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        raw, handler = self.wfile, self
        self._bytes = 0

        class Counting:
            def write(self, data):
                handler._bytes += len(data)
                return raw.write(data)

            def __getattr__(self, name):
                return getattr(raw, name)

        self.wfile = Counting()

    def finish(self):
        if getattr(self, "path", None):
            self.sent.append((self.path, self._bytes))
        super().finish()

    def do_GET(self):  # noqa: N802 - http.server naming
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().do_GET()  # redirect to the slash URL
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not os.path.isfile(path):
            return super().do_GET()
        body = Path(path).read_bytes()
        encoding = None
        if "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(TEXT_TYPES):
            key = f"{path}:{os.path.getmtime(path)}"
            if key not in self.cache:
                self.cache[key] = gzip.compress(body, 6, mtime=0)
            body, encoding = self.cache[key], "gzip"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(socketserver.ThreadingTCPServer):
    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # the browser closed the page before a file was sent: nothing went wrong
        super().handle_error(request, client_address)


class Server:
    def __init__(self, directory: Path):
        self.sent: list[tuple[str, int]] = []
        handler = type("H", (GzipHandler,), {"cache": {}, "sent": self.sent})
        self.httpd = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# --- Chromium ---------------------------------------------------------------------------

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-quic", "--no-first-run", "--disable-sync",
    # nothing may leave the machine: any other host fails at once (and is counted)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@dataclass
class Visit:
    total_bytes: int = 0
    requests: int = 0
    third_party: list[str] = field(default_factory=list)
    by_url: dict[str, int] = field(default_factory=dict)
    page_bytes: int = 0  # what the page itself asked for (not its service worker)
    page_requests: int = 0
    page_by_url: dict[str, int] = field(default_factory=dict)
    search_bytes: int = 0
    search_requests: int = 0
    ms_after_typing: float | None = None
    ms_after_open: float | None = None
    results: int = 0


class Traffic:
    """What one visit moved: the server counts the bytes it wrote for every request
    (headers + body as sent, so compressed where the host would compress), and Chromium
    reports requests to other hosts (which fail: nothing may leave the machine)."""

    def __init__(self, page, server: Server):
        self.server = server
        self.start = len(server.sent)
        self.third_party: list[str] = []
        self.page_paths: list[str] = []
        page.context.on("request", self._on_request)
        page.on("request", self._on_page_request)

    def _on_request(self, request):
        if not request.url.startswith((self.server.base, "data:", "blob:")):
            self.third_party.append(request.url)

    def _on_page_request(self, request):
        # requests the page makes; a service worker's own (the offline copy it saves in
        # the background) reach only the context's handler
        if request.url.startswith(self.server.base):
            self.page_paths.append("/" + request.url[len(self.server.base):].split("#", 1)[0])

    def summary(self) -> Visit:
        v = Visit(third_party=list(self.third_party))
        pending: dict[str, int] = {}
        for path in self.page_paths:
            pending[path] = pending.get(path, 0) + 1
        for path, n in self.server.sent[self.start:]:
            v.total_bytes += n
            v.requests += 1
            v.by_url[path] = v.by_url.get(path, 0) + n
            if pending.get(path):
                pending[path] -= 1
                v.page_bytes += n
                v.page_requests += 1
                v.page_by_url[path] = v.page_by_url.get(path, 0) + n
        return v


# everything a search brings: this site's search script, its word list (corrections and
# exact matches) and Pagefind's files; stock Material's index, worker and lunr
SEARCH_URL_PARTS = ("/pagefind/", "/search/words.json", "/javascripts/search.js", "search_index.json",
                    "/workers/search", "/lunr/")

# Time of the first search result, recorded in the page itself (performance.now(), ms
# since the navigation started) so the figure does not include Playwright's polling.
_WATCH = """(sel) => new Promise((resolve) => {
  const seen = () => document.querySelector(sel);
  if (seen()) { window.__firstResult = performance.now(); return resolve(); }
  new MutationObserver((m, obs) => {
    if (seen()) { window.__firstResult = performance.now(); obs.disconnect(); }
  }).observe(document.documentElement, {childList: true, subtree: true});
  resolve();
})"""

_TYPE = """([inputSel, word]) => {
  const input = document.querySelector(inputSel);
  const t0 = performance.now();
  input.focus();
  input.value = word;
  input.dispatchEvent(new Event('input', {bubbles: true}));
  input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true, key: word.slice(-1)}));
  return t0;
}"""


def first_visit(browser, server: Server, path: str) -> Visit:
    """A first visit (empty cache) on a phone-sized screen, until the network is idle."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True)
    page = context.new_page()
    traffic = Traffic(page, server)
    page.goto(server.base + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    visit = traffic.summary()
    context.close()
    return visit


_FOCUS = """(inputSel) => { document.querySelector(inputSel).focus(); }"""


def search_visit(browser, server: Server, path: str, word: str, input_sel: str, result_sel: str,
                 focus_first: bool = False) -> Visit:
    """Open ``url``, type ``word`` into the search box as soon as the page has loaded (a
    cold page), or, with ``focus_first``, after the search box has had focus and what
    focusing it fetched has arrived (the network idle, as when a reader clicks the box
    and then types), and time the first result; count the bytes every search-related
    request moved."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    traffic = Traffic(page, server)
    page.goto(server.base + path, wait_until="load")
    if focus_first:
        page.evaluate(_FOCUS, input_sel)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
    page.evaluate(_WATCH, result_sel)
    t0 = page.evaluate(_TYPE, [input_sel, word])
    page.wait_for_selector(result_sel, timeout=120_000)
    first = page.evaluate("window.__firstResult")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    visit = traffic.summary()
    visit.ms_after_typing = first - t0
    visit.ms_after_open = first
    visit.results = page.locator(result_sel).count()
    for short, n in visit.by_url.items():
        if any(part in short for part in SEARCH_URL_PARTS):
            visit.search_bytes += n
            visit.search_requests += 1
    context.close()
    return visit


# --- save-to-preview --------------------------------------------------------------------


def wait_http(url: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                if resp.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.25)
    return False


def free_port() -> int:
    with socketserver.TCPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler) as s:
        return s.server_address[1]


@dataclass
class Preview:
    initial_build: float | None
    edits: list[float]
    nav_ok: bool | None
    note: str = ""


def save_to_preview(cmd: list[str], cwd: Path, env: dict[str, str], port: int, page_path: str, source: Path,
                    browser, edits: int = 3, nav_check=None, timeout: float = 900) -> Preview:
    """Start a preview server, open ``page_path`` in Chromium, then append a sentence to
    ``source`` and time how long until the open page shows it (live reload)."""
    log = open(cwd / f".preview-{port}.log", "wb")  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
    original = source.read_text(encoding="utf-8")
    try:
        if not wait_http(base + page_path, timeout):
            return Preview(None, [], None, "the preview server did not start (see .preview log)")
        initial = time.perf_counter() - started
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + page_path, wait_until="load")
        times = []
        nav_ok = None
        for i in range(edits):
            token = f"previewcheck{i}x{int(time.time())}"
            time.sleep(1.1)  # file systems with 1 s mtime resolution must see a newer file
            t0 = time.perf_counter()
            source.write_text(original + f"\n\nThis sentence was added by the benchmark: {token}.\n", encoding="utf-8")
            deadline = time.monotonic() + timeout
            shown = False
            while time.monotonic() < deadline:
                try:
                    if page.evaluate("(t) => document.body && document.body.innerText.includes(t)", token):
                        shown = True
                        break
                except Exception:  # noqa: BLE001 - the page is reloading
                    pass
                page.wait_for_timeout(25)
            if not shown:
                return Preview(initial, times, None, "the edit never appeared in the preview")
            times.append(time.perf_counter() - t0)
            if nav_check is not None:
                page.wait_for_load_state("load")
                nav_ok = nav_check(page) if nav_ok is None else nav_ok and nav_check(page)
        context.close()
        return Preview(initial, times, nav_ok)
    finally:
        source.write_text(original, encoding="utf-8")
        try:
            os.killpg(proc.pid, signal.SIGINT)  # as Ctrl+C: mkdocs removes its temporary folder
            proc.wait(timeout=30)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


# --- Lighthouse -------------------------------------------------------------------------

LIGHTHOUSE_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "procedures-bench"


def lighthouse_command() -> tuple[list[str] | None, str]:
    """The lighthouse CLI (installed once into a cache folder with npm), or why not."""
    if not shutil.which("node") or not shutil.which("npm"):
        return None, "Node.js and npm are not installed: Lighthouse skipped (install nodejs and npm to measure it)"
    binary = LIGHTHOUSE_CACHE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        LIGHTHOUSE_CACHE.mkdir(parents=True, exist_ok=True)
        print(f"Installing Lighthouse with npm into {LIGHTHOUSE_CACHE} (once) …", file=sys.stderr)
        res = subprocess.run(["npm", "install", "--prefix", str(LIGHTHOUSE_CACHE), "--no-audit", "--no-fund", "lighthouse@12"],
                             capture_output=True, text=True)
        if res.returncode != 0 or not binary.exists():
            return None, "npm could not install lighthouse: Lighthouse skipped (" + (res.stderr.strip().splitlines() or ["?"])[-1] + ")"
    return [str(binary)], ""


def lighthouse(cmd: list[str], url: str, out: Path) -> dict[str, float] | str:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    args = cmd + [url, "--quiet", "--output=json", f"--output-path={out}",
                  "--only-categories=performance,accessibility,best-practices,seo",
                  "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                  "--disable-component-update --host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'"]
    res = subprocess.run(args, env=env, capture_output=True, text=True, timeout=600)
    if res.returncode != 0 or not out.exists():
        return "lighthouse failed: " + (res.stderr.strip().splitlines() or ["?"])[-1]
    data = json.loads(out.read_text(encoding="utf-8"))
    scores = {k: round((v.get("score") or 0) * 100) for k, v in data["categories"].items()}
    audits = data.get("audits", {})
    for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift"):
        if key in audits:
            scores[key] = audits[key].get("numericValue")
    scores["failed"] = sorted(
        k for k, a in audits.items()
        if a.get("score") is not None and a.get("score") < 0.9 and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    )
    return scores
