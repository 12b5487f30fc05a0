"""Team slugs: the folder name of a team's outputs, unique in a class build.

A slug keeps [a-z0-9-] only, so no team name can leave the output folder.
Names in other scripts are transliterated first (`東京` -> `dong-jing`,
`Команда` -> `komanda`) with text-unidecode, so two teams named in Japanese or
Russian do not both fall back to one folder; a name that still gives nothing
falls back to the plan file's stem. Two plans of one class build that still
meet in one folder are refused before anything is written: the last one would
silently replace the other's deck.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from planner.i18n import _

MAX_SLUG = 60
FALLBACK = "team"

def slugify(name: str) -> str:
    """A folder name made of [a-z0-9-] only; '' when the name has no letter or digit at all."""
    text = unicodedata.normalize("NFKD", str(name))
    if not text.isascii():
        text = _transliterate(text)
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text[:MAX_SLUG].strip("-")


def _transliterate(text: str) -> str:
    # Imported here: `planner check` of a Latin-script class never needs its tables.
    from text_unidecode import unidecode  # type: ignore[import-untyped]
    return unidecode(text)


def team_slug(name: str, path: str | Path | None = None) -> str:
    """The slug of a team: from its name, else from its plan file's stem, else 'team'."""
    return slugify(name) or (slugify(Path(path).stem) if path else "") or FALLBACK


def collisions(teams) -> dict:
    """{path: message} for every plan whose slug another plan of the same run also has.

    `teams` is a sequence of (path, team name) in the order of the build; every
    plan of a colliding group is named with the first other plan of the group.
    The same file named twice is one plan, not a collision.
    """
    groups: dict[str, dict] = {}
    for path, name in teams:
        groups.setdefault(team_slug(name, path), {}).setdefault(str(path), name)
    refused = {}
    for slug, members in groups.items():
        if len(members) < 2:
            continue
        for path, name in members.items():
            other = next(candidate for candidate in members if candidate != path)
            refused[path] = (_("team '{name}' would build into {folder}/, like {other} (team "
                               "'{other_name}'); neither is built").format(
                name=name, folder=slug, other=other, other_name=members[other])
                + " (" + _("give the teams names that differ in letters or digits") + ")")
    return refused


def read_team_names(paths) -> list:
    """(path, team name) of each plan that parses; the others fail later in their own build."""
    from planner import yamlsource
    from planner.characters import shown_path
    from planner.errors import PlannerError

    names = []
    for path in paths:
        try:
            data = yamlsource.load(path).data
        except PlannerError:
            continue
        team = data.get("team") if isinstance(data, dict) else None
        name = team.get("name") if isinstance(team, dict) else None
        names.append((shown_path(path), name if isinstance(name, str) else ""))
    return names
