"""What every registry of extension points shares: one name, one entry.

The registries (outputs, finding formats, roster sources; rules in planner.rules) are plain
dicts keyed by name, filled at import time by their modules; a second entry under one name
is a programming error, raised at once rather than silently replacing the first.
"""

from __future__ import annotations

from typing import TypeVar

T = TypeVar("T")


def add(registry: dict[str, T], name: str, entry: T, what: str) -> T:
    """Put `entry` in `registry` under `name`; ValueError when the name is taken."""
    if name in registry:
        raise ValueError(f"{what} {name} registered twice")
    registry[name] = entry
    return entry
