"""Characters that are not text: C0 and C1 controls (but tab, newline and carriage
return), DEL, lone surrogates and Unicode non-characters (U+FFFE, U+FDD0...).

YAML's double-quoted escapes let a plan hold them ("Sherpa\\x01 assistant").
XML cannot (python-pptx's lxml refuses the deck), a terminal may act on them,
and no reader can see them. `planner check` reports them where they are
(PLN015); the model is built from text with them left out, so every output is
made of characters only.
"""

from __future__ import annotations

import re
from functools import cache

_NONCHARACTERS = "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}"
                         for plane in range(0x10000, 0x110000, 0x10000))


@cache
def not_text() -> re.Pattern:
    """The pattern of a character that is not text. Compiled when first needed (~0.6 ms):
    a clean plan's check, whose file holds none, never needs it."""
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                      f"{_NONCHARACTERS}]")


def first_bad(text: str) -> int:
    """The offset of the first character that is not text, or -1."""
    found = not_text().search(text)
    return found.start() if found else -1


def holds_not_text(text: str) -> bool:
    """Whether `text` holds a character that is not text anywhere: the same answer as
    not_text().search(text), looking at each distinct character once (not at every
    character) and without the pattern: C0 controls but tab, newline and carriage return,
    DEL and C1 controls, surrogates, U+FDD0..U+FDEF and U+xFFFE/U+xFFFF of every plane."""
    return any((code := ord(char)) < 0x20 and char not in "\t\n\r" or 0x7F <= code <= 0x9F
               or 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
               for char in set(text))


def clean(value):
    """`value` (text, or lists and mappings of it) with every non-text character left out."""
    if isinstance(value, str):
        pattern = not_text()
        return pattern.sub("", value) if pattern.search(value) else value
    if isinstance(value, dict):
        return {clean(key): clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean(item) for item in value]
    if isinstance(value, tuple):
        return tuple(clean(item) for item in value)
    return value


def shown(char: str) -> str:
    return f"U+{ord(char):04X}"


def shown_path(path) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as lone surrogates,
    which no output can encode) shown as U+FFFD. Open the file by its real name."""
    import os
    text = os.fspath(path)
    if isinstance(text, bytes):
        return text.decode("utf-8", "replace")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "replace")
    return text
