"""Characters that are not text, anywhere in the plan."""

from planner.characters import not_text, shown
from planner.checks import Flag, rule
from planner.i18n import _

MAX_REPORTED = 50  # per plan: a pasted binary blob would otherwise flood the output


@rule("PLN015", "warning")
def control_characters(context):
    """A text holds a control character or a Unicode non-character.

    YAML's double-quoted escapes ("\\x01", "\\e", "\\uFFFE") or a paste from a
    terminal can put characters in a plan that no reader sees and that
    documents cannot hold. planner leaves them out of the deck and the plan
    documents; remove them from the plan so that what it says is what is shown.
    """
    if not context.document.maybe_not_text:
        return
    count = 0
    pattern = not_text()
    for path, value in context.document.texts:
        found = pattern.search(value)
        if found:
            count += 1
            before = value[max(0, found.start() - 20):found.start()]
            yield Flag(path, _("text holds the control character {character} after '{before}'; it "
                               "is left out of the outputs").format(
                                   character=shown(found.group()), before=pattern.sub("", before)),
                       hint=_("delete it (an escape such as \\x01 in a quoted text)"))
            if count == MAX_REPORTED:
                return
