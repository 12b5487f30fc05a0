"""Hostile input that used to end in a traceback: control characters, dates at the
calendar's edge, course files that passed their check, file names that are not UTF-8,
deep credentials JSON, no home folder, a bad SOURCE_DATE_EPOCH, a check that failed silently.

Every case runs the real command line (cli_support.run_planner fails on any traceback).
"""

from __future__ import annotations

import copy
import os
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from classplans import plan_data, write_plan
from cli_support import run_planner

ROOT = Path(__file__).resolve().parent.parent
COURSE = yaml.safe_load((ROOT / "planner/data/course.yaml").read_text("utf-8"))


def save(path: Path, data: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def deck_text(path: Path) -> str:
    deck = Presentation(str(path))
    return "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)


# --- control characters ----------------------------------------------------------------

def test_control_characters_are_reported_and_left_out_of_every_output(tmp_path):
    plan = tmp_path / "teams" / "ctl.yaml"
    plan.parent.mkdir()
    text = yaml.safe_dump(plan_data(0), allow_unicode=True, sort_keys=False)
    text = text.replace("title: Smart meter forecasting 0",
                        'title: "Sherpa\\x01 assistant\\uFFFE\\e[2J"', 1)
    plan.write_text(text, "utf-8")
    line = text.splitlines().index('  title: "Sherpa\\x01 assistant\\uFFFE\\e[2J"') + 1
    checked = run_planner("check", plan)
    assert checked.returncode == 0, checked.stdout  # a warning
    # The plan is French, so its findings are too (issue 11).
    assert (f"{plan}:{line}:10: warning [PLN015] le texte contient le caractère de contrôle U+0001 "
            "après «\u00a0Sherpa\u00a0»") in checked.stdout
    assert run_planner("check", plan, "--strict").returncode == 1
    built = run_planner("build", plan, "-o", tmp_path / "out", "--only", "deck,plan,html")
    assert built.returncode == 0, built.stderr
    folder = tmp_path / "out" / "team-00"
    assert "Sherpa assistant[2J" in deck_text(folder / "deck.pptx")
    for name in ("plan.md", "plan.html"):
        written = (folder / name).read_text("utf-8")
        assert "Sherpa assistant[2J" in written
        assert not any(char in written for char in "\x01\x1b\ufffe")


def test_rule_is_registered_with_its_explanation():
    explained = run_planner("check", "--explain", "PLN015")
    assert explained.returncode == 0 and "control character" in explained.stdout


# --- dates at the calendar's edge ----------------------------------------------------------

@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_presentation_date_off_the_calendar_is_a_finding(tmp_path, day):
    data = plan_data(0)
    data["language"] = "en"  # the messages below are read in English (a plan's messages follow its language)
    data["presentation"] = {"date": day}
    data["milestones"][0]["due"] = day
    plan = save(tmp_path / "teams" / "p.yaml", data)
    checked = run_planner("check", plan)
    assert checked.returncode == 1
    assert (f"[PLN012] presentation.date is {day}, outside the years planner accepts "
            "(1970–2100); a typo?") in checked.stdout
    assert f"[PLN012] milestones[1].due is {day}" in checked.stdout
    built = run_planner("build", plan, "-o", tmp_path / "out", "--only", "deck,plan")
    assert built.returncode == 1 and (tmp_path / "out" / "team-00" / "deck.pptx").is_file()
    report = run_planner("report", plan, "-o", tmp_path / "r.md")
    assert report.returncode == 0, report.stderr


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_course_final_due_off_the_calendar_is_refused_at_its_line(tmp_path, day):
    course = copy.deepcopy(COURSE)
    course["course"]["final_due"] = day
    course_file = save(tmp_path / "course.yaml", course)
    plan = write_plan(tmp_path / "teams", 0)
    for args in (("check", plan), ("build", plan, "-o", tmp_path / "out"),
                 ("report", plan, "-o", tmp_path / "r.md"), ("new", "Team X")):
        result = run_planner(*args, "--course", course_file, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert f"course.yaml:8:14: error [PLN012] course.final_due is {day}" in result.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "teams" / "team-x.yaml").exists()


def test_report_date_off_the_calendar_is_a_usage_error(tmp_path):
    plan = write_plan(tmp_path / "teams", 0)
    result = run_planner("report", plan, "-o", tmp_path / "r.md", "--date", "9999-12-31",
                         "--calendar", tmp_path / "x.ics", "--lang", "en")
    assert result.returncode == 2
    assert "--date: the day of the presentations is 9999-12-31" in result.stderr
    assert not (tmp_path / "x.ics").exists()


def test_a_plan_spanning_the_whole_window_draws_a_bounded_axis(tmp_path):
    data = plan_data(0)
    data["presentation"] = {"date": "2100-12-31"}
    data["milestones"][0]["due"] = "1970-01-01"
    plan = save(tmp_path / "teams" / "p.yaml", data)
    built = run_planner("build", plan, "-o", tmp_path / "out", "--only", "deck")
    assert built.returncode in (0, 1), built.stderr
    deck = Presentation(str(tmp_path / "out" / "team-00" / "deck.pptx"))
    grid = [shape.name for slide in deck.slides for shape in slide.shapes
            if shape.name.startswith("Grid ")]
    assert 10 <= len(grid) <= 26, len(grid)  # years, not 1,572 month lines


@pytest.mark.parametrize("value", ["99999999999999999999", "²", "12a", "-5"])
def test_a_bad_source_date_epoch_is_a_clear_error(tmp_path, monkeypatch, value):
    plan = write_plan(tmp_path / "teams", 0)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    result = run_planner("build", plan, "-o", tmp_path / "out", "--only", "deck")
    assert result.returncode == 2
    assert f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds" in result.stderr


# --- course files that passed their check and then crashed ---------------------------------

def _course(change) -> dict:
    course = copy.deepcopy(COURSE)
    change(course)
    return course


def _only_genai(course):
    course["outline"] = [slide for slide in course["outline"] if slide["id"] == "genai"]


def _no_stages(course):
    course["stages"] = []
    for slide in course["outline"]:
        slide.pop("stages", None)


def _renamed_stage(new_id):
    def change(course):
        old = course["stages"][1]["id"]
        course["stages"][1]["id"] = new_id
        for slide in course["outline"]:
            if slide.get("stages"):
                slide["stages"] = [new_id if stage == old else stage for stage in slide["stages"]]
    return change


def _duplicate_section(course):
    course["sections"].append(dict(course["sections"][1]))


@pytest.mark.parametrize("change, message", [
    (_only_genai, "the outline needs at least one slide without stages"),
    (_no_stages, "the course needs at least one lifecycle stage"),
    (_renamed_stage("a b"), "stage id 'a b' is not an id: lowercase letters, digits and dashes"),
    (_renamed_stage("%%{init}%%"), "stage id '%%{init}%%' is not an id"),
    (_duplicate_section, "section id 'data' is defined twice"),
])
def test_course_files_that_would_crash_are_refused(tmp_path, change, message):
    course_file = save(tmp_path / "course.yaml", _course(change))
    plan = write_plan(tmp_path / "teams", 0)
    for args in (("check", plan), ("build", plan, "-o", tmp_path / "out"), ("new", "Team X")):
        result = run_planner(*args, "--course", course_file, cwd=tmp_path)
        assert result.returncode == 2, (args, result.stderr)
        assert f"{course_file}:" in result.stderr and "error [CRS001]" in result.stderr
        assert message in result.stderr
    assert not (tmp_path / "out").exists() and not (tmp_path / "teams" / "team-x.yaml").exists()


def test_an_outline_with_nothing_kept_still_has_slides():
    """Defence in depth: the outline never divides an empty talk."""
    from planner.course import load_course
    from planner.outline import build_outline
    from planner.plans import check_plan
    course = load_course(None)
    only_genai = tuple(spec for spec in course.outline if spec.id == "genai")
    course = type(course)(**{**course.__dict__, "outline": only_genai})
    plan = check_plan(ROOT / "examples" / "smart-meter-fr.yaml", course).plan
    outline = build_outline(plan, course)
    assert [slide.id for slide in outline.slides] == ["genai"]
    assert outline.slides[-1].end == outline.seconds


def test_starter_comments_keep_course_texts_on_their_line(tmp_path):
    course = copy.deepcopy(COURSE)
    course["stages"][1]["description"] = {"fr": "ligne\nteam: volée", "en": "line\nteam: stolen"}
    course_file = save(tmp_path / "course.yaml", course)
    result = run_planner("new", "Équipe Z", "--course", course_file, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((tmp_path / "teams" / "equipe-z.yaml").read_text("utf-8"))
    assert data["team"]["name"] == "Équipe Z"


# --- file names that are not UTF-8 ---------------------------------------------------------

@pytest.mark.skipif(sys.platform != "linux", reason="byte file names")
def test_file_names_that_are_not_utf8(tmp_path):
    folder = tmp_path / "teams"
    folder.mkdir()
    good = os.fsdecode(os.fsencode(folder) + b"/\xffgood.yaml")
    warned = os.fsdecode(os.fsencode(folder) + b"/\xfewarned.yaml")
    broken = os.fsdecode(os.fsencode(folder) + b"/\xfdbroken.yaml")
    save(Path(good), plan_data(0))
    data = plan_data(1)
    data["project"]["title"] = "Sherpa\x01"
    save(Path(warned), data)
    Path(broken).write_text("team: [\n", "utf-8")
    shown = f"{folder}/\ufffdwarned.yaml"
    for fmt in ("text", "json", "github", "sarif"):
        result = run_planner("check", folder, "--format", fmt)
        assert result.returncode == 2, result.stderr
        assert "warned.yaml" in result.stdout and "broken.yaml" in result.stdout + result.stderr
    assert shown in run_planner("check", folder).stdout
    built = run_planner("build", folder, "-o", tmp_path / "out", "--only", "deck,plan")
    assert built.returncode == 2 and "\ufffdbroken.yaml" in built.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["team-00", "team-01"]
    report = run_planner("report", folder, "-o", tmp_path / "r.md", "--html")
    assert report.returncode == 0, report.stderr


# --- credentials, home folder ----------------------------------------------------------------

def test_deeply_nested_credentials_json(tmp_path, monkeypatch):
    deep = "{\"type\": " + "[" * 20_000 + "]" * 20_000 + "}"
    key = tmp_path / "key.json"
    key.write_text(deep, "utf-8")
    out = tmp_path / "roster.yaml"
    by_file = run_planner("roster", "pull", "--sheet", "k" * 40, "--credentials", key, "-o", out)
    assert by_file.returncode == 2 and "nest thousands of levels deep" in by_file.stderr
    monkeypatch.setenv("PLANNER_GOOGLE_CREDENTIALS", deep)
    by_variable = run_planner("roster", "pull", "--sheet", "k" * 40, "-o", out)
    assert by_variable.returncode == 2
    assert "the PLANNER_GOOGLE_CREDENTIALS variable is not a JSON key" in by_variable.stderr
    assert not out.exists()


def test_no_home_folder_is_no_credentials_not_a_crash(monkeypatch):
    from planner.errors import UsageError
    from planner.roster import credentials

    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert credentials.config_dir({}) is None
    with pytest.raises(UsageError, match="no Google credentials found") as caught:
        credentials.find(None, env={})
    assert "no home folder" in caught.value.hint


# --- a check that failed inside says why -------------------------------------------------------

def test_a_failed_check_always_says_why(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from planner.cli import cli
    from planner.rules import RULES, Rule

    def broken(context):
        raise ValueError("boom")
        yield  # a generator, like every check

    plan = write_plan(tmp_path / "teams", 0)
    monkeypatch.setitem(RULES, "PLN999", Rule("PLN999", "error", "A broken check.", check=broken))
    for fmt in ("text", "json", "sarif"):
        result = CliRunner().invoke(cli, ["check", str(plan), "--format", fmt, "-j", "1"])
        assert result.exit_code == 2
        assert "internal error (ValueError: boom)" in result.stderr, result.stderr


# --- properties --------------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=())))
def test_cleaned_text_is_always_xml_text(text):
    """Whatever a YAML escape can put in a plan, the cleaned text is one lxml (so python-pptx)
    accepts, and only the non-text characters are gone."""
    from lxml import etree

    from planner.characters import clean, not_text
    cleaned = clean(text)
    assert not_text().search(cleaned) is None
    etree.Element("t").text = cleaned
    assert len(cleaned) == len(text) - len(not_text().findall(text))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_slugs_stay_in_their_folder(name):
    import re

    from planner.slugs import MAX_SLUG, team_slug
    slug = team_slug(name, "teams/plan.yaml")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= MAX_SLUG
