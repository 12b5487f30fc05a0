"""Find plan files, and read each one into a checked model: read -> validate -> model -> check."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planner import yamlsource
from planner.errors import InputError
from planner.i18n import N_, _

if TYPE_CHECKING:
    from planner.model import Plan
    from planner.yamlsource import Document

NOT_PLANS = {"roster.yaml", "course.yaml"}
SUFFIXES = (".yaml", ".yml")


@dataclass
class CheckedPlan:
    """A plan read, validated and modelled, with every finding about it."""

    path: str
    document: Document
    plan: Plan
    findings: list = field(default_factory=list)
    language: str = "en"  # of its findings: the plan's own, else --lang, else the course's


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
            raise InputError(_("no such file or folder"), path=str(raw),
                             hint=_(_START_HINT) if not paths else None)
    if not found:
        # An empty class folder is the normal state before any team has a plan:
        # say so plainly rather than succeed silently with nothing checked.
        named = ", ".join(str(raw) for raw in (paths or (default,)))
        raise InputError(_("no plan files (*.yaml) found in {folders}").format(folders=named),
                         hint=_(_START_HINT))
    return found


_START_HINT = N_("create one with `planner new TEAM-NAME`, or name a plan file")


def check_plan(path, course, catalog=None, roster=None, lang=None, text: str | None = None,
               shown: str | None = None) -> CheckedPlan:
    """Read one plan and return it with all its findings; raise InputError if unreadable.

    Findings are in the plan's `language`, else `lang` (--lang), else the course's.
    `text` is the plan's content when it does not come from `path` (a plan at a git
    revision); `shown` is how findings name it.
    """
    from planner import i18n
    with i18n.language(i18n.choose(lang, course.language)):
        document = _read(path, text, shown)
        with i18n.language(plan_language(document.data, lang, course)) as language:
            checked = _check(document, course, catalog, roster)
            checked.language = language
            return checked


def plan_language(data, lang=None, course=None) -> str:
    """The language of a plan's messages: its own `language`, else --lang, else the course's."""
    from planner import i18n
    own = data.get("language") if isinstance(data, dict) else None
    return i18n.choose(own, lang, getattr(course, "language", None))


def _read(path, text: str | None = None, shown: str | None = None):
    from planner.characters import shown_path
    shown = shown or shown_path(path)
    document = yamlsource.parse(text, shown) if text is not None else yamlsource.load(path, shown)
    if document.data is None:
        raise InputError(_("the plan is empty"), path=shown, line=1, column=1)
    if not isinstance(document.data, dict):
        line, column = document.where(())
        from planner.validate import describe
        raise InputError(_("a plan is a mapping of keys (team:, project:, ...), not "
                           "{found}").format(found=describe(document.data)),
                         path=shown, line=line, column=column)
    return document


def _check(document, course, catalog, roster) -> CheckedPlan:
    from planner.catalog import load_catalog
    from planner.checks import Context, run_checks
    from planner.facts import team_members
    from planner.model import build_plan
    from planner.validate import validate

    shown = document.path
    findings, data = validate(document, course.validation_schema)
    members = team_members(roster, (data.get("team") or {}).get("name", ""))
    plan = build_plan(data, shown, course, roster_members=members,
                      only_text=not document.maybe_not_text)
    findings += run_checks(Context(plan, document, course, catalog or load_catalog(), members))
    findings.sort(key=lambda f: (f.line, f.column, f.id))
    return CheckedPlan(shown, document, plan, findings)
