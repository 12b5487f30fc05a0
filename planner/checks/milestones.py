"""Milestones."""

from planner.checks import Flag, rule
from planner.checks.text import absent, is_placeholder
from planner.facts import final_date, team_sets_final_date
from planner.i18n import _
from planner.identity import names_team
from planner.suggest import Hints


@rule("PLN301", "warning")
def milestone_without_owner(context):
    """A milestone has no owner.

    Someone in the team answers for each milestone.
    """
    for index, milestone in enumerate(context.plan.milestones):
        if absent(milestone.owner):
            yield Flag(("milestones", index), _("milestone '{title}' has no owner").format(title=milestone.title))


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
                       _("owner '{owner}' of milestone '{title}' is not a member").format(
                           owner=milestone.owner, title=milestone.title),
                       hint=hint(milestone.owner, names))


@rule("PLN303", "error")
def milestone_after_final_due(context):
    """A milestone is due after the final date: the team's demo, or the course's final date.

    The final presentation, with its demo, closes the term (`course.final_due`
    in the course file); a team that demonstrates earlier says so with
    `presentation.demo`. Nothing can be delivered after that date.
    """
    final = final_date(context.plan, context.course)
    own = team_sets_final_date(context.plan, context.course)
    for index, milestone in enumerate(context.plan.milestones):
        if milestone.due and milestone.due > final:
            message = (_("milestone '{title}' is due {due}, after the team's final demo {final}") if own
                       else _("milestone '{title}' is due {due}, after the final due date {final}"))
            yield Flag(("milestones", index, "due"), message.format(
                title=milestone.title, due=milestone.due.isoformat(), final=final.isoformat()))


@rule("PLN307", "error")
def team_date_after_course_date(context):
    """The team's plan presentation or final demo comes after the course's final date.

    `presentation.date` (the plan presentation) and `presentation.demo` (the
    team's own final delivery and demo) are the team's own dates; neither can be
    later than the course's final date (`course.final_due`), and the plan
    presentation comes before the demo.
    """
    presentation, limit = context.plan.presentation, context.course.final_due
    for key, day in (("date", presentation.date), ("demo", presentation.demo)):
        if day and day > limit:
            yield Flag(("presentation", key), _(
                "presentation.{key} is {day}, after the course's final date {limit}").format(
                key=key, day=day.isoformat(), limit=limit.isoformat()))
    if presentation.date and presentation.demo and presentation.date > presentation.demo:
        yield Flag(("presentation", "date"), _(
            "the plan presentation ({day}) comes after the team's final demo ({demo})").format(
            day=presentation.date.isoformat(), demo=presentation.demo.isoformat()))


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
                       _("milestone '{title}' starts after it is due").format(
                           title=milestone.title))
        if milestone.due and previous and milestone.due < previous:
            yield Flag(("milestones", index, "due"),
                       _("milestone '{title}' is due before the milestone above it").format(
                           title=milestone.title))
        previous = milestone.due or previous


@rule("PLN305", "warning")
def no_milestones(context):
    """The plan lists no milestones.

    A development plan says what is delivered when, up to the final
    presentation.
    """
    if not context.plan.milestones:
        yield Flag((), _("the plan lists no milestones"))

