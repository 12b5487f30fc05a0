"""Render the class report: Markdown from Jinja2 templates, HTML from that Markdown.

Templates are looked up as planner.templating says: the user's folder first
(--templates), then the built-in templates/report/; a misspelt name in a
template is an error, never an empty cell.
"""

from __future__ import annotations

import re

from planner.templating import make_environment, render, user_folder

MARKDOWN = "report/class-report.md.j2"
HTML = "report/class-report.html.j2"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md(text) -> str:
    """Text from a plan, safe in a Markdown table cell: no markup, no pipes, one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def mermaid(text) -> str:
    """Text safe inside a Mermaid quoted label."""
    return " ".join(str(text).replace('"', "'").split())


def environment(templates_dir=None):
    env = make_environment(user_folder(templates_dir), autoescape=False)
    env.filters.update(md=md, mermaid=mermaid, clock=_clock)
    return env


def _clock(minutes: int) -> str:
    from planner.report.schedule import clock
    return clock(minutes)


def render_markdown(context: dict, templates_dir=None) -> str:
    env = environment(templates_dir)
    words = context["w"]
    choices = context["course"].infrastructure_choices
    lang = context["lang"]

    def mark(cell) -> str:
        symbol = words["marks"].get(cell.mark, "")
        if cell.kind:
            text = md(choices.get(cell.kind, {}).get(lang, cell.kind))
        else:
            text = ", ".join(md(tool) for tool in cell.tools)
        if cell.covered_by:
            text = f"↳ {text}"
        return " ".join(part for part in (text, symbol) if part) or symbol

    env.filters["mark"] = mark
    context = dict(context, infrastructure_label=lambda c: choices.get(c, {}).get(lang, c))
    return render(env, MARKDOWN, context)


def render_html(markdown: str, title: str, lang: str, templates_dir=None) -> str:
    from markdown_it import MarkdownIt

    # Raw HTML stays off: a team name is text, never markup in the instructor's browser.
    from planner import links
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.validateLink = links.is_safe  # file:, smb:, //host... stay text (planner.links)
    body = parser.render(markdown)
    from markupsafe import escape
    return render(environment(templates_dir), HTML,
                   {"body": body, "title": str(escape(title)), "lang": lang})

