"""planner report"""

from __future__ import annotations

import click

from planner.cli.common import course_option, load_course
from planner.errors import UsageError
from planner.terminal import clean


@click.command("report")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", default="class-report.md", show_default=True,
              type=click.Path(dir_okay=False), help="The Markdown report to write.")
@click.option("--html", is_flag=True, help="Also write the report as HTML beside it (.html).")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the report and of the messages (default: the course's; a course that "
                   "names none gets a French report and English messages).")
@click.option("--start", help="Start time of the presentations, HH:MM (default: the course's).")
@click.option("--break-every", type=click.IntRange(min=0), default=None,
              help="A break after this many teams; 0 for none (default: the course's).")
@click.option("--break", "break_minutes", type=click.IntRange(min=0), default=None,
              help="Length of a break in minutes (default: the course's).")
@click.option("--changeover", type=click.IntRange(min=0), default=None,
              help="Minutes between two teams (default: the course's).")
@click.option("--questions", type=click.IntRange(min=0), default=None,
              help="Question time after each presentation, in minutes (default: the course's).")
@click.option("--shuffle", is_flag=True, help="Draw the order of the teams at random (see --seed).")
@click.option("--seed", type=int, default=None,
              help="Seed of --shuffle: the same seed gives the same order (default: 0).")
@click.option("--date", "date", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Date of the presentations, YYYY-MM-DD (default: the course's schedule.date).")
@click.option("--room", default=None,
              help="Where the presentations take place (default: the course's schedule.room).")
@click.option("--calendar", "calendar_path", type=click.Path(dir_okay=False), default=None,
              help="Also write the schedule as an iCalendar file (.ics) to import.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False),
              help="A folder of Jinja2 templates (report/*.j2) that override the built-in ones.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many plans (default: the machine's cores).")
@course_option
def command(paths, output, html, lang, start, break_every, break_minutes, changeover, questions,
            shuffle, seed, date, room, calendar_path, templates_dir, jobs, course_path):
    """Write the class report: teams by stage, scores, roster problems, tools, schedule."""
    from planner import report
    from planner.catalog import load_catalog
    from planner.cli.batchview import run_with_progress
    from planner.dates import in_range, out_of_range
    from planner.i18n import _
    from planner.plans import discover
    from planner.report.schedule import settings_from
    course = load_course(course_path, lang)  # the messages: --lang, else the course's, else English
    lang = lang or course.language or "fr"   # the report itself: French by default, as before
    day = date.date() if date else course.schedule.get("date")
    if date and not in_range(day):
        raise UsageError("--date: " + out_of_range(_("the day of the presentations"), day))
    if calendar_path and not day:
        # Said before reading the class, not after.
        raise UsageError(_("--calendar needs the day of the presentations"),
                         hint=_("give --date YYYY-MM-DD, or schedule.date in the course file"))
    settings = settings_from(course.schedule, course.questions_minutes, start=start,
                             break_every=break_every, break_minutes=break_minutes,
                             changeover=changeover, questions=questions, shuffle=shuffle, seed=seed)
    report.check_outputs(output, html)
    found = discover(paths)
    roster, roster_path = _roster(found)
    outcomes, summary = run_with_progress(found, course, "report", jobs=jobs, label="reading")
    options = report.ReportOptions(lang, settings, day.isoformat() if day else None,
                                   templates_dir, room if room is not None else
                                   course.schedule.get("room", ""))
    context = report.report_context(outcomes, course, load_catalog(), options, roster, roster_path)
    ics = report.calendar(context, options, course.schedule["timezone"]) if calendar_path else None
    for path in report.write(report.render(context, options), output, html, context, options):
        click.echo(clean(_("wrote {path}").format(path=path)))
    if ics is not None:
        from planner import atomic
        click.echo(clean(_("wrote {path}").format(path=atomic.write_bytes(calendar_path, ics))))
    click.echo(summary.text(), err=True)


def _roster(found):
    """The roster file beside the plans (the first folder that has one), read once."""
    from planner.facts import roster_beside, roster_file
    for path in dict.fromkeys(found):
        roster = roster_beside(path)
        if roster is not None:
            return roster, roster_file(path)
    return None, None
