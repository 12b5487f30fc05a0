"""Rules emitted while the plan is validated against its schema."""

from planner.checks import rule


@rule("PLN000", "error", found_by="schema")
def unreadable(context):
    """The file cannot be read as a plan, so nothing else in it is checked.

    Missing, a folder, too large, not UTF-8 text (Latin-1, UTF-16), binary, a
    YAML syntax error (often a tab, an unclosed bracket or quote, or a wrong
    indentation), a YAML tag that would build objects (`!!python/...`), an
    alias bomb, nesting deeper than 64 levels, more than one document, or a
    document that is not a mapping. The message says where; exit code 2.
    """


@rule("PLN001", "error", found_by="schema")
def duplicate_key(context):
    """A key appears twice in the same mapping.

    YAML keeps only one of the two values, so half of what the team wrote is
    silently lost. planner keeps the first value and reports the second key.
    """


@rule("PLN010", "error", found_by="schema")
def unknown_key(context):
    """A key the plan format does not know, often a typo.

    Misspelt keys are not read, so their content would never reach the deck.
    The message suggests the closest known key; `planner schema` lists them all.
    """


@rule("PLN011", "error", found_by="schema")
def wrong_type(context):
    """A value has the wrong type: a list where text is expected, and so on.

    For example `objectives: Reduce cost` instead of a list of objectives
    (`objectives: [Reduce cost]`).
    """


@rule("PLN012", "error", found_by="schema")
def bad_value(context):
    """A value outside its allowed set or range, or an empty required text.

    For example `kind: datalake` where the choices are database, warehouse,
    lake and lakehouse; the message suggests the closest choice.
    """


@rule("PLN013", "error", found_by="schema")
def missing_key(context):
    """A required key is missing (for example `project.title`)."""


@rule("PLN014", "error", found_by="schema")
def bad_format(context):
    """A date not written YYYY-MM-DD (or impossible, like 2024-02-30), or a malformed email."""
