"""planner grade: sheets from the rubric with evidence, filled programmatically, collected back."""

from __future__ import annotations

import csv
import io
import re

import pytest
import yaml

from classplans import BROKEN, plan_data, write_plan
from cli_support import run_planner
from planner.course import load_course
from planner.grade.sheet import parse

COURSE = load_course()
IDS = [criterion.id for criterion in COURSE.rubric]


@pytest.fixture
def klass(tmp_path):
    folder = tmp_path / "teams"
    write_plan(folder, 0)
    weak = plan_data(1, team="=Weak, \"team\"")
    del weak["stack"]["monitoring"]        # a required stage missing: an error finding
    weak["risks"].append({"risk": "GPU quota", "likelihood": "high", "impact": "high"})
    weak["architecture"]["components"].append({"name": "Orphan", "role": "nothing"})
    (folder / "team-01.yaml").write_text(yaml.safe_dump(weak, allow_unicode=True), "utf-8")
    (folder / "zz-broken.yaml").write_text(BROKEN, "utf-8")
    return folder


def table(path):
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"), newline="")))


def fill(path, scores: dict, comment="Bien: clair.\nÀ revoir : la surveillance."):
    """Write a score (and a two-line comment) into each criterion's block, as a person would."""
    text = path.read_text("utf-8")
    for criterion, score in scores.items():
        text = re.sub(rf"(```grade {criterion}\nscore:)[^\n]*\n(comment:)[^\n]*",
                      lambda m, s=score: f"{m[1]} {s}\n{m[2]} {comment}", text)
    path.write_text(text, "utf-8")


