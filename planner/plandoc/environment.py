"""The Jinja2 environment of the plan templates, and template errors as TemplateError.

Lookup order (pelican-style): the user's folder (--templates DIR) first, then
the built-in templates; `builtin/...` always names a built-in template, so a
user's `plan/plan.md.j2` can extend the built-in one and replace one block.
StrictUndefined: a misspelt variable is an error with the template's file and
line, never an empty string.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import jinja2

from planner import resources
from planner.errors import TemplateError
from planner.plandoc import escape


def environment(templates_dir=None):
    """The environment for this templates folder, built once per set of files in
    it: Jinja2 reloads a template whose file changed, and a file added or removed
    gives a new environment, so --watch sees every edit."""
    if not templates_dir:
        return _environment(None, None, ())
    folder = Path(templates_dir)
    if not folder.is_dir():
        raise TemplateError("the templates folder does not exist or is not a folder",
                            path=str(templates_dir))
    files = tuple(sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()))
    return _environment(str(templates_dir), os.getcwd(), files)


@lru_cache(maxsize=8)
def _environment(templates_dir, _cwd, _files):
    builtin = jinja2.FileSystemLoader(str(resources.templates_dir()))
    loaders = []
    if templates_dir:
        loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
    loaders += [builtin, jinja2.PrefixLoader({"builtin": builtin})]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
        # Markdown is not HTML: escaping there is explicit, by the md_* filters.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html"),
                                            default_for_string=False, default=False),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(
        md_cell=escape.md_cell, md_inline=escape.md_inline, md_heading=escape.md_heading,
        md_block=escape.md_block, mermaid_label=escape.mermaid_label,
        gantt_text=escape.gantt_text, plain=escape.plain, github_link=escape.github_link,
        email_link=escape.email_link, clock=_clock, minutes=_minutes, percent=_percent,
        fill=_fill, md_item=escape.md_item, url_link=escape.url_link, tool_link=_tool_link,
        owner=_owner, anchor=_anchor)
    return env


_SAFE_URL = re.compile(r"^https?://[^\s()<>`|\\]+$")


@jinja2.pass_context
def _tool_link(ctx, name, known_only: bool = False) -> str:
    """A tool name for a table cell, linked to its page when the catalog knows it;
    with known_only, "" for a name the catalog does not know."""
    text = escape.md_cell(name)
    catalog = getattr(ctx.get("data"), "catalog", None)
    tool = catalog.find(str(name)) if catalog is not None and str(name).strip() else None
    if known_only and tool is None:
        return ""
    url = getattr(tool, "url", "") or ""
    if not url or not _SAFE_URL.match(url) or "](" in text:
        return text
    label = re.sub(r"(?<!\\)([\[\]])", r"\\\1", text)
    return f"[{label}]({url})"


@jinja2.pass_context
def _owner(ctx, owner) -> str:
    """An owner as the reader knows them: a member's full name for a first name,
    the team's label for "team", else the text as written; for a table cell."""
    from planner.plandoc.context import match_owner
    found = match_owner(str(owner or ""), ctx["plan"])
    if found == "team":
        return ctx["labels"]["team"]
    return escape.md_cell(found.name if found is not None else owner)


def _anchor(text) -> str:
    """The #anchor GitHub (and our HTML page) gives a heading with this text."""
    from planner.plandoc.html import github_slug
    return github_slug(escape.plain(text))


def _clock(seconds: int) -> str:
    from planner.outline import clock
    return clock(int(seconds))


def _minutes(seconds: int) -> str:
    """Speaking time as m:ss."""
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def _percent(value, empty: str = "—") -> str:
    return empty if value is None else f"{value} %"


def _fill(template: str, **values) -> str:
    """A label with {placeholders}: `t.overall | fill(percent=...)`."""
    return str(template).format(**values)


def render(env, name: str, variables: dict) -> str:
    """Render one template; any template fault becomes a TemplateError at its file:line."""
    try:
        return env.get_template(name).render(variables)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax: {exc.message}",
                            path=exc.filename or exc.name or name, line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"template not found: {exc.name}", path=name) from None
    except (jinja2.TemplateError, TypeError, ValueError, KeyError, IndexError,
            AttributeError) as exc:
        where = _template_frame(exc)
        if where is None and not isinstance(exc, jinja2.TemplateError):
            raise  # not raised by a template: a bug of ours, not the user's to fix
        path, line = where or (name, None)
        message = getattr(exc, "message", None) or str(exc)
        kind = "" if isinstance(exc, jinja2.UndefinedError) else f"{type(exc).__name__}: "
        hint = "docs/templates.md lists the variables" if isinstance(exc, jinja2.UndefinedError) else None
        raise TemplateError(f"template: {kind}{message}", path=path, line=line, hint=hint) from None


def _template_frame(exc: Exception):
    """(file, line) of the innermost template frame in the traceback: Jinja2
    rewrites its frames to point at the template source."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".jinja2", ".html", ".md")) or \
                tb.tb_frame.f_globals.get("__jinja_template__") is not None:
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
