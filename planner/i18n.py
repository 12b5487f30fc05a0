"""Every message a person reads, in French or English: gettext catalogs.

Code writes messages in English, wrapped in `_()` (or `ngettext()` for a count),
with named placeholders filled after translation:

    _("stage '{stage}' has no justification (why:)").format(stage=stage_id)

The French text lives in data/locale/fr/LC_MESSAGES/planner.po (docs/architecture.md,
"Messages in two languages", says how to add one). A wheel carries the compiled
planner.mo, built by hatch_build.py; a source checkout compiles the .po with Babel
the first time French is asked for and keeps the result in data/__pycache__, named
by the .po's time and size, so a checkout never uses a stale binary catalog.

The language is chosen once per unit of work with `language(lang)`: the plan's
`language`, else `--lang`, else the course's, else English.
"""

from __future__ import annotations

import gettext
import io
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from planner import resources

LANGUAGES = ("fr", "en")
DEFAULT = "en"  # the language of the msgids, and of messages when nothing says otherwise
DOMAIN = "planner"
LOCALE = resources.DATA / "locale"

_current: ContextVar[str] = ContextVar("planner_language", default=DEFAULT)


def current() -> str:
    return _current.get()


def choose(*candidates) -> str:
    """The first candidate that is a supported language (plan, --lang, course), else English."""
    for candidate in candidates:
        if isinstance(candidate, str) and candidate in LANGUAGES:
            return candidate
    return DEFAULT


@contextmanager
def language(lang: str | None):
    """Messages made inside the block are in `lang` (unchanged when lang is None)."""
    if lang is None:
        yield current()
        return
    token = _current.set(choose(lang))
    try:
        yield current()
    finally:
        _current.reset(token)


def use(lang: str | None) -> str:
    """Set the language for the rest of this command (the CLI, once it knows --lang and the course)."""
    _current.set(choose(lang))
    return current()


def _(message: str) -> str:
    """The message in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for `count`, in the current language."""
    return translations(current()).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; `_()` translates it where used."""
    return message


def in_language(lang: str, message: str) -> str:
    """One message in a given language, whatever the current one."""
    return translations(choose(lang)).gettext(message)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    if lang == DEFAULT:
        return gettext.NullTranslations()
    folder = LOCALE / lang / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    if compiled.is_file():
        return _catalog(compiled, lang, compiled.read_bytes)
    source = folder / f"{DOMAIN}.po"
    if source.is_file():
        return _catalog(source, lang, lambda: _compiled(source, lang))
    return gettext.NullTranslations()


class _Table(gettext.GNUTranslations):
    """A catalog made from the table a GNUTranslations parsed from .mo bytes in an earlier
    run, kept as marshal: parsing the ~600 messages of the French .mo costs ~1 ms a run,
    loading their table ~0.1 ms. `_parse` is gettext's hook for other catalog formats; it
    sets what GNUTranslations' own parse sets."""

    def _parse(self, fp):
        self._catalog, self._info, self._charset = fp
        plural = self._info.get("plural-forms")
        self.plural = (gettext.c2py(plural.split(";")[1].split("plural=")[1]) if plural
                       else lambda n: int(n != 1))


def _catalog(source, lang: str, mo_bytes) -> gettext.GNUTranslations:
    """The catalog of `source` (a .mo, or a checkout's .po), from the table kept for that
    file's version in data/__pycache__ when there is one, else parsed from `mo_bytes()`."""
    import marshal
    import sys
    stat = source.stat()
    kept = (resources.CACHE / "locale" /
            f"{lang}-{source.suffix[1:]}-{stat.st_mtime_ns}-{stat.st_size}.{sys.implementation.cache_tag}.marshal")
    try:
        return _Table(marshal.loads(kept.read_bytes()))
    except (OSError, ValueError, EOFError, TypeError, IndexError):
        pass  # none yet for this version of the file, or a broken one: parse the .mo
    parsed = gettext.GNUTranslations(io.BytesIO(mo_bytes()))
    try:
        for stale in kept.parent.glob(f"{lang}-{source.suffix[1:]}-*.marshal"):
            stale.unlink(missing_ok=True)
    except OSError:  # a read-only install: parse again next time
        pass
    state = vars(parsed)  # what GNUTranslations' parse set, and _Table._parse sets again
    resources.store_cache(kept, marshal.dumps((state["_catalog"], state["_info"], state["_charset"])))
    return parsed


def _compiled(source, lang: str) -> bytes:
    """The .mo bytes of a checkout's .po, kept in data/__pycache__ (like Python's byte-code)
    so that Babel is imported only when the .po changed."""
    stat = source.stat()
    cached = resources.CACHE / "locale" / f"{lang}-{stat.st_mtime_ns}-{stat.st_size}.mo"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = compile_po(source)
    from planner.atomic import write_bytes
    from planner.errors import OutputError
    try:
        for stale in cached.parent.glob(f"{lang}-*.mo"):
            stale.unlink(missing_ok=True)
        write_bytes(cached, data)
    except (OSError, OutputError):  # a read-only checkout: compile again next time
        pass
    return data


def compile_po(source) -> bytes:
    """The .mo bytes of a .po file (Babel: a build and development dependency only)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with open(source, "rb") as handle:
        catalog = read_po(handle, locale=source.parent.parent.name, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()
