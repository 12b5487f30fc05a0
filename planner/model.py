"""The plan as typed values. Knows nothing of YAML, rendering or the command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from planner.identity import first_name_key, person_key

LEVELS = ("low", "medium", "high")


@dataclass(frozen=True)
class Member:
    """A member of the team, as the plan (or else the roster) lists them."""

    name: str
    email: str = ""
    github: str = ""
    student_id: str = ""
    role: str = ""


@dataclass(frozen=True)
class Alternative:
    """A tool considered for a stage and not chosen, with why."""

    tool: str
    reason: str = ""


@dataclass(frozen=True)
class StageChoice:
    """What the plan says of one lifecycle stage: its tools and why, or why it does not apply."""

    id: str
    status: str = "missing"  # chosen | not-applicable | undecided | missing
    tools: tuple = ()
    kind: str = ""
    why: str = ""
    alternatives: tuple = ()
    reason: str = ""
    covers: tuple = ()
    owner: str = ""
    notes: str = ""
    covered_by: str = ""  # the integrated platform that covers this stage, if any
    in_house: tuple = ()  # tools of `tools` that are the team's own code (not in the catalog)

    @property
    def present(self) -> bool:
        return self.status != "missing"


@dataclass(frozen=True)
class Infrastructure:
    """Where the system runs: the choice, its providers and its trade-offs."""

    choice: str = ""
    providers: tuple = ()
    rationale: str = ""
    pros: tuple = ()
    cons: tuple = ()
    cost: str = ""


@dataclass(frozen=True)
class Component:
    """A box of the architecture diagram."""

    name: str
    role: str = ""
    tool: str = ""


@dataclass(frozen=True)
class Flow:
    """An arrow of the architecture diagram, from a component to another."""

    source: str
    target: str
    label: str = ""


@dataclass(frozen=True)
class Milestone:
    """A dated step of the schedule, with its owner and deliverables."""

    title: str
    due: dt.date | None
    start: dt.date | None = None
    owner: str = ""
    deliverables: tuple = ()


@dataclass(frozen=True)
class Risk:
    """A risk of the project, how likely and how bad, and its mitigation."""

    risk: str
    likelihood: str = "medium"
    impact: str = "medium"
    mitigation: str = ""
    owner: str = ""

    @property
    def severity(self) -> int:
        """1 (low x low) to 9 (high x high), to sort risks."""
        return (LEVELS.index(self.likelihood) + 1) * (LEVELS.index(self.impact) + 1)


@dataclass(frozen=True)
class Project:
    """What the project is: its problem, objectives, metrics and scope."""

    title: str = ""
    summary: str = ""
    problem: str = ""
    existing_system: str = ""
    generative_ai: bool = False
    repository: str = ""
    objectives: tuple = ()
    success_metrics: tuple = ()
    scope_in: tuple = ()
    scope_out: tuple = ()


@dataclass(frozen=True)
class Presentation:
    """The team's overrides of the course's presentation: length, dates, speakers, weights."""

    minutes: int | None = None
    date: dt.date | None = None  # the team's plan presentation
    demo: dt.date | None = None  # the team's own final delivery and demo
    speakers: dict = field(default_factory=dict)
    weights: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Plan:
    """A team's plan: every section of the file, cleaned and typed, and every stage of the course."""

    path: str
    language: str
    team_name: str
    members: tuple
    project: Project
    infrastructure: Infrastructure
    stack: dict  # stage id -> StageChoice, for every stage of the course
    components: tuple = ()
    flows: tuple = ()
    architecture_summary: str = ""
    milestones: tuple = ()
    risks: tuple = ()
    presentation: Presentation = Presentation()
    members_from_roster: bool = False

    @property
    def slug(self) -> str:
        from planner.slugs import team_slug
        return team_slug(self.team_name, self.path)

    def member(self, name: str) -> Member | None:
        """The member `name` designates: a full name (accents, case, spacing and word order
        aside: planner.identity.person_key), or a first name only one member has."""
        full, firsts = self._member_index
        key = person_key(name)
        return full.get(key) or (firsts.get(key) if " " not in key else None)

    @cached_property
    def _member_index(self) -> tuple[dict, dict]:
        # Built once per plan: a check looks up every milestone's owner, and a
        # pathological plan has thousands of them.
        full: dict = {}
        firsts: dict = {}
        for member in self.members:
            key = person_key(member.name)
            if key:
                full.setdefault(key, member)
                firsts.setdefault(first_name_key(member.name), []).append(member)
        return full, {first: found[0] for first, found in firsts.items() if len(found) == 1}


