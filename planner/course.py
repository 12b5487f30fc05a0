"""The course file: every course-specific fact, as data."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from planner import resources, rules, yamlsource
from planner.errors import InvalidFileError
from planner.findings import Finding
from planner.i18n import _
from planner.limits import COURSE
from planner.validate import validate

DEFAULT_NAME = "course.yaml"
_CRITERION_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

rules.declare("CRS001", "error", """The course file contradicts itself.

What its schema cannot say: a stage in an unknown section or defined twice, a conditional
stage without its condition, team_size.min above team_size.max, a slide id defined twice, an
outline slide naming an unknown stage, an outline without any weight, an unknown time zone in
schedule.timezone, a rubric criterion id defined twice, not made of lower-case letters, digits,
'-' and '_', or with fewer than two level scores.
The course file is not used; every command exits with 2.
""", "course")


@dataclass(frozen=True)
class Stage:
    """A lifecycle stage of the course checklist, in its section."""

    id: str
    section: str
    requirement: str
    label: dict
    description: dict = field(default_factory=dict)
    condition: str | None = None
    needs_kind: bool = False
    runtime: bool = False  # its tools run in the deployed system (the architecture shows them)

    def required_for(self, generative_ai: bool) -> bool:
        if self.requirement == "required":
            return True
        return self.requirement == "conditional" and self.condition == "generative_ai" and generative_ai


@dataclass(frozen=True)
class SlideSpec:
    """A slide of the course's outline: its time weight and the stages it shows."""

    id: str
    weight: float
    stages: tuple = ()
    kind: str = ""      # the slide kind (planner.slidekinds) when it is not the id
    title: dict = field(default_factory=dict)  # {fr, en} when the built-in labels have none


@dataclass(frozen=True)
class Level:
    """A level of a rubric criterion: its score and what earns it."""

    score: float
    label: dict
    descriptor: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Criterion:
    """A rubric criterion: scores run from its lowest level's to its highest's."""
    id: str
    title: dict
    weight: float
    levels: tuple            # Level, highest score first
    evidence: tuple = ()     # kinds of planner.grade.evidence

    @property
    def low(self) -> float:
        return min(level.score for level in self.levels)

    @property
    def high(self) -> float:
        return max(level.score for level in self.levels)


@dataclass(frozen=True)
class Course:
    """The course file as values: dates, team size, presentation, stages, outline, rubric."""

    name: dict
    term: dict  # {fr: ..., en: ...}
    final_due: dt.date
    team_min: int
    team_max: int
    minutes: int
    questions_minutes: int
    schedule: dict
    sections: tuple
    stages: tuple
    storage_kinds: dict
    infrastructure_choices: dict
    outline: tuple
    roster_columns: dict
    roster_required: tuple
    source: str = "built-in course"
    min_slide_seconds: int = 30  # a timed slide never gets less; the rest goes to backup slides
    words_per_minute: dict = field(default_factory=lambda: {"fr": 140, "en": 150})  # speaking rate
    rubric: tuple = ()  # Criterion, in the order of the grading sheet
    # Messages without a plan (catalog, errors) use it when --lang is not given; a plan's
    # findings follow the plan's own `language`.
    language: str | None = None
    why_min_words: int = 6  # a shorter `why:` cannot state a trade-off (PLN117)

    def speaking_rate(self, lang: str) -> int:
        """Words a minute a speaker says in `lang` (the course's rate, else 140)."""
        return int(self.words_per_minute.get(lang) or self.words_per_minute.get("en") or 140)

    def stage(self, stage_id: str) -> Stage | None:
        return next((stage for stage in self.stages if stage.id == stage_id), None)

    @property
    def stage_ids(self) -> list[str]:
        return [stage.id for stage in self.stages]

    @cached_property
    def validation_schema(self) -> dict:
        """The plan's JSON Schema for this course, built once: every plan is validated
        against it, and validation only reads it."""
        from planner.schema import validation_schema
        return validation_schema(self)

    def section_label(self, section_id: str, lang: str) -> str:
        for section in self.sections:
            if section["id"] == section_id:
                return section["label"][lang]
        return section_id


