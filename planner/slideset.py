"""Which slides of the course's outline the talk shows, and which move to the backup.

Light on purpose (no rendering): `planner check` asks it whether a pinned slide
is shown (PLN602) without building the outline; planner.outline builds on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.completeness import stage_states


@dataclass(frozen=True)
class Selection:
    """The outline's slides a plan's talk keeps timed, and those moved to the backup."""

    kept: list      # (SlideSpec, shown stage ids, folded stage ids) of the timed slides, in order
    moved: list     # the same for slides moved to the backup (too short a talk for them)
    weights: list   # time weights of the kept slides
    total: int      # seconds of the talk
    floor: int      # the least seconds a timed slide gets

    @property
    def shown_ids(self) -> set:
        return {spec.id for spec, _s, _f in self.kept}


def select_slides(plan, course, extra=()) -> Selection:
    """`extra`: SlideSpecs not in the course's outline (build --since's changes slide),
    timed like the others, before the questions."""
    minutes = plan.presentation.minutes or course.minutes
    total = minutes * 60
    kept = _kept_slides(plan, course)
    for spec in extra:
        at = next((i for i, (kept_spec, _s, _f) in enumerate(kept) if kept_spec.id == "questions"),
                  len(kept))
        kept.insert(at, (spec, (), ()))
    weights = [plan.presentation.weights.get(spec.id, spec.weight) for spec, _s, _f in kept]
    if sum(weights) <= 0:
        weights = [1.0] * len(kept)
    floor = min(course.min_slide_seconds, total)
    moved = []
    while len(kept) > 1 and len(kept) * floor > total:
        # Too short a talk for every slide: the lightest one (never the title or the
        # closing slide when another can go) moves to the backup slides.
        ends = {kept[0][0].id, kept[-1][0].id}
        candidates = [i for i in range(len(kept)) if kept[i][0].id not in ends] or list(range(len(kept)))
        lightest = min(candidates, key=lambda i: (weights[i], -i))
        moved.append(kept.pop(lightest))
        weights.pop(lightest)
    return Selection(kept, moved, weights, total, floor)


def _kept_slides(plan, course):
    """Slides whose stages all do not apply are folded into the stack slide."""
    states = {s.stage.id: s for s in stage_states(plan, course)}
    kept, folded = [], []
    for spec in course.outline:
        if not spec.stages:
            kept.append([spec, (), ()])
            continue
        shown = tuple(sid for sid in spec.stages
                      if sid in states and states[sid].counted and states[sid].state != "not-applicable")
        if shown:
            kept.append([spec, shown, ()])
        else:
            folded.extend(sid for sid in spec.stages if sid in states and states[sid].counted)
    if not kept:  # the course check refuses such an outline; never an empty talk
        kept = [[spec, (), ()] for spec in course.outline]
    for entry in kept:
        if entry[0].id == "stack":
            entry[2] = tuple(folded)
    return [tuple(entry) for entry in kept]
