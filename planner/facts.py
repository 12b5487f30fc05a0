"""Facts derived from the model, computed once and used by every consumer.

read -> validate -> model -> **facts** -> outline -> render -> write. Checks, deck, plan
document, class report and command line take these from here instead of working them out
again, so that they never disagree:

- identities: who or what a name means (planner.identity holds the keys; `tool_name` the
  catalog's canonical name of a tool);
- orderings: milestones by date, risks by severity;
- the words of the course and the labels for a language (`Words`, carried in the render
  input), with the language's punctuation and the two clocks (mm:ss and HH:MM);
- the roster beside a plan, and a team's members in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from planner.identity import team_key

if TYPE_CHECKING:
    from planner.course import Course

ROSTER_FILE = "roster.yaml"


# --- identities -----------------------------------------------------------------------

def tool_name(catalog, name: str) -> str:
    """The catalog's canonical name of a tool written by name, alias or misspelling; else as
    written (its runs of spaces collapsed)."""
    found = catalog.find(name) if catalog is not None else None
    return found.name if found else " ".join(str(name).split())


def canonical_plan(plan, catalog):
    """The plan with every tool (stack, alternatives, components) by its catalog name: what
    the deck, the plan document and the report show. The team's own tools stay as written."""
    from dataclasses import replace

    def named(name: str, own=()) -> str:
        return name if is_in_house(name, own) else tool_name(catalog, name)

    stack = {}
    for stage_id, choice in plan.stack.items():
        stack[stage_id] = replace(
            choice, tools=tuple(named(t, choice.in_house) for t in choice.tools),
            alternatives=tuple(replace(a, tool=named(a.tool)) for a in choice.alternatives),
            covered_by=named(choice.covered_by) if choice.covered_by else "")
    components = tuple(replace(c, tool=named(c.tool)) if c.tool else c for c in plan.components)
    return replace(plan, stack=stack, components=components)


def is_in_house(name: str, in_house) -> bool:
    """Is this tool one the stage declares as the team's own (`in_house`)?"""
    from planner.identity import fold
    return fold(name) in {fold(own) for own in in_house}


# --- orderings ------------------------------------------------------------------------

def milestones_by_date(milestones) -> list:
    """By due date, then start date; undated last; the plan's order among equals."""
    return sorted(milestones, key=lambda m: (m.due is None, m.due or 0, m.start or m.due or 0))


def risks_by_severity(risks) -> list:
    """Highest severity (likelihood x impact) first; the plan's order among equals."""
    return sorted(risks, key=lambda risk: -risk.severity)


# --- dates ----------------------------------------------------------------------------

def final_date(plan, course):
    """The day the project ends: the team's own demo date when it gives one, else the
    course's final date. The course's date stays the limit, never a second milestone."""
    return plan.presentation.demo or course.final_due


def team_sets_final_date(plan, course) -> bool:
    return bool(plan.presentation.demo) and plan.presentation.demo != course.final_due


# --- clocks ---------------------------------------------------------------------------

def minutes_seconds(seconds: int) -> str:
    """A time within the talk, mm:ss (the speaker cues: 04:30)."""
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def time_of_day(minutes: int) -> str:
    """A time of day, HH:MM, from minutes after midnight (the schedule: 18:45)."""
    minutes %= 24 * 60  # a late session may run past midnight
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --- the words of the course in a language -------------------------------------------

@dataclass(frozen=True)
class Words:
    """Names of the course's stages, kinds, choices, sections and slides, and the fixed
    labels, in one language; with that language's punctuation."""

    course: Course
    lang: str

    @cached_property
    def labels(self) -> dict:
        from planner.labels import labels
        return labels(self.lang)

    def stage(self, stage_id: str) -> str:
        stage = self.course.stage(stage_id)
        if stage is None:
            return stage_id
        return stage.label.get(self.lang) or stage.label.get("en") or stage_id

    def kind(self, kind: str) -> str:
        return _pick(self.course.storage_kinds.get(kind), self.lang, kind)

    def choice(self, choice: str) -> str:
        return _pick(self.course.infrastructure_choices.get(choice), self.lang, choice)

    def section(self, section_id: str) -> str:
        return self.course.section_label(section_id, self.lang)

    def slide(self, slide_id: str) -> str:
        return self.labels["slides"].get(slide_id, slide_id)

    def requirement(self, requirement: str) -> str:
        return self.labels.get("requirement", {}).get(requirement, requirement)

    def quote(self, text: str) -> str:
        """« text » in French, “text” in English."""
        return f"«\u00a0{text}\u00a0»" if self.lang == "fr" else f"“{text}”"

    @property
    def colon(self) -> str:
        """What goes between a label and its value: " :" (non-breaking) in French."""
        return "\u00a0:" if self.lang == "fr" else ":"

    clock = staticmethod(minutes_seconds)
    time_of_day = staticmethod(time_of_day)


def _pick(labels, lang: str, default: str) -> str:
    if isinstance(labels, dict):
        return labels.get(lang) or labels.get("en") or default
    return str(labels) if labels else default


def words(course, lang: str) -> Words:
    """The words of `course` in `lang` (cheap: the label files are parsed once per process)."""
    return Words(course, lang)


# --- the roster beside a plan ---------------------------------------------------------

def roster_file(plan_path) -> Path:
    """teams/roster.yaml beside teams/TEAM.yaml: the one place a plan's roster is looked for."""
    return Path(plan_path).parent / ROSTER_FILE


def roster_beside(plan_path, cache: dict | None = None):
    """The roster ({team name: members}) beside a plan, or None; read once per folder
    when the caller keeps a cache."""
    path = roster_file(plan_path)
    if cache is not None and path in cache:
        return cache[path]
    found = None
    if path.exists():  # a FIFO or a folder named roster.yaml is refused by the reader
        from planner.roster.store import load_roster
        found = load_roster(path)
    if cache is not None:
        cache[path] = found
    return found


def team_members(roster, team_name: str):
    """The members the roster lists for a team (its name matched by planner.identity.team_key)."""
    if not roster:
        return None
    wanted = team_key(team_name)
    for team, members in roster.items():
        if team_key(team) == wanted:
            return members
    return None