def load_course(path: str | None = None, cwd: str | Path | None = None) -> Course:
    """The course given, else ./course.yaml, else the built-in course."""
    if path is None:
        local = Path(cwd or ".") / DEFAULT_NAME
        if local.is_file():
            path = str(local)
    if path is None:
        # Ours, and holds no control character (tests/test_loader.py): no cleaning walk.
        return _build(resources.data_file("course.yaml"), "built-in course", clean_text=False)
    document = yamlsource.load(path, limit=COURSE)
    findings, data = validate(document, resources.data_file("course.schema.yaml"))
    if not findings:
        findings = _consistency(document, data)
    if findings:
        raise InvalidFileError(_("the course file is invalid"), findings, path=str(path))
    return _build(data, str(path))


def _consistency(document, data) -> list[Finding]:
    """What a schema cannot say: references between parts of the course."""
    problems = []

    def report(path, message):
        line, column = document.where(path)
        problems.append(rules.finding("CRS001", document.path, line, column, message))

    sections: set = set()
    for index, section in enumerate(data["sections"]):
        _check_id(report, ("sections", index, "id"), "section", section["id"])
        if section["id"] in sections:
            report(("sections", index, "id"), f"section id '{section['id']}' is defined twice")
        sections.add(section["id"])
    if not data["stages"]:
        report(("stages",), "the course needs at least one lifecycle stage")
    seen = set()
    for index, stage in enumerate(data["stages"]):
        _check_id(report, ("stages", index, "id"), "stage", stage["id"])
        if stage["section"] not in sections:
            report(("stages", index, "section"), _(
                "stage '{stage}' names an unknown section '{section}'").format(
                stage=stage["id"], section=stage["section"]))
        if stage["id"] in seen:
            report(("stages", index, "id"), _("stage id '{stage}' is defined twice").format(
                stage=stage["id"]))
        if stage["requirement"] == "conditional" and not stage.get("condition"):
            report(("stages", index), _("conditional stage '{stage}' needs a condition").format(
                stage=stage["id"]))
        seen.add(stage["id"])
    if data["team_size"]["min"] > data["team_size"]["max"]:
        report(("team_size",), _("team_size.min is larger than team_size.max"))
    slides = set()
    for index, slide in enumerate(data["outline"]):
        if slide["id"] in slides:
            report(("outline", index, "id"), _("slide id '{slide}' is defined twice").format(
                slide=slide["id"]))
        slides.add(slide["id"])
        for number, stage in enumerate(slide.get("stages", [])):
            if stage not in seen:
                report(("outline", index, "stages", number), _("unknown stage '{stage}'").format(
                    stage=stage))
        problems += _slide_problems(document, index, slide)
    criteria = (data.get("rubric") or {}).get("criteria", [])
    ids = set()
    for index, criterion in enumerate(criteria):
        if criterion["id"] in ids:
            report(("rubric", "criteria", index, "id"),
                   f"rubric criterion id '{criterion['id']}' is defined twice")
        if not _CRITERION_ID.match(criterion["id"]):
            # It names a block of the grading sheet (```grade ID) and a column of grades.csv.
            report(("rubric", "criteria", index, "id"),
                   f"rubric criterion id '{criterion['id']}' must be lower-case letters, digits, "
                   "'-' or '_'")
        ids.add(criterion["id"])
        scores = {level["score"] for level in criterion["levels"]}
        if len(scores) < 2:
            report(("rubric", "criteria", index, "levels"),
                   f"rubric criterion '{criterion['id']}' needs levels with at least two scores")
    timezone = data.get("schedule", {}).get("timezone")
    if timezone is not None and not _known_zone(timezone):
        report(("schedule", "timezone"), _("unknown time zone '{zone}' (an IANA name such as "
                                           "America/Montreal or Europe/Paris)").format(zone=timezone))
    if not data["outline"] or sum(slide["weight"] for slide in data["outline"]) <= 0:
        report(("outline",), _("the outline needs at least one slide with a weight above 0"))
    elif all(slide.get("stages") for slide in data["outline"]):
        # A slide with stages is dropped when none of them applies (no generative AI):
        # one slide without stages keeps every plan's deck from being empty.
        report(("outline",), "the outline needs at least one slide without stages (a title or "
               "a closing slide): a plan whose stages do not apply would have no slide")
    return problems


# Stage and section ids name plan keys, folders, anchors and Mermaid nodes: slugs only.
ID = re.compile(r"[a-z0-9][a-z0-9-]*")


def _check_id(report, path, what: str, value: str) -> None:
    if not ID.fullmatch(value):
        report(path, f"{what} id '{value}' is not an id: lowercase letters, digits and dashes, "
               "starting with a letter or digit (for example 'data-storage')")


