"""The Markdown plan (for the team's README) and its HTML page, from Jinja2 templates.

render_markdown(data, templates_dir) -> str: templates/plan/plan.md.j2
render_html(data, markdown, templates_dir) -> str: markdown-it-py with the diagrams as inline SVG
    (planner.plandoc.figures), then templates/plan/page.html.j2
Both are pure: same input, same text (the date comes from data.date).
"""

from __future__ import annotations

MARKDOWN_TEMPLATE = "plan/plan.md.j2"
HTML_TEMPLATE = "plan/page.html.j2"
VARIABLES_HINT = "docs/templates.md lists the variables"


def render_markdown(data, templates_dir: str | None = None) -> str:
    from planner.plandoc.context import context
    from planner.plandoc.environment import environment
    from planner.templating import render

    text = render(environment(templates_dir), MARKDOWN_TEMPLATE, context(data), VARIABLES_HINT)
    return text.rstrip("\n") + "\n"


def render_html(data, markdown: str, templates_dir: str | None = None) -> str:
    from markupsafe import Markup

    from planner.plandoc.context import context
    from planner.plandoc.environment import environment
    from planner.plandoc.figures import figures
    from planner.plandoc.html import markdown_to_html
    from planner.templating import render

    variables = context(data)
    variables["body"] = Markup(markdown_to_html(markdown, figures(data)))
    return render(environment(templates_dir), HTML_TEMPLATE, variables, VARIABLES_HINT)
