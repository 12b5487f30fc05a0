"""Find plan files, and read each one into a checked model: read -> validate -> model -> check."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planner import yamlsource
from planner.errors import InputError

if TYPE_CHECKING:
    from planner.model import Plan
    from planner.yamlsource import Document

NOT_PLANS = {"roster.yaml", "course.yaml"}
SUFFIXES = (".yaml", ".yml")


@dataclass
class CheckedPlan:
    path: str
    document: Document
    plan: Plan
    findings: list = field(default_factory=list)


def discover(paths, default: str = "teams") -> list[Path]:
    """Plan files named or found in the folders named (not recursive), in a stable order."""
    found = []
    for raw in paths or (default,):
        path = Path(raw)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir()
                                if p.suffix in SUFFIXES and p.name not in NOT_PLANS and p.is_file()))
        elif path.exists() or path.suffix in SUFFIXES:
            found.append(path)
        else:
            raise InputError("no such file or folder", path=str(raw),
                             hint=_START_HINT if not paths else None)
    if not found:
        # An empty class folder is the normal state before any team has a plan:
        # say so plainly rather than succeed silently with nothing checked.
        named = ", ".join(str(raw) for raw in (paths or (default,)))
        raise InputError(f"no plan files (*.yaml) found in {named}", hint=_START_HINT)
    return found


_START_HINT = "create one with `planner new TEAM-NAME`, or name a plan file"


def roster_for(path: Path):
    """The members of the roster file beside a plan, if there is one."""
    roster_file = path.parent / "roster.yaml"
    if not roster_file.exists():  # a FIFO or a folder named roster.yaml is refused by the reader
        return None
    from planner.roster.store import load_roster
    return load_roster(roster_file)


def check_plan(path, course, catalog=None, roster=None, text: str | None = None,
               shown: str | None = None) -> CheckedPlan:
    """Read one plan and return it with all its findings; raise InputError if unreadable.

    `text` is the plan's content when it does not come from `path` (a plan at a git
    revision); `shown` is how findings name it."""
    from planner.catalog import load_catalog
    from planner.characters import shown_path
    from planner.checks import Context, run_checks
    from planner.model import build_plan
    from planner.validate import validate

    shown = shown or shown_path(path)
    document = yamlsource.parse(text, shown) if text is not None else yamlsource.load(path, shown)
    if document.data is None:
        raise InputError("the plan is empty", path=shown, line=1, column=1)
    if not isinstance(document.data, dict):
        line, column = document.where(())
        from planner.validate import describe
        raise InputError("a plan is a mapping of keys (team:, project:, ...), not "
                         f"{describe(document.data)}", path=shown, line=line, column=column)
    findings, data = validate(document, course.plan_schema)
    members = _roster_members(data, roster)
    plan = build_plan(data, shown, course, roster_members=members)
    findings += run_checks(Context(plan, document, course, catalog or load_catalog(), members))
    findings.sort(key=lambda f: (f.line, f.column, f.id))
    return CheckedPlan(shown, document, plan, findings)


def _roster_members(data, roster):
    if not roster:
        return None
    from planner.roster.store import team_key
    name = (data.get("team") or {}).get("name", "")
    for team, members in roster.items():
        if team_key(team) == team_key(name):
            return members
    return None
