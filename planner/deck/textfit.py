"""Measured text fit: the fonts' own advance widths, the line breaking a slide renderer does.

Text is measured glyph by glyph in the font the deck's theme names for it (the heading
font for titles, the body font elsewhere, Courier New for code), as deck.fonts resolves
it: the metric-compatible twin's table shipped with planner (Carlito for Calibri, Caladea
for Cambria, Liberation for Arial, Times New Roman and Courier New), the system's font
file, or Liberation Sans made wider with a note. Characters the font lacks are measured in
the fallback fonts a renderer draws them with (Noto Sans CJK, Noto Color Emoji). So a width
measured here is the width PowerPoint or LibreOffice draws, on any machine.
"""

from __future__ import annotations

import contextvars
import math
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache

from planner.deck.markdown_runs import Run

SANS = "Arial"
MONO = "Courier New"

# Renderers round glyph positions and hint differently; measuring 3 % wide
# keeps a line that fits here from wrapping there.
SAFETY = 1.03
# The theme's (heading font, body font) of the deck being built; the built-in theme names Arial.
FAMILIES: contextvars.ContextVar[tuple[str, str]] = contextvars.ContextVar("families", default=(SANS, SANS))
# Line pitch as a multiple of the font size. Arial's own pitch is 1.15 (PowerPoint)
# or 1.12 (LibreOffice); 1.2 leaves room for both.
LINE = 1.2
ELLIPSIS = "…"
EMU_PER_PT = 12700


@contextmanager
def measured_with(heading: str, body: str):
    """Measure text in the theme fonts `heading` and `body` (empty: Arial) while inside."""
    token = FAMILIES.set((heading or SANS, body or SANS))
    try:
        yield
    finally:
        FAMILIES.reset(token)


@dataclass(frozen=True)
class Para:
    """One paragraph as it will be written: runs, size (pt) and the layout that affects fit."""
    runs: tuple
    size: float
    bold: bool = False
    italic: bool = False
    color: str | None = None
    bullet: str = ""        # bullet character; the text hangs after it
    bullet_color: str | None = None
    indent: float = 0.0     # pt: hanging indent of a bulleted paragraph
    space_before: float = 0.0  # pt
    align: str = "left"
    heading: bool = False   # drawn in the theme's heading font (a title)
    # Which plan item this paragraph shows: a path into the plan ("project", "success_metrics", 5),
    # for the findings that say where an item went. Not part of the measure (nor of equality).
    source: tuple | None = field(default=None, compare=False)

    def sized(self, size: float) -> Para:
        return replace(self, size=size)


def face(run: Run, bold: bool = False, italic: bool = False, heading: bool = False) -> tuple:
    """(font family, bold, italic) a run is drawn in: code in Courier New, else the theme's font."""
    if run.code:
        return (MONO, False, False)
    return (FAMILIES.get()[0 if heading else 1], run.bold or bold, run.italic or italic)


@lru_cache(maxsize=65536)
def em_width(text: str, key: tuple) -> float:
    """Advance width of `text` in ems (multiply by the size in pt to get pt), in the face
    `key` (family, bold, italic), characters it lacks in the renderer's fallback fonts."""
    from planner.deck import fonts
    table = fonts.advances(*key)
    return sum(map(table.__getitem__, text)) * table.factor


def breakable_after(char: str, following: str) -> bool:
    """A line may break between these two characters (no space), as LibreOffice and PowerPoint
    do (checked on LibreOffice's PDFs): after a hyphen or a dash before a letter or digit,
    after a slash before a letter ('Spark/Flink', not '2024/2025'), and between two CJK
    characters except before closing punctuation and iteration marks or after an opening
    bracket (kinsoku). A break measured where the renderer has none would let a line spill;
    one left out only errs on the safe side."""
    if char in "-\u2010\u2013\u2014" and following.isalnum():
        return True
    if char == "/" and following.isalpha():
        return True
    if following in NO_BREAK_BEFORE or char in NO_BREAK_AFTER:
        return False
    return _cjk(char) and _cjk(following)


