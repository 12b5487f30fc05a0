"""Jinja2 for the generated documents (the plan, its HTML page, the class report, the starter plan).

Lookup order (pelican-style): the user's folder (--templates DIR) first, then
the built-in templates; `builtin/...` always names a built-in template, so a
user's template can extend the built-in one and replace one block.
StrictUndefined: a misspelt variable is an error with the template's file and
line, never an empty string.

Templates are shared between teams and downloaded from the web, so every one
renders sandboxed and bounded (docs/templates.md says what a template can do):
- ImmutableSandboxedEnvironment: no attribute starting with `_` (so no
  `__globals__`, no `os`), no method that changes a value, no `lipsum`;
- its output is counted as it is produced and stops past MAX_OUTPUT characters;
- its memory is bounded (RLIMIT_AS raised by MEMORY_MB for the time of the
  render) and its time too (SECONDS, by a timer signal in the main thread, and
  checked at every call and attribute lookup elsewhere);
- every failure, whatever Python raises, is a TemplateError at the template's
  file:line, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import stat
import threading
import time
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from planner import jinjacache, resources
from planner.errors import PlannerError, TemplateError
from planner.i18n import _

MAX_OUTPUT = 16 * 1024 * 1024      # characters one render may produce
MAX_TEMPLATE_BYTES = 1024 * 1024   # size of one template file
MEMORY_MB = 512                    # memory one render may add to the process
SECONDS = float(os.environ.get("PLANNER_TEMPLATE_SECONDS") or 20)


class _OverTime(Exception):
    """Raised by the timer or a hook once the time is up (an Exception, so that Jinja2
    rewrites the traceback to the template's line)."""


class _Bounds(threading.local):
    deadline: float | None = None


_BOUNDS = _Bounds()


def _check_time() -> None:
    deadline = _BOUNDS.deadline
    if deadline is not None and time.monotonic() > deadline:
        raise _OverTime()


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with the time limit checked at every call and attribute lookup
    (the timer signal only reaches the main thread)."""

    def call(self, context, obj, /, *args, **kwargs):
        _check_time()
        return super().call(context, obj, *args, **kwargs)

    def getattr(self, obj, attribute):
        _check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        _check_time()
        return super().getitem(obj, argument)

    def is_safe_attribute(self, obj, attr, value) -> bool:
        # Asked at every attribute a template reads (~1,000 a plan): the sandbox's answer
        # depends on the object's type (isinstance checks) and the attribute's name only,
        # so each pair is asked once per environment (bounded: `attr` may be made by a
        # template, through the attr filter).
        key = (type(obj), attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = super().is_safe_attribute(obj, attr, value)
            if len(self._safe) < 4096:
                self._safe[key] = safe
        return safe

    @functools.cached_property
    def _safe(self) -> dict:
        return {}


class RegularFileLoader(jinja2.FileSystemLoader):
    """FileSystemLoader reading through planner's one gate: regular files only, bounded,
    UTF-8, each fault named by the file that has it (not by a template including it)."""

    def get_source(self, environment, template):
        for folder in self.searchpath:
            path = Path(folder, *jinja2.loaders.split_template_path(template))
            try:
                info = os.stat(path)
            except OSError:
                continue
            if stat.S_ISDIR(info.st_mode):
                continue
            from planner.files import read_bytes
            try:
                data = read_bytes(path, str(path), MAX_TEMPLATE_BYTES, what="a template")
            except PlannerError as exc:
                raise TemplateError(_("cannot read the template: {reason}").format(
                    reason=exc.message), path=str(path)) from None
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError:
                raise TemplateError(_("the template is not UTF-8 text"), path=str(path)) from None
            mtime = info.st_mtime

            def uptodate(path=path, mtime=mtime) -> bool:
                try:
                    return os.path.getmtime(path) == mtime
                except OSError:
                    return False
            return source, os.path.normpath(path), uptodate
        raise jinja2.TemplateNotFound(template)


def user_folder(templates_dir) -> Path | None:
    """The --templates folder, refused early when it is not a folder."""
    if not templates_dir:
        return None
    folder = Path(templates_dir)
    if not folder.is_dir():
        raise TemplateError(_("the templates folder does not exist or is not a folder"),
                            path=str(templates_dir))
    return folder


def make_environment(templates_dir=None, folder=None, **options) -> jinja2.Environment:
    """A sandboxed environment over the user's folder (if any), then ours (or `folder`),
    with the shared filters."""
    builtin = RegularFileLoader(str(folder or resources.templates_dir()))
    loaders: list = [RegularFileLoader(str(templates_dir))] if templates_dir else []
    loaders += [builtin, jinja2.PrefixLoader({"builtin": builtin})]
    options.setdefault("trim_blocks", True)
    options.setdefault("lstrip_blocks", True)
    env = BoundedEnvironment(loader=jinja2.ChoiceLoader(loaders), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, **options)
    # Placeholder text has no place in a plan, and lipsum(n=10**6) is a memory bomb.
    env.globals.pop("lipsum", None)
    env.filters.update(fill=fill, percent=percent)
    return jinjacache.attach(env)  # compiled templates kept between runs


def fill(template: str, **values) -> str:
    """A label with {placeholders}: `t.overall | fill(percent=...)`."""
    return str(template).format(**values)


def percent(value, empty: str = "—") -> str:
    return empty if value is None else f"{value} %"


def render(env, name: str, variables: dict, undefined_hint: str | None = None) -> str:
    """Render one template, bounded; any template fault becomes a TemplateError at its file:line."""
    try:
        with _bounded():
            template = env.get_template(name)
            return _collect(template.generate(variables), name)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_("template syntax: {detail}").format(detail=exc.message),
                            path=exc.filename or exc.name or name, line=exc.lineno) from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(_("template not found: {name}").format(name=exc.name), path=name) from None
    except _OverTime as exc:
        raise _located(exc, name, _("the template ran longer than {limit} s (an endless loop?); a template "
                                    "may run at most that long").format(limit=_seconds_text())) from None
    except MemoryError as exc:
        raise _located(exc, name, _("the template needs more than {limit} MB of memory; a template may use "
                                    "at most that much").format(limit=MEMORY_MB)) from None
    except RecursionError as exc:
        raise _located(exc, name, _("the template includes, extends or calls itself without end")) from None
    except jinja2.sandbox.SecurityError as exc:
        raise _located(exc, name, _("not allowed in a template: {detail}").format(
            detail=exc.message or str(exc))) from None
    except jinja2.UndefinedError as exc:
        path, line = _template_frame(exc) or (name, None)
        raise TemplateError(_("template: {detail}").format(detail=exc.message or exc), path=path, line=line,
                            hint=undefined_hint) from None
    except Exception as exc:  # anything a template's code raises is the template's fault
        where = _template_frame(exc)
        if where is None and not isinstance(exc, jinja2.TemplateError):
            raise  # not raised by a template: a bug of ours, not the user's to fix
        message = getattr(exc, "message", None) or str(exc)
        raise _located(exc, name, _("template: {detail}").format(detail=f"{type(exc).__name__}: {message}")) from None


def _located(exc: BaseException, name: str, message: str) -> TemplateError:
    path, line = _template_frame(exc) or (name, None)
    return TemplateError(message, path=path, line=line)


def _seconds_text() -> str:
    return f"{SECONDS:g}"


def _collect(chunks, name: str) -> str:
    """The output, refused past MAX_OUTPUT characters before it can fill the memory."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TemplateError(_("the template's output is larger than {limit:,} characters; a template may "
                                  "write at most that much").format(limit=MAX_OUTPUT), path=name)
        out.append(chunk)
    return "".join(out)


