"""`planner roster pull`, without the command line: source -> grid -> roster -> file."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from planner.roster import diff, store
from planner.roster.grid import Rules, read_grid
from planner.roster.model import Roster
from planner.roster.source import SourceGrid


@dataclass
class PullResult:
    roster: Roster
    findings: list
    text: str               # the roster file's new text
    diff: str               # unified diff against the current file ('' if none)
    written: bool           # the file was written (False: dry run, or no change)
    output: str
    source: SourceGrid | None = field(repr=False, default=None)

    @property
    def changed(self) -> bool:
        return bool(self.diff)


def check_output(output: str | os.PathLike) -> None:
    """Fail before any network traffic if the output could never be written."""
    store.check_writable(output)


def pull(source: SourceGrid, course, output: str, dry_run: bool = False) -> PullResult:
    """Build the roster from the source's grid; write it unless dry_run or unchanged."""
    result = read_grid(source.grid, Rules.from_course(course), source.path)
    findings = sorted(source.findings + result.findings)
    text = store.render(result.roster, source.description)
    current = store.read_text_if_any(output)
    changes = diff.unified(current, text, str(output))
    written = False
    if not dry_run:
        written = store.write(output, text)
    return PullResult(result.roster, findings, text, changes, written, str(output), source)
