"""Roster sources (planner/roster/sources.py): the registry gives `roster pull` its options."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from cli_support import run_planner
from planner.cli.roster_cmd import source_options
from planner.course import load_course
from planner.errors import UsageError
from planner.roster import sources
from planner.roster.grid import Rules, read_grid
from planner.roster.source import SourceGrid


def test_pull_offers_one_option_per_registered_source():
    done = run_planner("roster", "pull", "--help")
    assert done.returncode == 0
    for source in sources.SOURCES.values():
        assert f"{source.flag} {source.metavar}" in done.stdout


@pytest.mark.parametrize("given, options, message", [
    ({"sheet": None, "csv": None}, {}, "give either --sheet URL-OR-KEY or --csv FILE"),
    ({"sheet": "k", "csv": "a.csv"}, {}, "give either --sheet URL-OR-KEY or --csv FILE"),
    ({"csv": "a.csv"}, {"worksheet": "x"}, "--worksheet and --credentials only go with --sheet"),
])
def test_one_source_and_only_its_own_options(given, options, message):
    with pytest.raises(UsageError, match=message):
        sources.choose(given, options)


def test_choose_returns_the_source_and_its_value():
    source, value = sources.choose({"sheet": None, "csv": "a.csv"}, {"worksheet": None})
    assert (source.name, value) == ("csv", "a.csv")


def test_a_registered_source_is_an_option_of_the_command(monkeypatch):
    """Adding a source is one register() call: the option, the choice and the read follow."""
    monkeypatch.setattr(sources, "SOURCES", dict(sources.SOURCES))

    def read_lines(request):
        rows = [line.split(":") for line in request.value.split("/")]
        return SourceGrid(rows, "<lines>", "lines given on the command line")

    sources.register(sources.Source("lines", "TEXT", "Rows as text.", read_lines))
    course = load_course()

    @click.command()
    @source_options
    def pull(**given):
        source, value = sources.choose({k.removeprefix("source_"): v for k, v in given.items()}, {})
        grid = source.read(sources.Request(value, course))
        result = read_grid(grid.grid, Rules.from_course(course), grid.path)
        click.echo(f"{len(result.roster.teams)} team(s)")

    done = CliRunner().invoke(pull, ["--lines", "Équipe:Nom:Courriel/r00tAI:Lovelace:ada@example.org"])
    assert done.exit_code == 0, done.output
    assert done.output == "1 team(s)\n"
    with pytest.raises(ValueError, match="twice"):
        sources.register(sources.Source("lines", "TEXT", "Again.", read_lines))
