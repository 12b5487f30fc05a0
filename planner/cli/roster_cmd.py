"""planner roster pull"""

from __future__ import annotations

import click

from planner.cli.common import course_option, lang_option, load_course
from planner.roster import sources


def source_options(function):
    """One option per registered roster source (planner/roster/sources.py)."""
    for source in reversed(sources.SOURCES.values()):
        function = click.option(source.flag, f"source_{source.name}", metavar=source.metavar,
                                help=source.help)(function)
    return function


@click.group("roster")
def command():
    """Team rosters from the course's shared Google Sheet or its CSV export."""


@command.command("pull")
@source_options
@click.option("--worksheet", metavar="NAME",
              help="The worksheet (tab) to read (default: the one in the address, else the first).")
@click.option("--credentials", metavar="FILE",
              help="Google credentials JSON (default: $PLANNER_GOOGLE_CREDENTIALS, "
                   "$GOOGLE_APPLICATION_CREDENTIALS, then gspread's files).")
@click.option("-o", "--output", metavar="FILE", default=None,
              help="The roster file to write [default: teams/roster.yaml].")
@click.option("--dry-run", is_flag=True, help="Print what would change (a diff); write nothing.")
@click.option("--timeout", type=click.FloatRange(min=0.1, max=600), default=30.0,
              show_default=True, metavar="SECONDS", help="Give up on a request after this long.")
@lang_option
@course_option
def pull(worksheet, credentials, output, dry_run, timeout, lang, course_path, **given):
    """Write teams/roster.yaml from the sheet and list the problems found in it.

    Exit 0: written, no error; 1: written, but the sheet has errors to fix;
    2: nothing written (unreadable source, network or permission fault, bad usage).
    """
    from planner.cli.exits import exit_code
    from planner.findings import count_by_severity, counts_text
    from planner.i18n import _, ngettext
    from planner.roster import pull as roster
    from planner.roster import store
    from planner.terminal import clean
    course = load_course(course_path, lang)
    source, value = sources.choose({name.removeprefix("source_"): text for name, text in given.items()},
                           {"worksheet": worksheet, "credentials": credentials})
    output = output or store.DEFAULT_PATH
    roster.check_output(output)
    grid = source.read(sources.Request(value, course, {"worksheet": worksheet, "credentials": credentials},
                               timeout, tell=lambda text: click.echo(text, err=True)))
    result = roster.pull(grid, course, output, dry_run=dry_run)

    for finding in result.findings:
        click.echo(finding.text)
    if dry_run and result.diff:
        click.echo(result.diff, nl=False)
    counts = count_by_severity(result.findings)
    teams, students = len(result.roster.teams), result.roster.member_count
    state = (_("would change") if result.changed else _("would not change")) if dry_run else (
        _("written") if result.written else _("unchanged"))
    click.echo(clean(_("{path}: {state} ({teams}, {students}; {findings})").format(
        path=result.output, state=state,
        teams=ngettext("{count} team", "{count} teams", teams).format(count=teams),
        students=ngettext("{count} student", "{count} students", students).format(count=students),
        findings=counts_text(counts))), err=True)
    raise SystemExit(exit_code(result.findings))
