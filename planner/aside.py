"""Render a text in a forked child while this process goes on: the plan beside the deck.

A one-plan build spends ~90 ms on the Markdown plan (Jinja2 and markdown-it imported,
templates loaded, rendered) and ~350 ms on the deck (python-pptx imported, laid out,
drawn), one after the other, while a second core waits. `start(render)` forks once the
render input exists; the child renders and hands the text back through a pipe, the
parent draws the deck meanwhile.

The child only renders: it writes no file and prints nothing, and it ends by SIGKILL to
itself, at once: it must not run what this process runs when it ends (atexit handlers,
the flushing of buffers it shares with the parent), and only the command line decides an
exit (tests/test_exits.py). What it hands back is its length then its marshalled texts, so
a child that stopped halfway is told from one that finished. Anything that goes wrong in
it (an exception, a signal, a broken pipe) only means `result()` is None, and the caller
renders in its own process as it would have without a child: the same text, or the same
error raised at the same point of the build. So the outputs are the same bytes, written in
the same order, with or without a child.

No child when it would not pay or not be safe: a single core (or a pool worker, whose
cores the pool already uses), no os.fork (Windows), or another thread running (a fork
copies only the calling thread, and a lock another thread holds would stay held).
"""

from __future__ import annotations

import marshal
import os
import signal
import struct
import threading
from collections.abc import Callable

_SIZE = struct.Struct("<Q")  # the length of what the child hands back, before it


class Pending:
    """A text being rendered by a child process."""

    def __init__(self, pid: int, pipe: int):
        self.pid = pid
        self._pipe: int | None = pipe
        self._value: dict[str, str | None] | None = None

    def result(self) -> dict[str, str | None] | None:
        """The child's texts, or None when it failed (then render them here). Waits for it."""
        if self._pipe is None:
            return self._value
        chunks = []
        try:
            while chunk := os.read(self._pipe, 1 << 20):
                chunks.append(chunk)
        except OSError:
            chunks = []
        finally:
            os.close(self._pipe)
            self._pipe = None
        os.waitpid(self.pid, 0)
        data = b"".join(chunks)
        if len(data) > _SIZE.size and _SIZE.unpack_from(data)[0] == len(data) - _SIZE.size:
            try:
                value = marshal.loads(data[_SIZE.size:])
            except (ValueError, EOFError, TypeError):
                value = None
            self._value = value if isinstance(value, dict) else None
        return self._value

    def close(self) -> None:
        """Reap the child (once), whether or not its value was asked for."""
        self.result()


def worth_it() -> bool:
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # not on Linux
        return (os.cpu_count() or 1) > 1


def start(render: Callable[[], dict[str, str | None]]) -> Pending | None:
    """Run `render()`, which returns texts by name, in a forked child; None when no child
    was started."""
    if not worth_it():
        return None
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:
        _render_and_end(render, read, write)
    os.close(write)
    return Pending(pid, read)


def _render_and_end(render, read: int, write: int) -> None:
    """In the child: hand back what `render()` returns, then end at once (SIGKILL)."""
    try:
        os.close(read)
        data = marshal.dumps(render())
        view = memoryview(_SIZE.pack(len(data)) + data)
        while view:
            view = view[os.write(write, view):]
    except BaseException:  # nothing handed back: the parent renders the texts itself
        pass
    finally:
        os.kill(os.getpid(), signal.SIGKILL)
