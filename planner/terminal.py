"""Text a terminal shows: control characters from a plan, a file name or a course file escaped.

A tool name holding ESC sequences would clear the screen or recolour the output,
a CR would overwrite the start of a line, a LF would forge a finding line of its
own, a bidi override would show text in another order than it is. Every line
planner prints that carries such a value goes through `clean` (one value or one
line) or `clean_lines` (a block whose line breaks are ours): ESC shows as `\\e`,
CR, LF and TAB as `\\r`, `\\n`, `\\t`, any other C0 or C1 control, DEL, a bidi
control or a line/paragraph separator as `\\u001b`-style escapes.
"""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMES = {"\x1b": "\\e", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(found: re.Match) -> str:
    char = found.group()
    return _NAMES.get(char) or f"\\u{ord(char):04x}"


def clean(text) -> str:
    """One value, or one line: every control character escaped, line breaks included."""
    text = str(text)
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def clean_lines(text) -> str:
    """A block of lines: each line cleaned, the line breaks between them kept."""
    return "\n".join(clean(line) for line in str(text).split("\n"))
