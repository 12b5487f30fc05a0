"""The architecture: components and the flows between them."""

from planner.checks import Flag, rule
from planner.suggest import Hints


@rule("PLN130", "error")
def flow_to_unknown_component(context):
    """A flow starts or ends at a component that is not listed.

    Flows connect `architecture.components` by name; a typo would draw an
    arrow to nowhere in the deck and the Mermaid diagram.
    """
    names = [component.name for component in context.plan.components]
    known, hint = set(names), Hints()
    for index, flow in enumerate(context.plan.flows):
        for end, name in (("from", flow.source), ("to", flow.target)):
            if name not in known:
                yield Flag(("architecture", "flows", index, end),
                           f"flow {end} '{name}' is not a component", hint=hint(name, names))


@rule("PLN131", "warning")
def no_architecture(context):
    """The plan describes no architecture.

    The team's README must explain the chosen architecture; list its
    components and the data flows between them under `architecture:`.
    """
    if not context.plan.components:
        yield Flag((), "the plan lists no architecture components")


@rule("PLN132", "error")
def duplicate_component(context):
    """Two components have the same name, so flows cannot tell them apart."""
    seen = set()
    for index, component in enumerate(context.plan.components):
        if component.name in seen:
            yield Flag(("architecture", "components", index, "name"),
                       f"component '{component.name}' is listed twice")
        seen.add(component.name)
