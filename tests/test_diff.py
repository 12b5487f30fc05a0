"""planner diff: every kind of change between two plans, and a plan's history in a real git repo."""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess

import pytest
import yaml

from classplans import plan_data
from cli_support import run_planner
from planner.course import load_course
from planner.plandiff import Change, diff_plans
from planner.plans import check_plan

COURSE = load_course()


def model(data):
    """The plan model, read and validated as `planner check` reads it."""
    return check_plan("x.yaml", COURSE, text=yaml.safe_dump(data, allow_unicode=True)).plan


def changed(before, edit):
    after = copy.deepcopy(before)
    edit(after)
    return diff_plans(model(before), model(after), COURSE)


BASE = plan_data(0)


def _members(d):
    d["team"]["members"][0]["name"] = "Zoé Nouvelle"


def _infra(d):
    d["infrastructure"]["choice"] = "on-premise"
    d["infrastructure"]["providers"] = ["OVH"]


def _replace(d):
    d["stack"]["model-deployment"]["tools"] = ["Seldon Core"]


def _add_remove(d):
    d["stack"]["monitoring"]["tools"] = ["Evidently", "Prometheus"]
    d["stack"]["data-preparation"]["tools"] = []


def _status(d):
    d["stack"]["feature-store"] = {"status": "not-applicable", "reason": "No online features."}


def _kind(d):
    d["stack"]["data-storage"]["kind"] = "lakehouse"


def _components(d):
    d["architecture"]["components"] = [{"name": "ingestion", "role": "reads"},
                                       {"name": "Feature store", "role": "serves features"}]
    d["architecture"]["flows"] = [{"from": "Ingestion", "to": "Feature store", "label": "rows"},
                                  {"from": "Ingestion", "to": "API", "label": "batches"}]


def _milestones(d):
    d["milestones"][0]["due"] = "2026-10-22"           # slips a week
    d["milestones"][1]["due"] = "2026-11-03"           # comes a week earlier
    d["milestones"].append({"title": "Demo", "due": "2026-12-10"})


def _milestone_removed(d):
    del d["milestones"][0]


def _risks(d):
    d["risks"][0]["likelihood"] = "high"
    d["risks"].append({"risk": "GPU quota", "likelihood": "low", "impact": "high",
                       "mitigation": "CPU fallback"})


def _risk_closed(d):
    d["risks"] = []


def _title(d):
    d["project"]["title"] = "Hourly forecasts"


@pytest.mark.parametrize("edit, expected", [
    (_members, [Change("members", "removed", "", old="Ada Lovelace0"),
                Change("members", "added", "", new="Zoé Nouvelle")]),
    (_infra, [Change("infrastructure", "changed", "choice", "cloud", "on-premise"),
              Change("infrastructure", "removed", "providers", old="AWS"),
              Change("infrastructure", "added", "providers", new="OVH")]),
    (_replace, [Change("stack", "replaced", "model-deployment", "BentoML", "Seldon Core")]),
    (_add_remove, [Change("stack", "removed", "data-preparation", old="pandas"),
                   Change("stack", "added", "monitoring", new="Prometheus")]),
    (_status, [Change("stack", "changed", "feature-store", "chosen", "not-applicable"),
               Change("stack", "removed", "feature-store", old="Feast")]),
    (_kind, [Change("stack", "changed", "data-storage.kind", "database", "lakehouse")]),
    (_components, [Change("architecture", "removed", "component", old="API"),
                    Change("architecture", "added", "component", new="Feature store"),
                    Change("architecture", "added", "flow", new="Ingestion → Feature store"),
                    Change("architecture", "changed", "flow Ingestion → API", "features",
                           "batches")]),
    (_milestones, [Change("milestones", "added", "Demo", new="2026-12-10"),
                   Change("milestones", "moved", "Data pipeline", "2026-10-15", "2026-10-22", 7),
                   Change("milestones", "moved", "First model", "2026-11-10", "2026-11-03", -7)]),
    (_milestone_removed, [Change("milestones", "removed", "Data pipeline", old="2026-10-15")]),
    (_risks, [Change("risks", "added", "GPU quota", new="low/high"),
              Change("risks", "re-rated", "Data arrives late", "medium/high", "high/high")]),
    (_risk_closed, [Change("risks", "removed", "Data arrives late", old="medium/high")]),
    (_title, [Change("project", "changed", "title", "Smart meter forecasting 0",
                     "Hourly forecasts")]),
])
def test_every_kind_of_change(edit, expected):
    found = changed(BASE, edit)
    assert found == expected


def test_no_change_and_reordering_are_not_changes():
    assert changed(BASE, lambda d: None) == []
    assert changed(BASE, lambda d: d["milestones"].reverse()) == []
    assert changed(BASE, lambda d: d["team"]["members"].reverse()) == []


