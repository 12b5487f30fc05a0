"""The finding formats registry (planner/formats.py) drives `planner check --format`."""

from __future__ import annotations

import json

import pytest

from cli_support import run_planner
from planner import formats
from planner.findings import Finding

FINDINGS = [Finding("teams/a.yaml", 3, 5, "error", "PLN104", "stage 'monitoring' has no justification"),
            Finding("teams/a.yaml", 9, 1, "warning", "ROS012", "not UTF-8", "export it again")]


def test_the_registry_has_the_formats_of_the_brief():
    assert list(formats.FORMATS) == ["text", "json", "github", "sarif"]


@pytest.mark.parametrize("name", list(formats.FORMATS))
def test_every_format_renders_every_finding(name):
    text = formats.render(name, FINDINGS)
    assert text.endswith("\n") and "PLN104" in text and "ROS012" in text


def test_sarif_describes_rules_of_every_family():
    log = json.loads(formats.render("sarif", FINDINGS))
    described = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert set(described) == {"PLN104", "ROS012"}
    assert described["ROS012"]["shortDescription"]["text"] == "The CSV file is not UTF-8."


def test_check_offers_the_registered_formats():
    done = run_planner("check", "--format", "nope", "tests/fixtures/check/clean.yaml")
    assert done.returncode == 2
    for name in formats.FORMATS:
        assert f"'{name}'" in done.stderr


def test_a_registered_format_is_a_format_of_the_registry(monkeypatch):
    monkeypatch.setattr(formats, "FORMATS", dict(formats.FORMATS))

    @formats.finding_format("count")
    def count(findings):
        return f"{len(findings)}\n"

    assert formats.render("count", FINDINGS) == "2\n"
    with pytest.raises(ValueError, match="twice"):
        formats.finding_format("count")(count)