def test_sheets_hold_the_rubric_and_the_evidence(klass, tmp_path):
    out = tmp_path / "grades"
    result = run_planner("grade", klass, "-o", out, "--html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    sheets = sorted(path.name for path in out.glob("*.md"))
    assert sheets == ["team-00.md", "weak-team.md", "zz-broken.md"]
    assert sorted(path.name for path in out.glob("*.html")) == [
        "team-00.html", "weak-team.html", "zz-broken.html"]
    weak = (out / "weak-team.md").read_text("utf-8")
    parsed = parse(weak, "weak-team.md")
    assert parsed.team_name == '=Weak, "team"'
    assert [block.criterion for block in parsed.blocks] == IDS
    assert all(not block.values.get("score") for block in parsed.blocks)
    # Evidence per criterion, from check, completeness and the outline.
    assert "Étapes manquantes : Surveillance" in weak
    assert "`PLN" in weak and "erreur(s)" in weak
    assert "Composants reliés à aucun flux : Orphan" in weak
    assert "Risques élevés sans mitigation : 1" in weak
    assert re.search(r"Ada Lovelace1 : \d\d:\d\d \(\d+ %\)", weak) is None  # members of team 1
    assert re.search(r": \d\d:\d\d \(\d+ %\)", weak)  # speaking balance per member
    assert "| 3 — Excellent |" in weak
    assert "Le plan ne peut pas être lu" in (out / "zz-broken.md").read_text("utf-8")
    rows = table(out / "grades.csv")
    assert list(rows[0]) == ["team", "plan"] + IDS + ["total"]
    assert [row["team"] for row in rows] == ["Team 00", "'=Weak, \"team\"", "zz-broken"]
    assert all(row["total"] == "" for row in rows)


def test_round_trip_generate_fill_collect(klass, tmp_path):
    out = tmp_path / "grades"
    run_planner("grade", klass, "-o", out, "--lang", "en", cwd=tmp_path)
    full = dict(zip(IDS, ["3", "2.5", "2", "1,5", "3"]))
    fill(out / "team-00.md", full)
    fill(out / "weak-team.md", {**full, "stack": "7", "architecture": "beaucoup"})
    result = run_planner("grade", "--collect", out, "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    weak = (out / "weak-team.md").read_text("utf-8").splitlines()
    stack_line = next(i for i, line in enumerate(weak, 1) if line.startswith("score: 7"))
    assert f"{out / 'weak-team.md'}:{stack_line}:8: error [GRD001] the score 7 of criterion " \
           "'stack' is outside 0 to 3" in errors
    assert any("'beaucoup' of criterion 'architecture' is not a number" in e for e in errors)
    broken = [e for e in errors if "zz-broken.md" in e]
    assert len(broken) == len(IDS) and all("has no score" in e for e in broken)
    rows = {row["plan"].rsplit("/", 1)[-1]: row for row in table(out / "grades.csv")}
    done = rows["team-00.yaml"]
    assert [done[i] for i in IDS] == ["3", "2.5", "2", "1.5", "3"]
    # (30*3/3 + 15*2.5/3 + 20*2/3 + 15*1.5/3 + 20*3/3) / 100
    assert float(done["total"]) == pytest.approx(round(30 + 12.5 + 40 / 3 + 7.5 + 20, 1))
    assert rows["team-01.yaml"]["stack"] == "" and rows["team-01.yaml"]["total"] == ""
    # Regenerating refreshes the evidence and keeps the instructor's scores and comments.
    again = run_planner("grade", klass, "-o", out, "--lang", "en", cwd=tmp_path)
    assert "existing scores and comments kept" in again.stdout
    kept = parse((out / "team-00.md").read_text("utf-8"), "x")
    assert [block.values["score"] for block in kept.blocks] == ["3", "2.5", "2", "1,5", "3"]
    assert kept.blocks[0].values["comment"] == "Bien: clair.\nÀ revoir : la surveillance."
    assert float(table(out / "grades.csv")[0]["total"]) == float(done["total"])


def test_collect_clean_exits_0(tmp_path):
    folder = tmp_path / "teams"
    write_plan(folder, 0)
    out = tmp_path / "grades"
    run_planner("grade", folder, "-o", out, cwd=tmp_path)
    fill(out / "team-00.md", dict.fromkeys(IDS, "3"))
    (out / "README.md").write_text("# Notes\n", "utf-8")  # not a sheet: ignored
    result = run_planner("grade", "--collect", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert table(out / "grades.csv")[0]["total"] == "100"


def test_refuses_to_overwrite_a_file_that_is_not_a_sheet(tmp_path):
    folder = tmp_path / "teams"
    write_plan(folder, 0)
    out = tmp_path / "grades"
    out.mkdir()
    (out / "team-00.md").write_text("# My own notes\n", "utf-8")
    result = run_planner("grade", folder, "-o", out, cwd=tmp_path)
    assert result.returncode == 2 and "refusing to overwrite" in result.stderr
    assert (out / "team-00.md").read_text("utf-8") == "# My own notes\n"


def test_bad_usage_exit_2(tmp_path):
    result = run_planner("grade", "--collect", tmp_path / "nothing", cwd=tmp_path)
    assert result.returncode == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_planner("grade", "--collect", empty, cwd=tmp_path)
    assert result.returncode == 2 and "grade-team" in result.stderr
    result = run_planner("grade", "teams", "--collect", empty, cwd=tmp_path)
    assert result.returncode == 2


def course_with(tmp_path, rubric):
    from planner import resources
    data = dict(resources.data_file("course.yaml"))
    if rubric is None:
        data.pop("rubric")
    else:
        data["rubric"] = rubric
    path = tmp_path / "course.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_a_course_without_a_rubric_or_with_a_broken_one_exits_2(tmp_path):
    folder = tmp_path / "teams"
    write_plan(folder, 0)
    result = run_planner("grade", folder, "--course", course_with(tmp_path, None), cwd=tmp_path)
    assert result.returncode == 2 and "has no rubric" in result.stderr
    level = {"score": 1, "label": {"fr": "Un", "en": "One"}}
    title = {"fr": "Critère", "en": "Criterion"}
    broken = {"criteria": [
        {"id": "stack", "title": title, "weight": 1, "levels": [level, {**level, "score": 0}]},
        {"id": "stack", "title": title, "weight": 1, "levels": [level, level]},
        {"id": "Bad Id", "title": title, "weight": 1, "levels": [level, {**level, "score": 0}]},
    ]}
    result = run_planner("grade", folder, "--course", course_with(tmp_path, broken), cwd=tmp_path)
    assert result.returncode == 2
    assert "rubric criterion id 'stack' is defined twice" in result.stderr
    assert "needs levels with at least two scores" in result.stderr
    assert re.search(r"course\.yaml:\d+:\d+: error \[CRS001\]", result.stderr)
    assert "rubric criterion id 'Bad Id' must be lower-case" in result.stderr


def test_a_criterion_scored_twice_is_a_finding_at_the_second_block(tmp_path):
    folder = tmp_path / "teams"
    write_plan(folder, 0)
    out = tmp_path / "grades"
    run_planner("grade", folder, "-o", out, "--lang", "en", cwd=tmp_path)
    sheet = out / "team-00.md"
    fill(sheet, dict.fromkeys(IDS, "3"))
    text = sheet.read_text("utf-8")
    first = re.search(rf"```grade {IDS[0]}\n.*?```\n", text, re.S)
    sheet.write_text(text + "\n" + first[0], "utf-8")
    result = run_planner("grade", "--collect", out, "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    line = text[:first.start()].count("\n") + 1
    assert f"criterion '{IDS[0]}' is scored twice (also on line {line})" in result.stderr
