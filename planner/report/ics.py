"""The presentation schedule as an iCalendar file (RFC 5545), written with `icalendar`.

One VEVENT per team, from the same slots as the report's schedule table
(planner.report.schedule), so the calendar and the report never disagree.
Breaks are the gaps between events. Times are local to the course's time zone,
with its VTIMEZONE, so every calendar client shows the right hour whatever its
own zone.

Re-importing must update events, not duplicate them: a team's UID derives from
the course (name and term) and the team's slug only, never from its time, room
or order. The same input gives the same bytes: DTSTAMP is SOURCE_DATE_EPOCH when
set (the reproducible-builds convention), else midnight UTC of the presentation
day, a value the input fixes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner import slugs
from planner.errors import UsageError
from planner.i18n import _

PRODID = "-//planner//presentation schedule//EN"


@dataclass(frozen=True)
class CalendarOptions:
    date: dt.date
    timezone: str
    room: str = ""
    lang: str = "fr"


def zone(name: str, where: str = "the course's schedule.timezone"):
    """The tzinfo of an IANA zone name ('America/Montreal'), or a clear UsageError."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(_("{where}: unknown time zone '{name}'").format(where=where, name=name),
                         hint=_("an IANA name such as America/Montreal or Europe/Paris")) from None


def uid(course, team_slug: str) -> str:
    """Stable across runs, dates, rooms and orders: the course (and its term) and the team."""
    course_key = slugs.team_slug(f"{course.name['en']} {course.term['en']}")
    return f"plan-presentation.{team_slug}.{course_key}@planner"


def dtstamp(date: dt.date) -> dt.datetime:
    from planner.dates import source_date_epoch
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc)


def build_calendar(slots, plans: dict, course, words: dict, options: CalendarOptions) -> bytes:
    """`slots` from make_schedule; `plans` maps a slot's path to its plan model (absent when
    the plan could not be read: the team keeps its slot under its file name)."""
    from icalendar import Calendar, Event

    tzinfo = zone(options.timezone)
    stamp = dtstamp(options.date)
    course_name = course.name[options.lang]

    def local(slot, minutes: int) -> dt.datetime:
        # On the team's own day when its plan gives one; a late session may run past midnight.
        midnight = dt.datetime.combine(slot.day or options.date, dt.time(0, 0))
        return (midnight + dt.timedelta(minutes=minutes)).replace(tzinfo=tzinfo)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{words['calendar_name']} — {course_name}")
    calendar.add("x-wr-timezone", options.timezone)
    seen: dict[str, int] = {}
    for slot in slots:
        if slot.kind != "team":
            continue
        plan = plans.get(slot.path)
        slug = plan.slug if plan is not None else slugs.team_slug(slot.team)
        # Two plans of one team name still get two events, each stable.
        seen[slug] = seen.get(slug, 0) + 1
        key = slug if seen[slug] == 1 else f"{slug}-{seen[slug]}"
        event = Event()
        event.add("uid", uid(course, key))
        event.add("dtstamp", stamp)
        event.add("dtstart", local(slot, slot.start))
        event.add("dtend", local(slot, slot.end))
        event.add("summary", words["summary"].format(number=slot.number, team=slot.team))
        event.add("description", _description(slot, plan, words, course))
        if options.room:
            event.add("location", options.room)
        event.add("categories", [words["category"]])
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    # Only the transitions around the presentations: a VTIMEZONE of 1970-2038 weighs 5 kB.
    calendar.add_missing_timezones(first_date=dt.date(options.date.year, 1, 1),
                                   last_date=dt.date(options.date.year + 2, 1, 1))
    return calendar.to_ical()


def _description(slot, plan, words: dict, course) -> str:
    lines = [words["team"].format(value=slot.team)]
    if plan is not None:
        if plan.project.title:
            lines.append(words["title"].format(value=" ".join(plan.project.title.split())))
        if plan.members:
            lines.append(words["members"].format(value=", ".join(m.name for m in plan.members)))
        from planner.facts import final_date
        lines.append(words["demo"].format(date=final_date(plan, course).isoformat()))
    else:
        lines.append(words["unreadable"].format(path=slot.path))
    lines.append(words["timing"].format(talk=slot.minutes, questions=slot.end - slot.talk_end))
    return "\n".join(lines)
