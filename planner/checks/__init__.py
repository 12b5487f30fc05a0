"""Checks: small units, each with a stable id, a severity and a docstring.

A check is a function of a Context that yields Flags; the runner turns them
into findings. Rules that the schema validator emits (PLN0xx) are registered
here too, so that `planner check --explain ID` knows every id.
"""

from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass

from planner.findings import Finding

_MODULES = ("structure", "project", "team", "stack", "infrastructure", "architecture",
            "milestones", "risks", "presentation")


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    function: object
    by_validator: bool = False  # emitted while validating the schema, not run here

    @property
    def title(self) -> str:
        return self.explanation.split("\n", 1)[0].strip()

    @property
    def explanation(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")


@dataclass(frozen=True)
class Flag:
    path: tuple
    message: str
    hint: str | None = None
    key: bool = False


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: str, emitted_by_validator: bool = False):
    def register(function):
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, severity, function, emitted_by_validator)
        return function
    return register


def all_rules() -> list[Rule]:
    _import_all()
    return sorted(RULES.values(), key=lambda r: r.id)


def explain(rule_id: str) -> Rule | None:
    return next((r for r in all_rules() if r.id == rule_id.upper()), None)


@dataclass
class Context:
    plan: object
    document: object
    course: object
    catalog: object
    roster_members: list | None = None  # this team's members in teams/roster.yaml, if listed

    def stage_path(self, stage_id: str) -> tuple:
        return ("infrastructure",) if stage_id == "infrastructure" else ("stack", stage_id)


def _import_all():
    for name in _MODULES:
        importlib.import_module(f"planner.checks.{name}")


def run_checks(context: Context) -> list[Finding]:
    findings = []
    for current in all_rules():
        if current.by_validator:
            continue
        for flag in current.function(context):
            line, column = context.document.where(flag.path, key=flag.key)
            findings.append(Finding(context.document.path, line, column, current.severity,
                                    current.id, flag.message, flag.hint))
    return findings
