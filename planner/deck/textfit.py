"""Measured text fit: real font metrics, the same line breaking a slide renderer does.

The deck names Arial (and Courier New for code); Liberation Sans and Liberation
Mono, shipped in planner/data/fonts, have exactly the same advance widths, and
LibreOffice substitutes them for Arial and Courier New. So a width measured here
is the width PowerPoint or LibreOffice draws, on any machine.
"""

from __future__ import annotations

import contextvars
import math
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from planner import resources
from planner.deck.markdown_runs import Run

SANS = "Arial"
MONO = "Courier New"
FONT_FILES = {
    (False, False, False): "LiberationSans-Regular.ttf",
    (True, False, False): "LiberationSans-Bold.ttf",
    (False, True, False): "LiberationSans-Italic.ttf",
    (True, True, False): "LiberationSans-BoldItalic.ttf",
}
MONO_FILE = "LiberationMono-Regular.ttf"  # monospace: every style has the same advance

# Renderers round glyph positions and hint differently; measuring 3 % wide
# keeps a line that fits here from wrapping there.
SAFETY = 1.03
# How much wider a template's theme fonts draw than Liberation Sans (deck.fonts), for the deck
# being built: everything is measured that much wider.
WIDTH: contextvars.ContextVar[float] = contextvars.ContextVar("width", default=1.0)
# Line pitch as a multiple of the font size. Arial's own pitch is 1.15 (PowerPoint)
# or 1.12 (LibreOffice); 1.2 leaves room for both.
LINE = 1.2
ELLIPSIS = "…"
EMU_PER_PT = 12700


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
    # Which plan item this paragraph shows: a path into the plan ("project", "success_metrics", 5),
    # for the findings that say where an item went. Not part of the measure (nor of equality).
    source: tuple | None = field(default=None, compare=False)

    def sized(self, size: float) -> Para:
        return replace(self, size=size)


def face(run: Run, bold: bool = False, italic: bool = False) -> tuple:
    if run.code:
        return ("mono",)
    return (run.bold or bold, run.italic or italic, False)


@lru_cache(maxsize=8)
def _font(key: tuple):
    from PIL import ImageFont
    name = MONO_FILE if key == ("mono",) else FONT_FILES[key]
    # Basic layout: plain advance widths, the same with or without libraqm installed.
    return ImageFont.truetype(str(resources.DATA / "fonts" / name), size=1000,
                              layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def em_width(text: str, key: tuple) -> float:
    """Advance width of `text` in ems (multiply by the size in pt to get pt).

    Characters Arial lacks are drawn by the renderer's fallback font: CJK ideographs, kana,
    hangul and fullwidth forms are one em wide in every CJK font (Noto Sans CJK, MS Gothic,
    PingFang); emoji are measured at the widest common colour-emoji advance.
    """
    width, plain = 0.0, []
    for char in text:
        fallback = _fallback_width(char)
        if fallback is None:
            plain.append(char)
        else:
            width += fallback
    if plain:
        width += _font(key).getlength("".join(plain)) / 1000.0
    return width


EMOJI_EM = 1.25  # Noto Color Emoji's advance is 1.245 em, Segoe UI Emoji's 1.2 to 1.25


@lru_cache(maxsize=4096)
def _fallback_width(char: str) -> float | None:
    code = ord(char)
    if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF and unicodedata.east_asian_width(char) == "W":
        return EMOJI_EM
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if code in (0xFE0F, 0x200D):  # emoji variation selector, zero-width joiner
        return 0.0
    return None


def breakable_after(char: str, following: str) -> bool:
    """A line may break between these two characters (no space): after a hyphen between
    letters, and between two CJK characters, as LibreOffice and PowerPoint do. (LibreOffice
    keeps 'a/b' whole, so a slash is no break here: measuring it as one is the safe side.)"""
    if char == "-" and following.isalnum():
        return True
    return _cjk(char) and _cjk(following)


def _cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F") and not 0x1F000 <= ord(char) <= 0x1FAFF


def pieces(text: str) -> list[str]:
    """The unbreakable pieces of a space-free word (a line breaks only between them)."""
    out, start = [], 0
    for i in range(1, len(text)):
        after_mark = text[i - 1] == "-" and not (i >= 2 and text[i - 2].isalnum())
        if breakable_after(text[i - 1], text[i]) and not after_mark:
            out.append(text[start:i])
            start = i
    out.append(text[start:])
    return [piece for piece in out if piece]


def text_width(text: str, size: float, bold: bool = False, italic: bool = False, code: bool = False) -> float:
    key = ("mono",) if code else (bold, italic, False)
    return em_width(text, key) * size * SAFETY * WIDTH.get()


def _tokens(para: Para):
    """Unbreakable words (lists of (text, face)) and the face of the space before each word
    (None: no space, the line may break there without one: after a hyphen, between CJK)."""
    words: list[list] = [[]]
    spaces: list = [None]
    previous = ""
    for run in para.runs:
        key = face(run, para.bold, para.italic)
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
    return [(w, s) for w, s in zip(words, spaces) if w]


def _word_width(word, size, factor) -> float:
    return sum(em_width(text, key) for text, key in word) * size * SAFETY * factor


def line_widths(para: Para, width: float) -> tuple:
    """The width of each line `para` wraps into within `width` pt (greedy, like PowerPoint)."""
    return _line_widths(para, width, WIDTH.get())


@lru_cache(maxsize=65536)
def _line_widths(para: Para, width: float, factor: float) -> tuple:
    return tuple(w for w, _pieces in _break(para, width, factor))


def wrap(para: Para, width: float) -> tuple:
    """The lines `para` wraps into within `width` pt, each a tuple of (text, face) pieces
    (face as face() gives it), for a renderer that breaks lines itself (SVG): the very
    lines line_widths() measures."""
    return tuple(pieces for _w, pieces in _break(para, width, WIDTH.get()))


@lru_cache(maxsize=16384)
def _break(para: Para, width: float, factor: float) -> tuple:
    avail = max(1.0, width - para.indent)
    size = para.size
    lines: list = []
    current = None  # width of the current line, None before its first word
    line: list = []
    for word, space_key in _tokens(para):
        w = _word_width(word, size, factor)
        gap = em_width(" ", space_key) * size * SAFETY * factor if space_key else 0.0
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
                cw = em_width(char, key) * size * SAFETY * factor
                if current and current + cw > avail:
                    lines.append((current, tuple(line)))
                    current, line = 0.0, []
                current += cw
                line.append((char, key))
    if current is not None:
        lines.append((current, tuple(line)))
    return tuple(lines) or ((0.0, ()),)


def line_count(para: Para, width: float) -> int:
    return len(line_widths(para, width))


def para_height(para: Para, width: float, first: bool = False) -> float:
    return (0.0 if first else para.space_before) + line_count(para, width) * para.size * LINE


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
