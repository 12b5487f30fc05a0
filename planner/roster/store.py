"""roster.yaml: render it (stable bytes), write it atomically, read it back.

The file is generated; the header comment says so and from what source. The
rest of planner reads it with `load_roster` and matches teams with `team_key`.
"""

from __future__ import annotations

import os
import re
from typing import NoReturn

import yaml

from planner import atomic, generated, limits, yamlsource
from planner.errors import InputError, OutputError
from planner.i18n import _
from planner.roster.model import Roster
from planner.roster.names import team_key

__all__ = ["DEFAULT_PATH", "HEADER_PREFIX", "check_writable", "is_generated", "load_roster",
           "read_text_if_any", "render", "team_key", "write"]

DEFAULT_PATH = os.path.join("teams", "roster.yaml")
COMMAND = "planner roster pull"
HEADER_PREFIX = f"# {generated.MARKER} roster pull"
MEMBER_KEYS = ("name", "email", "github", "student_id", "role")
_STR = "tag:yaml.org,2002:str"
# Quoted even where PyYAML would not need it, so that YAML 1.2 readers (editors,
# other languages) see text too: 00123458, +1, .5, y, n, on, off, ~ ...
_NUMBER_LIKE = re.compile(r"^[-+.]?\d")
_WORD_LIKE = frozenset(("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
                        ".nan", ".inf", "-.inf", "+.inf"))


class _Dumper(yaml.SafeDumper):
    """Block style, sequences indented under their key, double quotes when needed."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _represent_str(dumper: _Dumper, value: str):
    style = None
    analysis = dumper.analyze_scalar(value) if value else None
    if (analysis is None or analysis.multiline or not analysis.allow_block_plain
            or _NUMBER_LIKE.match(value) or value.lower() in _WORD_LIKE
            or dumper.resolve(yaml.ScalarNode, value, (True, False)) != _STR):
        style = '"'
    return dumper.represent_scalar(_STR, value, style=style)


_Dumper.add_representer(str, _represent_str)


def header(source: str) -> str:
    return generated.comment(COMMAND, source)


def render(roster: Roster, source: str) -> str:
    """The roster file's text: the same roster always gives the same text.

    Refuses (OutputError) a roster the reader would refuse (planner/limits.py).
    """
    teams = [{"name": team.name, "members": [member.as_dict() for member in team.members]}
             for team in roster.sorted().teams]
    data = {"teams": teams}
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=1_000_000, indent=2)
    text = header(source) + body
    why = limits.refusal(limits.ROSTER, text, data)
    if why:
        raise OutputError(_("the roster of {member_count:,} students is too large to be read back: {why}; "
                            "nothing written").format(member_count=roster.member_count, why=why),
                          hint=_("pull one group or section at a time, into separate folders"))
    return text


is_generated = generated.is_generated
read_text_if_any = generated.read_text_if_any


def check_writable(path: str | os.PathLike) -> str | None:
    """The current text (None: no file yet), if the roster may replace it (see planner.generated)."""
    return generated.may_replace(path, COMMAND)


def write(path: str | os.PathLike, text: str) -> bool:
    """Write the roster if its bytes change; True when the file was written."""
    if check_writable(path) == text:
        return False
    atomic.write_text(path, text)
    return True


def load_roster(path: str | os.PathLike, name_parts: bool = False) -> dict[str, list[dict]]:
    """Team name -> its members, as written in a roster file.

    Each member is a dict with the keys name, email, github, student_id and
    role (and first_name, last_name with `name_parts`: LMS exports need them
    apart); a key is absent when its value is empty. Every value is text as
    written (a hand-edited `student_id: 00123` stays '00123'). A broken file
    raises InputError pointing at the line and column.
    """
    document = yamlsource.load(path, limit=limits.ROSTER)
    shown = document.path

    def fail(message, at=(), key=False, hint=None) -> NoReturn:
        line, column = document.where(at, key=key)
        raise InputError(message, path=shown, line=line, column=column, hint=hint)

    if document.duplicates:
        where, (line, column), _first = document.duplicates[0]
        raise InputError(_("duplicate key '{key}'").format(key=where[-1]), path=shown, line=line, column=column)
    data = document.data
    if data is None:
        fail("the roster file is empty", hint=_("run 'planner roster pull' to generate it"))
    if not isinstance(data, dict) or "teams" not in data:
        fail("a roster file is a mapping with a 'teams' list")
    teams = data["teams"] or []
    if not isinstance(teams, list):
        fail("'teams' must be a list of teams", ("teams",))
    result: dict[str, list[dict]] = {}
    seen: dict[str, str] = {}
    for index, team in enumerate(teams):
        at = ("teams", index)
        if not isinstance(team, dict):
            fail("each team must be a mapping with 'name' and 'members'", at)
        name = _text(document, team, at, "name")
        if not name:
            fail("this team has no name", at)
        key = team_key(name) or name
        if key in seen:
            fail(f"team '{name}' appears twice (also as '{seen[key]}')", at + ("name",))
        seen[key] = name
        members = team.get("members") or []
        if not isinstance(members, list):
            fail("'members' must be a list", at + ("members",))
        result[name] = [_member(document, member, at + ("members", number), fail, name_parts)
                        for number, member in enumerate(members)]
    return result


def _member(document, member, at, fail, name_parts: bool = False) -> dict:
    if not isinstance(member, dict):
        fail("each member must be a mapping (name, email, ...)", at)
    values = {key: _text(document, member, at, key)
              for key in ("name", "first_name", "last_name") + MEMBER_KEYS[1:]}
    if not values["name"]:
        values["name"] = " ".join(part for part in (values["first_name"], values["last_name"]) if part)
    if not values["name"]:
        fail("this member has no name", at)
    keys = MEMBER_KEYS + (("first_name", "last_name") if name_parts else ())
    return {key: values[key] for key in keys if values[key]}


def _text(document, mapping: dict, at: tuple, key: str) -> str:
    value = mapping.get(key)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        line, column = document.where(at + (key,))
        raise InputError((_("'{key}' must be text, not a list") if isinstance(value, list)
                 else _("'{key}' must be text, not a mapping")).format(key=key),
                         path=document.path, line=line, column=column)
    if isinstance(value, str):
        return value.strip()
    return str(document.raw.get(at + (key,), value)).strip()