def write(path, data):
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_cli_formats(tmp_path):
    old = write(tmp_path / "old.yaml", BASE)
    new_data = copy.deepcopy(BASE)
    _replace(new_data)
    _milestones(new_data)
    _infra(new_data)
    new = write(tmp_path / "new.yaml", new_data)
    text = run_planner("diff", old, new, cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "Déploiement du modèle : BentoML remplacé par Seldon Core" in text.stdout
    assert "Data pipeline : déplacé du 2026-10-15 au 2026-10-22 (+7 j)" in text.stdout
    assert "Choix : infonuagique → sur site" in text.stdout
    english = run_planner("diff", old, new, "--lang", "en", "--format", "markdown", cwd=tmp_path)
    assert "## What changed since the plan" in english.stdout
    assert "- First model: moved from 2026-11-10 to 2026-11-03 (-7 d)" in english.stdout
    data = json.loads(run_planner("diff", old, new, "--format", "json", cwd=tmp_path).stdout)
    assert data["old"] == str(old) and data["new"] == str(new)
    assert {"section": "milestones", "kind": "moved", "subject": "Data pipeline",
            "old": "2026-10-15", "new": "2026-10-22", "days": 7} in data["changes"]
    same = run_planner("diff", old, old, "--lang", "en", cwd=tmp_path)
    assert "No changes." in same.stdout and "0 changes" in same.stdout


def test_cli_bad_usage_and_unreadable_exit_2(tmp_path):
    old = write(tmp_path / "old.yaml", BASE)
    assert run_planner("diff", old, cwd=tmp_path).returncode == 2
    assert run_planner("diff", old, old, "--since", "HEAD", cwd=tmp_path).returncode == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("team: [\n", "utf-8")
    result = run_planner("diff", old, broken, cwd=tmp_path)
    assert result.returncode == 2 and "broken.yaml:" in result.stderr


def git(folder, *args):
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(folder)})


def repository(tmp_path, *edits):
    """A git repository with the plan committed (and tagged plan-v1); the working copy
    then gets `edits`. Returns (repo, plan path)."""
    repo = tmp_path / "repo"
    (repo / "teams").mkdir(parents=True)
    plan = write(repo / "teams" / "team.yaml", BASE)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "plan")
    git(repo, "tag", "plan-v1")
    later = copy.deepcopy(BASE)
    for edit in edits:
        edit(later)
    write(plan, later)
    return repo, plan


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_since_a_git_revision(tmp_path):
    repo, plan = repository(tmp_path, _replace, _risks)
    git(repo, "commit", "-q", "-am", "final")
    # The working copy against the tag, from another folder: the path is what matters.
    result = run_planner("diff", plan, "--since", "plan-v1", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["old"] == "plan-v1:teams/team.yaml"
    kinds = {(c["section"], c["kind"]) for c in data["changes"]}
    assert kinds == {("stack", "replaced"), ("risks", "added"), ("risks", "re-rated")}
    assert json.loads(run_planner("diff", plan, "--since", "HEAD", "--format", "json",
                                  cwd=repo).stdout)["changes"] == []
    unknown = run_planner("diff", plan, "--since", "no-such-tag", cwd=tmp_path)
    assert unknown.returncode == 2 and "unknown git revision 'no-such-tag'" in unknown.stderr
    option = run_planner("diff", plan, "--since", "--output=x", cwd=tmp_path)
    assert option.returncode == 2
    other = write(repo / "teams" / "new.yaml", BASE)
    absent = run_planner("diff", other, "--since", "plan-v1", cwd=tmp_path)
    assert absent.returncode == 2 and "does not exist at 'plan-v1'" in absent.stderr
    outside = write(tmp_path / "alone.yaml", BASE)
    result = run_planner("diff", outside, "--since", "HEAD", cwd=tmp_path)
    assert result.returncode == 2 and "not in a git repository" in result.stderr


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_build_since_adds_a_timed_slide_and_a_section(tmp_path):
    from pptx import Presentation

    repo, plan = repository(tmp_path, _replace, _milestones)
    out = tmp_path / "build"
    result = run_planner("build", plan, "--since", "HEAD", "-o", out, cwd=repo)
    assert result.returncode == 0, result.stderr
    markdown = (out / "team-00" / "plan.md").read_text("utf-8")
    assert "## Ce qui a changé depuis le plan" in markdown
    assert "- Déploiement du modèle : BentoML remplacé par Seldon Core" in markdown
    assert "Data pipeline : déplacé du 2026-10-15 au 2026-10-22 (+7 j)" in markdown
    deck = Presentation(str(out / "team-00" / "deck.pptx"))
    titles = [slide.shapes.title.text for slide in deck.slides]
    index = titles.index("Ce qui a changé depuis le plan")
    assert titles[index + 1] == "Questions"  # just before the questions
    texts = " ".join(shape.text_frame.text for shape in deck.slides[index].shapes
                     if shape.has_text_frame)
    assert "Seldon Core" in texts and "+7 j" in texts
    notes = deck.slides[index].notes_slide.notes_text_frame.text
    assert "Depuis la présentation du plan : ce qui a changé, et pourquoi." in notes
    found = [re.match(r"\[(\d\d):(\d\d)–(\d\d):(\d\d)\]",
                      slide.notes_slide.notes_text_frame.text) for slide in deck.slides]
    assert all(found)
    cues = [("",) + match.groups() for match in found]
    # Still 15 minutes, without a gap: the new slide's time comes from the others.
    assert cues[0][1:3] == ("00", "00") and cues[-1][3:5] == ("15", "00")
    for before, after in zip(cues, cues[1:]):
        assert before[3:5] == after[1:3]
    change_cue = cues[index]
    assert (int(change_cue[3]) * 60 + int(change_cue[4])) - (int(change_cue[1]) * 60
                                                             + int(change_cue[2])) >= 30
    # Without --since: no such slide, the same deck as before.
    plain_build = run_planner("build", plan, "-o", tmp_path / "plain", cwd=repo)
    assert plain_build.returncode == 0
    assert "Ce qui a changé" not in (tmp_path / "plain" / "team-00" / "plan.md").read_text("utf-8")
    bad = run_planner("build", plan, "--since", "nope", "-o", out, cwd=repo)
    assert bad.returncode == 2 and "unknown git revision 'nope'" in bad.stderr
