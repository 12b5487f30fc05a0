"""Bounded work: a class build that dies with its parent, survives a lost worker, and
member handling that stays linear.

The pool tests use real processes and real signals (SIGKILL, SIGTERM).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from classplans import write_class
from planner import workers

ROOT = Path(__file__).resolve().parent.parent
KILLER = 3  # the job whose worker dies


def children(pid: int) -> set[int]:
    """Direct children of `pid`, from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# Module-level, so that the workers (forked) find them by name.
def _setup():
    pass


def _job(job):
    index, _path, _refused = job
    if index == KILLER:
        os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
    time.sleep(0.05)
    return f"done {index}"


def _lost(job):
    return f"lost {job[0]}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals and /proc")
@pytest.mark.parametrize("chunk", [1, 3])
def test_a_killed_worker_fails_its_job_only(chunk):
    jobs = [(index, f"plan-{index}.yaml", None) for index in range(10)]
    results = list(workers.run(jobs, _job, _setup, (), 2, chunk, _lost))
    assert results == [f"lost {i}" if i == KILLER else f"done {i}" for i in range(10)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals and /proc")
def test_class_build_names_the_plan_whose_worker_died(tmp_path, monkeypatch):
    """Through planner.batch, with the real build: the rest of the class is built."""
    from planner import batch
    from planner.build import BuildOptions
    from planner.course import load_course

    paths = write_class(tmp_path / "teams", 4)
    victim = str(paths[1])
    monkeypatch.setattr(batch, "_run_one", _killing(victim))
    options = BuildOptions(tmp_path / "out", ("plan",))
    outcomes, summary = batch.run_all(paths, load_course(None), "build", options, jobs=2)
    assert [o.status for o in outcomes] == ["ok", "failed", "ok", "ok"]
    assert outcomes[1].error == (f"{victim}: error: the worker building this plan died (out of "
                                 "memory, or killed); the other plans went on")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["team-00", "team-02",
                                                                     "team-03"]
    assert summary.failed == 1 and summary.built == 3


_REAL_RUN_ONE = None


class _killing:
    """batch._run_one, except that the worker that gets `victim` dies (pickled by value)."""

    def __init__(self, victim):
        global _REAL_RUN_ONE
        from planner import batch
        _REAL_RUN_ONE = _REAL_RUN_ONE or batch._run_one
        self.victim = victim

    def __call__(self, job):
        if job[1] == self.victim:
            os.kill(os.getpid(), signal.SIGKILL)
        return _REAL_RUN_ONE(job)


def _start_class_build(tmp_path, count=12):
    write_class(tmp_path / "teams", count)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "planner", "build", str(tmp_path / "teams"), "-o",
         str(tmp_path / "out"), "-j", "2"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    assert wait_until(lambda: len(children(process.pid)) >= 2, 60), "no workers started"
    return process, children(process.pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals and /proc")
def test_sigterm_to_the_parent_ends_its_workers(tmp_path):
    process, pool = _start_class_build(tmp_path)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=30)
    assert process.returncode == 143, err
    assert "Traceback" not in err and "terminated (SIGTERM)" in err
    assert wait_until(lambda: not any(alive(pid) for pid in pool), 10), "workers outlived it"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork and Linux signals")
def test_sigterm_to_a_worker_mid_write_leaves_no_temporary_file(tmp_path):
    """The parent stops its workers with SIGTERM (Ctrl-C, SIGTERM): a worker in the middle of
    writing a deck unwinds, so the temporary file of the write goes, then the worker ends."""
    import multiprocessing

    from planner import atomic
    target = tmp_path / "deck.pptx"

    def job(_job):
        os.fsync = lambda fd: time.sleep(60)  # in the child only: the write stays in progress
        atomic.write_bytes(target, b"x" * 1000)

    def child():
        workers._SLOT.update(slots=[0], slot=0)
        workers._call(job, [(1,)])

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    try:
        assert wait_until(lambda: list(tmp_path.glob(".deck.pptx.*.tmp")), 20), "the write never started"
        os.kill(process.pid, signal.SIGTERM)
        process.join(20)
        assert process.exitcode == -signal.SIGTERM  # ended by the signal, once unwound
        assert not list(tmp_path.iterdir()), list(tmp_path.iterdir())
    finally:
        if process.is_alive():
            process.kill()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux signals and /proc")
def test_workers_die_with_a_killed_parent(tmp_path):
    process, pool = _start_class_build(tmp_path)
    process.kill()  # SIGKILL: no handler runs in the parent
    process.communicate(timeout=30)
    assert wait_until(lambda: not any(alive(pid) for pid in pool), 10), "orphan workers"


# --- member handling stays linear ------------------------------------------------------------

class _NoIndex(list):
    """A member list whose index() is a linear scan per call: using it per slide or per
    member made speaker assignment quadratic (10,000 members: minutes)."""

    def index(self, *args):
        raise AssertionError("list.index in a loop over members")


def test_speaker_assignment_never_scans_the_member_list():
    from planner.outline import _greedy
    names = _NoIndex(f"Member {number}" for number in range(5000))
    speakers = _greedy([60] * 15, names, {0: "Member 7"})
    assert speakers[0] == "Member 7" and len(set(speakers)) == 15


def test_turn_improvement_tries_the_speakers_not_every_member(monkeypatch):
    """With more members than slides, only the slides' speakers can take a run: trying
    each of 3,000 members for each run of slides was 300,000 checks a pass."""
    from planner import turns
    calls = []
    allowed = turns._allowed
    monkeypatch.setattr(turns, "_allowed", lambda *args: calls.append(1) or allowed(*args))
    names = [f"Member {number}" for number in range(3000)]
    speakers = turns.assign([60] * 14, names, {3: "Member 3"})
    assert speakers == names[:14]
    assert len(calls) < 50_000, len(calls)


def test_greedy_keeps_its_order_on_small_teams():
    from planner.outline import _greedy
    assert _greedy([60, 60, 60, 60, 30], ["A", "B", "C"], {}) == ["A", "B", "C", "A", "B"]
    assert _greedy([60, 60, 60], ["A", "B"], {1: "A"}) == ["B", "A", "A"]
