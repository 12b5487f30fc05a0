"""The one pure function: a grid of text cells in, a roster and findings out.

Whatever the source (a Google Sheet's formatted values or a CSV export), the
grid is a list of rows of strings, row 1 first. Nothing here converts a value:
'00123456', 'Nan' and '1,5' stay exactly what the sheet displays (surrounding
spaces aside).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner import rules as registry
from planner.errors import InputError
from planner.i18n import _, ngettext
from planner.roster import checks
from planner.roster.model import FIELDS, Member, Roster, Team
from planner.roster.names import fold, heading_key, team_key

HEADER_SEARCH_ROWS = 10  # the heading row may sit under a title row or two
MAX_CELL_CHARS = 10_000

# A team cell holding one of these says "no team" explicitly (and stops the
# team above from filling down).
NO_TEAM = frozenset(fold(text) for text in (
    "-", "--", "\u2013", "\u2014", "?", "none", "no team", "n/a", "aucune", "aucun",
    "aucune equipe", "sans equipe", "pas d'equipe"))


@dataclass(frozen=True)
class Layout:
    """Where things are: the heading row and each field's column (1-based)."""

    header_row: int
    columns: dict          # field -> column number
    headings: dict         # field -> the heading as written in the sheet


@dataclass(frozen=True)
class Entry:
    """One member row of the sheet."""

    row: int
    team: str              # the team it belongs to ('' when none)
    team_row: int          # the row where that team's name is written
    member: Member


@dataclass
class GridResult:
    roster: Roster
    findings: list = field(default_factory=list)
    layout: Layout | None = None


@dataclass(frozen=True)
class Rules:
    """What the course says about rosters."""

    columns: dict                      # field -> accepted headings
    required: tuple = ("team", "last_name", "email")
    team_min: int = 1
    team_max: int = 50

    @classmethod
    def from_course(cls, course) -> Rules:
        return cls(dict(course.roster_columns), tuple(course.roster_required),
                   course.team_min, course.team_max)


def read_grid(grid, rules: Rules, path: str) -> GridResult:
    """Turn a grid of cells into a sorted roster and the findings about it.

    Raises InputError (never anything else) when the grid cannot be a roster
    at all: it is empty, or a required column is missing.
    """
    rows = [[_cell(value) for value in (row or ())] for row in (grid or ())]
    _check_rules(rules, path)
    if not any(any(row) for row in rows):
        raise InputError(_("the sheet is empty: no heading row and no students"), path=path)
    layout, findings = _find_layout(rows, rules, path)
    entries, teams, team_findings = _entries(rows, layout, rules, path)
    findings += team_findings
    context = checks.Context(path, layout, rules, entries, teams)
    more, dropped = checks.run(context)
    findings += more
    members: dict = {}
    for entry in entries:
        if entry.team and entry.row not in dropped:
            members.setdefault(team_key_of(entry.team), []).append(entry.member)
    for key, team in teams.items():
        team.members = members.get(key, [])
    findings += checks.team_sizes(context)
    if not entries:
        findings.append(checks.finding(context, "ROS013", layout.header_row, 1,
                                       _("no students below the heading row")))
    roster = Roster(list(teams.values())).sorted()
    return GridResult(roster, sorted(findings), layout)


def team_key_of(name: str) -> str:
    """team_key, except that a name without letters or digits keys on itself."""
    return team_key(name) or "\0" + fold(name)


def _cell(value) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return text.strip()[:MAX_CELL_CHARS]


def _check_rules(rules: Rules, path: str) -> None:
    for name in rules.required:
        if name not in rules.columns:
            raise InputError(_("the course's roster.required names '{name}', which has no entry "
                               "in roster.columns").format(name=name), path=path)
    if "team" not in rules.columns:
        raise InputError(_("the course's roster.columns has no 'team' entry"), path=path)


def _match(cells, rules: Rules):
    """field -> column index, and the fields given by two columns."""
    accepted: dict[str, tuple] = {}
    for name, headings in rules.columns.items():
        if name not in FIELDS:
            continue
        for heading in headings or ():
            accepted.setdefault(heading_key(heading), name)
    columns, twice = {}, []
    for index, cell in enumerate(cells):
        name = accepted.get(heading_key(cell)) if cell else None
        if name is None:
            continue
        if name in columns:
            twice.append((name, index))
        else:
            columns[name] = index
    return columns, twice


