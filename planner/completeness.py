"""Completeness of a plan against the checklist: a state per stage, a score per section."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.checks.text import filled

if TYPE_CHECKING:
    from planner.course import Stage
    from planner.model import StageChoice

# done: tools, why and alternatives (or covered by a platform); partial: tools
# without why or alternatives; not-applicable: with a reason.
POINTS = {"done": 1.0, "not-applicable": 1.0, "partial": 0.5, "undecided": 0.25, "missing": 0.0}


@dataclass(frozen=True)
class StageState:
    """Where a stage of the course stands in a plan, and whether it counts for the score."""

    stage: Stage
    choice: StageChoice
    state: str
    counted: bool


@dataclass(frozen=True)
class SectionScore:
    """A section's completeness: points of the stages that count, out of their number."""

    id: str
    label: dict
    points: float
    total: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.points / self.total) if self.total else None


def stage_state(plan, stage) -> str:
    choice = plan.stack[stage.id]
    if choice.status == "missing":
        return "missing"
    if choice.status == "undecided":
        return "undecided"
    if choice.status == "not-applicable":
        return "not-applicable" if filled(choice.reason) else "partial"
    if choice.covered_by:
        return "done"
    # A placeholder (`TODO: ...`) is as good as empty: the starter plan scores 0 %.
    if stage.id == "infrastructure":
        infra = plan.infrastructure
        parts = (filled(infra.rationale), _any_filled(infra.pros), _any_filled(infra.cons))
        return "done" if all(parts) else "partial" if any(parts) else "missing"
    tools = _any_filled(choice.tools)
    why = filled(choice.why)
    alternatives = any(filled(alternative.tool) for alternative in choice.alternatives)
    if not (tools or why or alternatives):
        return "missing"
    if not (tools and why and alternatives) or (stage.needs_kind and not choice.kind):
        return "partial"
    return "done"


def _any_filled(items) -> bool:
    return any(filled(item) for item in items)


def stage_states(plan, course) -> list[StageState]:
    states = []
    for stage in course.stages:
        state = stage_state(plan, stage)
        required = stage.required_for(plan.project.generative_ai)
        counted = required or stage.requirement == "recommended" or state != "missing"
        states.append(StageState(stage, plan.stack[stage.id], state, counted))
    return states


def section_scores(plan, course) -> list[SectionScore]:
    states = stage_states(plan, course)
    scores = []
    for section in course.sections:
        mine = [s for s in states if s.stage.section == section["id"] and s.counted]
        scores.append(SectionScore(section["id"], section["label"],
                                   sum(POINTS[s.state] for s in mine), len(mine)))
    return scores


def overall_score(scores) -> int | None:
    total = sum(score.total for score in scores)
    return round(100 * sum(score.points for score in scores) / total) if total else None
