"""Slide kinds (planner/slidekinds.py): every outline slide of a course file has a composer and a title."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import run_planner
from planner import resources, slidekinds
from planner.course import load_course
from planner.labels import LANGUAGES, labels

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests/fixtures/check/clean.yaml"
LAST = "  - {id: questions, weight: 0.5}\n"


def course_with(tmp_path, entry: str) -> tuple[Path, int]:
    """The built-in course file with `entry` added to its outline before the last slide; and its line."""
    text = (resources.DATA / "course.yaml").read_text(encoding="utf-8")
    assert text.count(LAST) == 1
    line = text[:text.index(LAST)].count("\n") + 1
    path = tmp_path / "course.yaml"
    path.write_text(text.replace(LAST, entry + "\n" + LAST), encoding="utf-8")
    return path, line


def test_every_kind_has_a_composer():
    for kind in slidekinds.KINDS:
        assert callable(slidekinds.composer(kind)), kind


def test_the_built_in_outline_has_a_kind_and_a_title_for_every_slide():
    for spec in load_course().outline:
        assert slidekinds.kind_of(spec.id, spec.kind, spec.stages), spec.id
        assert all(spec.id in labels(lang)["slides"] for lang in LANGUAGES), spec.id


@pytest.mark.parametrize("entry, rule, at, words", [
    ("  - {id: ethics, weight: 1}", "CRS002", "ethics", "outline slide 'ethics' has no kind"),
    ("  - {id: ethics, weight: 1, kind: essay, title: {fr: Éthique, en: Ethics}}", "CRS002", "essay",
     "outline slide 'ethics' has kind 'essay'"),
    ("  - {id: ethics, weight: 1, kind: problem}", "CRS003", "ethics",
     "outline slide 'ethics' has no title in fr and en"),
    ("  - {id: ethics, weight: 1, kind: problem, title: {fr: Éthique}}", "PLN013", "title", "'en'"),
])
def test_a_slide_without_composer_or_title_is_a_finding_at_its_line(tmp_path, entry, rule, at, words):
    """The course file is refused (exit 2) before any plan is read, the finding at the entry's line."""
    course, line = course_with(tmp_path, entry)
    done = run_planner("check", "--course", course, PLAN)
    assert done.returncode == 2, done.stderr
    where = f"{course}:{line}:{entry.index(at) + 1}: error [{rule}]"
    assert where in done.stderr and f"[{rule}]" in done.stderr and words in done.stderr, done.stderr


def test_a_course_slide_of_a_known_kind_is_built_with_its_title(tmp_path):
    from pptx import Presentation
    course, _line = course_with(
        tmp_path, "  - {id: evaluation, kind: stages, weight: 1, stages: [monitoring],"
                  " title: {fr: Évaluation continue, en: Continuous evaluation}}")
    out = tmp_path / "out"
    done = run_planner("build", "--course", course, PLAN, "-o", out, "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "Continuous evaluation" in done.stdout  # the agenda printed by build
    (folder,) = out.iterdir()
    titles = [slide.shapes.title.text for slide in Presentation(folder / "deck.pptx").slides
              if slide.shapes.title is not None]
    assert "Continuous evaluation" in titles
    assert "Continuous evaluation" in (folder / "plan.md").read_text(encoding="utf-8")
