"""planner grade"""

from __future__ import annotations

import click

from planner.cli import exits
from planner.cli.common import course_option, load_course
from planner.errors import UsageError
from planner.i18n import _


@click.command("grade")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", default="grades", show_default=True,
              type=click.Path(file_okay=False),
              help="The folder of the grading sheets (<team>.md) and grades.csv.")
@click.option("--html", is_flag=True, help="Also write each sheet as HTML beside it.")
@click.option("--collect", "collect_dir", type=click.Path(file_okay=False), default=None,
              help="Read the filled sheets of this folder back into its grades.csv.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the sheets and messages (default: the course's; a course that names "
                   "none gets French sheets and English messages).")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False),
              help="A folder of Jinja2 templates (grade/sheet.md.j2) that override the built-in one.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many plans (default: the machine's cores).")
@course_option
def command(paths, output, html, collect_dir, lang, templates_dir, jobs, course_path):
    """Write a grading sheet per team from the course's rubric, or collect the filled ones."""
    from planner import grade

    course = load_course(course_path, lang)  # the messages: --lang, else the course's, else English
    lang = lang or course.language or "fr"   # the sheets: French by default, as before
    if collect_dir is not None:
        if paths:
            raise UsageError(_("--collect reads a folder of sheets; it takes no plan PATH"))
        said, findings = grade.collect(collect_dir, course)
        for finding in findings:
            click.echo(finding.text, err=True)
        for line in said:
            click.echo(line)
        raise SystemExit(exits.exit_code(findings))
    from planner.cli.batchview import run_with_progress
    from planner.plans import discover

    grade.require_rubric(course)  # before reading the class, not after
    outcomes, summary = run_with_progress(discover(paths), course, "report", jobs=jobs,
                                          label="reading")
    options = grade.GradeOptions(lang, html, templates_dir)
    for line in grade.generate(outcomes, course, options, output):
        click.echo(line)
    click.echo(summary.text(), err=True)
