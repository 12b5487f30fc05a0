"""The exit policy lives in the command line only (planner/cli/exits.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from planner.batch import Outcome
from planner.cli import exits
from planner.findings import Finding

ROOT = Path(__file__).resolve().parents[1]


def finding(severity: str) -> Finding:
    return Finding("teams/a.yaml", 1, 1, severity, "PLN104", "message")


@pytest.mark.parametrize("severities, strict, code", [
    ((), False, 0),
    (("info",), True, 0),
    (("warning",), False, 0),
    (("warning",), True, 1),
    (("error", "warning"), False, 1),
])
def test_findings_give_0_or_1(severities, strict, code):
    assert exits.exit_code([finding(s) for s in severities], strict=strict) == code


def test_an_unusable_input_gives_2_whatever_the_findings():
    assert exits.exit_code([], unusable=True) == exits.UNUSABLE
    assert exits.exit_code([finding("error")], unusable=True) == exits.UNUSABLE


def test_a_batch_exits_with_its_worst_plan():
    clean = Outcome(0, "a.yaml")
    warned = Outcome(1, "b.yaml", findings=[finding("warning")])
    broken = Outcome(2, "c.yaml", status="unreadable", findings=[finding("error")])
    assert exits.for_outcomes([clean, warned]) == 0
    assert exits.for_outcomes([clean, warned], strict=True) == 1
    assert exits.for_outcomes([clean, warned, broken]) == 2
    assert exits.for_outcomes([]) == 0


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            yield node.lineno, getattr(func, "id", None) or (
                f"{getattr(func.value, 'id', '')}.{func.attr}" if isinstance(func, ast.Attribute) else "")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
            if any(name == "click" or name.startswith("click.") for name in names):
                yield node.lineno, "import click"


def test_only_the_command_line_prints_knows_click_or_exits():
    """The core returns findings and outcomes and raises typed errors (planner/errors.py)."""
    banned = {"print", "SystemExit", "sys.exit", "os._exit", "exit", "import click", "click.echo"}
    found = [f"{path.relative_to(ROOT)}:{line}: {name}"
             for path in sorted((ROOT / "planner").rglob("*.py")) if "cli" not in path.relative_to(ROOT).parts
             for line, name in _calls(path) if name in banned]
    assert found == []