# Kinsoku shori as LibreOffice applies it (Unicode line breaking, normal strictness): no line
# starts with closing punctuation or an iteration mark, none ends with an opening bracket.
# Small kana and the prolonged sound mark (ー) may start a line.
NO_BREAK_BEFORE = frozenset("、。，．・：；？！ヽヾゝゞ々〻」』）〕］｝〉》】〙〗〟’”｠»‼⁇⁈⁉")
NO_BREAK_AFTER = frozenset("「『（〔［｛〈《【〘〖〝‘“｟«")


def _cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F") and not 0x1F000 <= ord(char) <= 0x1FAFF


# The characters a line may break after (breakable_after): hyphens, dashes, the slash, and
# CJK, here every code point from the first wide one on (a superset: each is then checked).
# Most words have none (é and the other Latin letters come before it): one regex search
# instead of a call per character, about 50,000 for a deck. Written as "not below the first
# wide one": a class of the range up to U+10FFFF takes 7 ms to compile.
_FIRST_WIDE = next(code for code in range(0x110000) if unicodedata.east_asian_width(chr(code)) in ("W", "F"))
_BREAK_AFTER = re.compile(f"[-/\u2010\u2013\u2014]|[^\\x00-{re.escape(chr(_FIRST_WIDE - 1))}]")


def pieces(text: str, slashes: bool = True) -> list[str]:
    """The unbreakable pieces of a space-free word (a line breaks only between them).
    slashes=False keeps 'a/b' whole: a name a layout wants on one line unless it must wrap
    (a box sized for the whole word never makes the renderer break at the slash)."""
    out, start = [], 0
    for found in _BREAK_AFTER.finditer(text, 0, len(text) - 1):
        i = found.end()
        after_mark = text[i - 1] == "-" and not (i >= 2 and text[i - 2].isalnum())
        if text[i - 1] == "/" and not slashes:
            continue
        if breakable_after(text[i - 1], text[i]) and not after_mark:
            out.append(text[start:i])
            start = i
    out.append(text[start:])
    return [piece for piece in out if piece]


def text_width(text: str, size: float, bold: bool = False, italic: bool = False, code: bool = False,
               heading: bool = False) -> float:
    return em_width(text, face(Run(text, code=code), bold, italic, heading)) * size * SAFETY


@lru_cache(maxsize=16384)
def _tokens(runs: tuple, bold: bool, italic: bool, heading: bool, families: tuple) -> tuple:
    """Unbreakable words of a paragraph's runs, each (pieces, width in ems, face of the space
    before it, that space's width in ems): the pieces (text, face), the space's face None
    when there is none (the line may break there without one: after a hyphen, between CJK).
    They do not depend on the size nor the width, which the layouts try many of: a
    paragraph is cut into words and measured once. `families` is FAMILIES.get(), which
    face() reads: part of the key."""
    words: list[list] = [[]]
    spaces: list = [None]
    previous = ""
    for run in runs:
        key = face(run, bold, italic, heading)
        for i, part in enumerate(run.text.split(" ")):
            if i > 0:
                words.append([])
                spaces.append(key)
                previous = ""
            for k, piece in enumerate(pieces(part)):
                if (k > 0 or previous and breakable_after(previous, piece[0])) and words[-1]:
                    words.append([])
                    spaces.append(None)
                words[-1].append((piece, key))
            if part:
                previous = part[-1]
    return tuple((tuple(w), sum(em_width(text, key) for text, key in w), s, em_width(" ", s) if s else 0.0)
                 for w, s in zip(words, spaces) if w)


def _words(para: Para, families: tuple) -> tuple:
    return _tokens(para.runs, para.bold, para.italic, para.heading, families)


def line_widths(para: Para, width: float) -> tuple:
    """The width of each line `para` wraps into within `width` pt (greedy, like PowerPoint)."""
    return _line_widths(para, width, FAMILIES.get())


@lru_cache(maxsize=65536)
def _line_widths(para: Para, width: float, families: tuple) -> tuple:
    return tuple(w for w, _pieces in _break(para, width, families))


def wrap(para: Para, width: float) -> tuple:
    """The lines `para` wraps into within `width` pt, each a tuple of (text, face) pieces
    (face as face() gives it), for a renderer that breaks lines itself (SVG): the very
    lines line_widths() measures."""
    return tuple(pieces for _w, pieces in _break(para, width, FAMILIES.get()))


