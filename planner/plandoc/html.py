"""The plan's Markdown as HTML, the way GitHub would show it, without raw HTML.

markdown-it-py, CommonMark with GFM tables and strikethrough, raw HTML off: a
team's `<script>` is text. Two additions, both for what our own templates write:
the `<br>` that md_cell puts in table cells becomes a line break (the team's own
`<br>` was escaped to `\\<br>` and stays text), and the line
`<!-- planner:diagram NAME -->` (a comment GitHub hides) becomes that diagram's inline
SVG (planner.plandoc.figures), which replaces the ```mermaid fence right after it when
there is one. A Mermaid fence without its figure stays readable code: no page loads
a script.
Headings get GitHub's anchor ids, so links to #sections work in both places,
and ISO dates become <time> elements that do not wrap.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from html import escape

_BREAK = "<br>"


@lru_cache(maxsize=1)
def parser():
    from markdown_it import MarkdownIt

    from planner import links

    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    md.validateLink = links.is_safe  # file:, smb:, //host... stay text (planner.links)
    md.inline.ruler.before("autolink", "planner_break", _break_rule)
    md.core.ruler.push("planner_anchors", _anchors)
    md.core.ruler.push("planner_dates", _dates)
    md.block.ruler.before("paragraph", "planner_diagram", _diagram_rule)
    md.add_render_rule("fence", _fence)
    md.add_render_rule("planner_diagram", _diagram)
    return md


def markdown_to_html(markdown: str, diagrams: dict | None = None) -> str:
    """diagrams: {name: SVG text} drawn where the Markdown marks them."""
    return parser().render(markdown, {"diagrams": diagrams or {}})


DIAGRAM = re.compile(r"<!-- planner:diagram ([a-z-]+) -->")


def _diagram_rule(state, start_line, end_line, silent) -> bool:
    begin = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[begin:state.eMarks[start_line]].rstrip()
    found = DIAGRAM.fullmatch(line)
    if not found or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    if not silent:
        token = state.push("planner_diagram", "figure", 0)
        token.info = found.group(1)
        token.map = [start_line, start_line + 1]
    state.line = start_line + 1
    return True


def _diagram(self, tokens, idx, options, env):
    figure = env.get("diagrams", {}).get(tokens[idx].info)
    return f'<figure class="diagram">\n{figure}</figure>\n' if figure else ""


def _break_rule(state, silent) -> bool:
    if not state.src.startswith(_BREAK, state.pos):
        return False
    if not silent:
        state.push("hardbreak", "br", 0)
    state.pos += len(_BREAK)
    return True


def _fence(self, tokens, idx, options, env):
    token = tokens[idx]
    if token.info.strip().split(" ")[0].lower() == "mermaid":
        before = tokens[idx - 1] if idx else None
        if before is not None and before.type == "planner_diagram" and env.get("diagrams", {}).get(before.info):
            return ""  # its figure, drawn just before, says the same
        # Mermaid reads the element's text: escaped here, decoded by the browser.
        return f'<pre class="mermaid">{escape(token.content, quote=False)}</pre>\n'
    return self.fence(tokens, idx, options, env)


def _anchors(state) -> None:
    seen: dict = {}
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        text = "".join(child.content for child in inline.children or ()
                       if child.type in ("text", "code_inline"))
        slug = github_slug(text)
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        token.attrSet("id", slug if count == 0 else f"{slug}-{count}")


_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def _dates(state) -> None:
    """ISO dates as <time>, which the page keeps on one line (a narrow table
    column would otherwise break 2026-10-09 at its hyphens)."""
    from markdown_it.token import Token

    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = []
        for token in block.children:
            if token.type != "text" or not _DATE.search(token.content):
                children.append(token)
                continue
            for index, piece in enumerate(_DATE.split(token.content)):
                if not piece:
                    continue
                if index % 2:
                    tag = Token("html_inline", "", 0)
                    tag.content = f'<time datetime="{piece}">{piece}</time>'
                    children.append(tag)
                else:
                    text = Token("text", "", 0)
                    text.content = piece
                    children.append(text)
        block.children = children


def github_slug(text: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFC", text).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")
