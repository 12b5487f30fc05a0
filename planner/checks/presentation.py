"""The presentation settings."""

from planner.checks import Flag, rule
from planner.suggest import did_you_mean


@rule("PLN601", "error")
def speaker_not_member(context):
    """A pinned speaker is not a member of the team.

    `presentation.speakers` pins members, by name, to slides of the outline.
    """
    plan = context.plan
    if not plan.members:
        return
    for slide, name in plan.presentation.speakers.items():
        # Not `team`: one member presents a slide, and the outline pins only members.
        if plan.member(name) is None:
            yield Flag(("presentation", "speakers", slide), f"speaker '{name}' is not a member",
                       hint=did_you_mean(name, [m.name for m in plan.members]))
