"""The class as data: one row per team, the tools chosen across the class, the plans to fix.

Built from batch outcomes (each carries the plan model and its findings), so
the report reads every plan exactly as `planner check` does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planner.completeness import stage_states

if TYPE_CHECKING:
    from planner.course import Stage

TOP = 5  # tools shown per stage


@dataclass(frozen=True)
class Cell:
    state: str           # done | partial | missing | not-applicable | undecided
    tools: tuple = ()    # canonical names
    covered_by: str = ""
    kind: str = ""       # the infrastructure choice, for the infrastructure stage
    counted: bool = True  # False: missing, but not required of this project

    @property
    def mark(self) -> str:
        """The state to show: a missing stage that is not required is not a gap."""
        return self.state if self.counted or self.state != "missing" else "not-required"


@dataclass(frozen=True)
class TeamRow:
    team: str
    path: str
    members: tuple
    cells: tuple             # Cell per course stage, in course order
    scores: tuple            # (section id, percent or None) in course order
    overall: int | None
    errors: int
    warnings: int
    error_ids: tuple
    minutes: int             # presentation length


@dataclass(frozen=True)
class Unreadable:
    path: str
    message: str


@dataclass(frozen=True)
class StageTools:
    stage: Stage
    tools: tuple             # (name, count), most chosen first
    missing: int             # teams for which the stage is missing
    not_applicable: int


@dataclass
class ClassData:
    rows: list = field(default_factory=list)
    unreadable: list = field(default_factory=list)
    popular: list = field(default_factory=list)
    infrastructure: list = field(default_factory=list)  # (choice, count)

    @property
    def to_fix(self) -> list:
        """Teams whose plan does not check clean: most errors first."""
        return sorted((row for row in self.rows if row.errors or row.warnings),
                      key=lambda row: (-row.errors, -row.warnings, row.team.casefold(), row.path))


def canonical(name: str, catalog) -> str:
    from planner.facts import tool_name
    return tool_name(catalog, name)



def team_row(outcome, course, catalog) -> TeamRow:
    plan = outcome.plan
    cells = []
    for state in stage_states(plan, course):
        choice = state.choice
        tools, kind = choice.tools, ""
        if state.stage.id == "infrastructure":
            # The kind of infrastructure is the useful fact here, not the providers.
            tools, kind = (), plan.infrastructure.choice
        cells.append(Cell(state.state, tuple(canonical(tool, catalog) for tool in tools),
                          choice.covered_by, kind, state.counted))
    counts = outcome.counts
    return TeamRow(
        team=plan.team_name or Path(outcome.path).stem, path=outcome.path,
        members=tuple(member.name for member in plan.members), cells=tuple(cells),
        scores=tuple(outcome.scores), overall=outcome.overall, errors=counts["error"],
        warnings=counts["warning"],
        error_ids=tuple(sorted({f.id for f in outcome.findings if f.severity == "error"})),
        minutes=plan.presentation.minutes or course.minutes)


def class_data(outcomes, course, catalog) -> ClassData:
    data = ClassData()
    for outcome in outcomes:
        if outcome.plan is None:
            data.unreadable.append(Unreadable(outcome.path, outcome.error))
        else:
            data.rows.append(team_row(outcome, course, catalog))
    data.popular = popular_tools(data.rows, course)
    choices = Counter(outcome.plan.infrastructure.choice for outcome in outcomes
                      if outcome.plan is not None and outcome.plan.infrastructure.choice)
    data.infrastructure = _ranked(choices)
    return data


def popular_tools(rows, course) -> list[StageTools]:
    result = []
    for index, stage in enumerate(course.stages):
        if stage.id == "infrastructure":
            continue
        counter: Counter[str] = Counter()
        missing, not_applicable = 0, 0
        for row in rows:
            cell = row.cells[index]
            if cell.mark == "missing":
                missing += 1
            elif cell.state == "not-applicable":
                not_applicable += 1
            counter.update(set(cell.tools))  # a team counts once per tool
        result.append(StageTools(stage, tuple(_ranked(counter)[:TOP]), missing, not_applicable))
    return result


def _ranked(counter: Counter) -> list:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))
