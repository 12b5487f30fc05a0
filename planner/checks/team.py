"""The team and its members."""

from planner.checks import Flag, rule
from planner.checks.text import absent, is_placeholder
from planner.i18n import _, ngettext
from planner.identity import names_team, person_key
from planner.suggest import Hints


@rule("PLN201", "error")
def team_size(context):
    """The team has fewer or more members than the course allows.

    The limits come from the course file (`team_size`, 3 to 4 by default).
    Members may come from the plan or from the roster (teams/roster.yaml).
    """
    count = len(context.plan.members)
    course = context.course
    if count == 0:
        yield Flag(("team",), _("the team lists no members (add team.members, or pull the roster)"),
                   key=True)
    elif not course.team_min <= count <= course.team_max:
        yield Flag(("team", "members"), ngettext(
            "the team has {count} member; the course allows {min} to {max}",
            "the team has {count} members; the course allows {min} to {max}", count).format(
            count=count, min=course.team_min, max=course.team_max), key=True)


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
            yield Flag(("team", "members", index), _("member '{name}' has no role").format(name=member.name))


@rule("PLN203", "error")
def duplicate_member(context):
    """The same person (name or email) is listed twice in the team.

    Names are compared as everywhere in planner: accents, case, spacing and word
    order aside ("Lovelace Ada" is "Ada Lovelace").
    """
    seen_names, seen_emails = set(), set()
    for index, member in enumerate(context.plan.members):
        name = person_key(member.name)
        email = member.email.strip().casefold()
        if name in seen_names or (email and email in seen_emails):
            yield Flag(("team", "members", index), _("member '{name}' is listed twice").format(name=member.name))
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
    listed = {person_key(m.name): m.name for m in context.plan.members}
    official = {person_key(m.get("name", "")): m.get("name", "") for m in roster}
    for key, name in listed.items():
        if key not in official:
            yield Flag(("team", "members"), _("member '{name}' is not in this team in the roster").format(name=name),
                       key=True)
    for key, name in official.items():
        if key not in listed:
            yield Flag(("team", "members"), _("the roster lists '{name}' in this team but the plan "
                         "does not").format(name=name), key=True)


def _owners(context):
    """(path, owner) of every owner the plan names: stages, milestones, risks."""
    plan = context.plan
    for stage in context.course.stages:
        choice = plan.stack[stage.id]
        if choice.owner and not choice.covered_by and stage.id != "infrastructure":
            yield ("stack", stage.id, "owner"), choice.owner
    for index, milestone in enumerate(plan.milestones):
        if milestone.owner:
            yield ("milestones", index, "owner"), milestone.owner
    for index, risk in enumerate(plan.risks):
        if risk.owner:
            yield ("risks", index, "owner"), risk.owner


@rule("PLN206", "error")
def stage_or_risk_owner_not_member(context):
    """A stage's or a risk's owner is not a member of the team.

    Owners are matched with members as everywhere in planner: accents, case,
    spacing and word order aside, or a first name only one member has; `team`
    stands for the whole team. After a member is renamed or leaves, the stages
    and risks still credited to the old name show a ghost on the roles slide.
    (Milestone owners: PLN302.)
    """
    plan = context.plan
    if not plan.members:
        return
    names, hint = [m.name for m in plan.members], Hints()
    for path, owner in _owners(context):
        if path[0] == "milestones" or is_placeholder(owner) or names_team(owner):
            continue
        if plan.member(owner) is None:
            yield Flag(path, _("owner '{owner}' is not a member").format(owner=owner),
                       hint=hint(owner, names))


@rule("PLN205", "warning")
def member_owns_nothing(context):
    """A member owns no stage, milestone or risk and is pinned to no slide.

    Each member answers for part of the plan; a member with nothing to own and
    nothing chosen to present is invisible to the instructor. Give them a stage
    (`owner:`), a milestone or a risk, or pin them to a slide
    (`presentation.speakers`). Checked only when the plan names owners at all,
    and not when the whole team (`team`) owns something.
    """
    plan = context.plan
    owners = [owner for _path, owner in _owners(context)]
    if not plan.members or not owners or plan.members_from_roster:
        return
    if any(names_team(owner) for owner in owners):
        return  # the whole team owns something: everyone does
    named = [*owners, *plan.presentation.speakers.values()]
    busy = {id(member) for name in named if (member := plan.member(name)) is not None}
    for index, member in enumerate(plan.members):
        if id(member) not in busy:
            yield Flag(("team", "members", index), _(
                "member '{name}' owns no stage, milestone or risk and is pinned to no slide").format(
                name=member.name))
