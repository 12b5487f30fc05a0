"""The roster checks: each finding has an id, a severity and a rule below.

The ROS rules are declared here, in the one rule registry (planner.rules), so that
`planner check --explain ROS004` and docs/checks.md know them; docs/roster.md lists
them too, and a test keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from planner import rules
from planner.findings import Finding
from planner.i18n import N_, _, ngettext
from planner.identity import fold, person_key
from planner.rules import declare

if TYPE_CHECKING:
    from planner.roster.grid import Entry, Layout, Rules

RULES = {rule.id: rule for rule in (
    declare("ROS001", "error", """A student has no team.

    A name above the first team name, or under an explicit "no team" cell. Left out of the roster.
    """, "roster"),
    declare("ROS002", "error", """A team is smaller or larger than the course allows.

    Fewer or more members than the course's `team_size` (3 to 4 by default), after duplicates
    are removed. Reported at the row of the team's name.
    """, "roster"),
    declare("ROS003", "error", """The same student is in two teams.

    Two rows share a student id or an email and their names agree (or share a name, with no
    differing id or email). The student stays in both teams in the roster.
    """, "roster"),
    declare("ROS004", "error", """One student id is given to two different students.

    Their names differ: a typo in one of them.
    """, "roster"),
    declare("ROS005", "error", """One email is given to two different students.

    Their names or their ids differ.
    """, "roster"),
    declare("ROS006", "warning", """A student is listed twice in the same team.

    The repeated row is ignored.
    """, "roster"),
    declare("ROS007", "error", """A malformed email.

    Not of the form `name@domain.tld`, or two addresses in one cell.
    """, "roster"),
    declare("ROS008", "error", """A required value is blank.

    By default the last name or the email, on a student's row (the course file's
    `roster.required`).
    """, "roster"),
    declare("ROS009", "warning", """Two columns give the same field.

    For example "Email" and "Courriel"; only the first is read.
    """, "roster"),
    declare("ROS010", "warning", """One team written two ways.

    "r00tAI" and "R00T-ai" are read as one team, under its first spelling.
    """, "roster"),
    declare("ROS011", "warning", """A team name without any letter or digit.

    No plan can name such a team.
    """, "roster"),
    declare("ROS012", "warning", """The CSV file is not UTF-8.

    It was read as Windows-1252 and accents may be wrong. Export it again as "CSV UTF-8".
    """, "roster"),
    declare("ROS013", "warning", "No student below the heading row.", "roster"),
    declare("ROS014", "warning", """Two students with the same name in different teams.

    Their ids or emails differ: check that it is not the same student registered twice.
    """, "roster"),
)}

_EMAIL_PART = r"[^@\s,;:<>()\[\]\"\\]"
_EMAIL = re.compile(rf"^{_EMAIL_PART}+@(?:[^@\s,;:<>()\[\]\"\\.]+\.)+[^@\s,;:<>()\[\]\"\\.\d]{{2,}}$")


@dataclass
class Context:
    path: str
    layout: Layout
    rules: Rules
    entries: list       # grid.Entry, in sheet order
    teams: dict         # team key -> model.Team

    def column(self, name: str) -> int:
        return self.layout.columns.get(name, 1)


def finding(context: Context, rule_id: str, row: int, column: int, message: str,
            hint: str | None = None) -> Finding:
    return rules.finding(rule_id, context.path, row, column, message, hint)


def is_email(text: str) -> bool:
    if not _EMAIL.match(text):
        return False
    local = text.split("@", 1)[0]
    return not (local.startswith(".") or local.endswith(".") or ".." in text)


def run(context: Context):
    """Every row-level check; returns (findings, rows to leave out of the roster)."""
    findings = []
    findings += no_team(context)
    findings += missing_values(context)
    findings += malformed_emails(context)
    more, dropped = identities(context)
    return findings + more, dropped


# The roster's fields as a message names them (the keys stay English in files and JSON).
FIELD_NAMES = {"name": N_("name"), "first_name": N_("first name"), "last_name": N_("last name"),
               "email": N_("email"), "student_id": N_("student id"), "github": N_("GitHub account"),
               "role": N_("role"), "team": N_("team")}


def field_name(name: str) -> str:
    return _(FIELD_NAMES[name]) if name in FIELD_NAMES else name.replace("_", " ")


def no_team(context: Context) -> list:
    """ROS001: a row names a student but no team, above it or on it."""
    column = context.column("team")
    return [finding(context, "ROS001", entry.row, column,
                    _("{name} has no team").format(name=entry.member.name),
                    hint=_("write the team name in column '{column}'").format(
                        column=context.layout.headings["team"]))
            for entry in context.entries if not entry.team]


def missing_values(context: Context) -> list:
    """ROS008: a required value (other than the team) is blank on a student's row."""
    found = []
    for entry in context.entries:
        for name in context.rules.required:
            if name == "team" or getattr_field(entry.member, name):
                continue
            found.append(finding(context, "ROS008", entry.row, context.column(name),
                                 _("{name} has no {field} (column '{column}')").format(
                                     name=entry.member.name, field=field_name(name),
                                     column=context.layout.headings[name])))
    return found


