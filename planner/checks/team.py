"""The team and its members."""

from planner.checks import Flag, rule
from planner.checks.text import absent


@rule("PLN201", "error")
def team_size(context):
    """The team has fewer or more members than the course allows.

    The limits come from the course file (`team_size`, 3 to 4 by default).
    Members may come from the plan or from the roster (teams/roster.yaml).
    """
    count = len(context.plan.members)
    course = context.course
    if count == 0:
        yield Flag(("team",), "the team lists no members (add team.members, or pull the roster)",
                   key=True)
    elif not course.team_min <= count <= course.team_max:
        yield Flag(("team", "members"), f"the team has {count} member(s); the course allows "
                   f"{course.team_min} to {course.team_max}", key=True)


@rule("PLN202", "warning")
def member_without_role(context):
    """A member has no role.

    Roles (data engineer, ML engineer, MLOps, ...) tell the instructor who
    answers for what, and appear on the roles slide.
    """
    if context.plan.members_from_roster:
        return
    for index, member in enumerate(context.plan.members):
        if absent(member.role):
            yield Flag(("team", "members", index), f"member '{member.name}' has no role")


@rule("PLN203", "error")
def duplicate_member(context):
    """The same person (name or email) is listed twice in the team."""
    seen_names, seen_emails = set(), set()
    for index, member in enumerate(context.plan.members):
        name = member.name.strip().casefold()
        email = member.email.strip().casefold()
        if name in seen_names or (email and email in seen_emails):
            yield Flag(("team", "members", index), f"member '{member.name}' is listed twice")
        seen_names.add(name)
        if email:
            seen_emails.add(email)


@rule("PLN204", "warning")
def members_disagree_with_roster(context):
    """The plan's members disagree with the course roster (teams/roster.yaml).

    The roster pulled from the instructor's sheet is the source of truth for
    who is in which team. A plan may omit `team.members` and take them from
    it; when it lists them, they must be the same people.
    """
    roster = context.roster_members
    if roster is None or context.plan.members_from_roster:
        return
    from planner.roster.names import person_key

    listed = {person_key(m.name): m.name for m in context.plan.members}
    official = {person_key(m.get("name", "")): m.get("name", "") for m in roster}
    for key, name in listed.items():
        if key not in official:
            yield Flag(("team", "members"), f"member '{name}' is not in this team in the roster",
                       key=True)
    for key, name in official.items():
        if key not in listed:
            yield Flag(("team", "members"), f"the roster lists '{name}' in this team but the plan "
                       "does not", key=True)
