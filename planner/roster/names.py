"""Text keys: how headings, team names and people's names are compared."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """Case, accents, apostrophe style and runs of spaces do not matter."""
    text = strip_accents(str(text)).translate(_APOSTROPHES).casefold()
    return _SPACES.sub(" ", text).strip()


def heading_key(text: str) -> str:
    """A column heading, as matched against the course's accepted headings.

    'Équipe', ' equipe ', 'ÉQUIPE :' and 'Équipe *' (a required form field) match.
    """
    return fold(text).rstrip(":*").strip()


def team_key(name: str) -> str:
    """The key that matches a plan's team.name to a roster team.

    Case and accents are ignored and only letters a-z and digits are kept:
    'R00t AI', 'r00tai' and 'r00t-AI' are the same team.
    """
    return _NOT_ALNUM.sub("", fold(name))


def person_key(*parts: str) -> str:
    """A person's name for comparisons (not for display)."""
    return " ".join(fold(part) for part in parts if part and part.strip())
