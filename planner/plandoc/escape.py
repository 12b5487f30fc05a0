"""Escaping filters: the team's Markdown stays Markdown, but cannot break the document.

Each filter is for one place in the document: a table cell, one line (a list
item), a heading, a block of paragraphs, a Mermaid label, a Gantt task. They
keep the team's inline formatting (bold, italics, code, links) and escape only
what would break the structure around it: a `|` in a cell, a line break in a
cell, a `#` that would open a heading, a fence that never closes, raw HTML
(shown as typed, on GitHub as in our HTML page).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from planner import links

_BACKTICKS = re.compile(r"`+")
# CommonMark autolinks (<https://...>, <a@b.c>) are Markdown, not HTML: kept.
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>"
                       r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                       r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
# Whatever a line opens with (indentation, quote and list markers), a heading
# there is still a heading: the escapes look past these containers.
_CONTAINERS = r"(?:[ ]*(?:>[ ]?|(?:[-+*]|\d{1,9}[.)])[ ]+))*[ ]*"
_ATX = re.compile(r"^(" + _CONTAINERS + r")(#{1,6})(?=[ \t]|$)")
_SETEXT_EQ = re.compile(r"^(" + _CONTAINERS + r")(=+[ \t]*)$")
_SETEXT_DASH = re.compile(r"^(" + _CONTAINERS + r")(-+[ \t]*)$")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_LINK_DEF = re.compile(r"^( {0,3})(\[[^\]]*\]:)")
# A line that would start a block when it is the first thing in a one-line context.
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|=+$|-+$)")

# `](target` of an inline link, the target possibly in <...>.
_INLINE_LINK = re.compile(r"\](\()[ \t]*<?([^)\s>]*)")

BREAK = "<br>"
_URL = re.compile(r"^https?://[^\s<>`|]+$")


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def _escaped(text: str, index: int) -> bool:
    """Is the character at `index` preceded by an odd number of backslashes?"""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def segments(text: str) -> list[tuple[bool, str]]:
    """(is_code, piece) pieces: code spans as CommonMark finds them, a run of n
    backticks closed by the next run of exactly n, are left alone by escaping."""
    pieces, start, search = [], 0, 0
    while True:
        found = _BACKTICKS.search(text, search)
        if not found:
            break
        begin = found.start()
        if _escaped(text, begin):
            search = begin + 1
            continue
        size = len(found.group())
        close = None
        for candidate in _BACKTICKS.finditer(text, found.end()):
            if len(candidate.group()) == size:
                close = candidate
                break
        if close is None:
            search = found.end()
            continue
        pieces.append((False, text[start:begin]))
        pieces.append((True, text[begin:close.end()]))
        start = search = close.end()
    pieces.append((False, text[start:]))
    return [piece for piece in pieces if piece[1]]


def _escape_html(text: str) -> str:
    """`<tag` -> `\\<tag`: shown as typed, never interpreted (autolinks stay links
    when planner.links allows them); `[x](smb://...)` -> `[x]\\(smb://...)`: a link
    to an address that may not be one is shown as typed."""
    out, last = [], 0
    for found in _TAG_START.finditer(text):
        at = found.start()
        autolink = _AUTOLINK.match(text, at)
        if _escaped(text, at) or (autolink and _safe_autolink(autolink.group())):
            continue
        out.append(text[last:at] + "\\")
        last = at
    out.append(text[last:])
    return _defuse_links("".join(out))


def _safe_autolink(autolink: str) -> bool:
    inner = autolink[1:-1]
    return links.is_safe(inner) or ("@" in inner and ":" not in inner)


def _defuse_links(text: str) -> str:
    out, last = [], 0
    for found in _INLINE_LINK.finditer(text):
        if links.is_safe(found.group(2)):
            continue
        at = found.start(1)
        out.append(text[last:at] + "\\")
        last = at
    out.append(text[last:])
    return "".join(out)


def _escape_char(text: str, char: str) -> str:
    out = []
    for index, current in enumerate(text):
        if current == char and not _escaped(text, index):
            out.append("\\")
        out.append(current)
    return "".join(out)


def _pipes(text: str) -> str:
    # In a GFM table a `\|` is a pipe in the cell, even inside a code span, and
    # an already escaped one must not be escaped again (`\\|` would split the cell).
    return re.sub(r"(?<!\\)\|", r"\\|", text)


def _outside_code(text: str, *steps) -> str:
    out = []
    for is_code, piece in segments(text):
        if not is_code:
            for step in steps:
                piece = step(piece)
        out.append(piece)
    return "".join(out)


def _one_line(text: str) -> str:
    return " ".join(_text(text).split())


def _guard_start(text: str) -> str:
    """A one-line text must not open a block (heading, quote, list, fence) where it is placed."""
    if re.match(r"^(?:`{3,}[^`\n]*(?:\n|$)|~{3,})", text) or \
            re.match(r"^(?:([-*_])[ \t]*)(?:\1[ \t]*){2,}(?:\n|$)", text):
        return "\\" + text
    found = _BLOCK_START.match(text)
    if not found:
        return text
    token = found.group()
    if token[0].isdigit():  # `2024. ` -> `2024\. `
        return text[:len(token)] + "\\" + text[len(token):]
    return "\\" + text


def md_inline(value, empty: str = "") -> str:
    """One line of the team's Markdown (a list item, a sentence): whitespace and
    line breaks collapse to spaces, raw HTML is shown as text, and nothing at the
    start can open a heading, a quote or a nested list."""
    text = _one_line(value)
    if not text:
        return empty
    return _guard_start(_outside_code(text, _escape_html))


def md_heading(value, empty: str = "") -> str:
    """Text inside a `## heading`: one line, every `#` escaped (a trailing ` #`
    would be eaten as the heading's closing sequence)."""
    text = _one_line(value)
    if not text:
        return empty
    return _guard_start(_outside_code(text, _escape_html, lambda piece: _escape_char(piece, "#")))


def md_item(value) -> str:
    """A list item: md_block with its continuation lines indented under the
    `- `, and a first line that cannot open a nested block."""
    text = md_block(_text(value).strip(), indent="  ")
    return _guard_start(text) if text else "—"


def url_link(value, empty: str = "—") -> str:
    """A web address as an autolink `<https://...>` (no linkify on GitHub tables
    or in CommonMark), anything else as one line of Markdown."""
    text = _one_line(value)
    if not text:
        return empty
    if _URL.match(text):
        return f"<{text}>"
    return md_inline(text, empty)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md_text(value) -> str:
    """A name shown as typed in a Markdown table cell or line (the class report's team and
    tool names): every Markdown and HTML character escaped, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def md_cell(value, empty: str = "—") -> str:
    """Text in a GFM table cell: `|` escaped, line breaks as <br>, blank lines as
    two, raw HTML as text; inline Markdown kept."""
    text = _text(value).strip()
    if not text:
        return empty
    out = []
    for is_code, piece in segments(text):
        if is_code:
            # A code span cannot hold a <br>; a line break in it is a space anyway.
            out.append(_pipes(" ".join(piece.split("\n"))))
            continue
        piece = _pipes(_escape_html(piece))
        piece = re.sub(r"[ \t]*\n(?:[ \t]*\n)+[ \t]*", BREAK + BREAK, piece)
        piece = re.sub(r"[ \t]*\n[ \t]*", BREAK, piece)
        out.append(piece)
    return "".join(out)


def md_block(value, indent: str = "") -> str:
    """Paragraphs of the team's Markdown (lists, emphasis, closed code fences kept).

    Escaped: headings (ATX and setext: the document's outline is ours), fences
    that never close (they would swallow the rest of the document), link
    reference definitions, raw HTML. `indent` prefixes continuation lines, so the
    block can sit inside a list item.
    """
    # Tabs as spaces: the escapes below count columns as CommonMark does.
    lines = [line.rstrip().expandtabs(4) for line in _text(value).split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    out, index = [], 0
    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence:
            close = _closing_fence(lines, index, fence.group(2))
            if close is not None:
                out.extend(lines[index:close + 1])
                index = close + 1
                continue
            line = fence.group(1) + "\\" + line[len(fence.group(1)):]
        else:
            line = _block_line(line, out[-1] if out else "")
        out.append(line)
        index += 1
    return ("\n").join((indent + line if line and n else line) for n, line in enumerate(out))


def _closing_fence(lines, index, opener):
    if opener[0] == "`" and "`" in _FENCE.match(lines[index]).group(3):
        return None  # not a fence: a backtick fence's info string has no backtick
    closing = re.compile(r"^ {0,3}" + re.escape(opener[0]) + "{" + str(len(opener)) + r",}[ \t]*$")
    for later in range(index + 1, len(lines)):
        if closing.match(lines[later]):
            return later
    return None


def _block_line(line: str, previous: str) -> str:
    line = _outside_code(line, _escape_html)
    for pattern in (_ATX, _SETEXT_EQ, _LINK_DEF):
        found = pattern.match(line)
        if found:
            return found.group(1) + "\\" + line[len(found.group(1)):]
    found = _SETEXT_DASH.match(line)
    if found and previous.strip():
        # Under a paragraph line, `---` would turn it into a heading; alone, it is a rule.
        return found.group(1) + "\\" + line[len(found.group(1)):]
    return line


@lru_cache(maxsize=1)
def _inline_parser():
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark", {"html": False})


# Characters without which CommonMark's inline parser returns a text unchanged
# (escapes, entities, code spans, emphasis, links and images, autolinks).
_INLINE_MARKUP = frozenset("\\&`*_[]<")


def plain(value) -> str:
    """The text a reader sees, Markdown removed: `**Kafka**` -> `Kafka`."""
    text = _one_line(value)
    if not _INLINE_MARKUP.intersection(text):
        return text  # nothing to remove: kept out of the parser (often markdown-it is never loaded)
    return _parsed_plain(text)


def _parsed_plain(text: str) -> str:
    out = []
    for block in _inline_parser().parseInline(text):
        for token in block.children or ():
            if token.type in ("text", "code_inline"):
                out.append(token.content)
            elif token.type in ("softbreak", "hardbreak"):
                out.append(" ")
            elif token.type == "image":
                out.append("".join(child.content for child in token.children or ()))
    return " ".join("".join(out).split())


# Mermaid decodes `#name;` and `#123;` entity codes in every diagram type before
# parsing, so a character it would read as syntax is written as its code.
_MERMAID_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#38;",
                     "`": "#96;", "|": "#124;", ":": "#58;", ";": "#59;", "%": "#37;"}


def _mermaid_text(text: str) -> str:
    return "".join(_MERMAID_ENTITIES.get(char, char) for char in text)


def mermaid_text(value) -> str:
    """Text inside a Mermaid statement (a chart's title): Markdown removed, syntax as entity codes."""
    return _mermaid_text(plain(value)) or " "


def mermaid_label(value, *more) -> str:
    """A quoted Mermaid label (node or edge). Markdown is removed and every
    character Mermaid would read as syntax becomes an entity code; extra
    arguments are further lines of the label."""
    lines = [_mermaid_text(plain(part)) for part in (value, *more) if plain(part)]
    return '"' + ("<br/>".join(lines) or " ") + '"'


# Words the Gantt lexer reads as statements at the start of a line (case-insensitive).
_GANTT_KEYWORDS = {"title", "section", "dateformat", "axisformat", "tickinterval", "excludes",
                   "includes", "todaymarker", "inclusiveenddates", "topaxis", "weekday",
                   "weekend", "acctitle", "accdescr", "click", "call", "gantt", "displaymode"}


def gantt_text(value) -> str:
    """A Mermaid Gantt task, section or title: unquoted, so `:`, `;`, `#` and the
    rest become entity codes, Markdown is removed, and a leading keyword
    (`title`, `section`...) has its first letter written as a code."""
    text = plain(value) or "—"
    first = re.split(r"[^A-Za-z]", text, maxsplit=1)[0].lower()
    head = f"#{ord(text[0])};" if first in _GANTT_KEYWORDS else ""
    return head + _mermaid_text(text[1:] if head else text)


def node_id(name: str, taken: set) -> str:
    """A Mermaid node id from a name: ASCII letters, digits and `_`, prefixed so
    that no id is a keyword (`end`, `graph`...), unique among `taken`."""
    ascii_name = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    base = "c_" + (re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:40] or "node")
    candidate, count = base, 1
    while candidate in taken:
        count += 1
        candidate = f"{base}_{count}"
    taken.add(candidate)
    return candidate


_GITHUB_USER = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


def github_link(value, empty: str = "—") -> str:
    """`[@user](https://github.com/user)` for a valid user name, else the text, escaped."""
    text = _one_line(value).lstrip("@")
    if text.startswith(("https://github.com/", "http://github.com/")):
        text = text.split("github.com/", 1)[1].strip("/")
    if not text:
        return empty
    if _GITHUB_USER.match(text):
        return f"[@{text}](https://github.com/{text})"
    return md_cell(value, empty)


def email_link(value, empty: str = "—") -> str:
    """An email autolink `<a@b.c>` when it is one, else the text, escaped."""
    text = _one_line(value)
    if not text:
        return empty
    if _EMAIL.match(text) and "|" not in text and "`" not in text:
        return f"<{text}>"
    return md_cell(value, empty)
