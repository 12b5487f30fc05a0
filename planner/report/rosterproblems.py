"""Roster problems seen across the class: who is in no team or in two, which teams are too small.

Computed from the plans' members and, when teams/roster.yaml exists beside
the plans, from the roster too. A plan that lists its members is the team's
own word; a plan without members takes them from the roster.
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("two-teams", "no-team", "not-in-roster", "size", "no-plan", "team-not-in-roster")


@dataclass(frozen=True)
class Problem:
    kind: str            # one of KINDS
    team: str = ""
    person: str = ""
    teams: tuple = ()    # for two-teams
    size: int = 0        # for size


def _person(name: str, email: str = "") -> str:
    """Who a member is, for comparisons: the name (case, accents and word order aside).

    Not the email: a team often writes a school address where the sheet has a
    personal one, and that must not turn one student into two.
    """
    from planner.identity import fold, person_key
    return person_key(name) or fold(email)


def roster_problems(plans, roster, team_min: int, team_max: int) -> list[Problem]:
    """`plans` are the readable plans' models; `roster` is load_roster()'s dict
    (team name -> member dicts), or None when there is no roster file."""
    from planner.roster.store import team_key

    teams: dict[str, tuple[str, list]] = {}   # team key -> (shown name, [(person key, name)])
    seen_in: dict[str, set] = {}
    problems = []
    for plan in plans:
        key = team_key(plan.team_name) or plan.path
        members = [(_person(m.name, m.email), m.name) for m in plan.members]
        # Two plans of one team: their members are the union (a duplicate plan is not our topic).
        _shown, known = teams.setdefault(key, (plan.team_name, []))
        seen = seen_in.setdefault(key, set(known))  # a set: a plan may list thousands
        for member in members:
            if member not in seen:
                seen.add(member)
                known.append(member)
    if roster is not None:
        roster_people = {}
        roster_keys = set()
        for name, members in roster.items():
            key = team_key(name) or name
            roster_keys.add(key)
            people = [(_person(m.get("name", ""), m.get("email", "")), m.get("name", ""))
                      for m in members]
            for person in people:
                roster_people.setdefault(person[0], (person[1], name))
            if key not in teams:
                problems.append(Problem("no-plan", team=name, size=len(people)))
                teams[key] = (name, people)
        for key, (shown, _members) in teams.items():
            if key not in roster_keys:
                problems.append(Problem("team-not-in-roster", team=shown))
        placed = {person for _shown, members in teams.values() for person, _name in members}
        for person, (name, team) in roster_people.items():
            if person not in placed:
                problems.append(Problem("no-team", team=team, person=name))
        for shown, members in teams.values():
            for person, name in members:
                if person not in roster_people:
                    problems.append(Problem("not-in-roster", team=shown, person=name))
    where: dict[str, list] = {}
    for shown, members in teams.values():
        for person, name in members:
            where.setdefault(person, [name, []])[1].append(shown)
    for name, shown_teams in where.values():
        if len(set(shown_teams)) > 1:
            problems.append(Problem("two-teams", person=name,
                                    teams=tuple(sorted(set(shown_teams), key=str.casefold))))
    for shown, members in teams.values():
        if not team_min <= len(members) <= team_max:
            problems.append(Problem("size", team=shown, size=len(members)))
    order = {kind: number for number, kind in enumerate(KINDS)}
    return sorted(problems, key=lambda p: (order[p.kind], p.team.casefold(), p.person.casefold(),
                                           p.teams))
