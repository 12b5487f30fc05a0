"""The Jinja2 environment of the plan templates: planner.templating plus the plan's filters.

Markdown is not HTML: escaping there is explicit, by the md_* filters of
planner.plandoc.escape; only the HTML page's template autoescapes.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

import jinja2

from planner import templating
from planner.plandoc import escape


def environment(templates_dir=None):
    """The environment for this templates folder, built once per set of files in
    it: Jinja2 reloads a template whose file changed, and a file added or removed
    gives a new environment, so --watch sees every edit."""
    folder = templating.user_folder(templates_dir)
    if folder is None:
        return _environment(None, None, ())
    files = tuple(sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()))
    return _environment(str(templates_dir), os.getcwd(), files)


@lru_cache(maxsize=8)
def _environment(templates_dir, _cwd, _files):
    env = templating.make_environment(
        templates_dir,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html"),
                                            default_for_string=False, default=False))
    env.filters.update(
        md_cell=escape.md_cell, md_inline=escape.md_inline, md_heading=escape.md_heading,
        md_block=escape.md_block, mermaid_label=escape.mermaid_label,
        gantt_text=escape.gantt_text, plain=escape.plain, github_link=escape.github_link,
        email_link=escape.email_link, clock=_clock, minutes=_minutes, md_item=escape.md_item,
        url_link=escape.url_link, tool_link=_tool_link, owner=_owner, anchor=_anchor)
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
    from planner.facts import minutes_seconds
    return minutes_seconds(int(seconds))


def _minutes(seconds: int) -> str:
    """Speaking time as m:ss."""
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"
