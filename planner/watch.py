"""`planner build --watch PLAN`: rebuild when the plan, its roster, the course or a template changes.

Only what a change touches is rebuilt: a change to the plan, its roster or the
course rebuilds every output; a template only the outputs made from it (the
Markdown templates: plan.md and plan.html; the HTML page's: plan.html; the deck
template: deck.pptx and deck.pdf), from the render input of the last build,
without reading and checking the plan again. Each Event says what was rebuilt
and how long it took.

Polling modification times (twice a second by default) is enough for one plan
and a few templates, works the same on every system and on network or
container mounts where file events are unreliable, and needs no dependency.

A plan broken mid-edit (a half-typed YAML line, an empty file while an editor
saves) raises an InputError before anything is written, so the last good
outputs stay in place; the watcher reports it and goes on. This module does
not print: it hands Events to the caller.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planner import resources
from planner.errors import PlannerError

if TYPE_CHECKING:
    from planner.build import BuildResult

PLAN = "plan"  # the plan, its roster, the course: every output is made from them

SETTLE = 0.05  # seconds to let an editor finish writing before reading the file


@dataclass
class Event:
    kind: str                       # built | broken
    changed: list = field(default_factory=list)  # the files that changed (empty: first build)
    result: BuildResult | None = None
    error: PlannerError | None = None
    kept: list = field(default_factory=list)     # last good outputs kept when broken
    outputs: tuple = ()             # the outputs rebuilt (their --only names)
    seconds: float = 0.0            # how long the (re)build took


class Watcher:
    """Builds one plan and rebuilds it when a watched file changes."""

    def __init__(self, plan_path, course, options, course_path=None):
        self.plan_path = Path(plan_path)
        self.course = course
        self.course_path = course_path
        self.options = options
        self.last_good: list = []
        self._seen: dict = {}
        self._inputs: dict = {}
        self._prepared: tuple | None = None  # (checked plan, render input) of the last good build

    def watched(self) -> list[Path]:
        """The plan, the roster beside it, the course file and every template in use."""
        return list(self.inputs())

    def inputs(self) -> dict[Path, str]:
        """Each watched file and what it feeds: PLAN, or an output input (outputs.py)."""
        from planner.outputs import DECK_TEMPLATE
        files = {self.plan_path: PLAN, self.plan_path.parent / "roster.yaml": PLAN,
                 self.course_file(): PLAN}
        if self.options.template:
            files[Path(self.options.template)] = DECK_TEMPLATE
        folders = [resources.templates_dir()]
        if self.options.templates_dir:
            folders.insert(0, Path(self.options.templates_dir))
        for folder in folders:
            if folder.is_dir():
                for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                    kind = template_input(path.relative_to(folder))
                    if kind:
                        files.setdefault(path, kind)
        return files

    def course_file(self) -> Path:
        """The course file the build reads: --course, else ./course.yaml (watched even while
        absent, as load_course looks for it: its appearance or removal changes the course)."""
        from planner.course import DEFAULT_NAME
        return Path(self.course_path or DEFAULT_NAME)

    def snapshot(self) -> dict:
        self._inputs = self.inputs()
        state: dict[Path, tuple[int, int] | None] = {}
        for path in self._inputs:
            try:
                stat = path.stat()
            except OSError:
                state[path] = None  # absent now: its appearance is a change too
                continue
            state[path] = (stat.st_mtime_ns, stat.st_size)
        return state

    def affected(self, changed, kinds_before: dict) -> tuple[str, ...] | None:
        """The --only outputs to rebuild for these changed files; None: all, from the plan."""
        from planner.outputs import OUTPUTS
        kinds = {self._inputs.get(Path(p)) or kinds_before.get(Path(p), PLAN) for p in changed}
        if PLAN in kinds or self._prepared is None:
            return None
        return tuple(name for name in self.options.only if set(OUTPUTS[name].inputs) & kinds)

    def build(self, changed=(), outputs: tuple[str, ...] | None = None) -> Event:
        """Build now (`outputs`: only those, from the last render input); a broken input
        keeps the last good outputs."""
        from planner.build import prepare, write_outputs
        from planner.facts import roster_beside
        start = time.perf_counter()
        try:
            if outputs is None:
                if any(Path(p) == self.course_file() for p in changed):
                    from planner.course import load_course
                    self.course = load_course(self.course_path)
                self._prepared = None
                self._prepared = prepare(self.plan_path, self.course, self.options,
                                         roster=roster_beside(self.plan_path))
                options = self.options
            else:
                options = dataclasses.replace(self.options, only=outputs)
            checked, data = self._prepared
            result = write_outputs(checked, data, options)
        except PlannerError as exc:
            return Event("broken", list(changed), error=exc,
                         kept=[p for p in self.last_good if Path(p).exists()],
                         seconds=time.perf_counter() - start)
        written = {str(path) for path in result.written}
        self.last_good = [p for p in self.last_good if str(p) not in written] + list(result.written)
        return Event("built", list(changed), result=result, outputs=tuple(options.only),
                     seconds=time.perf_counter() - start)

    def poll(self) -> Event | None:
        """One look at the files: an Event if something changed (and was rebuilt), else None."""
        before = self._inputs
        current = self.snapshot()
        changed = [str(path) for path, state in current.items() if self._seen.get(path) != state]
        changed += [str(path) for path in self._seen if path not in current]
        if not changed:
            return None
        time.sleep(SETTLE)
        self._seen = self.snapshot()
        outputs = self.affected(changed, before)
        if outputs == ():
            return Event("unused", changed)  # e.g. the HTML page's template, HTML not asked for
        return self.build(changed, outputs)

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


def template_input(relative: Path) -> str | None:
    """What a file of a templates folder feeds (outputs.py), by its place in the folder;
    None for templates a build never reads (new/: the starter plan, report/: the class report)."""
    from planner.outputs import MARKDOWN_TEMPLATES, PAGE_TEMPLATES
    parts = relative.parts
    if parts[0] in ("new", "report") or "__pycache__" in parts:
        return None
    if parts[0] == "plan" and relative.name.startswith("page."):
        return PAGE_TEMPLATES
    return MARKDOWN_TEMPLATES  # plan.md.j2, its sections, anything a user's template includes
