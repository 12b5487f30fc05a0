"""python-pptx's private internals are used in one module only, under a pinned major version."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INTERNALS = ROOT / "planner/deck/pptx_internals.py"
# Private python-pptx names planner has needed; a new one belongs in pptx_internals.py too.
PRIVATE = re.compile(r"\._(?:element|txBody|spTree|shape_factory|next_shape_id|sldIdLst|blob|rels|"
                     r"get_or_add_\w+|add_\w+|remove_\w+)\b")


def test_private_internals_are_used_in_one_module():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "planner").rglob("*.py")) if path != INTERNALS
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if PRIVATE.search(line) and "self._" not in line]
    assert found == []
    assert PRIVATE.search(INTERNALS.read_text(encoding="utf-8"))


def test_python_pptx_is_pinned_below_its_next_major_version():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (spec,) = re.findall(r'"python-pptx([^"]*)"', text)
    assert "<2" in spec.replace(" ", "")
