"""The lifecycle stack: one choice per stage of the course checklist."""

from planner.checks import Flag, rule
from planner.checks.text import absent, is_placeholder
from planner.facts import is_in_house, tool_name
from planner.i18n import _, current, ngettext
from planner.identity import fold

MAX_SUGGESTIONS = 100  # "did you mean" hints for unknown tools, per plan


def _label(stage) -> str:
    return stage.label.get(current()) or stage.label.get("en", stage.id)


def _stages(context):
    """Stages with a chosen tool, written in the plan itself (not covered by a platform)."""
    return context.chosen_stages()


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
            yield Flag(("stack",), _("required stage '{stage}' ({label}) is missing").format(
                stage=stage.id, label=_label(stage)), key=True)


@rule("PLN102", "warning")
def recommended_stage_missing(context):
    """A stage the course recommends is missing from the stack.

    Say what the team uses, or mark it `status: not-applicable` with a reason.
    """
    for stage in context.course.stages:
        if stage.requirement == "recommended" and not context.plan.stack[stage.id].present:
            yield Flag(("stack",), _("recommended stage '{stage}' ({label}) is missing").format(
                stage=stage.id, label=_label(stage)), key=True)


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
                yield Flag(("stack",), _("the project uses generative AI but stage '{stage}' "
                                         "({label}) is missing").format(
                    stage=stage.id, label=_label(stage)), key=True)
    elif any(plan.stack[s.id].status == "chosen" for s in conditional):
        yield Flag(("project",), _("the stack has generative-AI stages; set "
                                     "project.generative_ai: true"), key=True)


@rule("PLN104", "error")
def stage_without_justification(context):
    """A stage names tools without saying why.

    The course asks for trade-offs and justifications: why this tool, for this
    project, rather than another. Write it under `why:`.
    """
    for stage, choice in _stages(context):
        if absent(choice.why):
            yield Flag(context.stage_path(stage.id), _("stage '{stage}' has no justification (why:)").format(
                stage=stage.id), key=True)


@rule("PLN105", "warning")
def no_alternatives(context):
    """A stage does not say which alternatives were considered.

    Naming the tools the team rejected, and why, shows the choice was made
    on purpose; the MLOps landscape has dozens of tools per stage.
    """
    for stage, choice in _stages(context):
        if not choice.alternatives:
            yield Flag(context.stage_path(stage.id), _("stage '{stage}' lists no alternatives considered").format(
                stage=stage.id), key=True)


@rule("PLN106", "error")
def not_applicable_without_reason(context):
    """A stage is marked not applicable without a reason.

    `status: not-applicable` is a fine answer when the plan says why (for
    example: no training, the project uses a pre-trained LLM).
    """
    for stage in context.course.stages:
        choice = context.plan.stack[stage.id]
        if choice.status == "not-applicable" and absent(choice.reason):
            yield Flag(context.stage_path(stage.id), _("stage '{stage}' is not applicable but gives no reason "
                                                         "(reason:)").format(stage=stage.id), key=True)


@rule("PLN107", "error")
def storage_without_kind(context):
    """Data storage does not say its kind.

    The lecture contrasts database, data warehouse, data lake and lakehouse;
    say which one the team's storage is (`kind:`).
    """
    for stage, choice in _stages(context):
        if stage.needs_kind and not choice.kind:
            kinds = ", ".join(context.course.storage_kinds)
            yield Flag(context.stage_path(stage.id), _("stage '{stage}' does not say its kind ({kinds})").format(
                stage=stage.id, kinds=kinds), key=True)


@rule("PLN108", "warning")
def unknown_tool(context):
    """A tool is not in the catalog.

    Unknown tools are allowed (the landscape is large and moves fast), but a
    misspelling is more likely; `planner catalog --search` browses the catalog.
    The team's own code (health endpoints, a scraper) is named under the stage's
    `in_house:` as well as `tools:`, and is not looked up.
    """
    budget = MAX_SUGGESTIONS
    for stage, choice in _stages(context):
        for index, name in enumerate(choice.tools):
            if is_placeholder(name) or context.catalog.find(name) or is_in_house(name, choice.in_house):
                continue
            # A suggestion costs ~1 ms (fuzzy matching against every catalog name);
            # a file with thousands of unknown tools must not take seconds.
            guess = context.catalog.suggest(name) if budget > 0 else None
            budget -= 1
            yield Flag(context.stage_path(stage.id) + ("tools", index),
                       _("unknown tool '{tool}' in stage '{stage}'").format(tool=name, stage=stage.id),
                       hint=_("did you mean {name}?").format(name=guess.name) if guess else None)


@rule("PLN109", "warning")
def tool_in_wrong_stage(context):
    """A catalog tool is used in a stage it does not serve.

    For example Grafana as a model-training tool. The catalog lists the
    stages each tool can serve; the message names them.
    """
    for stage, choice in _stages(context):
        for index, name in enumerate(choice.tools):
            tool = None if is_in_house(name, choice.in_house) else context.catalog.find(name)
            if tool and stage.id not in tool.stages:
                yield Flag(context.stage_path(stage.id) + ("tools", index),
                           _("{tool} does not serve stage '{stage}' (it serves: {stages})").format(
                               tool=tool.name, stage=stage.id, stages=", ".join(tool.stages)))


