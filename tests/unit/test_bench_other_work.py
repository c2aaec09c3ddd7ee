"""The benchmark's check that nothing else shared the machine: the machine's CPU time less
the benchmark's own (its finished builds and its live Chromium alike), not the load
average, which the benchmark's own builds raise."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from procedures.bench import measure
from procedures.bench.__main__ import other_work_lines, record_other_work

BURN = "import time\nt = time.process_time()\nwhile time.process_time() - t < {secs}: pass\n{after}"


def test_the_machine_time_is_read_from_the_first_line_of_proc_stat():
    tick = os.sysconf("SC_CLK_TCK")
    text = f"cpu  {100 * tick} {10 * tick} {20 * tick} {999 * tick} {50 * tick} {1 * tick} {2 * tick} {3 * tick} 0 0\ncpu0 1 2 3\n"
    # user + nice + system + irq + softirq + steal; idle and iowait are not work
    assert measure.machine_cpu_seconds(text) == pytest.approx(136)
    assert measure.machine_cpu_seconds("intr 1 2 3\n") is None


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs Linux /proc")
def test_a_finished_child_and_a_live_one_count_as_the_benchmarks_own_work():
    before = measure.own_cpu_seconds()
    subprocess.run([sys.executable, "-c", BURN.format(secs=0.3, after="")], check=True)
    after_finished = measure.own_cpu_seconds()
    assert after_finished - before >= 0.29
    live = subprocess.Popen([sys.executable, "-c", BURN.format(secs=0.3, after="import sys; sys.stdin.read()")],
                            stdin=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while measure.own_cpu_seconds() - after_finished < 0.29 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert live.poll() is None, "the child should still be running (waiting on its input)"
        assert measure.own_cpu_seconds() - after_finished >= 0.29
    finally:
        live.communicate(b"")


class _Fixed:
    def __init__(self, cores):
        self._cores = cores

    def cores(self):
        return self._cores


def test_other_work_above_a_quarter_of_a_core_marks_the_run_busy_and_says_how_much():
    res: dict = {}
    record_other_work(res, _Fixed(0.6))
    assert res == {"other_cores": 0.6, "busy": True}
    assert other_work_lines(res)[0] == "WARNING: other work used 0.60 cores on average during this run: these timings are not results."
    record_other_work(res, _Fixed(0.04))
    assert res["busy"] is False
    assert other_work_lines(res)[0].startswith("Other work on the machine during this run: 0.04 cores on average")


# A build's helpers that their own parents never wait for (Chromium's zygotes and
# renderers, which print the PDFs) must still count as the build's: before, their CPU time
# went to init with them, a build that printed PDFs looked as if it used about half the
# CPU it did, and the rest was reported as other work on the machine.
ORPHAN_CPU = """import subprocess, sys
print(subprocess.Popen([sys.executable, "-c", {burn!r}], start_new_session=True).pid)
"""  # the parent ends at once, never waiting for its child

# a child that holds about 200 MB for a moment; its parent waits until it has ended but
# never collects it, so the child's peak never reaches the build's own ru_maxrss
ORPHAN_MEMORY = """import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(200 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.0)"])
while True:
    try:
        state = open(f"/proc/{child.pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        break
    if state == "Z":
        break
    time.sleep(0.02)
os._exit(0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux (PR_SET_CHILD_SUBREAPER, /proc)")
def test_a_builds_orphaned_helper_counts_towards_the_builds_cpu_time(tmp_path):
    burn = BURN.format(secs=0.5, after="")
    run = measure.run_measured([sys.executable, "-c", ORPHAN_CPU.format(burn=burn)], cwd=tmp_path)
    assert run.returncode == 0
    assert run.cpu >= 0.45, run
    helper = int(run.output.split()[0])
    assert helper not in measure._children(os.getpid()), "the helper was left uncollected"
    assert not Path(f"/proc/{helper}").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux (/proc)")
def test_the_largest_process_includes_a_helper_its_parent_never_collected(tmp_path):
    run = measure.run_measured([sys.executable, "-c", ORPHAN_MEMORY], cwd=tmp_path)
    assert run.returncode == 0
    assert run.peak_process_mb >= 190, run


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux (PR_SET_CHILD_SUBREAPER)")
def test_the_process_stops_adopting_orphans_when_the_run_ends(tmp_path):
    # a test run or a benchmark that measures once must not collect every later orphan
    assert not measure.adopting_orphans()
    measure.run_measured([sys.executable, "-c", "pass"], cwd=tmp_path)
    assert not measure.adopting_orphans()
