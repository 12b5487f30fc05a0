"""The one rule registry (planner.rules): every family declared once, with its severity and docstring."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cli_support import run_planner
from planner import rules
from planner.checks.docs import render as render_docs
from planner.findings import SEVERITIES

ROOT = Path(__file__).resolve().parents[1]


def test_every_family_has_rules_with_a_severity_and_a_title():
    every = rules.all_rules()
    assert {rule.family for rule in every} == set(rules.FAMILIES)
    for rule in every:
        assert rule.severity in SEVERITIES and rule.found_by in rules.FOUND_BY, rule.id
        assert rule.title.endswith("."), rule.id
        assert (rule.check is not None) == (rule.found_by == "content"), rule.id


@pytest.mark.parametrize("rule_id", ["PLN104", "PLN010", "ROS004", "ros012", "CRS001"])
def test_explain_knows_every_family(rule_id):
    done = run_planner("check", "--explain", rule_id)
    rule = rules.explain(rule_id)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{rule.id} ({rule.severity}): {rule.title}")
    assert rule.explanation.splitlines()[-1] in done.stdout


def test_explain_of_an_unknown_family_is_a_usage_error():
    done = run_planner("check", "--explain", "XYZ001")
    assert done.returncode == 2 and "no rule XYZ001" in done.stderr and "Traceback" not in done.stderr


def test_docs_cover_every_family():
    text = render_docs()
    for family, (subject, _modules) in rules.FAMILIES.items():
        assert f"## {family}: {subject}" in text
    for rule in rules.all_rules():
        assert f"| [{rule.id}](#{rule.id.lower()}) | {rule.severity} | {rule.found_by} |" in text
        assert f"### {rule.id}\n" in text


def test_declaring_a_rule_checks_its_id_severity_and_origin(monkeypatch):
    monkeypatch.setattr(rules, "RULES", dict(rules.RULES))
    with pytest.raises(ValueError, match="FAMILY"):
        rules.declare("XYZ001", "error", "Doc.", "content")
    with pytest.raises(ValueError, match="severity"):
        rules.declare("PLN999", "fatal", "Doc.", "content")
    with pytest.raises(ValueError, match="origin"):
        rules.declare("PLN999", "error", "Doc.", "somewhere")
    with pytest.raises(ValueError, match="twice"):
        rules.declare("PLN104", "error", "Doc.", "content")
    added = rules.declare("PLN999", "info", "A new rule.\n\nIts explanation.", "schema")
    assert rules.get("PLN999") is added and added.title == "A new rule."


def test_a_finding_takes_its_severity_from_the_registry(monkeypatch, tmp_path):
    monkeypatch.setattr(rules, "RULES", dict(rules.RULES))
    rules.RULES["ROS012"] = rules.Rule("ROS012", "info", "Changed.", "roster")
    from planner.roster.csvsource import read_csv  # the emitter of ROS012
    csv_file = tmp_path / "roster.csv"
    csv_file.write_bytes("Équipe;Nom\nA;Bé\n".encode("cp1252"))
    (finding,) = read_csv(csv_file).findings
    assert (finding.id, finding.severity) == ("ROS012", "info")
    from planner.validate import validate
    rules.RULES["PLN010"] = rules.Rule("PLN010", "warning", "Changed.", "schema")
    from planner import yamlsource
    document = yamlsource.parse("a: 1\nb: 2\n", "x.yaml")
    findings, _ = validate(document, {"type": "object", "properties": {"a": {}}, "additionalProperties": False})
    assert [(f.id, f.severity) for f in findings] == [("PLN010", "warning")]


def test_findings_are_built_only_through_the_registry():
    """No emitter writes a severity of its own: Finding(...) is built in planner/rules.py only."""
    builders = []
    for path in sorted((ROOT / "planner").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "Finding":
                builders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert builders and all(place.startswith("planner/rules.py:") for place in builders), builders


def test_every_rule_id_the_code_names_is_declared():
    """An emitter naming an id nobody declared would fail only when it fires: catch it here."""
    import re
    rule_id = re.compile(r"\b(?:" + "|".join(rules.FAMILIES) + r")\d{3}\b")
    named = set()
    for path in sorted((ROOT / "planner").rglob("*.py")):
        named |= set(rule_id.findall(path.read_text(encoding="utf-8")))
    assert named - {rule.id for rule in rules.all_rules()} == set()