@rule("PLN110", "error")
def stage_without_tools(context):
    """A stage is chosen but names no tool.

    Name at least one tool, mark the stage `status: undecided` while the team
    decides, or `status: not-applicable` with a reason.
    """
    for stage, choice in _stages(context):
        if not choice.tools:
            yield Flag(context.stage_path(stage.id), _("stage '{stage}' names no tool (tools:)").format(
                stage=stage.id),
                       key=True)


@rule("PLN111", "warning")
def stage_undecided(context):
    """A stage is still undecided.

    Fine in a draft; the plan presentation should have a decision.
    """
    for stage in context.course.stages:
        if context.plan.stack[stage.id].status == "undecided":
            yield Flag(context.stage_path(stage.id), _("stage '{stage}' is still undecided").format(
                stage=stage.id),
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
                       _("kind is '{kind}' but the tools are: {kinds}").format(
                           kind=choice.kind, kinds=", ".join(sorted(kinds))))


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
                       _("stage '{stage}' is covered by the platform and also filled in").format(
                           stage=stage_id))


@rule("PLN114", "warning")
def misspelt_tool(context):
    """A tool is written with a known misspelling.

    planner recognises it and shows the catalog's name in the deck, the plan and
    the report, but the team's own README and slides would carry the typo: write
    the name as the catalog spells it. Official other names (`Jupyter` for
    JupyterLab, `wandb`) are fine.
    """
    for path, name in _tool_mentions(context):
        tool = context.catalog.misspelt(name)
        if tool:
            yield Flag(path, _("'{typed}' is a misspelling of {tool}").format(typed=name, tool=tool.name),
                       hint=_("write {tool}").format(tool=tool.name))


def _tool_mentions(context):
    """(path, name) of every tool the plan names: stack tools, alternatives, component tools."""
    for stage, choice in _stages(context):
        for index, name in enumerate(choice.tools):
            yield context.stage_path(stage.id) + ("tools", index), name
        for index, alternative in enumerate(choice.alternatives):
            path = context.stage_path(stage.id) + ("alternatives", index)
            raw = _entry(context, path)
            yield (path + ("tool",) if isinstance(raw, dict) else path), alternative.tool
    for index, component in enumerate(context.plan.components):
        if component.tool:
            yield ("architecture", "components", index, "tool"), component.tool


def _entry(context, path):
    value = context.document.data
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


@rule("PLN115", "warning")
def alternative_cannot_serve_stage(context):
    """An alternative considered is a catalog tool that cannot serve the stage.

    Comparing the chosen tool with one that does another job (Grafana as an
    alternative to MLflow for experiment tracking) is not a trade-off; name a
    real competitor (`planner catalog STAGE` lists them).
    """
    for stage, choice in _stages(context):
        for index, alternative in enumerate(choice.alternatives):
            tool = context.catalog.find(alternative.tool)
            if tool and stage.id not in tool.stages:
                yield Flag(_alternative_path(context, stage, index), _(
                    "alternative {tool} does not serve stage '{stage}' (it serves: {stages})").format(
                    tool=tool.name, stage=stage.id, stages=", ".join(tool.stages)))


@rule("PLN116", "warning")
def alternative_also_chosen(context):
    """An alternative said to be rejected is also a chosen tool of the stage.

    A tool cannot be both chosen and rejected; names are compared as the catalog
    knows them (`ML Flow` is MLflow).
    """
    for stage, choice in _stages(context):
        chosen = {_tool_key(context, name) for name in choice.tools}
        for index, alternative in enumerate(choice.alternatives):
            if _tool_key(context, alternative.tool) in chosen:
                yield Flag(_alternative_path(context, stage, index), _(
                    "{tool} is both chosen and rejected in stage '{stage}'").format(
                    tool=tool_name(context.catalog, alternative.tool), stage=stage.id))


def _alternative_path(context, stage, index):
    path = context.stage_path(stage.id) + ("alternatives", index)
    return path + ("tool",) if isinstance(_entry(context, path), dict) else path


def _tool_key(context, name: str) -> str:
    return fold(tool_name(context.catalog, name))


@rule("PLN117", "warning")
def justification_too_short(context):
    """A stage's justification is too short to state a trade-off.

    "Because it is good" says nothing: say what the tool gives this project and
    what it costs (`why:`). The least number of words is the course file's
    `checks.why_min_words` (6 by default).
    """
    least = context.course.why_min_words
    for stage, choice in _stages(context):
        words = len(choice.why.split())
        if least and choice.why.strip() and not is_placeholder(choice.why) and words < least:
            yield Flag(context.stage_path(stage.id) + ("why",), ngettext(
                "the justification of stage '{stage}' has {count} word; say what the choice gives "
                "and what it costs (at least {least})",
                "the justification of stage '{stage}' has {count} words; say what the choice gives "
                "and what it costs (at least {least})", words).format(
                stage=stage.id, count=words, least=least))
