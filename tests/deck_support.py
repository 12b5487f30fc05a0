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


def timed_slides(deck, data):
    """The slides of the talk: those before the backup slides (titled "Appendix · ...")."""
    mark = data.labels["deck"]["appendix"] + " · "
    return [slide for slide in deck.slides if not slide.shapes.title.text.startswith(mark)]


def backup_slides(deck, data):
    mark = data.labels["deck"]["appendix"] + " · "
    return [slide for slide in deck.slides if slide.shapes.title.text.startswith(mark)]


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


def plan_items(plan):
    """(what, plain text) of every item the slides must show (issue 9: nothing is lost)."""
    from planner.deck.markdown_runs import plain
    project, infra = plan.project, plan.infrastructure
    items = [("objective", o) for o in project.objectives] + [("metric", m) for m in project.success_metrics]
    items += [("scope in", s) for s in project.scope_in] + [("scope out", s) for s in project.scope_out]
    items += [("pro", p) for p in infra.pros] + [("con", c) for c in infra.cons] + [("cost", infra.cost)]
    for stage_id, choice in plan.stack.items():
        if choice.status == "not-applicable":
            items.append((f"{stage_id} reason", choice.reason))
            continue
        items += [(f"{stage_id} tool", t) for t in choice.tools] + [(f"{stage_id} why", choice.why)]
        items += [(f"{stage_id} alternative", a.tool) for a in choice.alternatives]
    items += [("milestone", m.title) for m in plan.milestones]
    items += [("risk", r.risk) for r in plan.risks] + [("mitigation", r.mitigation) for r in plan.risks]
    items += [("component", c.name) for c in plan.components]
    items += [("flow", f.label) for f in plan.flows]
    return [(what, " ".join(plain(text).split())) for what, text in items if plain(text or "").strip()]


def slide_text(slide) -> str:
    """Every text of a slide's shapes (groups included), whitespace-normalised."""
    texts = [shape.text_frame.text for shape in all_shapes(slide) if getattr(shape, "has_text_frame", False)]
    return " ".join(" ".join(texts).split())


def missing_items(deck, plan):
    """Plan items whose text no slide shows whole."""
    shown = [slide_text(slide) for slide in deck.slides]
    return [(what, text) for what, text in plan_items(plan) if not any(text in page for page in shown)]
