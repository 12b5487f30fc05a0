"""The facts layer: one identity per kind of name, one order, one set of words, one roster lookup;
and every consumer (check, plan document, deck layout, class report) agrees with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from planner import facts, identity
from planner.catalog import load_catalog
from planner.course import load_course
from planner.model import Milestone, Risk
from planner.plans import check_plan

ROOT = Path(__file__).resolve().parent.parent
CLEAN = (ROOT / "tests/fixtures/check/clean.yaml").read_text(encoding="utf-8")
COURSE = load_course()


@pytest.mark.parametrize("a, b", [
    ("Ada Lovelace", "Lovelace Ada"), ("Ada Lovelace", "  ada   LOVELACE "),
    ("Hélène Côté", "helene cote"), ("Jean-Luc O’Neil", "O'Neil Jean-Luc"),
])
def test_a_person_is_the_same_whatever_the_accents_case_spacing_and_word_order(a, b):
    assert identity.person_key(a) == identity.person_key(b)


def test_different_people_stay_different():
    assert identity.person_key("Ada Lovelace") != identity.person_key("Ada Byron")


def test_a_component_is_the_same_whatever_the_case_and_spacing():
    assert identity.component_key("Chat UI") == identity.component_key("  chat   ui ")
    assert identity.component_key("Chat UI") != identity.component_key("Chat-UI")


def test_a_tool_is_shown_by_its_catalog_name():
    catalog = load_catalog()
    assert facts.tool_name(catalog, "ML Flow") == "MLflow"
    assert facts.tool_name(catalog, "mlfow") == "MLflow"
    assert facts.tool_name(catalog, "Our own scripts") == "Our own scripts"


def test_milestones_by_date_undated_last_and_stable():
    a = Milestone("a", dt.date(2026, 11, 1))
    b = Milestone("b", dt.date(2026, 10, 1))
    c = Milestone("c", None)
    d = Milestone("d", dt.date(2026, 10, 1))
    assert [m.title for m in facts.milestones_by_date([a, c, b, d])] == ["b", "d", "a", "c"]


def test_risks_by_severity_highest_first_and_stable():
    risks = [Risk("low", "low", "low"), Risk("high", "high", "high"), Risk("mid", "high", "low"),
             Risk("mid2", "low", "high")]
    assert [r.risk for r in facts.risks_by_severity(risks)] == ["high", "mid", "mid2", "low"]


def test_the_two_clocks():
    assert facts.minutes_seconds(270) == "04:30"
    assert facts.time_of_day(18 * 60 + 45) == "18:45"
    assert facts.time_of_day(24 * 60 + 5) == "00:05"


def test_words_speak_the_language_with_its_punctuation():
    fr, en = facts.words(COURSE, "fr"), facts.words(COURSE, "en")
    assert fr.stage("experiment-tracking") == "Suivi des expériences"
    assert en.stage("experiment-tracking") == "Experiment tracking"
    assert fr.kind("lake") != en.kind("lake") or fr.kind("lake") == "lake"
    assert fr.quote("x") == "«\u00a0x\u00a0»" and en.quote("x") == "“x”"
    assert fr.colon == "\u00a0:" and en.colon == ":"
    assert fr.slide("risks") == "Risques" and en.slide("risks") == "Risks"
    assert fr.stage("no-such-stage") == "no-such-stage"


def test_the_roster_beside_a_plan_is_looked_up_once_per_folder(tmp_path):
    (tmp_path / "roster.yaml").write_text("teams:\n  - name: R00t AI\n    members: [{name: Ada Lovelace}]\n",
                                          encoding="utf-8")
    cache: dict = {}
    first = facts.roster_beside(tmp_path / "a.yaml", cache)
    assert facts.roster_file(tmp_path / "a.yaml") in cache
    assert facts.roster_beside(tmp_path / "b.yaml", cache) is first
    assert facts.roster_beside(tmp_path / "nowhere" / "c.yaml") is None
    assert facts.team_members({"R00t AI": ["x"]}, "r00t-ai") == ["x"]
    assert facts.team_members({"R00t AI": ["x"]}, "other") is None


def _plan(tmp_path, edit) -> object:
    data = yaml.safe_load(CLEAN)
    edit(data)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return check_plan(path, COURSE, load_catalog())


def test_check_and_plan_document_agree_on_a_component_written_another_way(tmp_path):
    from planner.plandoc.context import architecture

    def edit(data):
        data["architecture"]["flows"][0]["from"] = "  " + data["architecture"]["components"][0]["name"].upper()
    checked = _plan(tmp_path, edit)
    assert not [f for f in checked.findings if f.id == "PLN130"]
    nodes, edges = architecture(checked.plan)
    assert len(nodes) == len(checked.plan.components)  # no ghost node for the other spelling


def test_check_and_roles_agree_on_a_member_written_in_another_order(tmp_path):
    def edit(data):
        data["milestones"][0]["owner"] = "Lovelace Ada"
    checked = _plan(tmp_path, edit)
    assert not [f for f in checked.findings if f.id == "PLN302"]
    assert checked.plan.member("Lovelace Ada").name == "Ada Lovelace"
    assert checked.plan.member("LOVELACE") is None  # not a first name


def test_the_report_and_the_check_agree_on_a_member_written_in_another_order(tmp_path):
    from planner.report.rosterproblems import roster_problems

    def edit(data):
        data["team"]["members"][0]["name"] = "Lovelace Ada"
    checked = _plan(tmp_path, edit)
    roster = {"Clean Team": [{"name": "Ada Lovelace"}, {"name": "Alan Turing"}, {"name": "Grace Hopper"}]}
    assert roster_problems([checked.plan], roster, 3, 4) == []
    again = check_plan(Path(checked.path), COURSE, load_catalog(), roster=roster)
    assert not [f for f in again.findings if f.id == "PLN204"]


def test_the_team_s_own_demo_date_ends_the_readme_and_the_course_date_is_the_limit(tmp_path):
    import datetime as dt

    from planner.plandoc import render_markdown
    from planner.rendering import render_input

    def edit(data):
        data["presentation"]["demo"] = dt.date(2026, 12, 10)
    checked = _plan(tmp_path, edit)
    assert checked.findings == []
    assert facts.final_date(checked.plan, COURSE) == dt.date(2026, 12, 10)
    text = render_markdown(render_input(checked, COURSE, load_catalog()))
    assert "*The team's final demo* | | *2026-12-10*" in text
    assert "The team's final demo : milestone, final, 2026-12-10, 0d" in text
    assert "The course's deadline: 2026-12-15." in text
    assert ", 2026-12-15, 0d" not in text  # the course's date is no second milestone
