"""Inline Markdown of a plan's text field -> formatted runs.

Only bold, italics, inline code and links become formatting; anything else
(headings, lists, HTML, images) stays as the text a reader would see, because a
slide line is not the place for block structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

# Characters that can start inline Markdown (emphasis, code, links, images, autolinks,
# HTML, escapes, entities, hard breaks); text without any of them is one plain run.
MARKUP = re.compile(r"[*_`\[\]<>!\\&]")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str = ""


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    from planner import links
    # CommonMark without raw HTML: `<b>` in a plan is shown as typed, not interpreted;
    # a link to anything but a web page, an email or a section stays text (planner.links).
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = links.is_safe
    return md


@lru_cache(maxsize=4096)
def runs(text: str) -> tuple[Run, ...]:
    """The runs of one paragraph; line breaks become spaces (a slide paragraph is one line of thought)."""
    text = " ".join(str(text or "").split())
    if not text:
        return ()
    if not MARKUP.search(text):  # most plan text has no Markdown at all: no need to parse it
        return (Run(text),)
    simple = _simple(text)
    return simple if simple is not None else _parsed(text)


def _parsed(text: str) -> tuple[Run, ...]:
    """runs() of a text (on one line) as markdown-it parses it."""
    out: list[Run] = []
    bold = italic = 0
    links: list[str] = []
    for block in _parser().parseInline(text):
        for token in block.children or ():
            kind = token.type
            if kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold = max(0, bold - 1)
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic = max(0, italic - 1)
            elif kind == "link_open":
                links.append(str(token.attrGet("href") or ""))
            elif kind == "link_close":
                if links:
                    links.pop()
            elif kind == "code_inline":
                _add(out, Run(token.content, bool(bold), bool(italic), True, links[-1] if links else ""))
            elif kind in ("softbreak", "hardbreak"):
                _add(out, Run(" ", bool(bold), bool(italic), False, links[-1] if links else ""))
            elif kind == "image":
                # An image on a slide line: keep its description, not a picture.
                _add(out, Run(token.content or "", bool(bold), bool(italic), False, links[-1] if links else ""))
            else:  # text, html_inline (shown as typed), anything unexpected
                _add(out, Run(token.content, bool(bold), bool(italic), False, links[-1] if links else ""))
    return tuple(run for run in out if run.text)


def _simple(text: str) -> tuple[Run, ...] | None:
    """runs() of a text (on one line) whose Markdown is only what plans mostly write, read
    without markdown-it (importing it is ~15 ms of the first deck of a process); None for
    anything else, which _parsed() reads. Read here, by CommonMark's rules:
    - a code span between single backticks, its text not starting or ending with a space;
    - `*x*` and `**x**`, not nested, each `*` run able only to open (after a space, the
      start or ASCII punctuation, before a letter or digit) or only to close (the mirror):
      then CommonMark's flanking rules pair them as written;
    - `_` inside a word, `&` that starts no entity (not before `#` or a letter), and `!`,
      `]`, `>` (markup only beside `[` or at the start of a block): all shown as typed.
    Links, autolinks, escapes and entities (`[`, `<`, `\\`, `&x`) go to the parser.
    tests/test_markdown_runs.py checks it against markdown-it."""
    out: list[Run] = []
    bold = italic = False
    start = 0  # where the text not yet added begins
    size = len(text)
    found = MARKUP.search(text)
    while found:
        at = found.start()
        char = text[at]
        after = at + 1
        if char in "[<\\" or char == "&" and after < size and (text[after] == "#" or text[after].isalpha()):
            return None
        if char in "_*":
            while after < size and text[after] == char:
                after += 1
            before = text[at - 1] if at else " "
            following = text[after] if after < size else " "
            if char == "_":
                if not (before.isalnum() and following.isalnum()):
                    return None
            else:
                opens = (before == " " or _ascii_punctuation(before)) and following.isalnum()
                closes = before.isalnum() and (following == " " or _ascii_punctuation(following))
                count = after - at
                if count > 2 or opens == (bold or italic) or not (opens or closes) \
                        or closes and (count == 2) != bold:
                    return None
                _add(out, Run(text[start:at], bold, italic))
                start = after
                bold, italic = opens and count == 2, opens and count == 1
        elif char == "`":
            close = text.find("`", after)
            if text[after:after + 1] in ("`", " ") or close < 0 or text[close - 1] == " " \
                    or text[close + 1:close + 2] == "`":
                return None
            _add(out, Run(text[start:at], bold, italic))
            _add(out, Run(text[after:close], bold, italic, True))
            start = after = close + 1
        found = MARKUP.search(text, after)
    if bold or italic:  # an emphasis never closed
        return None
    _add(out, Run(text[start:], bold, italic))
    return tuple(run for run in out if run.text)


def _ascii_punctuation(char: str) -> bool:
    return char.isascii() and not char.isalnum() and char.isprintable() and char != " "


def _add(out: list, run: Run) -> None:
    """Merge with the previous run when the formatting is the same: fewer, cleaner runs."""
    if not run.text:
        return
    if out and replace(out[-1], text="") == replace(run, text=""):
        out[-1] = replace(out[-1], text=out[-1].text + run.text)
    else:
        out.append(run)


def plain(text_or_runs) -> str:
    """The text a reader sees, without Markdown marks."""
    items = runs(text_or_runs) if isinstance(text_or_runs, str) else text_or_runs
    return "".join(run.text for run in items)
