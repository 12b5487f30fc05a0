"""Slide kinds: which composer draws an outline slide of the course file.

An outline entry of the course file names its kind (`kind: stages`), or its id is a kind
(`id: risks`). A composer is a function (ctx, outline_slide) -> [Part] of the deck package;
it is named here as "module:function" so that checking a course file (and `planner check`)
never imports python-pptx. Adding a slide kind is one line here and its composer, plus its
title in data/labels/common.yaml (or a `title: {fr, en}` in the course file) and a test.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

KINDS: dict[str, str] = {
    "title": "planner.deck.slides:title",
    "problem": "planner.deck.slides:problem",
    "scope": "planner.deck.slides:scope",
    "architecture": "planner.deck.architecture:slide",
    "stack": "planner.deck.stackmap:slide",
    "infrastructure": "planner.deck.slides:infrastructure",
    # The lifecycle stages the entry lists (`stages: [...]`), one card each.
    "stages": "planner.deck.stages:stage_slide",
    "data": "planner.deck.stages:stage_slide",
    "model": "planner.deck.stages:stage_slide",
    "operations": "planner.deck.stages:stage_slide",
    "genai": "planner.deck.stages:stage_slide",
    "timeline": "planner.deck.timeline:slide",
    "roles": "planner.deck.slides:roles",
    "risks": "planner.deck.riskmatrix:slide",
    "questions": "planner.deck.slides:questions",
    # Added by `planner build --since REF`, before the questions (planner.plandiff).
    "changes": "planner.deck.changes:slide",
}


# Where in the plan each kind's content starts: a finding about a drawn slide (PLN701)
# points there. A stages slide points at its first stage's choice under `stack`.
SOURCES: dict[str, tuple] = {
    "title": ("project", "title"),
    "problem": ("project", "problem"),
    "scope": ("project", "scope"),
    "architecture": ("architecture",),
    "stack": ("stack",),
    "infrastructure": ("infrastructure",),
    "timeline": ("milestones",),
    "roles": ("team",),
    "risks": ("risks",),
    "questions": ("project", "title"),
}


def source(slide_id: str, kind: str = "", stages=()) -> tuple:
    """The plan path a slide of this outline entry shows, for a finding's line and column."""
    found = kind_of(slide_id, kind, stages)
    if found in SOURCES:
        return SOURCES[found]
    return ("stack", stages[0]) if stages else ()


def kind_of(slide_id: str, kind: str = "", stages=()) -> str | None:
    """The kind of an outline entry: its own `kind`, else its id when that is a kind, else
    "stages" when it lists stages; None when no composer can draw it."""
    if kind:
        return kind if kind in KINDS else None
    if slide_id in KINDS:
        return slide_id
    return "stages" if stages else None


def composer(kind: str) -> Callable:
    module, function = KINDS[kind].split(":")
    return getattr(importlib.import_module(module), function)
