"""The project description."""

from planner.checks import Flag, rule
from planner.checks.text import is_placeholder
from planner.i18n import _


@rule("PLN002", "error")
def placeholder(context):
    """Text still holds a placeholder to fill in.

    `planner new` writes `TODO: ...` where the team has to write its own
    content. Each placeholder left is reported until it is replaced.
    """
    for where, text in context.document.texts:
        if is_placeholder(text):
            yield Flag(where, _("fill in {where}: {text}").format(where=_where(where), text=text.strip()))


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
        yield Flag(("project",), _("the project lists no objectives"), key=True)
    if not project.success_metrics:
        yield Flag(("project",), _("the project lists no success metrics"), key=True)


@rule("PLN502", "warning")
def no_scope(context):
    """The project does not say what is in and out of scope.

    Stating what the team will not do is what keeps a term project on time.
    """
    project = context.plan.project
    if not project.scope_in and not project.scope_out:
        yield Flag(("project",), _("the project does not state its scope (scope.in and scope.out)"),
                   key=True)


@rule("PLN503", "warning")
def unsafe_link(context):
    """A link to something other than a web page, an email address or a section.

    Only `http://`, `https://` and `mailto:` addresses (and `#section` anchors)
    become links in the deck, the plan and its page. Any other address (`file:`,
    `smb:`, `ms-msdt:`, a network share `\\\\host\\share`, `//host`, a relative path)
    stays plain text, because a click on a shared deck must never open a local
    program or a network share. Write the repository as its `https://` address.
    """
    from planner.links import is_safe, unsafe_in_text
    data = context.document.data if isinstance(context.document.data, dict) else {}
    repository = (data.get("project") or {}).get("repository") \
        if isinstance(data.get("project"), dict) else None
    if isinstance(repository, str) and repository.strip() and not is_safe(repository):
        yield Flag(("project", "repository"), _("the repository {target!r} is not an http(s) address: it "
                                                "stays plain text").format(target=repository.strip()),
                   hint=_("write its https:// address"))
    for path, value in context.document.texts:
        # Most text holds no link at all: the cheap test first.
        if ("](" in value or "<" in value) and path != ("project", "repository"):
            for target in unsafe_in_text(value):
                yield Flag(path, _("the link to {target!r} is not an http(s), mailto or #section address: it "
                                   "stays plain text").format(target=target))


@rule("PLN003", "warning")
def comma_split_list_item(context):
    """A comma inside `[...]` split one item of a list into several.

    In a YAML flow list every comma separates items, even inside parentheses:
    `tools: [docker-compose.yml (JupyterLab, MongoDB)]` is two tools,
    "docker-compose.yml (JupyterLab" and "MongoDB)". Put such an item in quotes,
    or write the list one item a line (`- ...`).
    """
    for path, first, second in context.comma_splits:
        yield Flag(path, _("a comma inside [...] cut '{first}' and '{second}' into separate items").format(
            first=first.strip(), second=second.strip()),
            hint=_("put the item in quotes, or write the list one item a line"))


def comma_splits(value, path=()) -> list[tuple]:
    """(path of the first piece, first piece, second piece) of each list item that a comma
    inside [...] cut in two, in the order of the file. The pieces are not names: the runner
    keeps the other rules from judging them (planner.checks.run_checks)."""
    found: list[tuple] = []
    if isinstance(value, dict):
        for key, item in value.items():
            found += comma_splits(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str) and index + 1 < len(value) and _opens(item) \
                    and isinstance(value[index + 1], str) and _closes(value[index + 1]):
                found.append((path + (index,), item, value[index + 1]))
            else:
                found += comma_splits(item, path + (index,))
    return found


_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"))


def _opens(text: str) -> bool:
    return any(text.count(left) > text.count(right) for left, right in _PAIRS)


def _closes(text: str) -> bool:
    return any(text.count(right) > text.count(left) for left, right in _PAIRS)
