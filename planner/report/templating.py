"""Render the class report: Markdown from Jinja2 templates, HTML from that Markdown.

One pipeline with the plan's document: templates are looked up as planner.templating says
(the user's folder first, --templates, then the built-in templates/report/; a misspelt name
is an error, never an empty cell); text is escaped by planner.plandoc.escape and the HTML
page is made by planner.plandoc.html (the same markdown-it-py set-up, so the Mermaid chart
is drawn on the page, not shown as code).
"""

from __future__ import annotations

from planner.plandoc import escape
from planner.templating import make_environment, render, user_folder

MARKDOWN = "report/class-report.md.j2"
HTML = "report/class-report.html.j2"


def environment(templates_dir=None):
    env = make_environment(user_folder(templates_dir), autoescape=False)
    # Names from plans are shown as typed (md); the chart's labels are Mermaid text.
    env.filters.update(md=escape.md_text, mermaid_label=escape.mermaid_label,
                       mermaid_text=escape.mermaid_text, clock=_clock)
    return env


def _clock(minutes: int) -> str:
    from planner.facts import time_of_day
    return time_of_day(minutes)


def render_markdown(context: dict, templates_dir=None) -> str:
    env = environment(templates_dir)
    words = context["w"]
    choices = context["course"].infrastructure_choices
    lang = context["lang"]

    def mark(cell) -> str:
        symbol = words["marks"].get(cell.mark, "")
        if cell.kind:
            text = escape.md_text(choices.get(cell.kind, {}).get(lang, cell.kind))
        else:
            text = ", ".join(escape.md_text(tool) for tool in cell.tools)
        if cell.covered_by:
            text = f"↳ {text}"
        return " ".join(part for part in (text, symbol) if part) or symbol

    env.filters["mark"] = mark
    context = dict(context, infrastructure_label=lambda c: choices.get(c, {}).get(lang, c))
    return render(env, MARKDOWN, context)


def render_html(markdown: str, title: str, lang: str, templates_dir=None) -> str:
    from markupsafe import escape as html_escape

    from planner.plandoc.html import markdown_to_html

    # Raw HTML stays off there, and unsafe links stay text (planner.links): a team name is text,
    # never markup in the instructor's browser.
    return render(environment(templates_dir), HTML,
                  {"body": markdown_to_html(markdown), "title": str(html_escape(title)), "lang": lang})
