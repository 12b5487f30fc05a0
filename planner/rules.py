"""The one rule registry: every finding id of every family, with its severity and its docstring.

A family is the id's three-letter prefix (FAMILIES). A rule is declared once, next to the code
that finds it: a content check of a plan with the @rule decorator (planner.checks), a rule
emitted elsewhere (the schema validator, the roster reader, the course file's consistency check)
with declare(). Emitters build their findings with finding(), which takes the severity from here,
so no severity is written twice. `planner check --explain ID`, docs/checks.md and the SARIF
output read this registry.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from planner import registry
from planner.findings import SEVERITIES, Finding

# Family prefix -> what its rules look at, and the modules that declare them (imported on demand,
# so that `planner check` does not import the roster code before it needs a rule's text).
FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "PLN": ("plan", ("planner.checks",)),
    "CRS": ("course file", ("planner.course",)),
    "ROS": ("roster", ("planner.roster.checks",)),
    "GRD": ("grading sheet", ("planner.grade",)),
}

# How a rule is found: by a content check run on the plan, or while something is read.
FOUND_BY = ("content", "schema", "course", "roster", "build", "grade")


@dataclass(frozen=True)
class Rule:
    """A declared rule: its id, severity and documentation, and its check for a content rule."""

    id: str
    severity: str
    doc: str                               # first line: the title; then the explanation
    found_by: str = "content"
    check: Callable | None = None          # the content check (found_by == "content")

    @property
    def family(self) -> str:
        return self.id[:3]

    @property
    def by_validator(self) -> bool:
        return self.found_by != "content"

    @property
    def title(self) -> str:
        return self.explanation.split("\n", 1)[0].strip()

    @property
    def explanation(self) -> str:
        return inspect.cleandoc(self.doc or "")


RULES: dict[str, Rule] = {}


def declare(rule_id: str, severity: str, doc: str, found_by: str, check: Callable | None = None) -> Rule:
    """Register one rule; an id of an unknown family, a second declaration or a bad severity fails."""
    if rule_id[:3] not in FAMILIES or len(rule_id) != 6 or not rule_id[3:].isdigit():
        raise ValueError(f"rule id {rule_id!r} is not FAMILY + 3 digits (families: {', '.join(FAMILIES)})")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {rule_id}: unknown severity {severity!r}")
    if found_by not in FOUND_BY:
        raise ValueError(f"rule {rule_id}: unknown origin {found_by!r}")
    return registry.add(RULES, rule_id, Rule(rule_id, severity, doc, found_by, check), "rule")


def rule(rule_id: str, severity: str, found_by: str = "content"):
    """Decorator: the function's docstring documents the rule; a content rule's function is its check."""
    def register(function):
        declare(rule_id, severity, function.__doc__ or "", found_by,
                function if found_by == "content" else None)
        return function
    return register


def _load(families: Iterable[str] = FAMILIES) -> None:
    for family in families:
        for module in FAMILIES[family][1]:
            loaded = importlib.import_module(module)
            hook = getattr(loaded, "load_rules", None)
            if hook is not None:
                hook()


def all_rules(family: str | None = None) -> list[Rule]:
    _load([family] if family else FAMILIES)
    return sorted((r for r in RULES.values() if family is None or r.family == family), key=lambda r: r.id)


def get(rule_id: str) -> Rule:
    """A declared rule; its family's modules are imported first. KeyError for an unknown id."""
    found = RULES.get(rule_id)
    if found is None and rule_id[:3] in FAMILIES:
        _load([rule_id[:3]])
        found = RULES.get(rule_id)
    if found is None:
        raise KeyError(rule_id)
    return found


def explain(rule_id: str) -> Rule | None:
    try:
        return get(rule_id.strip().upper())
    except KeyError:
        return None


def finding(rule_id: str, path: str, line: int, column: int, message: str,
            hint: str | None = None) -> Finding:
    """A finding of a declared rule, with the rule's severity."""
    return Finding(path, line, column, get(rule_id).severity, rule_id, message, hint)
