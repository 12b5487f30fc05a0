"""'Did you mean' hints."""

from __future__ import annotations

import difflib


def closest(word: str, choices, cutoff: float = 0.6) -> str | None:
    choices = list(choices)
    lowered = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=cutoff)
    return lowered[match[0]] if match else None


def did_you_mean(word: str, choices, cutoff: float = 0.6) -> str | None:
    match = closest(word, choices, cutoff)
    return f"did you mean '{match}'?" if match else None