def _find_layout(rows, rules: Rules, path: str):
    best = None
    seen = 0
    for index, cells in enumerate(rows):
        if not any(cells):
            continue
        seen += 1
        if seen > HEADER_SEARCH_ROWS:
            break
        columns, twice = _match(cells, rules)
        if all(name in columns for name in rules.required):
            layout = Layout(index + 1, {name: col + 1 for name, col in columns.items()},
                            {name: cells[col] for name, col in columns.items()})
            findings = [
                registry.finding("ROS009", path, index + 1, col + 1,
                              _("column '{column}' gives {field} again; only column '{first}' is "
                                "read").format(column=cells[col], field=checks.field_name(name),
                                                first=cells[columns[name]]))
                for name, col in twice]
            return layout, findings
        if best is None or len(columns) > len(best[1]):
            best = (index, columns, cells)
    assert best is not None  # read_grid refused a grid without any cell
    index, columns, cells = best
    missing = [name for name in rules.required if name not in columns]
    found = ", ".join(f"'{cell}'" for cell in cells if cell) or _("none")
    wanted = "; ".join(
        f"{checks.field_name(name)}: " + ", ".join(f"'{heading}'" for heading in rules.columns[name])
        for name in missing)
    raise InputError(
        ngettext("missing required column ({wanted}); headings found: {found}",
                 "missing required columns ({wanted}); headings found: {found}",
                 len(missing)).format(wanted=wanted, found=found),
        path=path, line=index + 1, column=1,
        hint=_("rename the heading, or add it to roster.columns in a course file (--course)"))


def _entries(rows, layout: Layout, rules: Rules, path: str):
    columns = {name: col - 1 for name, col in layout.columns.items()}
    team_col = columns["team"]
    member_cols = {name: col for name, col in columns.items() if name != "team"}
    entries: list[Entry] = []
    teams: dict[str, Team] = {}
    findings: list = []
    current, current_row = "", 0
    for index in range(layout.header_row, len(rows)):
        cells = rows[index]
        number = index + 1
        if not any(cells) or _is_heading_row(cells, columns, rules):
            continue
        team_cell = cells[team_col] if team_col < len(cells) else ""
        if team_cell:
            if fold(team_cell) in NO_TEAM:
                current, current_row = "", number
            else:
                current, current_row = team_cell, number
                findings += _register(teams, team_cell, number, team_col + 1, path)
        values = {name: (cells[col] if col < len(cells) else "") for name, col in member_cols.items()}
        if not any(values.values()):
            continue  # a team's name alone, or a row of other columns only
        team = teams[team_key_of(current)].name if current else ""
        member = Member(
            first_name=values.get("first_name", ""), last_name=values.get("last_name", ""),
            full_name=values.get("name", ""), email=values.get("email", ""),
            student_id=values.get("student_id", ""), github=values.get("github", ""),
            role=values.get("role", ""), row=number)
        entries.append(Entry(number, team, current_row if team else 0, member))
    return entries, teams, findings


def _register(teams: dict, name: str, row: int, column: int, path: str) -> list:
    key = team_key_of(name)
    known = teams.get(key)
    if known is None:
        teams[key] = Team(name, row)
        if not team_key(name):
            return [registry.finding("ROS011", path, row, column,
                                  _("team name '{name}' has no letter or digit, so no plan can name "
                                    "it").format(name=name))]
        return []
    if known.name != name:
        return [registry.finding("ROS010", path, row, column,
                              _("team '{name}' is written '{known}' at row {row}; both are read as "
                                "the same team").format(name=name, known=known.name, row=known.row),
                              hint=_("write the team name the same way everywhere"))]
    return []


def _is_heading_row(cells, columns, rules: Rules) -> bool:
    """A repeated heading row (a sheet made of several blocks) is not a student."""
    matched = 0
    for name, col in columns.items():
        if col < len(cells) and cells[col]:
            accepted = {heading_key(heading) for heading in rules.columns.get(name) or ()}
            if heading_key(cells[col]) not in accepted:
                return False
            matched += 1
    return matched >= 2