@contextlib.contextmanager
def _bounded():
    """Time and memory bounds for one render; nested renders keep the outer bounds."""
    if _BOUNDS.deadline is not None:
        yield
        return
    _BOUNDS.deadline = time.monotonic() + SECONDS
    with _memory_limit(), _timer():
        try:
            yield
        finally:
            _BOUNDS.deadline = None


@contextlib.contextmanager
def _timer():
    """SIGALRM after SECONDS, in the main thread when no other timer runs: it stops a loop
    that calls nothing (`{% for i in x %}{% for j in x %}{% endfor %}{% endfor %}`)."""
    usable = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
              and signal.getitimer(signal.ITIMER_REAL)[0] == 0)
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise _OverTime()

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_limit():
    """The address-space limit lowered to what the process uses now plus MEMORY_MB, then put
    back: an allocation past it is a MemoryError, caught above. Linux only (elsewhere, the
    output cap and the time limit still hold)."""
    try:
        import resource
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    except (ImportError, OSError, ValueError, IndexError):
        yield
        return
    limit = pages * os.sysconf("SC_PAGE_SIZE") + MEMORY_MB * 1024 * 1024
    if (soft != resource.RLIM_INFINITY and soft <= limit) or \
            (hard != resource.RLIM_INFINITY and hard < limit):
        yield  # already bounded more tightly
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _template_frame(exc: BaseException):
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
