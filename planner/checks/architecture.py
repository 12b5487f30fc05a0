"""The architecture: components and the flows between them."""

import re

from planner.checks import Flag, rule
from planner.checks.text import is_placeholder
from planner.facts import tool_name
from planner.i18n import _
from planner.identity import component_key, fold
from planner.suggest import Hints

# The words "from" and "to" are keys of the plan: each end has its own sentence.
_FLOW_END = {
    "from": lambda: _("flow from '{name}' is not a component"),
    "to": lambda: _("flow to '{name}' is not a component"),
}


@rule("PLN130", "error")
def flow_to_unknown_component(context):
    """A flow starts or ends at a component that is not listed.

    Flows connect `architecture.components` by name, case and spacing aside
    (`chat ui` is `Chat UI`, in the check as in the diagrams); a typo would draw
    an arrow to nowhere in the deck and the Mermaid diagram.
    """
    names = [component.name for component in context.plan.components]
    known, hint = {component_key(name) for name in names}, Hints()
    for index, flow in enumerate(context.plan.flows):
        for end, name in (("from", flow.source), ("to", flow.target)):
            if component_key(name) not in known:
                yield Flag(("architecture", "flows", index, end),
                           _FLOW_END[end]().format(name=name), hint=hint(name, names))


@rule("PLN131", "warning")
def no_architecture(context):
    """The plan describes no architecture.

    The team's README must explain the chosen architecture; list its
    components and the data flows between them under `architecture:`.
    """
    if not context.plan.components:
        yield Flag((), _("the plan lists no architecture components"))


@rule("PLN132", "error")
def duplicate_component(context):
    """Two components have the same name, so flows cannot tell them apart.

    Names are compared with case and spacing aside, as flows find them.
    """
    seen = set()
    for index, component in enumerate(context.plan.components):
        key = component_key(component.name)
        if key in seen:
            yield Flag(("architecture", "components", index, "name"),
                       _("component '{name}' is listed twice").format(name=component.name))
        seen.add(key)


DEVELOPMENT = "development-environment"


def _tool_key(context, name: str) -> str:
    return fold(tool_name(context.catalog, name))


def _drawn(context) -> set:
    """Tools the architecture shows: each component's tool, a component named after a tool."""
    keys = set()
    for component in context.plan.components:
        for name in (component.tool, component.name):
            if name and name.strip():
                keys.add(_tool_key(context, name))
    return keys


def _described(context) -> str:
    """The architecture's words (component roles, the summary), folded, to find a tool named in them."""
    texts = [component.role for component in context.plan.components]
    texts.append(context.plan.architecture_summary)
    return " " + " ".join(fold(text) for text in texts if text) + " "


def _mentioned(tool, name: str, described: str) -> bool:
    spellings = (tool.name, *tool.aliases) if tool else (name,)
    return any(re.search(r"(?<![\w])" + re.escape(fold(spelling)) + r"(?![\w])", described)
               for spelling in spellings if spelling.strip())


@rule("PLN133", "warning")
def runtime_tool_not_in_architecture(context):
    """A tool that runs in the deployed system appears in no architecture component.

    The stack says the system stores, serves or monitors with it, yet the
    architecture diagram does not show where. Name it as a component, as a
    component's `tool:`, or in a component's role or the architecture's summary.
    Only stages marked `runtime` in the course file are looked at (storage,
    feature store, deployment, monitoring, LLM serving, vector store by default),
    and not the tools that are also development tools (Docker).
    """
    if not context.plan.components:
        return  # PLN131 says the architecture is missing
    drawn, described = _drawn(context), _described(context)
    for stage, choice in context.chosen_stages():
        if not stage.runtime:
            continue
        for index, name in enumerate(choice.tools):
            if not name.strip() or is_placeholder(name) or _tool_key(context, name) in drawn:
                continue
            tool = context.catalog.find(name)
            # Docker, Colab...: also a development tool, not a box of the running system.
            if (tool and DEVELOPMENT in tool.stages) or _mentioned(tool, name, described):
                continue
            yield Flag(context.stage_path(stage.id) + ("tools", index), _(
                "{tool} (stage '{stage}') appears in no architecture component").format(
                tool=tool_name(context.catalog, name), stage=stage.id))


@rule("PLN134", "warning")
def component_tool_not_in_stack(context):
    """A component's tool is chosen for no stage of the stack.

    The architecture draws a tool the stack never chose or justified: add it to
    the stage it serves (with why and alternatives), or correct the component.
    """
    chosen = {_tool_key(context, name) for _stage, choice in context.chosen_stages()
              for name in (*choice.tools, *choice.in_house)}
    chosen |= {_tool_key(context, name) for name in context.plan.infrastructure.providers}
    platform = context.plan.stack.get("integrated-platform")
    if platform is not None:
        chosen |= {_tool_key(context, name) for name in platform.tools}
    for index, component in enumerate(context.plan.components):
        tool = component.tool
        if tool and tool.strip() and not is_placeholder(tool) and _tool_key(context, tool) not in chosen:
            yield Flag(("architecture", "components", index, "tool"), _(
                "component '{name}' uses {tool}, which no stage of the stack chooses").format(
                name=component.name, tool=tool_name(context.catalog, tool)))
