"""Where a roster comes from: a registry of sources, each read into a SourceGrid.

A source is named by its command-line option (`planner roster pull --csv FILE`,
`--sheet URL-OR-KEY`); the command offers one option per registered source, refuses
none or two of them, and refuses a source's own options (--worksheet, --credentials)
with another source. Everything after the grid (columns, teams, ROS checks, the roster
file, the diff) is shared. Adding a source is its reader module and one register() call
here, plus its test and a paragraph in docs/roster.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planner import registry
from planner.errors import UsageError
from planner.i18n import _
from planner.roster.source import SourceGrid

if TYPE_CHECKING:
    from planner.course import Course


@dataclass(frozen=True)
class Request:
    """What the command line hands a source: its value and the options it may use."""

    value: str                          # the source option's value (a path, a sheet's address)
    course: Course                      # the roster's column names
    options: dict = field(default_factory=dict)   # the source's own options, by name
    timeout: float = 30.0
    env: dict | None = None
    tell: Callable[[str], None] | None = None     # shows what a browser sign-in needs


@dataclass(frozen=True)
class Source:
    name: str                           # its option is --NAME
    metavar: str
    help: str
    read: Callable[[Request], SourceGrid]
    options: tuple[str, ...] = ()       # its own options (declared by the command)

    @property
    def flag(self) -> str:
        return f"--{self.name}"


SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    return registry.add(SOURCES, source.name, source, "roster source")


def choose(given: dict, options: dict) -> tuple[Source, str]:
    """The one source given (name -> value or None) and its value; a usage error for none, two,
    or another source's option (name -> value or None)."""
    named = [(SOURCES[name], value) for name, value in given.items() if value]
    if len(named) != 1:
        shown = _(" or ").join(f"{source.flag} {source.metavar}" for source in SOURCES.values())
        raise UsageError(_("give either {shown}").format(shown=shown))
    source, value = named[0]
    for other in SOURCES.values():
        if other is not source and any(options.get(name) for name in other.options):
            raise UsageError(_("{options} only go with {flag}").format(
                options=_(" and ").join('--' + name for name in other.options), flag=other.flag))
    return source, value


def _csv(request: Request) -> SourceGrid:
    from planner.roster.csvsource import read_csv
    headings = [heading for names in request.course.roster_columns.values() for heading in names or ()]
    return read_csv(request.value, headings)


def _sheet(request: Request) -> SourceGrid:
    from planner.roster import credentials as creds
    from planner.roster.sheetsource import Options, parse_ref, read_sheet
    parse_ref(request.value)  # a bad address is a usage error, before any key is read
    loaded = creds.load(request.options.get("credentials"), request.env, request.tell)
    return read_sheet(request.value, request.options.get("worksheet"), loaded,
                      Options.from_env(request.timeout, request.env))


register(Source("sheet", "URL-OR-KEY", "The Google Sheet's address or key.", _sheet,
                ("worksheet", "credentials")))
register(Source("csv", "FILE", "A CSV export of the sheet instead.", _csv))
