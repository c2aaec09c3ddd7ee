"""Child processes that never outlive the command that started them.

``procedures serve`` and ``procedures build`` run their work in a child process (MkDocs,
which in turn starts Pagefind, and Playwright's driver with Chromium) and supervise it:

* the child runs in its own session, so a terminal's Ctrl+C, an IDE's stop button or a
  process manager's SIGTERM reaches this process alone, which then stops the child the
  right way — ``mkdocs serve`` gets SIGINT (it shuts its server down and removes its
  temporary folder); a build is stopped outright — and after a grace period kills every
  process still left in the child's tree (Pagefind, Chromium's many processes);
* the child gets a private temporary folder (``TMPDIR``): MkDocs's preview folder,
  Playwright's browser profile and anything else written there is removed at the end,
  however the child ended;
* on Linux the child is also told to stop if this process itself is killed (SIGKILL
  cannot be caught, so this is the kernel's job: ``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

GRACE_SECONDS = 5.0


def _ps() -> str:
    """``ps`` even when PATH is bare (an IDE, a test that hides the browser)."""
    return shutil.which("ps") or next((p for p in ("/bin/ps", "/usr/bin/ps") if os.path.exists(p)), "ps")


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children, grandchildren …), found with ``ps``, and every
    other process of the session ``pid`` leads (orphans re-parented after their parent ended)."""
    try:
        out = subprocess.run([_ps(), "-A", "-o", "pid=", "-o", "ppid=", "-o", "sid="], capture_output=True,
                             text=True, check=False).stdout
    except OSError:
        return []
    children: dict[int, list[int]] = {}
    found: list[int] = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
            children.setdefault(int(parts[1]), []).append(int(parts[0]))
            if len(parts) == 3 and parts[2] == str(pid) and int(parts[0]) != pid:
                found.append(int(parts[0]))
    todo = [pid, *found]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.append(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (exited, not yet reaped by its parent) is not running
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def _signal_all(pids: list[int], sig: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, sig)


def stop_tree(proc: subprocess.Popen, first: int = signal.SIGTERM, grace: float = GRACE_SECONDS,
              only_child_first: bool = False) -> None:
    """Stop ``proc`` and everything it started: ``first`` (to the child alone, or to the
    whole tree), then SIGKILL to whatever is still running after ``grace`` seconds."""
    tree = [proc.pid, *descendants(proc.pid)]  # found before anything exits and is re-parented
    _signal_all([proc.pid] if only_child_first else tree, first)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        if proc.poll() is not None and not any(alive(p) for p in tree[1:]):
            break
        time.sleep(0.1)
    tree += [p for p in descendants(proc.pid) if p not in tree]
    _signal_all([p for p in tree if alive(p)], signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=grace)
    for pid in tree[1:]:  # wait until the kernel has really ended them
        end = time.monotonic() + grace
        while alive(pid) and time.monotonic() < end:
            time.sleep(0.05)


def _die_with_parent() -> None:  # pragma: no cover - runs in the child, between fork and exec
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def run_supervised(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None, graceful: bool = False,
                   cleanup: Callable[[], None] | None = None, what: str = "the command") -> int:
    """Run ``cmd`` as described in the module docstring; return its exit status (130 after
    Ctrl+C, 143 after SIGTERM). ``graceful``: SIGINT to the child first (``mkdocs serve``).
    ``cleanup`` runs at the end in every case."""
    private_tmp = Path(tempfile.mkdtemp(prefix="procedures-"))
    child_env = dict(env if env is not None else os.environ)
    child_env["TMPDIR"] = str(private_tmp)
    stopped_by: list[int] = []

    def on_signal(signum, frame):  # noqa: ARG001
        stopped_by.append(signum)
        raise _Stop

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    proc: subprocess.Popen | None = None
    try:
        try:
            proc = subprocess.Popen(cmd, cwd=cwd, env=child_env, start_new_session=True,
                                    preexec_fn=_die_with_parent)  # noqa: PLW1509 - nothing else runs yet
            return proc.wait()
        except _Stop:
            for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                signal.signal(s, signal.SIG_IGN)  # a second Ctrl+C must not interrupt the clean-up
            if proc is not None:
                if graceful:  # mkdocs serve may finish a preview search index first
                    stop_tree(proc, first=signal.SIGINT, only_child_first=True, grace=4 * GRACE_SECONDS)
                else:
                    stop_tree(proc, first=signal.SIGTERM)
            print(f"Stopped {what}.", file=sys.stderr)
            return 128 + stopped_by[0]
    finally:
        if proc is not None and proc.poll() is None:  # pragma: no cover - an unexpected error here
            stop_tree(proc)
        elif proc is not None:
            left = [p for p in descendants(proc.pid) if alive(p)]
            _signal_all(left, signal.SIGKILL)
        if cleanup is not None:
            cleanup()
        shutil.rmtree(private_tmp, ignore_errors=True)
        for s, handler in previous.items():
            signal.signal(s, handler)


class _Stop(Exception):
    pass
