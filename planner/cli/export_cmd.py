"""planner export"""

from __future__ import annotations

import click

from planner.cli import exits
from planner.cli.common import course_option, lang_option, message_language
from planner.errors import UsageError
from planner.i18n import N_, _, ngettext

# What export reports about the roster (planner.export.Problem keys), and the fields it names.
_PROBLEMS = {"two-teams": N_("{person} is in two teams ({team}, {other}): kept in {team} only"),
             "missing": N_("{person} ({team}) has no {field}: left out of the file")}
_FIELDS = {"email": N_("email"), "student-id": N_("student id"), "github": N_("GitHub account")}

_DEFAULT_NAMES = {"moodle": "moodle-users.csv", "canvas": "canvas-groups.csv",
                  "classroom": "classroom-roster.txt"}


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["moodle", "canvas", "classroom"]),
              required=True, help="The LMS file to write.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="The file to write (default: moodle-users.csv, canvas-groups.csv or "
                   "classroom-roster.txt).")
@click.option("--roster", "roster_path", type=click.Path(dir_okay=False),
              default="teams/roster.yaml", show_default=True,
              help="The roster written by `planner roster pull`.")
@click.option("--course-shortname", default="",
              help="Moodle: enrol every student in this course (column course1), so that "
                   "group1 applies.")
@click.option("--identifier", type=click.Choice(["email", "student-id", "github"]),
              default="email", show_default=True,
              help="Moodle username, or the line of a Classroom roster.")
@lang_option
@course_option
def command(fmt, output, roster_path, course_shortname, identifier, lang, course_path):
    """Write the roster as an LMS import file: Moodle users, Canvas groups, GitHub Classroom."""
    from planner import atomic, export
    from planner.roster.store import load_roster, read_text_if_any

    message_language(lang, course_path)
    if course_shortname and fmt != "moodle":
        raise UsageError(_("--course-shortname is for --format moodle only"))
    output = output or _DEFAULT_NAMES[fmt]
    current = read_text_if_any(output)
    if current and not export.is_generated(current, fmt):
        raise UsageError(_("{output} does not look like a {fmt} file written by 'planner export'; refusing "
                           "to overwrite it").format(output=output, fmt=fmt), path=str(output),
                         hint=_("choose another file with -o, or remove this one"))
    result = export.export(load_roster(roster_path, name_parts=True), fmt,
                           export.Options(identifier, course_shortname))
    spec = export.FORMATS[fmt]
    students = ngettext("{count} student", "{count} students", result.rows).format(count=result.rows)
    if current == result.text:
        click.echo(_("{path}: unchanged ({students})").format(path=output, students=students))
    else:
        atomic.write_text(output, result.text)
        click.echo(_("{path}: {students}, {format} format ({source})").format(
            path=output, students=students, format=fmt, source=spec.source))
    for problem in result.problems:
        values = dict(problem.values)
        if "field" in values:
            values["field"] = _(_FIELDS[values["field"]])
        click.echo(_("{path}: warning: {message}").format(
            path=roster_path, message=_(_PROBLEMS[problem.key]).format(**values)), err=True)
    # A student left out or met twice is a finding: the file is written, the script is told.
    raise SystemExit(exits.FINDINGS if result.problems else exits.CLEAN)
