"""Risks."""

from planner.checks import Flag, rule
from planner.checks.text import absent
from planner.i18n import _


@rule("PLN401", "error")
def risk_without_mitigation(context):
    """A risk has no mitigation.

    A risk listed without what the team will do about it is only a worry.
    """
    for index, risk in enumerate(context.plan.risks):
        if absent(risk.mitigation):
            yield Flag(("risks", index), _("risk '{risk}' has no mitigation").format(risk=_short(risk.risk)))


@rule("PLN402", "warning")
def no_risks(context):
    """The plan lists no risks.

    Every project has some: data access, a tool the team has never used,
    a cloud budget, a member leaving.
    """
    if not context.plan.risks:
        yield Flag((), _("the plan lists no risks (add a `risks:` list)"))


def _short(text: str, size: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1] + "…"
