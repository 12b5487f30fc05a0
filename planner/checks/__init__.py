"""Checks: small units, each with a stable id, a severity and a docstring.

A check is a function of a Context that yields Flags; the runner turns them
into findings. Each is registered in the one rule registry (planner.rules) with
@rule(id, severity); rules that the schema validator emits (PLN0xx) are declared
in structure.py with found_by="schema", so that `planner check --explain ID`
knows every id.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from planner import rules
from planner.findings import Finding
from planner.rules import Rule, rule

if TYPE_CHECKING:
    from planner.catalog import Catalog
    from planner.course import Course
    from planner.model import Plan
    from planner.yamlsource import Document

__all__ = ["Context", "Flag", "Rule", "all_rules", "explain", "load_rules", "rule", "run_checks"]

_MODULES = ("structure", "characters", "project", "team", "stack", "infrastructure", "architecture",
            "milestones", "risks", "presentation")


@dataclass(frozen=True)
class Flag:
    """What a check found, at a path of the plan; run_checks makes it a finding of the check's rule."""

    path: tuple
    message: str
    hint: str | None = None
    key: bool = False


def load_rules() -> None:
    """Import every check module, which registers its rules (planner.rules calls this)."""
    for name in _MODULES:
        importlib.import_module(f"planner.checks.{name}")


def all_rules() -> list[Rule]:
    """The plan's rules (family PLN); planner.rules.all_rules() has every family."""
    return rules.all_rules("PLN")


def explain(rule_id: str) -> Rule | None:
    return rules.explain(rule_id)


@dataclass
class Context:
    """What every check reads: the plan, its file, the course, the catalog and the roster's members."""

    plan: Plan
    document: Document
    course: Course
    catalog: Catalog
    roster_members: list | None = None  # this team's members in teams/roster.yaml, if listed

    def stage_path(self, stage_id: str) -> tuple:
        return ("infrastructure",) if stage_id == "infrastructure" else ("stack", stage_id)

    def chosen_stages(self):
        """(stage, choice) of the stages with a choice written in the plan itself (not the
        infrastructure, not covered by a platform)."""
        for stage in self.course.stages:
            choice = self.plan.stack[stage.id]
            if stage.id != "infrastructure" and choice.status == "chosen" and not choice.covered_by:
                yield stage, choice

    @cached_property
    def comma_splits(self) -> list[tuple]:
        """The list items a comma inside [...] cut in two (planner.checks.project.comma_splits)."""
        from planner.checks.project import comma_splits
        return comma_splits(self.document.data)

    @cached_property
    def split_pieces(self) -> set[tuple]:
        """The paths of both pieces of every item cut in two."""
        return {piece for path, _first, _second in self.comma_splits
                for piece in (path, path[:-1] + (path[-1] + 1,))}


# The rule that reports an item cut in two by a comma; the pieces themselves are not names, so
# no other rule reports them ("docker-compose.yml (JupyterLab" is not an unknown tool).
COMMA_SPLIT = "PLN003"


def _about_a_piece(context: Context, path: tuple) -> bool:
    pieces = context.split_pieces
    return bool(pieces) and any(path[:length] in pieces for length in range(1, len(path) + 1))


def run_checks(context: Context) -> list[Finding]:
    findings = []
    for current in all_rules():
        if current.check is None:
            continue
        for flag in current.check(context):
            if current.id != COMMA_SPLIT and _about_a_piece(context, flag.path):
                continue
            line, column = context.document.where(flag.path, key=flag.key)
            findings.append(rules.finding(current.id, context.document.path, line, column,
                                          flag.message, flag.hint))
    return findings