def build_plan(data: dict, path: str, course, roster_members=None, only_text: bool = False) -> Plan:
    """Build the model from schema-cleaned data (every value has its right type).

    Control characters and non-characters are left out of every text (PLN015
    reports them): no output, deck XML least of all, can hold them. `only_text`
    says the data is known to hold none (read from a file that holds none and no
    escape that makes one), which spares copying it.
    """
    from planner.characters import clean
    if not isinstance(data, dict):
        data = {}
    elif not only_text:
        data = clean(data)
    roster_members = clean(roster_members)
    team = data.get("team", {})
    project = data.get("project", {})
    scope = project.get("scope", {})
    members = tuple(Member(**member) for member in team.get("members", ()))
    from_roster = False
    if not members and roster_members:
        members = tuple(Member(**{k: v for k, v in member.items() if k in Member.__dataclass_fields__})
                        for member in roster_members)
        from_roster = True
    infra = data.get("infrastructure", {})
    architecture = data.get("architecture", {})
    presentation = data.get("presentation", {})
    return Plan(
        path=path,
        language=data.get("language", "fr"),
        team_name=team.get("name", ""),
        members=members,
        members_from_roster=from_roster,
        project=Project(
            title=project.get("title", ""), summary=project.get("summary", ""),
            problem=project.get("problem", ""), existing_system=project.get("existing_system", ""),
            generative_ai=project.get("generative_ai", False),
            repository=project.get("repository", ""),
            objectives=tuple(project.get("objectives", ())),
            success_metrics=tuple(project.get("success_metrics", ())),
            scope_in=tuple(scope.get("in", ())), scope_out=tuple(scope.get("out", ()))),
        infrastructure=Infrastructure(
            choice=infra.get("choice", ""), providers=tuple(infra.get("providers", ())),
            rationale=infra.get("rationale", ""), pros=tuple(infra.get("pros", ())),
            cons=tuple(infra.get("cons", ())), cost=infra.get("cost", "")),
        stack=_stack(data.get("stack", {}), infra, course),
        components=tuple(Component(**c) for c in architecture.get("components", ())),
        flows=tuple(Flow(f["from"], f["to"], f.get("label", "")) for f in architecture.get("flows", ())),
        architecture_summary=architecture.get("summary", ""),
        milestones=tuple(Milestone(title=m["title"], due=m.get("due"), start=m.get("start"),
                                   owner=m.get("owner", ""),
                                   deliverables=tuple(m.get("deliverables", ())))
                         for m in data.get("milestones", ()) if "title" in m),
        risks=tuple(Risk(**r) for r in data.get("risks", ()) if "risk" in r),
        presentation=Presentation(
            minutes=presentation.get("minutes"), date=presentation.get("date"),
            demo=presentation.get("demo"),
            speakers=dict(presentation.get("speakers", {})),
            weights=dict(presentation.get("weights", {}))),
    )


def _stack(stack: dict, infra: dict, course) -> dict:
    choices = {}
    for stage in course.stages:
        if stage.id == "infrastructure":
            # The infrastructure stage is the plan's top-level `infrastructure` block.
            choices[stage.id] = StageChoice(
                stage.id, status="chosen" if infra.get("choice") else "missing",
                tools=tuple(infra.get("providers", ())), kind=infra.get("choice", ""),
                why=infra.get("rationale", ""))
            continue
        entry = stack.get(stage.id)
        if entry is None:
            choices[stage.id] = StageChoice(stage.id)
            continue
        alternatives = tuple(
            Alternative(alt) if isinstance(alt, str) else Alternative(alt["tool"], alt.get("reason", ""))
            for alt in entry.get("alternatives", ()))
        choices[stage.id] = StageChoice(
            id=stage.id, status=entry.get("status", "chosen"), tools=tuple(entry.get("tools", ())),
            kind=entry.get("kind", ""), why=entry.get("why", ""), alternatives=alternatives,
            reason=entry.get("reason", ""), covers=tuple(entry.get("covers", ())),
            owner=entry.get("owner", ""), notes=entry.get("notes", ""),
            in_house=tuple(entry.get("in_house", ())))
    platform = choices.get("integrated-platform")
    if platform and platform.status == "chosen" and platform.tools:
        for stage_id in platform.covers:
            if stage_id in choices and not choices[stage_id].present:
                choices[stage_id] = StageChoice(stage_id, status="chosen", tools=platform.tools,
                                                why=platform.why, covered_by=platform.tools[0])
    return choices
