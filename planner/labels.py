"""Fixed words of generated documents, per language, from data files."""

from __future__ import annotations

from functools import cache

from planner import resources

LANGUAGES = ("fr", "en")


@cache
def labels(lang: str) -> dict:
    """Every label file under data/labels/, merged: common.yaml, deck.yaml, plan.yaml, ..."""
    merged: dict = {}
    for path in sorted((resources.DATA / "labels").glob("*.yaml")):
        data = resources.data_file(f"labels/{path.name}")
        _merge(merged, data.get(lang, {}))
    return merged


def _merge(into: dict, extra: dict) -> None:
    # Copies, never references: the parsed files are cached and shared.
    for key, value in extra.items():
        if isinstance(value, dict):
            if not isinstance(into.get(key), dict):
                into[key] = {}
            _merge(into[key], value)
        else:
            into[key] = value
