"""The project description."""

from planner.checks import Flag, rule
from planner.checks.text import is_placeholder


@rule("PLN002", "error")
def placeholder(context):
    """Text still holds a placeholder to fill in.

    `planner new` writes `TODO: ...` where the team has to write its own
    content. Each placeholder left is reported until it is replaced.
    """
    yield from _placeholders(context.document.data, ())


def _placeholders(value, path):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(item, path + (index,))
    elif is_placeholder(value):
        yield Flag(path, f"fill in {_where(path)}: {value.strip()}")


def _where(path):
    return ".".join(str(p + 1) if isinstance(p, int) else str(p) for p in path)


@rule("PLN501", "warning")
def no_objectives(context):
    """The project lists no objectives or no success metrics.

    A plan says what the system must achieve and how success is measured
    (for example a forecast error below a threshold, a latency budget).
    """
    project = context.plan.project
    if not project.objectives:
        yield Flag(("project",), "the project lists no objectives", key=True)
    if not project.success_metrics:
        yield Flag(("project",), "the project lists no success metrics", key=True)


@rule("PLN502", "warning")
def no_scope(context):
    """The project does not say what is in and out of scope.

    Stating what the team will not do is what keeps a term project on time.
    """
    project = context.plan.project
    if not project.scope_in and not project.scope_out:
        yield Flag(("project",), "the project does not state its scope (scope.in and scope.out)",
                   key=True)
