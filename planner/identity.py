"""One identity per kind of name: when two spellings mean the same person, component or team.

Every comparison of names goes through these keys (checks, deck, plan, report, roster), so
that the check and every renderer always agree on who or what a name means. Keys are for
comparing, never for display.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
# Words that name the whole team where a member's name is expected (an owner).
TEAM_WORDS = frozenset({"team", "équipe", "equipe", "all", "tous", "toutes", "everyone"})


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=8192)  # a plan names the same people and tools again and again
def fold(text) -> str:
    """Case, accents, apostrophe style and runs of spaces do not matter."""
    text = strip_accents(str(text)).translate(_APOSTROPHES).casefold()
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def person_key(*parts) -> str:
    """A person: accents, case, spacing and word order folded ("Lovelace Ada" is "Ada Lovelace")."""
    words = " ".join(fold(part) for part in parts if part and str(part).strip()).split()
    return " ".join(sorted(words))


def first_name_key(name) -> str:
    """The first word of a name as written, folded: "Ada" names Ada Lovelace when she is the only Ada."""
    words = fold(name).split()
    return words[0] if words else ""


def component_key(name) -> str:
    """An architecture component: case and spacing folded ("chat  ui" is "Chat UI")."""
    return " ".join(str(name).split()).casefold()


def team_key(name) -> str:
    """A team: case and accents ignored, only letters and digits kept ("R00t AI" is "r00t-ai")."""
    return _NOT_ALNUM.sub("", fold(name))


def names_team(name) -> bool:
    """Does `name` (an owner) stand for the whole team?"""
    return fold(name) in TEAM_WORDS
