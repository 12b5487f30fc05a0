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


def csv_source(path: str, course) -> SourceGrid:
    from planner.roster.csvsource import read_csv
    headings = [heading for names in course.roster_columns.values() for heading in names or ()]
    return read_csv(path, headings)


def sheet_source(sheet: str, worksheet: str | None, credentials: str | None,
                 timeout: float = 30.0, env=None, tell=None) -> SourceGrid:
    """The sheet's grid; `tell(text)` shows what a first browser sign-in needs."""
    from planner.roster import credentials as creds
    from planner.roster.sheetsource import Options, parse_ref, read_sheet
    parse_ref(sheet)  # a bad address is a usage error, before any key is read
    loaded = creds.load(credentials, env, tell)
    return read_sheet(sheet, worksheet, loaded, Options.from_env(timeout, env))


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
