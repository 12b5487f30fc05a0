"""The roster model: teams of members, every value text as displayed."""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.roster.names import fold, team_key

# The member fields a sheet column can give, in the order they are written.
MEMBER_FIELDS = ("first_name", "last_name", "email", "student_id", "github", "role")
# Fields a course's `roster.columns` may name. `name` is an optional
# full-name column, used when a sheet has no separate first and last names.
FIELDS = ("team", "name") + MEMBER_FIELDS


@dataclass(frozen=True)
class Member:
    first_name: str = ""
    last_name: str = ""
    full_name: str = ""         # from a single "full name" column, if the course has one
    email: str = ""
    student_id: str = ""
    github: str = ""
    role: str = ""
    row: int = 0                # the sheet row it came from (not written out)

    @property
    def name(self) -> str:
        """'First Last' as displayed; falls back on what the row does have."""
        joined = " ".join(part for part in (self.first_name, self.last_name) if part)
        return joined or self.full_name or self.email or self.student_id or self.github

    def sort_key(self) -> tuple:
        last = self.last_name or (self.full_name.rsplit(" ", 1)[-1] if self.full_name else "")
        return (fold(last), fold(self.first_name), fold(self.name), self.name, self.email,
                self.student_id, self.github, self.role)

    def as_dict(self) -> dict:
        """The member as written in roster.yaml; empty values are left out."""
        data = {"name": self.name}
        for key in MEMBER_FIELDS:
            value = getattr(self, key)
            if value:
                data[key] = value
        return {key: value for key, value in data.items() if value}


@dataclass
class Team:
    name: str
    row: int = 0                # the row where its name was first written
    members: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return team_key(self.name)

    def sort_key(self) -> tuple:
        return (fold(self.name), self.name)


@dataclass
class Roster:
    teams: list = field(default_factory=list)

    def sorted(self) -> Roster:
        teams = [Team(team.name, team.row, sorted(team.members, key=Member.sort_key))
                 for team in self.teams]
        return Roster(sorted(teams, key=Team.sort_key))

    @property
    def member_count(self) -> int:
        return sum(len(team.members) for team in self.teams)
