"""planner new: a starter plan that checks with only "fill me in" findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from planner.catalog import load_catalog
from planner.checks.text import is_placeholder
from planner.cli import cli
from planner.course import load_course
from planner.slugs import team_slug

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_LINE = "# yaml-language-server: $schema=../plan.schema.json"
# What a fresh starter may be told: placeholders to fill (PLN002) and the
# storage kind to choose (PLN107, a commented line to uncomment).
FILL_ME_IN = {"PLN002", "PLN107"}


@pytest.fixture
def cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def findings(path, *extra):
    result = run("check", "--format", "json", *extra, path)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def placeholders(value):
    if isinstance(value, dict):
        return sum(placeholders(v) for v in value.values())
    if isinstance(value, list):
        return sum(placeholders(v) for v in value)
    return int(is_placeholder(value))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_starter_has_only_fill_me_in_findings(cwd, lang):
    result = run("new", "R00t AI", "--lang", lang)
    assert result.exit_code == 0, result.output
    path = cwd / "teams" / "r00t-ai.yaml"
    assert str(Path('teams') / 'r00t-ai.yaml') in result.stdout  # "wrote", or "écrit" for --lang fr
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    data = yaml.safe_load(text)
    assert data["language"] == lang and data["team"]["name"] == "R00t AI"
    course = load_course(None)
    # Every required and recommended stage is there, waiting to be filled.
    for stage in course.stages:
        if stage.id != "infrastructure" and stage.requirement in ("required", "recommended"):
            assert stage.id in data["stack"], stage.id
    assert course.team_min <= len(data["team"]["members"]) <= course.team_max

    code, found = findings(path)
    assert code == 1
    assert {f["id"] for f in found} == FILL_ME_IN
    assert sum(f["id"] == "PLN002" for f in found) == placeholders(data)
    assert all(f["line"] > 1 for f in found)
    # The guide comments are in the chosen language.
    assert ("Remplacez chaque" in text) == (lang == "fr")
    assert ("Replace every" in text) == (lang == "en")


def fill(data, course, catalog):
    """Replace every TODO as a team would: real members, catalog tools, words."""
    names = ["Alice Martin", "Bruno Roy", "Chloé Diallo", "David Chen"]
    for index, member in enumerate(data["team"]["members"]):
        member.update(name=names[index], email=f"m{index}@example.org", role="ML engineer")
    chosen = []
    for stage_id, entry in data["stack"].items():
        # The starter runs on personal computers: tools the team can run itself.
        tools = [t for t in catalog.for_stage(stage_id) if t.hosting != "managed"
                 and (stage_id != "data-storage" or t.storage_kind == "database")]
        entry["tools"] = [tools[0].name]
        entry["alternatives"] = [{"tool": tools[1].name, "reason": "Less suited to our data."}]
        entry["why"] = "It fits our data and our budget, but the team must learn it."
        chosen.append(tools[0].name)
        if stage_id == "data-storage":
            entry["kind"] = "database"
    # The architecture says where every chosen tool runs (PLN133).
    data["architecture"]["summary"] = "The system runs " + ", ".join(chosen) + "."
    for milestone in data["milestones"]:
        milestone["owner"] = names[0] if is_placeholder(milestone["owner"]) else milestone["owner"]
    words = {}

    def walk(value):
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if is_placeholder(value):
            # The same placeholder gets the same words, so flows still name components.
            return words.setdefault(value, f"Filled in text number {len(words) + 1}.")
        return value
    return walk(data)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_filled_starter_checks_clean(cwd, lang):
    assert run("new", "Les Ponctuels", "--lang", lang).exit_code == 0
    path = cwd / "teams" / "les-ponctuels.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    filled = fill(data, load_course(None), load_catalog())
    path.write_text(yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, found = findings(path, "--strict")
    assert found == [] and code == 0


def test_refuses_to_overwrite(cwd):
    assert run("new", "Alpha").exit_code == 0
    path = cwd / "teams" / "alpha.yaml"
    path.write_text("# our own work\n", encoding="utf-8")
    again = run("new", "Alpha", "--lang", "en")
    assert again.exit_code == 2
    assert "already exists" in again.stderr and "alpha.yaml" in again.stderr
    assert path.read_text(encoding="utf-8") == "# our own work\n"
    other = cwd / "mine.yaml"
    other.write_text("keep\n", encoding="utf-8")
    assert run("new", "Beta", "-o", other).exit_code == 2
    assert other.read_text(encoding="utf-8") == "keep\n"
    assert not (cwd / "teams" / "beta.yaml").exists()


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "..", "a/b\\c", "teams/../../evil",
                                  "~root", "C:\\Windows\\x", "Équipe: «\"#1\"» & co"])
def test_unsafe_names_stay_in_teams(cwd, name):
    result = run("new", name)
    assert result.exit_code == 0, result.output
    written = [p for p in cwd.rglob("*") if p.is_file()]
    assert len(written) == 1
    assert written[0].parent == cwd / "teams"
    assert written[0].name == f"{team_slug(name)}.yaml"
    # The name itself is kept, as text, whatever it holds.
    data = yaml.safe_load(written[0].read_text(encoding="utf-8"))
    assert data["team"]["name"] == " ".join(name.split())


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "tab\x07bell"])
def test_bad_names_are_refused(cwd, name):
    result = run("new", name)
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "error:" in result.stderr
    assert not (cwd / "teams").exists()


def test_output_option_file_and_folder(cwd):
    assert run("new", "Gamma", "-o", "plans/gamma-plan.yaml").exit_code == 0
    assert (cwd / "plans" / "gamma-plan.yaml").is_file()
    (cwd / "class").mkdir()
    assert run("new", "Delta Team", "-o", "class").exit_code == 0
    assert (cwd / "class" / "delta-team.yaml").is_file()


def test_bad_language_is_a_usage_error(cwd):
    result = run("new", "Gamma", "--lang", "de")
    assert result.exit_code == 2
    assert not (cwd / "teams").exists()


def test_starter_follows_the_course_file(cwd):
    course_text = (ROOT / "planner" / "data" / "course.yaml").read_text(encoding="utf-8")
    assert "final_due: 2026-12-15" in course_text
    course_text = course_text.replace("final_due: 2026-12-15", "final_due: 2027-04-30")
    course_text = course_text.replace("team_size: {min: 3, max: 4}", "team_size: {min: 2, max: 2}")
    (cwd / "course.yaml").write_text(course_text, encoding="utf-8")
    assert run("new", "Spring", "--lang", "en").exit_code == 0
    path = cwd / "teams" / "spring.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(data["team"]["members"]) == 2
    dues = [str(m["due"]) for m in data["milestones"]]
    assert dues == sorted(dues) and dues[-1] == "2027-04-30"
    # ./course.yaml is picked up by check too: no team-size or date findings.
    _, found = findings(path)
    assert {f["id"] for f in found} == FILL_ME_IN


def test_starter_renders_for_every_language_without_the_cli():
    from planner import starter
    course = load_course(None)
    for lang in starter.LANGUAGES:
        text = starter.render("Zeta", lang, course)
        assert yaml.safe_load(text)["language"] == lang


def test_starter_gets_the_usual_permissions(cwd):
    import os
    import stat
    umask = os.umask(0o022)
    os.umask(umask)
    assert run("new", "Omega").exit_code == 0
    mode = stat.S_IMODE((cwd / "teams" / "omega.yaml").stat().st_mode)
    assert mode == 0o666 & ~umask
