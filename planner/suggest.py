"""'Did you mean' hints."""

from __future__ import annotations

from planner.i18n import _

MAX_CHOICES = 200  # beyond this, fuzzy matching costs more than a hint is worth


def closest(word: str, choices, cutoff: float = 0.6) -> str | None:
    choices = list(choices)
    if len(choices) > MAX_CHOICES:
        # A plan with hundreds of members or components is not a real one, and
        # a hint for each of its thousands of names would take seconds.
        return None
    import difflib  # here: a clean plan never needs it, and `planner check` starts faster

    lowered = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None


def did_you_mean(word: str, choices, cutoff: float = 0.6) -> str | None:
    match = closest(word, choices, cutoff)
    return _("did you mean '{name}'?").format(name=match) if match else None


class Hints:
    """'Did you mean' for at most `limit` words, then none.

    For choices that come from the plan itself (its components, its members),
    each hint costs time in proportion to them; a file with thousands of
    unknown names must still be checked in well under a second.
    """

    def __init__(self, limit: int = 50):
        self.left = limit

    def __call__(self, word: str, choices) -> str | None:
        if self.left <= 0:
            return None
        self.left -= 1
        return did_you_mean(word, choices)


def pick(name: str, by_name: dict, unknown: str, available: str):
    """by_name[name], else a UsageError `unknown` with a hint: the closest name (a
    unique prefix counts, `plan` -> `plan-format`), else `available` and every name.
    Both messages are format strings: {name} and {names}."""
    if name in by_name:
        return by_name[name]
    from planner.errors import UsageError
    starting = [key for key in by_name if key.startswith(name)]
    hint = (did_you_mean(starting[0] if len(starting) == 1 else name, by_name)
            or available.format(names=", ".join(by_name)))
    raise UsageError(unknown.format(name=name), hint=hint)
