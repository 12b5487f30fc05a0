"""The presentation settings."""

from planner.checks import Flag, rule
from planner.checks.milestones import is_member
from planner.suggest import did_you_mean


@rule("PLN601", "error")
def speaker_not_member(context):
    """A pinned speaker is not a member of the team.

    `presentation.speakers` pins members, by name, to slides of the outline.
    """
    members = context.plan.members
    if not members:
        return
    for slide, name in context.plan.presentation.speakers.items():
        if not is_member(name, members) or name.strip().casefold() in ("team", "équipe", "all"):
            yield Flag(("presentation", "speakers", slide), f"speaker '{name}' is not a member",
                       hint=did_you_mean(name, [m.name for m in members]))
