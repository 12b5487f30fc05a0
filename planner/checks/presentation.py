"""The presentation settings."""

from planner.checks import Flag, rule
from planner.i18n import _
from planner.rules import declare
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
            yield Flag(("presentation", "speakers", slide), _("speaker '{name}' is not a member").format(name=name),
                       hint=did_you_mean(name, [m.name for m in plan.members]))


@rule("PLN602", "warning")
def pin_on_merged_slide(context):
    """A speaker is pinned to a slide that was merged away.

    A slide whose stages all do not apply is folded into the stack slide, the
    generative-AI slide is left out of a project that uses none, and a talk too
    short for every slide moves the lightest ones to the backup slides: a pin on
    such a slide has no effect. (A slide id the outline does not know is PLN010.)
    """
    from planner.slideset import select_slides
    plan, course = context.plan, context.course
    pins = plan.presentation.speakers
    if not pins:
        return
    known = {spec.id for spec in course.outline}
    shown = select_slides(plan, course).shown_ids
    for slide_id in pins:
        if slide_id in known and slide_id not in shown:
            yield Flag(("presentation", "speakers", slide_id),
                       _("slide '{slide}' is merged away (nothing on it applies to this plan): "
                         "the pin has no effect").format(slide=slide_id), key=True)


@rule("PLN701", "warning", found_by="build")
def slide_too_wordy_to_say(context):
    """A slide shows more words than its time lets a speaker say.

    `planner build` counts the words drawn on each timed slide and compares them with
    what its time budget allows at the course's speaking rate
    (`presentation.words_per_minute`, e.g. 140 a minute in French): an audience cannot
    read more than the speaker says. Shorten the plan's text on that slide, or give it
    more time with `presentation.weights`.
    """
    return ()


declare("PLN603", "info", """Items of the plan go to backup slides: the talk has no time to show them.

    The deck shows everything the plan says. What the timed slides cannot hold
    (each gets at least the course's `presentation.min_slide_seconds`) continues
    on backup slides after the closing slide, for questions. `planner build`
    reports each move, and `planner check --fit` measures the same layout without
    building (shipped font metrics; with `--template`, the template's slide size and
    fonts, as `build --template` uses them). Shorten the lists, or
    give their slide more weight (`presentation.weights`) or the talk more
    minutes, if they belong in the talk.
    """, "build")
