"""The slide deck: a native, editable PowerPoint file built from the plan and its outline.

python-pptx and Pillow are imported only when a deck is built, so `planner check` stays fast.
"""

from __future__ import annotations


def render_deck(data, template_path: str | None = None, warnings: list | None = None,
                moves: list | None = None, notes: list | None = None) -> bytes:
    """The deck's bytes for one plan (RenderInput); the same input gives the same bytes.
    `warnings`, when given, receives the findings only the drawn deck shows (PLN701);
    `moves` where items went to backup slides (planner.deck.fit.Move, for PLN603);
    `notes`, what was dropped from a user's template (its external links)."""
    from planner.deck.builder import render_deck as build
    return build(data, template_path, warnings, moves, notes)
