"""The reference pages in French (docs/fr/), printed by `planner docs` for French users.

A French page says what its English page says: the same sections, the same examples
(code blocks byte for byte), the same rule ids and command options. So a change to one
page that is not made to the other fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_support import run_planner

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# The developer's page stays English, with a French summary under each section.
ENGLISH_ONLY = {"architecture.md"}
PAGES = sorted(path.name for path in DOCS.glob("*.md") if path.name not in ENGLISH_ONLY)

_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_IDS = re.compile(r"\b(?:PLN|CRS|ROS|GRD)\d{3}\b")
_OPTIONS = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _headings(text: str) -> list[int]:
    body = _FENCE.sub("", text)
    return [len(line) - len(line.lstrip("#")) for line in body.splitlines() if re.match(r"^#{1,6} ", line)]


@pytest.mark.parametrize("name", PAGES)
def test_every_page_has_its_french_version_saying_the_same(name):
    english, french = _read(DOCS / name), _read(DOCS / "fr" / name)
    assert _headings(french) == _headings(english), "the same sections, at the same levels"
    assert _FENCE.findall(french) == _FENCE.findall(english), "the same examples"
    assert set(_IDS.findall(french)) == set(_IDS.findall(english)), "the same rules"
    assert set(_OPTIONS.findall(_FENCE.sub("", french))) == set(_OPTIONS.findall(_FENCE.sub("", english))), \
        "the same options"
    assert french != english


def test_planner_docs_prints_the_page_of_the_language_of_messages(tmp_path):
    listing = run_planner("docs", "--lang", "fr", cwd=tmp_path)
    assert listing.returncode == 0
    assert listing.stdout.startswith("Documentation de référence")
    assert "plan-format   Le format du plan" in listing.stdout
    french = run_planner("docs", "plan-format", "--lang", "fr", cwd=tmp_path)
    assert french.stdout == _read(DOCS / "fr" / "plan-format.md")
    english = run_planner("docs", "plan-format", cwd=tmp_path)  # built-in course: English
    assert english.stdout == _read(DOCS / "plan-format.md")
    # A French course file makes French the default, and the hint is French too.
    course = (ROOT / "planner/data/course.yaml").read_text(encoding="utf-8")
    (tmp_path / "course.yaml").write_text(course.replace("  final_due:", "  language: fr\n  final_due:", 1),
                                          encoding="utf-8")
    assert run_planner("docs", "checks", cwd=tmp_path).stdout == _read(DOCS / "fr" / "checks.md")
    wrong = run_planner("docs", "chek", cwd=tmp_path)
    assert wrong.returncode == 2
    assert "sujet inconnu «\u00a0chek\u00a0» (vouliez-vous dire «\u00a0checks\u00a0»\u00a0?)" in wrong.stderr
    # The developer's page has no French twin: the English one is printed.
    assert run_planner("docs", "architecture", "--lang", "fr", cwd=tmp_path).stdout == _read(DOCS / "architecture.md")