def malformed_emails(context: Context) -> list:
    """ROS007: an email that is not of the form name@domain.tld."""
    return [finding(context, "ROS007", entry.row, context.column("email"),
                    _("malformed email '{email}' ({name})").format(email=entry.member.email,
                                                                    name=entry.member.name))
            for entry in context.entries
            if entry.member.email and not is_email(entry.member.email)]


def identities(context: Context):
    """ROS003, ROS004, ROS005, ROS006, ROS014: who is listed twice.

    Two rows are the same student when they share a student id or an email and
    their names agree (or one is blank), or when they share a name and neither
    their ids nor their emails differ.
    """
    findings, dropped = [], set()
    by_id: dict[str, Entry] = {}
    by_email: dict[str, Entry] = {}
    by_name: dict[str, list[Entry]] = {}
    for entry in context.entries:
        if not entry.team:
            continue
        member = entry.member
        same = None
        id_key = fold(member.student_id).replace(" ", "")
        email_key = fold(member.email)
        name_key = _name_key(member)
        earlier = by_id.get(id_key) if id_key else None
        if earlier is not None:
            if _names_agree(earlier, entry):
                same = earlier
            else:
                findings.append(_given_twice(context, "ROS004", "student_id", entry, earlier))
        earlier = by_email.get(email_key) if email_key else None
        if same is None and earlier is not None:
            if _names_agree(earlier, entry) and not _differ(earlier, entry, "student_id"):
                same = earlier
            else:
                findings.append(_given_twice(context, "ROS005", "email", entry, earlier))
        if same is None and name_key:
            for earlier in by_name.get(name_key, ()):
                if not _differ(earlier, entry, "student_id") and not _differ(earlier, entry, "email"):
                    same = earlier
                    break
            else:
                other = next((earlier for earlier in by_name.get(name_key, ())
                              if earlier.team != entry.team), None)
                if other is not None:
                    findings.append(finding(
                        context, "ROS014", entry.row, _name_column(context),
                        _("{name} shares a name with a student of team '{team}' (row {row})").format(
                            name=member.name, team=other.team, row=other.row),
                        hint=_("check that it is not the same student twice")))
        if same is not None:
            if same.team == entry.team:
                dropped.add(entry.row)
                findings.append(finding(
                    context, "ROS006", entry.row, _name_column(context),
                    _("{name} is listed twice in team '{team}' (also row {row}); this row is "
                      "ignored").format(name=member.name, team=entry.team, row=same.row)))
                continue
            findings.append(finding(
                context, "ROS003", entry.row, context.column("team"),
                _("{name} is in two teams: '{first}' (row {first_row}) and '{second}' (row "
                  "{second_row})").format(name=member.name, first=same.team, first_row=same.row,
                                           second=entry.team, second_row=entry.row)))
        if id_key:
            by_id.setdefault(id_key, entry)
        if email_key:
            by_email.setdefault(email_key, entry)
        if name_key:
            by_name.setdefault(name_key, []).append(entry)
    return findings, dropped


def _given_twice(context: Context, rule_id: str, name: str, entry, earlier) -> Finding:
    """One student id or email on the rows of two different students."""
    return finding(context, rule_id, entry.row, context.column(name),
                   _("{field} '{value}' of {name} is also given to {other} (row {row})").format(
                       field=field_name(name), value=getattr(entry.member, name),
                       name=entry.member.name, other=earlier.member.name, row=earlier.row))


def team_sizes(context: Context) -> list:
    """ROS002: a team has fewer or more members than the course's team_size."""
    low, high = context.rules.team_min, context.rules.team_max
    allowed = (_("exactly {count}").format(count=low) if low == high
               else _("{low} to {high}").format(low=low, high=high))
    found = []
    for team in context.teams.values():
        size = len(team.members)
        if low <= size <= high:
            continue
        count = (_("no members") if size == 0
                 else ngettext("{count} member", "{count} members", size).format(count=size))
        found.append(finding(context, "ROS002", team.row, context.column("team"),
                             _("team '{team}' has {count}; the course allows {allowed}").format(
                                 team=team.name, count=count, allowed=allowed)))
    return found


def getattr_field(member, name: str) -> str:
    return member.full_name if name == "name" else getattr(member, name, "")


def _name_key(member) -> str:
    return person_key(member.first_name, member.last_name) or person_key(member.full_name)


def _names_agree(one, other) -> bool:
    first, second = _name_key(one.member), _name_key(other.member)
    return not first or not second or first == second


def _differ(one, other, name: str) -> bool:
    first = fold(getattr(one.member, name)).replace(" ", "")
    second = fold(getattr(other.member, name)).replace(" ", "")
    return bool(first and second and first != second)


def _name_column(context: Context) -> int:
    for name in ("last_name", "name", "first_name"):
        if name in context.layout.columns:
            return context.layout.columns[name]
    return 1
