"""The infrastructure decision."""

from planner.checks import Flag, rule
from planner.checks.text import absent


@rule("PLN121", "error")
def infrastructure_without_pros_cons(context):
    """The infrastructure choice lacks its pros or its cons.

    The course asks for the advantages and drawbacks of the chosen
    infrastructure (cost, latency, privacy, effort, lock-in).
    """
    infra = context.plan.infrastructure
    if not infra.choice:
        return
    if not infra.pros:
        yield Flag(("infrastructure",), "the infrastructure choice lists no pros", key=True)
    if not infra.cons:
        yield Flag(("infrastructure",), "the infrastructure choice lists no cons", key=True)


@rule("PLN122", "error")
def infrastructure_without_rationale(context):
    """The infrastructure choice has no rationale.

    Say why this infrastructure fits this project (data volume, budget,
    latency, privacy), under `infrastructure.rationale`.
    """
    infra = context.plan.infrastructure
    if infra.choice and absent(infra.rationale):
        yield Flag(("infrastructure",), "the infrastructure choice has no rationale", key=True)
