"""The class report: teams by stage, scores, roster problems, popular tools, plans to fix, schedule.

read (batch outcomes) -> model (classdata, rosterproblems, schedule) -> render -> write.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner import atomic
from planner.labels import labels
from planner.report.classdata import class_data
from planner.report.rosterproblems import roster_problems
from planner.report.schedule import Settings, make_schedule


@dataclass(frozen=True)
class ReportOptions:
    lang: str = "fr"
    settings: Settings = Settings()
    date: str | None = None
    templates_dir: str | None = None
    room: str = ""


def report_context(outcomes, course, catalog, options: ReportOptions, roster=None,
                   roster_path=None) -> dict:
    """Everything the report template receives."""
    data = class_data(outcomes, course, catalog)
    plans = [outcome.plan for outcome in outcomes if outcome.plan is not None]
    words = labels(options.lang)["report"]
    allowed = (str(course.team_min) if course.team_min == course.team_max
               else words["allowed"].format(low=course.team_min, high=course.team_max))
    by_path = {outcome.path: outcome.plan for outcome in outcomes if outcome.plan is not None}
    # Each team presents on its own plan presentation date when its plan gives one.
    teams = [(row.team, row.minutes, row.path, _own_day(by_path.get(row.path))) for row in data.rows]
    # A team whose plan cannot be read still presents: it keeps its place, under its file name.
    teams += [(Path(item.path).stem, course.minutes, item.path, None) for item in data.unreadable]
    position = {outcome.path: outcome.index for outcome in outcomes}
    teams.sort(key=lambda team: position[team[2]])
    session = _as_date(options.date)
    schedule = make_schedule(teams, options.settings, session)
    return {
        "w": words, "lang": options.lang, "course": course, "data": data,
        "problems": roster_problems(plans, roster, course.team_min, course.team_max),
        "roster_path": str(roster_path) if roster_path else "", "allowed": allowed,
        "schedule": schedule, "settings": options.settings,
        "date": options.date or "", "room": options.room, "plans": by_path,
        # Several days when teams give their own dates: the table then says each slot's day.
        "days": len({slot.day or session for slot in schedule if slot.kind == "team"}) > 1,
        "final_due": course.final_due.isoformat() if course.final_due else "",
        "demos": {path: _demo(plan, course) for path, plan in by_path.items()},
    }


def _own_day(plan):
    return plan.presentation.date if plan is not None else None


def _as_date(text):
    import datetime as dt
    return dt.date.fromisoformat(text) if text else None


def _demo(plan, course) -> dict:
    """The team's final demo: its own date when it gives one, else the course's final date
    (the limit of every team's date, planner.facts.final_date)."""
    from planner.facts import final_date, team_sets_final_date
    day = final_date(plan, course)
    return {"date": day.isoformat() if day else "", "own": team_sets_final_date(plan, course)}


def render(context: dict, options: ReportOptions) -> str:
    from planner.report.templating import render_markdown
    return render_markdown(context, options.templates_dir)


COMMAND = "planner report"


def outputs(output, html: bool) -> tuple[Path, Path | None]:
    """Where the Markdown and the HTML go: the HTML beside the Markdown (.html); when -o
    already ends in .html, the Markdown goes beside it (.md) rather than under the HTML."""
    markdown = Path(output)
    page = markdown.with_suffix(".html") if html else None
    if page is not None and page == markdown:
        markdown = markdown.with_suffix(".md")
    return markdown, page


def check_outputs(output, html: bool) -> None:
    """Refuse, before any work, to replace a file planner did not generate (a plan, notes)."""
    from planner.generated import may_replace
    for path in outputs(output, html):
        if path is not None:
            may_replace(path, COMMAND)


def write(markdown: str, output, html: bool, context: dict, options: ReportOptions) -> list[Path]:
    """Write the Markdown report (and its HTML twin), each atomically, each marked as generated."""
    from planner.generated import comment
    check_outputs(output, html)
    markdown_path, page_path = outputs(output, html)
    written = [atomic.write_text(markdown_path, comment(COMMAND, style="html") + markdown)]
    if page_path is not None:
        from planner.report.templating import render_html
        title = f"{context['w']['title']} — {context['course'].name[options.lang]}"
        page = render_html(markdown, title, options.lang, options.templates_dir)
        written.append(atomic.write_text(page_path, comment(COMMAND, style="html") + page))
    return written


def calendar(context: dict, options: ReportOptions, timezone: str) -> bytes:
    """The schedule of the report as iCalendar bytes (the same slots as its table)."""
    import datetime as dt

    from planner.report.ics import CalendarOptions, build_calendar

    # The command checks that a date is given before it reads the class.
    assert options.date is not None
    settings = CalendarOptions(dt.date.fromisoformat(options.date), timezone, options.room,
                               options.lang)
    return build_calendar(context["schedule"], context["plans"], context["course"],
                          context["w"]["calendar"], settings)
