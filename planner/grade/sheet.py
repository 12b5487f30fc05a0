"""Reading a grading sheet back: the `grade` blocks the instructor filled in, with their lines.

A sheet is Markdown; what a person fills in lives in fenced blocks that a
Markdown viewer shows as code and a program reads line by line:

    ```grade-team            ```grade stack
    team: R00t AI            score: 3
    plan: teams/r00t.yaml    comment: Clear trade-offs; monitoring is thin.
    ```                      ```

Read leniently (a comment may hold colons and run over several lines); every
value keeps its line and column so the collector's findings point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPEN = re.compile(r"^\s{0,3}```+\s*grade(-team)?(?:\s+(\S+))?\s*$")
_CLOSE = re.compile(r"^\s{0,3}```+\s*$")
_KEY = re.compile(r"^(\s*)(score|comment|team|plan)\s*:\s?(.*)$")


@dataclass
class Block:
    kind: str               # team | grade
    criterion: str          # the id after ```grade; "" for the team block
    line: int               # of the opening fence
    values: dict = field(default_factory=dict)   # key -> text
    where: dict = field(default_factory=dict)    # key -> (line, column) of the value


@dataclass
class Sheet:
    path: str
    team: Block | None = None
    blocks: list = field(default_factory=list)

    @property
    def team_name(self) -> str:
        return self.team.values.get("team", "") if self.team else ""


def parse(text: str, path: str) -> Sheet:
    sheet = Sheet(path)
    current: Block | None = None
    last_key = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if current is None:
            opened = _OPEN.match(line)
            if opened:
                current = Block("team" if opened[1] else "grade", opened[2] or "", number)
                last_key = ""
            continue
        if _CLOSE.match(line):
            if "comment" in current.values:  # blank lines inside it are paragraphs; at its ends, nothing
                current.values["comment"] = current.values["comment"].strip()
            if current.kind == "grade":
                sheet.blocks.append(current)
            elif sheet.team is None:
                sheet.team = current
            current = None
            continue
        found = _KEY.match(line)
        # Inside a comment, only another key of the block ends it ("note: ..." is text).
        if found and not (last_key == "comment" and found[2] not in ("score", "comment")):
            key, value = found[2], found[3].strip()
            current.values[key] = value
            column = line.index(value, found.end(2)) + 1 if value else found.end(2) + 2
            current.where[key] = (number, column)
            last_key = key
        elif last_key == "comment":
            comment = current.values["comment"]
            current.values["comment"] = f"{comment}\n{line.strip()}" if comment else line.strip()
    return sheet


def render_value(value: str) -> str:
    """A comment as written back into a block: continuation lines indented by two spaces."""
    return "\n  ".join(value.splitlines())
