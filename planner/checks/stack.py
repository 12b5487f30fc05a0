"""The lifecycle stack: one choice per stage of the course checklist."""

from planner.checks import Flag, rule
from planner.checks.text import absent, is_placeholder

MAX_SUGGESTIONS = 100  # "did you mean" hints for unknown tools, per plan


def _stages(context):
    """Stages with a chosen tool, written in the plan itself (not covered by a platform)."""
    for stage in context.course.stages:
        choice = context.plan.stack[stage.id]
        if stage.id != "infrastructure" and choice.status == "chosen" and not choice.covered_by:
            yield stage, choice


@rule("PLN101", "error")
def required_stage_missing(context):
    """A stage the course requires is missing from the stack.

    Each required stage needs either a choice (tools, why, alternatives) or
    `status: not-applicable` with a reason. An integrated platform may cover
    stages when the plan says so (`integrated-platform.covers`).
    """
    generative = context.plan.project.generative_ai
    for stage in context.course.stages:
        if stage.id == "infrastructure" or stage.requirement == "conditional":
            continue
        if stage.required_for(generative) and not context.plan.stack[stage.id].present:
            yield Flag(("stack",), f"required stage '{stage.id}' ({stage.label['en']}) is missing",
                       key=True)


@rule("PLN102", "warning")
def recommended_stage_missing(context):
    """A stage the course recommends is missing from the stack.

    Say what the team uses, or mark it `status: not-applicable` with a reason.
    """
    for stage in context.course.stages:
        if stage.requirement == "recommended" and not context.plan.stack[stage.id].present:
            yield Flag(("stack",), f"recommended stage '{stage.id}' ({stage.label['en']}) is "
                       "missing", key=True)


@rule("PLN103", "error")
def generative_stage_missing(context):
    """A generative-AI project lacks a generative-AI stage.

    When `project.generative_ai` is true, LLM serving and the vector store are
    required (or not applicable, with a reason). A plan that fills these stages
    without saying `generative_ai: true` is reminded to say so.
    """
    plan = context.plan
    conditional = [s for s in context.course.stages if s.requirement == "conditional"]
    if plan.project.generative_ai:
        for stage in conditional:
            if not plan.stack[stage.id].present:
                yield Flag(("stack",), f"the project uses generative AI but stage '{stage.id}' "
                           f"({stage.label['en']}) is missing", key=True)
    elif any(plan.stack[s.id].status == "chosen" for s in conditional):
        yield Flag(("project",), "the stack has generative-AI stages; set project.generative_ai: "
                   "true", key=True)


@rule("PLN104", "error")
def stage_without_justification(context):
    """A stage names tools without saying why.

    The course asks for trade-offs and justifications: why this tool, for this
    project, rather than another. Write it under `why:`.
    """
    for stage, choice in _stages(context):
        if absent(choice.why):
            yield Flag(context.stage_path(stage.id), f"stage '{stage.id}' has no justification "
                       "(why:)", key=True)


@rule("PLN105", "warning")
def no_alternatives(context):
    """A stage does not say which alternatives were considered.

    Naming the tools the team rejected, and why, shows the choice was made
    on purpose; the MLOps landscape has dozens of tools per stage.
    """
    for stage, choice in _stages(context):
        if not choice.alternatives:
            yield Flag(context.stage_path(stage.id), f"stage '{stage.id}' lists no alternatives "
                       "considered", key=True)


@rule("PLN106", "error")
def not_applicable_without_reason(context):
    """A stage is marked not applicable without a reason.

    `status: not-applicable` is a fine answer when the plan says why (for
    example: no training, the project uses a pre-trained LLM).
    """
    for stage in context.course.stages:
        choice = context.plan.stack[stage.id]
        if choice.status == "not-applicable" and absent(choice.reason):
            yield Flag(context.stage_path(stage.id), f"stage '{stage.id}' is not applicable but "
                       "gives no reason (reason:)", key=True)


