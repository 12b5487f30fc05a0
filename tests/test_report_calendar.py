"""planner report --calendar: the schedule as RFC 5545, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml

from classplans import BROKEN, write_class, write_plan
from cli_support import run_planner
from planner import resources

DAY = "2026-11-03"
MONTREAL = ZoneInfo("America/Montreal")


def events(path):
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return calendar, sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


@pytest.fixture
def klass(tmp_path):
    folder = tmp_path / "teams"
    write_class(folder, 9)
    write_plan(folder, 9, name="team-09.yaml", minutes=20, team="Équipe, « spéciale »; =1+1")
    (folder / "zz-broken.yaml").write_text(BROKEN, "utf-8")
    return folder


def course_file(folder, **schedule):
    """The built-in course with some `schedule:` keys changed."""
    data = resources.data_file("course.yaml")
    data = {**data, "schedule": {**data["schedule"], **schedule}}
    path = folder / "course.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def make(klass, tmp_path, *args):
    ics = tmp_path / "out" / "schedule.ics"
    result = run_planner("report", klass, "-o", tmp_path / "out" / "r.md", "--calendar", ics,
                         *args, cwd=tmp_path)
    return result, ics


def test_one_event_per_team_with_breaks_and_time_zone(klass, tmp_path):
    result, ics = make(klass, tmp_path, "--date", DAY, "--room", "PK-1140, salle 2",
                       "--start", "18:00", "--break-every", "4", "--break", "10")
    assert result.returncode == 0, result.stderr
    calendar, found = events(ics)
    assert len(found) == 11  # 10 readable plans and the unreadable one keeps its slot
    assert calendar["version"] == "2.0"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/Montreal"]
    starts = [event.decoded("dtstart") for event in found]
    ends = [event.decoded("dtend") for event in found]
    assert all(start.tzinfo is not None and start.tzinfo.utcoffset(start) == dt.timedelta(hours=-5)
               for start in starts)  # EST on 3 November (DST ended on 1 November)
    assert starts[0] == dt.datetime(2026, 11, 3, 18, 0, tzinfo=MONTREAL)
    durations = [(end - start).total_seconds() / 60 for start, end in zip(starts, ends)]
    assert sorted(durations) == [20] * 10 + [25]  # 15 + 5 questions; the 20-minute team
    gaps = [(nxt - end).total_seconds() / 60 for end, nxt in zip(ends, starts[1:])]
    assert all(gap >= 0 for gap in gaps)  # no overlap
    # A break (10 min) after every 4th team, else a changeover of 1 min.
    assert gaps == [1, 1, 1, 10, 1, 1, 1, 10, 1, 1]
    for event in found:
        assert event["location"] == "PK-1140, salle 2"
        assert event["dtstamp"].dt == dt.datetime(2026, 11, 3, tzinfo=dt.timezone.utc)
    special = next(e for e in found if "spéciale" in str(e["summary"]))
    description = str(special["description"])
    assert "Équipe : Équipe, « spéciale »; =1+1" in description
    assert "Membres : " in description and "Projet : Smart meter forecasting 9" in description
    assert "20 min de présentation, puis 5 min de questions." in description
    broken = next(e for e in found if "zz-broken" in str(e["summary"]))
    assert "Plan illisible" in str(broken["description"])


def test_uids_are_stable_and_the_bytes_reproducible(klass, tmp_path):
    _, first = make(klass, tmp_path, "--date", DAY)
    one = first.read_bytes()
    _, again = make(klass, tmp_path, "--date", DAY)
    assert again.read_bytes() == one
    # Another order, day and room: the same UIDs, so a re-import updates the events.
    _, moved = make(klass, tmp_path, "--date", "2026-11-10", "--shuffle", "--seed", "3",
                    "--room", "B-2305")
    uids = {str(e["uid"]) for e in events(moved)[1]}
    assert uids == {str(e["uid"]) for e in icalendar.Calendar.from_ical(one).walk("VEVENT")}
    assert len(uids) == 11
    assert all(uid.endswith("software-engineering-of-ai-systems-fall-2026@planner") for uid in uids)


def test_source_date_epoch_sets_dtstamp(klass, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, ics = make(klass, tmp_path, "--date", DAY)
    stamps = {e["dtstamp"].dt for e in events(ics)[1]}
    assert stamps == {dt.datetime.fromtimestamp(1700000000, tz=dt.timezone.utc)}


def test_date_room_and_time_zone_from_the_course_file(klass, tmp_path):
    course = course_file(tmp_path, timezone="Europe/Paris", date="2026-03-30", room="Amphi A",
                         start="09:00")
    _, ics = make(klass, tmp_path, "--course", course, "--lang", "en")
    calendar, found = events(ics)
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    first = found[0].decoded("dtstart")
    assert first == dt.datetime(2026, 3, 30, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert first.utcoffset() == dt.timedelta(hours=2)  # CEST since 29 March
    assert found[0]["location"] == "Amphi A"
    assert str(found[0]["summary"]).startswith("Plan presentation #1: ")
    report = (tmp_path / "out" / "r.md").read_text("utf-8")
    assert "Date: 2026-03-30." in report and "Room: Amphi A." in report


def test_without_a_date_or_with_a_bad_zone_exit_2(klass, tmp_path):
    result, ics = make(klass, tmp_path)
    assert result.returncode == 2 and "--date" in result.stderr
    assert not ics.exists() and not (tmp_path / "out" / "r.md").exists()
    course = course_file(tmp_path, timezone="America/Montréal")
    result, _ = make(klass, tmp_path, "--course", course, "--date", DAY)
    assert result.returncode == 2
    assert "unknown time zone 'America/Montréal'" in result.stderr
    assert "course.yaml:" in result.stderr and "CRS001" in result.stderr


def test_an_unwritable_calendar_is_exit_2(klass, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_planner("report", klass, "-o", tmp_path / "r.md", "--date", DAY,
                         "--calendar", blocker / "s.ics", cwd=tmp_path)
    assert result.returncode == 2 and "cannot write" in result.stderr


def test_teams_own_dates_in_the_schedule_and_the_calendar(tmp_path):
    """A team that gives its own plan presentation date presents that day (in the table and the
    calendar); each team's final demo is its own date, else the course's final date, which the
    report states once as the limit."""
    from classplans import plan_data
    folder = tmp_path / "teams"
    write_class(folder, 3)
    own = plan_data(3, team="Early Birds")
    own["presentation"] = {"date": "2026-10-27", "demo": "2026-12-08"}
    (folder / "team-03.yaml").write_text(yaml.safe_dump(own, allow_unicode=True), "utf-8")
    out, ics = tmp_path / "r.md", tmp_path / "s.ics"
    result = run_planner("report", folder, "-o", out, "--date", DAY, "--calendar", ics, "--lang", "en")
    assert result.returncode == 0, result.stderr
    text = out.read_text("utf-8")
    assert "on the course's final date, 2026-12-15, which is also the latest" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and " min) |" in line]  # the schedule
    early = next(line for line in rows if "Early Birds" in line)
    assert "**2026-10-27** (team's date)" in early and "**2026-12-08** (team's date)" in early
    others = [line for line in rows if "| Team 0" in line]
    assert len(others) == 3 and all(f"| {DAY} |" in line and "| 2026-12-15 |" in line for line in others)
    # The team's own day comes first (it is earlier), numbers run on across the days.
    assert early.startswith("| 1 |") and others[0].startswith("| 2 |")
    _calendar, found = events(ics)
    starts = {str(event["summary"]): event.decoded("dtstart") for event in found}
    assert starts["Plan presentation #1: Early Birds"] == dt.datetime(2026, 10, 27, 18, 0, tzinfo=MONTREAL)
    assert starts["Plan presentation #2: Team 00"] == dt.datetime(2026, 11, 3, 18, 0, tzinfo=MONTREAL)
    early_event = next(event for event in found if "Early Birds" in str(event["summary"]))
    assert "Final demo: 2026-12-08" in str(early_event["description"])
