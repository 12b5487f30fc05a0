"""Text keys of the roster: how headings are compared; people and teams as planner.identity says."""

from __future__ import annotations

from planner.identity import fold, person_key, strip_accents, team_key

__all__ = ["fold", "heading_key", "person_key", "strip_accents", "team_key"]


def heading_key(text: str) -> str:
    """A column heading, as matched against the course's accepted headings.

    'Équipe', ' equipe ', 'ÉQUIPE :' and 'Équipe *' (a required form field) match.
    """
    return fold(text).rstrip(":*").strip()