@rule("PLN107", "error")
def storage_without_kind(context):
    """Data storage does not say its kind.

    The lecture contrasts database, data warehouse, data lake and lakehouse;
    say which one the team's storage is (`kind:`).
    """
    for stage, choice in _stages(context):
        if stage.needs_kind and not choice.kind:
            kinds = ", ".join(context.course.storage_kinds)
            yield Flag(context.stage_path(stage.id), f"stage '{stage.id}' does not say its kind "
                       f"({kinds})", key=True)


@rule("PLN108", "warning")
def unknown_tool(context):
    """A tool is not in the catalog.

    Unknown tools are allowed (the landscape is large and moves fast), but a
    misspelling is more likely; `planner catalog --search` browses the catalog.
    """
    budget = MAX_SUGGESTIONS
    for stage, choice in _stages(context):
        for index, name in enumerate(choice.tools):
            if is_placeholder(name) or context.catalog.find(name):
                continue
            # A suggestion costs ~1 ms (fuzzy matching against every catalog name);
            # a file with thousands of unknown tools must not take seconds.
            guess = context.catalog.suggest(name) if budget > 0 else None
            budget -= 1
            yield Flag(context.stage_path(stage.id) + ("tools", index),
                       f"unknown tool '{name}' in stage '{stage.id}'",
                       hint=f"did you mean {guess.name}?" if guess else None)


@rule("PLN109", "warning")
def tool_in_wrong_stage(context):
    """A catalog tool is used in a stage it does not serve.

    For example Grafana as a model-training tool. The catalog lists the
    stages each tool can serve; the message names them.
    """
    for stage, choice in _stages(context):
        for index, name in enumerate(choice.tools):
            tool = context.catalog.find(name)
            if tool and stage.id not in tool.stages:
                yield Flag(context.stage_path(stage.id) + ("tools", index),
                           f"{tool.name} does not serve stage '{stage.id}' (it serves: "
                           f"{', '.join(tool.stages)})")


@rule("PLN110", "error")
def stage_without_tools(context):
    """A stage is chosen but names no tool.

    Name at least one tool, mark the stage `status: undecided` while the team
    decides, or `status: not-applicable` with a reason.
    """
    for stage, choice in _stages(context):
        if not choice.tools:
            yield Flag(context.stage_path(stage.id), f"stage '{stage.id}' names no tool (tools:)",
                       key=True)


@rule("PLN111", "warning")
def stage_undecided(context):
    """A stage is still undecided.

    Fine in a draft; the plan presentation should have a decision.
    """
    for stage in context.course.stages:
        if context.plan.stack[stage.id].status == "undecided":
            yield Flag(context.stage_path(stage.id), f"stage '{stage.id}' is still undecided",
                       key=True)


@rule("PLN112", "warning")
def storage_kind_mismatch(context):
    """The storage kind disagrees with the catalog's kind of the tool.

    For example `kind: database` with Snowflake, a data warehouse.
    """
    for stage, choice in _stages(context):
        if not (stage.needs_kind and choice.kind):
            continue
        kinds = {t.storage_kind for t in map(context.catalog.find, choice.tools) if t and t.storage_kind}
        if kinds and choice.kind not in kinds:
            yield Flag(context.stage_path(stage.id) + ("kind",),
                       f"kind is '{choice.kind}' but the tools are: {', '.join(sorted(kinds))}")


@rule("PLN113", "warning")
def platform_covers_nothing(context):
    """An integrated platform covers a stage the plan also fills, or covers nothing.

    `integrated-platform.covers` lists the stages the platform (Dataiku,
    Databricks, SageMaker, ...) takes care of, so they need no entry of their
    own; a stage both covered and filled is ambiguous.
    """
    platform = context.plan.stack.get("integrated-platform")
    if not platform or platform.status != "chosen":
        return
    entries = context.document.data.get("stack", {}) if isinstance(context.document.data, dict) else {}
    entries = entries if isinstance(entries, dict) else {}
    for index, stage_id in enumerate(platform.covers):
        if stage_id in entries:
            yield Flag(("stack", "integrated-platform", "covers", index),
                       f"stage '{stage_id}' is covered by the platform and also filled in")