def _known_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


rules.declare("CRS002", "error", """An outline slide has no slide kind to draw it.

Its `kind` (or, without one, its id) is not a slide kind of planner, and it lists no stages
to show. The slide kinds are title, problem, scope, architecture, stack, infrastructure,
stages (the lifecycle stages the entry lists), timeline, roles, risks and questions; a new
slide reuses one of them with `kind:`, for example
`{id: evaluation, kind: stages, stages: [...], title: {fr: Évaluation, en: Evaluation}}`.
""", "course")

rules.declare("CRS003", "error", """An outline slide has no title in French and English.

planner knows the titles of its own slide ids; a slide the course file adds needs
`title: {fr: ..., en: ...}`, which the deck, the plan's agenda and the build's summary show.
""", "course")


def _slide_problems(document, index: int, slide: dict) -> list[Finding]:
    """CRS002 and CRS003: a slide that no composer can draw, or that has no title."""
    from planner.labels import LANGUAGES, labels
    from planner.slidekinds import KINDS, kind_of

    found = []
    if kind_of(slide["id"], slide.get("kind", ""), slide.get("stages", ())) is None:
        path = ("outline", index, "kind") if slide.get("kind") else ("outline", index, "id")
        line, column = document.where(path)
        message = (_("outline slide '{slide}' has kind '{kind}', which planner cannot draw")
                   if slide.get("kind") else _("outline slide '{slide}' has no kind that planner can draw"))
        found.append(rules.finding(
            "CRS002", document.path, line, column,
            message.format(slide=slide["id"], kind=slide.get("kind", "")),
            hint=_("add kind: one of {kinds}").format(kinds=", ".join(KINDS))))
    missing = [lang for lang in LANGUAGES
               if not (slide.get("title") or {}).get(lang) and slide["id"] not in labels(lang)["slides"]]
    if missing:
        line, column = document.where(("outline", index, "id"))
        found.append(rules.finding(
            "CRS003", document.path, line, column,
            _("outline slide '{slide}' has no title in {languages}").format(
                slide=slide["id"], languages=_(" and ").join(missing)),
            hint=_("add title: {{fr: ..., en: ...}}").format()))
    return found


def _build(data: dict, source: str, clean_text: bool = True) -> Course:
    if clean_text:
        from planner.characters import clean
        data = clean(data)  # labels reach every slide: no control characters in them
    roster = data.get("roster", {})
    builtin = resources.data_file("course.yaml")
    return Course(
        name=data["course"]["name"],
        term=_label(data["course"].get("term", "")),
        final_due=data["course"]["final_due"],
        team_min=data["team_size"]["min"],
        team_max=data["team_size"]["max"],
        minutes=data["presentation"]["minutes"],
        questions_minutes=data["presentation"].get("questions_minutes", 0),
        schedule={**builtin["schedule"], **data.get("schedule", {})},
        sections=tuple(data["sections"]),
        stages=tuple(Stage(**stage) for stage in data["stages"]),
        storage_kinds=data.get("storage_kinds") or builtin["storage_kinds"],
        infrastructure_choices=data.get("infrastructure_choices") or builtin["infrastructure_choices"],
        outline=tuple(SlideSpec(slide["id"], slide["weight"], tuple(slide.get("stages", ())),
                                slide.get("kind", ""), dict(slide.get("title", {})))
                      for slide in data["outline"]),
        roster_columns=roster.get("columns", {}),
        roster_required=tuple(roster.get("required", ("team", "last_name", "email"))),
        source=source,
        min_slide_seconds=data["presentation"].get("min_slide_seconds", 30),
        words_per_minute={"fr": 140, "en": 150, **data["presentation"].get("words_per_minute", {})},
        rubric=tuple(_criterion(item) for item in (data.get("rubric") or {}).get("criteria", ())),
        language=data["course"].get("language"),
        why_min_words=data.get("checks", {}).get("why_min_words", 6),
    )


def _criterion(data: dict) -> Criterion:
    levels = sorted((Level(level["score"], level["label"], level.get("descriptor", {}))
                     for level in data["levels"]), key=lambda level: -level.score)
    return Criterion(data["id"], data["title"], data["weight"], tuple(levels),
                     tuple(data.get("evidence", ())))


def _label(value) -> dict:
    """A text given once serves both languages."""
    return dict(value) if isinstance(value, dict) else {"fr": value, "en": value}
