"""What every renderer receives: the model and the outline, and the facts around them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner.completeness import overall_score, section_scores, stage_states
from planner.facts import Words, canonical_plan, words
from planner.labels import labels
from planner.outline import Outline, build_outline

if TYPE_CHECKING:
    from planner.catalog import Catalog
    from planner.course import Course
    from planner.model import Plan


@dataclass(frozen=True)
class RenderInput:
    plan: Plan
    course: Course
    catalog: Catalog
    outline: Outline
    lang: str
    labels: dict
    words: Words  # the course's words and the labels in `lang` (planner.facts)
    states: list  # completeness.StageState per course stage
    scores: list  # completeness.SectionScore per course section
    overall: int | None
    findings: tuple
    date: dt.date  # the document date: fixed by the plan, so builds are reproducible
    changes: object = None  # plandiff.ChangeSet with `build --since`: a slide and a section


def render_input(checked, course, catalog, lang=None, changes=None) -> RenderInput:
    # The renderers show every tool by its catalog name (planner.facts), whatever the spelling.
    plan = canonical_plan(checked.plan, catalog)
    lang = lang or plan.language
    scores = section_scores(plan, course)
    extra: tuple = ()
    if changes is not None:
        from planner.course import SlideSpec
        from planner.plandiff import SLIDE_ID, SLIDE_WEIGHT
        extra = (SlideSpec(SLIDE_ID, SLIDE_WEIGHT),)
    return RenderInput(
        plan=plan, course=course, catalog=catalog, outline=build_outline(plan, course, extra),
        lang=lang, labels=course_words(course, lang), words=words(course, lang),
        states=stage_states(plan, course), scores=scores,
        overall=overall_score(scores), findings=tuple(checked.findings),
        date=document_date(plan, course), changes=changes)


def course_words(course, lang: str) -> dict:
    """The labels of `lang`, with the titles of the slides the course file names itself."""
    words = labels(lang)
    titles = {spec.id: spec.title[lang] for spec in course.outline if spec.title.get(lang)}
    if not titles:
        return words
    return {**words, "slides": {**words["slides"], **titles}}


def document_date(plan, course) -> dt.date:
    """SOURCE_DATE_EPOCH if set, else the presentation date, else the course's final date."""
    from planner.dates import source_date_epoch
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch.date()
    return plan.presentation.date or course.final_due
