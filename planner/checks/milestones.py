"""Milestones."""

from planner.checks import Flag, rule
from planner.checks.text import absent, is_placeholder
from planner.model import names_team
from planner.suggest import Hints


@rule("PLN301", "warning")
def milestone_without_owner(context):
    """A milestone has no owner.

    Someone in the team answers for each milestone.
    """
    for index, milestone in enumerate(context.plan.milestones):
        if absent(milestone.owner):
            yield Flag(("milestones", index), f"milestone '{milestone.title}' has no owner")


@rule("PLN302", "error")
def owner_not_member(context):
    """A milestone's owner is not a member of the team.

    Owners are written as members' names (or a first name that identifies one
    member unambiguously), or `team` for the whole team.
    """
    plan = context.plan
    if not plan.members:
        return
    names, hint = [m.name for m in plan.members], Hints()
    for index, milestone in enumerate(plan.milestones):
        owner = milestone.owner
        # A `TODO:` owner is reported once, by PLN002, not again as a stranger.
        if owner and not is_placeholder(owner) and not names_team(owner) \
                and plan.member(owner) is None:
            yield Flag(("milestones", index, "owner"),
                       f"owner '{milestone.owner}' of milestone '{milestone.title}' is not a member",
                       hint=hint(milestone.owner, names))


@rule("PLN303", "error")
def milestone_after_final_due(context):
    """A milestone is due after the course's final due date.

    The final presentation, with its demo, closes the term (`course.final_due`
    in the course file); nothing can be delivered after it.
    """
    final = context.course.final_due
    for index, milestone in enumerate(context.plan.milestones):
        if milestone.due and milestone.due > final:
            yield Flag(("milestones", index, "due"), f"milestone '{milestone.title}' is due "
                       f"{milestone.due.isoformat()}, after the final due date {final.isoformat()}")


@rule("PLN304", "warning")
def milestones_out_of_order(context):
    """Milestones are not in date order, or one starts after it is due.

    The timeline slide and the Gantt chart read top to bottom; list
    milestones in the order they are due.
    """
    previous = None
    for index, milestone in enumerate(context.plan.milestones):
        if milestone.start and milestone.due and milestone.start > milestone.due:
            yield Flag(("milestones", index, "start"),
                       f"milestone '{milestone.title}' starts after it is due")
        if milestone.due and previous and milestone.due < previous:
            yield Flag(("milestones", index, "due"),
                       f"milestone '{milestone.title}' is due before the milestone above it")
        previous = milestone.due or previous


@rule("PLN305", "warning")
def no_milestones(context):
    """The plan lists no milestones.

    A development plan says what is delivered when, up to the final
    presentation.
    """
    if not context.plan.milestones:
        yield Flag((), "the plan lists no milestones")

