"""`planner build --watch PLAN`: rebuild when the plan, its roster, the course or a template changes.

Polling modification times (twice a second by default) is enough for one plan
and a few templates, works the same on every system and on network or
container mounts where file events are unreliable, and needs no dependency.

A plan broken mid-edit (a half-typed YAML line, an empty file while an editor
saves) raises an InputError before anything is written, so the last good
outputs stay in place; the watcher reports it and goes on. This module does
not print: it hands Events to the caller.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from planner import resources
from planner.errors import PlannerError

SETTLE = 0.05  # seconds to let an editor finish writing before reading the file


@dataclass
class Event:
    kind: str                       # built | broken
    changed: list = field(default_factory=list)  # the files that changed (empty: first build)
    result: object = None           # build.BuildResult when built
    error: PlannerError | None = None
    kept: list = field(default_factory=list)     # last good outputs kept when broken


class Watcher:
    """Builds one plan and rebuilds it when a watched file changes."""

    def __init__(self, plan_path, course, options, course_path=None):
        self.plan_path = Path(plan_path)
        self.course = course
        self.course_path = course_path
        self.options = options
        self.last_good: list = []
        self._seen: dict = {}

    def watched(self) -> list[Path]:
        """The plan, the roster beside it, the course file and every template in use."""
        files = [self.plan_path, self.plan_path.parent / "roster.yaml"]
        if self.course_path:
            files.append(Path(self.course_path))
        elif Path("course.yaml").is_file():
            files.append(Path("course.yaml"))
        if self.options.template:
            files.append(Path(self.options.template))
        folders = [resources.templates_dir()]
        if self.options.templates_dir:
            folders.insert(0, Path(self.options.templates_dir))
        for folder in folders:
            if folder.is_dir():
                files.extend(sorted(p for p in folder.rglob("*") if p.is_file()))
        return files

    def snapshot(self) -> dict:
        state = {}
        for path in self.watched():
            try:
                stat = path.stat()
            except OSError:
                state[path] = None  # absent now: its appearance is a change too
                continue
            state[path] = (stat.st_mtime_ns, stat.st_size)
        return state

    def build(self, changed=()) -> Event:
        """Build now; a broken input keeps the last good outputs."""
        from planner.build import build_one
        from planner.plans import roster_for
        try:
            if self.course_path and any(Path(p) == Path(self.course_path) for p in changed):
                from planner.course import load_course
                self.course = load_course(self.course_path)
            result = build_one(self.plan_path, self.course, self.options,
                               roster=roster_for(self.plan_path))
        except PlannerError as exc:
            return Event("broken", list(changed), error=exc,
                         kept=[p for p in self.last_good if Path(p).exists()])
        self.last_good = list(result.written)
        return Event("built", list(changed), result=result)

    def poll(self) -> Event | None:
        """One look at the files: an Event if something changed (and was rebuilt), else None."""
        current = self.snapshot()
        changed = [str(path) for path, state in current.items() if self._seen.get(path) != state]
        changed += [str(path) for path in self._seen if path not in current]
        if not changed:
            return None
        time.sleep(SETTLE)
        self._seen = self.snapshot()
        return self.build(changed)

    def start(self) -> Event:
        self._seen = self.snapshot()
        return self.build()

    def run(self, on_event, interval: float = 0.5, cycles: int | None = None,
            stop: threading.Event | None = None) -> None:
        """Build, then poll every `interval` seconds until `stop` is set or `cycles` looks are done.

        Ctrl-C (KeyboardInterrupt) propagates to the caller between two looks;
        writes are atomic, so an interrupted build never leaves half a file.
        """
        stop = stop or threading.Event()
        on_event(self.start())
        done = 0
        while cycles is None or done < cycles:
            if stop.wait(interval):
                return
            event = self.poll()
            done += 1
            if event is not None:
                on_event(event)
