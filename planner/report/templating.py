"""Render the class report: Markdown from Jinja2 templates, HTML from that Markdown.

Templates are looked up in the user's folder first (--templates), then in the
built-in templates/report/. StrictUndefined: a misspelt name in a template is
an error, never an empty cell.
"""

from __future__ import annotations

import re
from pathlib import Path

from planner import resources
from planner.errors import TemplateError

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
    import jinja2

    builtin = jinja2.FileSystemLoader(str(resources.templates_dir()))
    loaders = []
    if templates_dir:
        if not Path(templates_dir).is_dir():
            raise TemplateError("the templates folder does not exist or is not a folder",
                                path=str(templates_dir))
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    # `builtin/report/...` always names ours, so a user's template can extend it.
    loaders += [builtin, jinja2.PrefixLoader({"builtin": builtin})]
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                             autoescape=False, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters.update(md=md, mermaid=mermaid, fill=_fill, percent=_percent, clock=_clock)
    return env


def _fill(template: str, **values) -> str:
    return template.format(**values)


def _percent(value) -> str:
    return "—" if value is None else f"{value} %"


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
    return _render(env, MARKDOWN, context)


def render_html(markdown: str, title: str, lang: str, templates_dir=None) -> str:
    from markdown_it import MarkdownIt

    # Raw HTML stays off: a team name is text, never markup in the instructor's browser.
    body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    from markupsafe import escape
    return _render(environment(templates_dir), HTML,
                   {"body": body, "title": str(escape(title)), "lang": lang})


def _render(env, name: str, context: dict) -> str:
    import jinja2
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax: {exc.message}", path=exc.filename or name,
                            line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}", path=name) from None
    except jinja2.UndefinedError as exc:
        raise TemplateError(f"template: {exc.message}", path=_template_file(env, name),
                            line=_template_line(exc, name)) from None
    except (KeyError, IndexError, ValueError) as exc:
        raise TemplateError(f"template: {type(exc).__name__}: {exc}",
                            path=_template_file(env, name), line=_template_line(exc, name)) from None


def _template_file(env, name: str) -> str:
    try:
        _source, filename, _uptodate = env.loader.get_source(env, name)
        return filename or name
    except Exception:  # the name is all we can say
        return name


def _template_line(exc: Exception, name: str) -> int | None:
    """The template line of the error, from the traceback Jinja2 rewrites to point at it."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(Path(name).name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
