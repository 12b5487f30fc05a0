"""The infrastructure decision."""

from planner import facts
from planner.checks import Flag, rule
from planner.checks.text import absent
from planner.i18n import _, current


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
        yield Flag(("infrastructure",), _("the infrastructure choice lists no pros"), key=True)
    if not infra.cons:
        yield Flag(("infrastructure",), _("the infrastructure choice lists no cons"), key=True)


@rule("PLN122", "error")
def infrastructure_without_rationale(context):
    """The infrastructure choice has no rationale.

    Say why this infrastructure fits this project (data volume, budget,
    latency, privacy), under `infrastructure.rationale`.
    """
    infra = context.plan.infrastructure
    if infra.choice and absent(infra.rationale):
        yield Flag(("infrastructure",), _("the infrastructure choice has no rationale"), key=True)


# Infrastructure choices on which a managed, cloud-only service does not run.
_OWN_MACHINES = ("personal-computer", "on-premise")


@rule("PLN123", "warning")
def managed_service_on_own_machines(context):
    """A managed cloud-only service runs in a system said to be on personal computers or on premises.

    A tool of the running system (a `runtime` stage of the course file) that only
    its provider runs (the catalog's `hosting: managed`: BigQuery, Pinecone, the
    OpenAI API) puts part of the system in the cloud: the infrastructure is then
    hybrid, or the plan should say why this dependency is acceptable (cost, data
    leaving the premises). Development tools (Colab, CI) are not counted.
    """
    choice = context.plan.infrastructure.choice
    if choice not in _OWN_MACHINES:
        return
    words = facts.words(context.course, current())
    for stage, stage_choice in context.chosen_stages():
        for index, name in enumerate(stage_choice.tools):
            tool = context.catalog.find(name)
            # The running system only (not CI, not a notebook service used while developing).
            if tool and tool.hosting == "managed" and stage.runtime \
                    and "development-environment" not in tool.stages:
                yield Flag(context.stage_path(stage.id) + ("tools", index), _(
                    "{tool} is a managed cloud service, but the infrastructure is {choice}").format(
                    tool=tool.name, choice=words.choice(choice)),
                    hint=_("choose hybrid, or say why in the infrastructure's cons"))
