"""Helpers of the deck tests: build a plan's deck once, read it back with python-pptx."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "deck").glob("*.yaml"))
PLANS = EXAMPLES + FIXTURES
CUE = re.compile(r"^\[(\d\d):(\d\d)–(\d\d):(\d\d)\] (.+?): (.+)$")


def plan_id(path: Path) -> str:
    return path.stem


@cache
def course():
    from planner.course import load_course
    return load_course()


@cache
def render_data(path: str, lang: str | None = None):
    from planner.catalog import load_catalog
    from planner.plans import check_plan
    from planner.rendering import render_input
    catalog = load_catalog()
    checked = check_plan(path, course(), catalog=catalog)
    return render_input(checked, course(), catalog, lang)


@cache
def deck_bytes(path: str, lang: str | None = None, template: str | None = None) -> bytes:
    from planner.deck import render_deck
    return render_deck(render_data(path, lang), template)


def open_deck(path, lang=None, template=None):
    return Presentation(io.BytesIO(deck_bytes(str(path), lang, template)))


def notes_text(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def cue_of(slide):
    first = notes_text(slide).split("\n", 1)[0]
    return CUE.match(first)


def seconds(minutes: str, secs: str) -> int:
    return int(minutes) * 60 + int(secs)


def all_shapes(slide):
    """Every shape of a slide, groups included."""
    stack = list(slide.shapes)
    while stack:
        shape = stack.pop(0)
        yield shape
        if shape.shape_type == 6:  # group
            stack[:0] = list(shape.shapes)


def bounds(shape):
    """(left, top, right, bottom) as drawn: a shape turned a quarter keeps its centre."""
    left, top, width, height = shape.left, shape.top, shape.width, shape.height
    rotation = round(getattr(shape, "rotation", 0.0)) % 180
    if rotation == 90:
        cx, cy = left + width / 2, top + height / 2
        width, height = height, width
        left, top = cx - width / 2, cy - height / 2
    return left, top, left + width, top + height


def run_props(shape):
    """(text, size pt, bold, italic, font, lang) of every run of a shape's text."""
    out = []
    for paragraph in shape.text_frame.paragraphs:
        for run in paragraph.runs:
            rpr = run._r.find(qn("a:rPr"))
            out.append((run.text, run.font.size.pt if run.font.size else None, bool(run.font.bold),
                        bool(run.font.italic), run.font.name, rpr.get("lang") if rpr is not None else None))
    return out
