"""docs/roster.md documents every roster rule, with its severity."""

from __future__ import annotations

import re
from pathlib import Path

from planner.roster.checks import RULES

DOC = Path(__file__).resolve().parents[1] / "docs" / "roster.md"


def test_every_rule_is_documented_with_its_severity():
    text = DOC.read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| <a id=\"ros\d+\"></a>(ROS\d{3}) \| (error|warning) \|", text, re.M))
    assert documented == {rule.id: rule.severity for rule in RULES.values()}
