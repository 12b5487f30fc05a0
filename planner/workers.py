"""A process pool that survives a lost worker and dies with its parent.

planner.batch hands it jobs (index, ...) and a function; it yields each job's
result in the order of the jobs, while the workers work ahead.

- A worker killed while it works (out of memory, SIGKILL) breaks the pool. The
  plans it was working on are known (each worker marks the job it holds in a
  shared array); each suspect runs again alone in a fresh pool, and the one
  that kills its worker again is failed, named, by `on_lost(job)`. The other
  plans run in a new pool: one bad plan never costs the class.
- Workers end with their parent: on Linux each asks the kernel for SIGTERM when
  its parent dies (prctl PR_SET_PDEATHSIG), so a `kill -9` of the parent leaves
  nothing running; a SIGTERM to the parent ends the workers at once and raises
  Terminated, which the command line turns into exit 143.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

from planner.errors import Terminated

PR_SET_PDEATHSIG = 1
IDLE = -1


def run(jobs_list, function, initializer, initargs, workers: int, chunk: int, on_lost):
    """Yield function(job) for each job, in order; on_lost(job) stands for the result of
    a job whose worker died twice (once among others, then alone)."""
    # The queue holds (jobs, alone): `alone` chunks run in a pool of their own, so a
    # worker that dies there was killed by that very plan.
    queue = [(jobs_list[i:i + chunk], False) for i in range(0, len(jobs_list), chunk)]
    with _terminating():
        while queue:
            jobs, alone = queue[0]
            if alone:
                queue.pop(0)
                broken, _left, _suspects = yield from _one_pool([jobs], function, initializer,
                                                                initargs, 1)
                if broken:
                    yield on_lost(jobs[0])
                continue
            shared = []
            while queue and not queue[0][1]:
                shared.append(queue.pop(0)[0])
            broken, left, suspects = yield from _one_pool(shared, function, initializer,
                                                          initargs, min(workers, len(shared)))
            if not broken:
                continue
            if not suspects & {job[0] for jobs_ in left for job in jobs_}:
                suspects = {job[0] for job in left[0]}  # died between plans: suspect the next
            again: list[tuple[list, bool]] = []
            for jobs_ in left:
                again.extend(([job], True) for job in jobs_ if job[0] in suspects)
                rest = [job for job in jobs_ if job[0] not in suspects]
                if rest:
                    again.append((rest, False))
            queue[:0] = again


def forked() -> bool:
    """Whether the pool's workers start as copies of this process (and so find loaded what
    it loaded), not as fresh interpreters."""
    import multiprocessing
    return multiprocessing.get_start_method() == "fork"


def _one_pool(chunks, function, initializer, initargs, workers):
    """Run `chunks` in one pool, yielding results in order until it breaks.

    Returns (broken, the chunks not yielded, the job indices in work when it broke).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    slots = multiprocessing.Array("q", [IDLE] * workers, lock=False)
    counter = multiprocessing.Value("i", 0)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start,
                               initargs=(slots, counter, os.getpid(), initializer, initargs))
    try:
        futures = [pool.submit(_call, function, chunk) for chunk in chunks]
        for number, future in enumerate(futures):
            try:
                results = future.result()
            except BrokenProcessPool:
                suspects = {index for index in slots if index != IDLE}
                pool.shutdown(wait=True, cancel_futures=True)
                return True, chunks[number:], suspects
            yield from results
    except BaseException:
        # Ctrl-C, SIGTERM, or the caller stopping early: drop the plans not started.
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return False, [], set()


_SLOT: dict = {}


def _start(slots, counter, parent, initializer, initargs) -> None:
    """In each new worker: die with the parent, take a slot, then the caller's set-up."""
    # A forked worker inherits the parent's handler, which raises Terminated: a worker
    # ends quietly on SIGTERM instead (while it builds a plan, see _call). Ctrl-C reaches
    # the whole process group: the parent alone handles it, and stops the workers with
    # SIGTERM.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    with counter.get_lock():
        _SLOT.update(slots=slots, slot=counter.value)
        counter.value += 1
    initializer(*initargs)


class _Stopped(BaseException):
    """SIGTERM while a plan is built: unwinds it (its finally and except blocks run)."""


def _unwind(_signum, _frame):
    raise _Stopped


def _call(function, chunk) -> list:
    """Build the chunk's plans. SIGTERM meanwhile unwinds the build before the worker ends,
    so that a write in progress removes its temporary file (planner.atomic): dying on the
    spot left a '.deck.pptx.*.tmp' beside a team's files after Ctrl-C."""
    slots, slot = _SLOT["slots"], _SLOT["slot"]
    results = []
    signal.signal(signal.SIGTERM, _unwind)
    try:
        for job in chunk:
            slots[slot] = job[0]
            results.append(function(job))
    except _Stopped:  # unwound: now end, as SIGTERM asked
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    slots[slot] = IDLE
    return results


def _die_with_parent(parent: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect: end as it asked
        os.kill(os.getpid(), signal.SIGTERM)


def _stop(pool) -> None:
    """End the workers now (a plan in the middle of a build is abandoned; writes are atomic)."""
    for process in list(getattr(pool, "_processes", {}).values()):
        try:
            process.terminate()
        except (OSError, AttributeError):
            pass
    pool.shutdown(wait=True, cancel_futures=True)


class _terminating:
    """SIGTERM in the parent raises Terminated while a pool runs (main thread only)."""

    def __enter__(self):
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGTERM, _on_term)
        return self

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)
        return False


def _on_term(signum, frame):
    from planner.i18n import _
    raise Terminated(_("terminated (SIGTERM); the workers were stopped and no partial file was left"))