@lru_cache(maxsize=16384)
def _break(para: Para, width: float, families: tuple) -> tuple:
    avail = max(1.0, width - para.indent)
    size = para.size
    lines: list = []
    current = None  # width of the current line, None before its first word
    line: list = []
    for word, em, space_key, space_em in _words(para, families):
        w = em * size * SAFETY
        gap = space_em * size * SAFETY if space_key else 0.0
        if current is not None and current + gap + w <= avail:
            current += gap + w
            if space_key:
                line.append((" ", space_key))
            line.extend(word)
            continue
        if current is not None:
            lines.append((current, tuple(line)))
        if w <= avail:
            current, line = w, list(word)
            continue
        # A word longer than the line breaks between characters.
        current, line = 0.0, []
        for text, key in word:
            for char in text:
                cw = em_width(char, key) * size * SAFETY
                if current and current + cw > avail:
                    lines.append((current, tuple(line)))
                    current, line = 0.0, []
                current += cw
                line.append((char, key))
    if current is not None:
        lines.append((current, tuple(line)))
    return tuple(lines) or ((0.0, ()),)


def splits_a_word(para: Para, width: float) -> bool:
    """True when a word of `para` is wider than the line: the renderer then cuts it between
    two letters ("Responsab|le"), which a composer avoids by a smaller size or a wider box."""
    avail = max(1.0, width - para.indent)
    return any(em * para.size * SAFETY > avail for _word, em, _key, _space in _words(para, FAMILIES.get()))


def line_count(para: Para, width: float) -> int:
    return len(line_widths(para, width))


def para_height(para: Para, width: float, first: bool = False) -> float:
    return (0.0 if first else para.space_before) + line_count(para, width) * para.size * line_pitch(para)


def line_pitch(para: Para) -> float:
    """Line pitch (a multiple of the size): LINE, or the theme font's own line height when
    it is taller (Calibri: 1.22 in PowerPoint)."""
    return _pitch(FAMILIES.get()[0 if para.heading else 1], para.bold, para.italic)


@lru_cache(maxsize=64)
def _pitch(family: str, bold: bool, italic: bool) -> float:
    from planner.deck import fonts
    return max(LINE, fonts.measure(family).face(bold, italic).line)


def height(paras, width: float) -> float:
    return sum(para_height(p, width, first=(i == 0)) for i, p in enumerate(paras))


def fits(paras, width: float, avail_height: float) -> bool:
    return height(paras, width) <= avail_height + 0.01


def truncate(para: Para, width: float, max_lines: int) -> Para:
    """The paragraph cut at a word boundary, with an ellipsis, to at most `max_lines` lines."""
    max_lines = max(1, max_lines)
    if line_count(para, width) <= max_lines:
        return para
    words = "".join(run.text for run in para.runs).split(" ")
    low, high = 0, len(words)
    best = replace(para, runs=(Run(ELLIPSIS),))
    while low <= high:  # the longest prefix of words that still fits with the ellipsis
        mid = (low + high) // 2
        candidate = replace(para, runs=_prefix(para.runs, mid) + (Run(ELLIPSIS),))
        if line_count(candidate, width) <= max_lines:
            best, low = candidate, mid + 1
        else:
            high = mid - 1
    return best


def _prefix(runs, count: int) -> tuple:
    """The first `count` space-separated words of `runs`, each keeping its formatting."""
    out, index = [], 0
    for run in runs:
        kept = []
        for i, piece in enumerate(run.text.split(" ")):
            if i:
                index += 1
            if index >= count:
                break
            kept.append(piece)
        text = " ".join(kept)
        if text:
            out.append(replace(run, text=text))
        if index >= count:
            break
    while out:  # no dangling space or comma before the ellipsis
        text = out[-1].text.rstrip(" ,;:")
        if text:
            out[-1] = replace(out[-1], text=text)
            break
        out.pop()
    return tuple(out)


def emu(points: float) -> int:
    return int(round(points * EMU_PER_PT))


def pt(emus: int) -> float:
    return emus / EMU_PER_PT


def sizes(top: float, floor: float, step: float = 1.0) -> list[float]:
    count = int(math.floor((top - floor) / step + 1e-9)) + 1
    return [top - i * step for i in range(count)]
