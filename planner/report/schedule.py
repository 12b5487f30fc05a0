"""The presentation schedule: teams in order, each slot its talk plus questions, breaks between.

Pure arithmetic on minutes from midnight, so that it is easy to test and the
same input always gives the same schedule. A slot is the team's presentation
length (the plan's override, else the course's) followed by question time;
the next team starts after a changeover; a break comes after every
`break_every` teams (never after the last one) and absorbs the changeover.

A team whose plan gives its own plan presentation date (`presentation.date`)
presents that day: each day's teams get their own sequence of slots from the
start time, and the days follow each other in date order (the session's day
first when it has none). Numbers run on across the days.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from planner.errors import UsageError
from planner.facts import time_of_day as clock
from planner.i18n import _

_CLOCK = re.compile(r"^\s*(\d{1,2})[:hH](\d{2})\s*$")


@dataclass(frozen=True)
class Slot:
    kind: str            # team | break
    start: int           # minutes from midnight of the presentation day
    end: int
    team: str = ""
    number: int = 0      # 1, 2, ... for teams; 0 for breaks
    talk_end: int = 0    # when the presentation ends and questions begin
    minutes: int = 0     # presentation length
    path: str = ""
    day: dt.date | None = None  # the team's own presentation day; None: the session's day

    @property
    def times(self) -> tuple[str, str]:
        return clock(self.start), clock(self.end)


@dataclass(frozen=True)
class Settings:
    start: int = 18 * 60
    questions: int = 5
    changeover: int = 1
    break_every: int = 4
    break_minutes: int = 10
    shuffle: bool = False
    seed: int = 0


def parse_clock(value, what: str = "--start") -> int:
    """'18:00' or '18h00' -> minutes from midnight. A YAML 1.1 reader turns an unquoted
    18:00 into the sexagesimal integer 1080, which is that same number of minutes."""
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < 24 * 60:
            return value
    match = _CLOCK.match(str(value))
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return int(match[1]) * 60 + int(match[2])
    raise UsageError(_("{what}: '{value}' is not a time of day").format(
        what=what, value=value), hint=_("write it as HH:MM, e.g. 18:00"))


def settings_from(course_schedule: dict, questions_minutes: int, **given) -> Settings:
    """The command's options where given, else the course file's `schedule:` defaults."""
    def pick(name, default):
        value = given.get(name)
        return default if value is None else value
    return Settings(
        start=parse_clock(pick("start", course_schedule.get("start", "18:00"))),
        questions=int(pick("questions", questions_minutes)),
        changeover=int(pick("changeover", course_schedule.get("changeover_minutes", 0))),
        break_every=int(pick("break_every", course_schedule.get("break_every", 0))),
        break_minutes=int(pick("break_minutes", course_schedule.get("break_minutes", 0))),
        shuffle=bool(given.get("shuffle")),
        seed=int(pick("seed", 0)),
    )


def order(teams: list, settings: Settings) -> list:
    """As given, or shuffled by a seeded generator: the same seed gives the same order."""
    teams = list(teams)
    if settings.shuffle:
        random.Random(settings.seed).shuffle(teams)
    return teams


def make_schedule(teams, settings: Settings, session: dt.date | None = None) -> list[Slot]:
    """`teams` is a list of (name, presentation minutes, path[, own day]); returns slots in
    time order, day by day. A team's own day equal to the session's is the session."""
    days: dict = {}
    for team in order(teams, settings):
        name, minutes, path, *own = team
        day = own[0] if own and own[0] else session
        days.setdefault(day, []).append((name, minutes, path))
    slots: list[Slot] = []
    for day in sorted(days, key=lambda day: (day is not None, day or dt.date.min)):
        slots += _day(days[day], settings, None if day == session else day, len(slots) and slots[-1].number)
    return slots


def _day(teams, settings: Settings, day, before: int) -> list[Slot]:
    """One day's slots, numbered on from `before`."""
    slots, now = [], settings.start
    for count, (name, minutes, path) in enumerate(teams, start=1):
        talk_end = now + minutes
        end = talk_end + settings.questions
        slots.append(Slot("team", now, end, name, before + count, talk_end, minutes, path, day))
        now = end
        if count == len(teams):
            break
        if settings.break_every and settings.break_minutes and count % settings.break_every == 0:
            slots.append(Slot("break", now, now + settings.break_minutes, day=day))
            now += settings.break_minutes
        else:
            now += settings.changeover
    return slots
