"""Jinja2 for the generated documents (the plan, its HTML page, the class report).

Lookup order (pelican-style): the user's folder (--templates DIR) first, then
the built-in templates; `builtin/...` always names a built-in template, so a
user's template can extend the built-in one and replace one block.
StrictUndefined: a misspelt variable is an error with the template's file and
line, never an empty string.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from planner import jinjacache, resources
from planner.errors import TemplateError


def user_folder(templates_dir) -> Path | None:
    """The --templates folder, refused early when it is not a folder."""
    if not templates_dir:
        return None
    folder = Path(templates_dir)
    if not folder.is_dir():
        raise TemplateError("the templates folder does not exist or is not a folder",
                            path=str(templates_dir))
    return folder


def make_environment(templates_dir=None, **options) -> jinja2.Environment:
    """An environment over the user's folder (if any), then ours, with the shared filters."""
    builtin = jinja2.FileSystemLoader(str(resources.templates_dir()))
    loaders = [jinja2.FileSystemLoader(str(templates_dir))] if templates_dir else []
    loaders += [builtin, jinja2.PrefixLoader({"builtin": builtin})]
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             **options)
    env.filters.update(fill=fill, percent=percent)
    return jinjacache.attach(env)  # compiled templates kept between runs


def fill(template: str, **values) -> str:
    """A label with {placeholders}: `t.overall | fill(percent=...)`."""
    return str(template).format(**values)


def percent(value, empty: str = "—") -> str:
    return empty if value is None else f"{value} %"


def render(env, name: str, variables: dict, undefined_hint: str | None = None) -> str:
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
        undefined = isinstance(exc, jinja2.UndefinedError)
        kind = "" if undefined else f"{type(exc).__name__}: "
        raise TemplateError(f"template: {kind}{message}", path=path, line=line,
                            hint=undefined_hint if undefined else None) from None


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
