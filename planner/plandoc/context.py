"""What the plan templates see: the render input, plus rows prepared for each section.

The templates only lay text out. Everything that needs a decision (which
stages are shown, the state mark of a stage, risk order, Mermaid node ids,
who owns what) is decided here, once, so that a user's template gets it for free.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planner.facts import final_date, milestones_by_date, risks_by_severity, team_sets_final_date
from planner.findings import count_by_severity
from planner.identity import component_key, names_team, person_key
from planner.model import Member, StageChoice
from planner.plandoc.escape import node_id

if TYPE_CHECKING:
    from planner.course import Stage
    from planner.outline import Slide


@dataclass(frozen=True)
class StackRow:
    stage: Stage
    label: str             # the stage's label in the document language
    state: str             # done | partial | missing | not-applicable | undecided
    choice: StageChoice
    tools: tuple           # tool names as the team wrote them
    kind: str              # storage kind or infrastructure choice, translated ("" if none)
    why: str               # the justification, or the reason a stage does not apply
    alternatives: tuple    # model Alternative(tool, reason)
    covered_by: str        # the integrated platform covering the stage, if any
    requirement: str       # required | recommended | optional | conditional


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    tool: str = ""
    role: str = ""


@dataclass(frozen=True)
class Edge:
    source: str  # node ids
    target: str
    label: str = ""


@dataclass(frozen=True)
class GanttTask:
    id: str
    title: str
    start: dt.date | None  # None for a milestone
    due: dt.date

    @property
    def milestone(self) -> bool:
        return self.start is None or self.start >= self.due


@dataclass(frozen=True)
class AgendaRow:
    number: int
    slide: Slide
    title: str
    time: str      # "[04:30–06:00]"
    cue: str       # "[04:30–06:00] Speaker: NAME", as in the deck's notes
    speaker: str
    seconds: int


@dataclass(frozen=True)
class RoleRow:
    name: str
    role: str
    member: Member | None = None  # None for "the team" or an owner not in the team
    stages: list = field(default_factory=list)      # stage labels
    milestones: list = field(default_factory=list)  # milestone titles
    risks: list = field(default_factory=list)       # risk texts
    seconds: int = 0                                # speaking time


def context(data) -> dict:
    """The template variables; docs/templates.md lists them."""
    plan, course, lang = data.plan, data.course, data.lang
    stack = stack_rows(data)
    return {
        "data": data,
        "plan": plan,
        "course": course,
        "lang": lang,
        "labels": data.labels,
        "t": data.labels["plan"],
        "date": data.date,
        "source": Path(plan.path).name,
        "course_name": course.name.get(lang, "") if isinstance(course.name, dict) else str(course.name),
        "infrastructure_choice": data.words.choice(plan.infrastructure.choice),
        "stack": stack,
        "todo": [row for row in stack if row.state in ("missing", "partial", "undecided")],
        "nodes": (diagram := architecture(plan))[0],
        "edges": diagram[1],
        "milestones": milestones_by_date(plan.milestones),
        "gantt": gantt_tasks(plan),
        # The team's own final date ends the table and the chart; the course's is the limit.
        "final_due": final_date(plan, course),
        "final_is_team": team_sets_final_date(plan, course),
        "course_final_due": course.final_due,
        "risks": risks_by_severity(plan.risks),
        "roles": roles(data, stack),
        "agenda": agenda(data),
        "totals": list(data.outline.totals().items()),
        "evenness": data.outline.evenness(len(plan.members)),
        "findings": count_by_severity(data.findings),
        **changes(data),
    }


def changes(data) -> dict:
    """build --since: the changes grouped by section (None without --since)."""
    if data.changes is None:
        return {"changes": None, "changes_summary": ""}
    from planner.plandiff.render import grouped, summary
    found = data.changes.changes
    return {"changes": grouped(found, data.course, data.lang),
            "changes_summary": summary(found, data.lang, data.changes.old_name,
                                       data.plan.team_name)}


def stack_rows(data) -> list[StackRow]:
    """One row per stage the checklist counts (an optional stage nobody chose is left out)."""
    rows = []
    for state in data.states:
        if not state.counted:
            continue
        stage, choice = state.stage, state.choice
        if stage.id == "infrastructure":
            infra = data.plan.infrastructure
            kind = data.words.choice(infra.choice)
        else:
            kind = data.words.kind(choice.kind) if choice.kind else ""
        why = choice.reason if choice.status == "not-applicable" else choice.why
        rows.append(StackRow(stage, data.words.stage(stage.id), state.state, choice,
                             tuple(choice.tools), kind, why, tuple(choice.alternatives),
                             choice.covered_by, stage.requirement))
    return rows


def architecture(plan):
    """Nodes (components, then flow ends that are not components) and edges."""
    taken: set = set()
    nodes, by_name = [], {}
    for component in plan.components:
        key = component_key(component.name)
        if key in by_name:
            continue
        node = Node(node_id(component.name, taken), component.name, component.tool, component.role)
        by_name[key] = node
        nodes.append(node)
    edges = []
    for flow in plan.flows:
        ends = []
        for name in (flow.source, flow.target):
            key = component_key(name)
            if key not in by_name:
                by_name[key] = Node(node_id(name, taken), name)
                nodes.append(by_name[key])
            ends.append(by_name[key].id)
        edges.append(Edge(ends[0], ends[1], flow.label))
    return nodes, edges


def gantt_tasks(plan) -> list[GanttTask]:
    return [GanttTask(f"m{index}", milestone.title, milestone.start, milestone.due)
            for index, milestone in enumerate(milestones_by_date(plan.milestones), 1) if milestone.due]


def agenda(data) -> list[AgendaRow]:
    clock = data.words.clock
    speaker = data.labels["speaker"]
    return [AgendaRow(number, slide, data.labels["slides"][slide.id],
                      f"[{clock(slide.start)}–{clock(slide.end)}]", slide.cue(speaker),
                      slide.speaker, slide.seconds)
            for number, slide in enumerate(data.outline.slides, 1)]


def match_owner(owner: str, plan):
    """The member an owner names (full name, or a first name only one member has),
    "team" for the whole team, or None."""
    if names_team(owner):
        return "team"
    return plan.member(owner)


def roles(data, stack) -> list[RoleRow]:
    """Each member with the stages, milestones and risks they own and their speaking
    time; then the team as a whole, then owners the plan names who are not members."""
    plan = data.plan
    team_label = data.labels["team"]
    rows = {id(m): RoleRow(m.name, m.role, m) for m in plan.members}
    team = RoleRow(team_label, "")
    others: dict = {}

    def row_for(owner: str):
        found = match_owner(owner, plan)
        if found == "team":
            return team
        if found is not None:
            return rows[id(found)]
        key = person_key(owner)
        if not key:
            return None
        return others.setdefault(key, RoleRow(" ".join(owner.split()), ""))

    for row in stack:
        target = row_for(row.choice.owner) if row.choice.owner else None
        if target is not None:
            target.stages.append(row.label)
    for milestone in milestones_by_date(plan.milestones):
        target = row_for(milestone.owner) if milestone.owner else None
        if target is not None:
            target.milestones.append(milestone.title)
    for risk in risks_by_severity(plan.risks):
        target = row_for(risk.owner) if risk.owner else None
        if target is not None:
            target.risks.append(risk.risk)
    totals = data.outline.totals()
    result = [RoleRow(r.name, r.role, r.member, r.stages, r.milestones, r.risks,
                      totals.get(r.name, 0)) for r in rows.values()]
    if team.stages or team.milestones or team.risks:
        result.append(team)
    result.extend(others.values())
    return result

