"""`planner schema`: a valid JSON Schema that accepts the examples, and the committed copy is current."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from cli_support import run_planner
from planner.cli.schema_cmd import render
from planner.course import load_course

ROOT = Path(__file__).resolve().parent.parent
COURSE_TEXT = (ROOT / "planner/data/course.yaml").read_text(encoding="utf-8")


planner = run_planner


def as_json_data(value):
    """What an editor's YAML language server sees: dates are text."""
    if isinstance(value, dict):
        return {k: as_json_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json_data(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def schema():
    result = planner("schema")
    assert result.returncode == 0
    return json.loads(result.stdout)


def test_stdout_is_a_valid_draft_2020_12_schema(schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]["stack"]["properties"]) == set(load_course().stage_ids) - {
        "infrastructure"}


def test_output_is_stable_sorted_json():
    text = render(load_course())
    assert text == render(load_course())
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_committed_plan_schema_json_is_current():
    committed = (ROOT / "plan.schema.json").read_text(encoding="utf-8")
    assert committed == render(load_course()), "run: planner schema -o plan.schema.json"


def plan_files():
    return sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "tests/fixtures/check/clean.yaml"]


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_examples_validate_against_the_schema(path, schema):
    data = as_json_data(yaml.safe_load(path.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.name)
def test_examples_point_editors_at_the_committed_schema(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("$schema=", 1)[1].strip()).resolve()
    assert target == (ROOT / "plan.schema.json").resolve()


@pytest.mark.parametrize("edit, where", [
    (lambda d: d["team"].update(nmae="x"), "nmae"),
    (lambda d: d["stack"].update({"modle-training": {"tools": ["x"]}}), "modle-training"),
    (lambda d: d["stack"]["data-storage"].update(kind="datalake"), "datalake"),
    (lambda d: d["infrastructure"].update(choice="mainframe"), "mainframe"),
    (lambda d: d["presentation"].update(speakers={"architecure": "Ada"}), "architecure"),
    (lambda d: d["project"].update(objectives="one"), "one"),
])
def test_the_schema_rejects_what_check_rejects(schema, edit, where):
    data = as_json_data(yaml.safe_load((ROOT / "tests/fixtures/check/clean.yaml").read_text()))
    edit(data)
    with pytest.raises(jsonschema.ValidationError) as info:
        jsonschema.validate(data, schema)
    assert where in str(info.value)


def test_output_option_writes_the_file_atomically(tmp_path):
    target = tmp_path / "sub" / "plan.schema.json"
    result = planner("schema", "-o", target)
    assert result.returncode == 0 and result.stdout == ""
    assert target.read_text(encoding="utf-8") == render(load_course())
    assert sorted(p.name for p in target.parent.iterdir()) == ["plan.schema.json"]
    # a second run replaces it with the same bytes
    before = target.read_bytes()
    assert planner("schema", "--output", target).returncode == 0
    assert target.read_bytes() == before


def test_output_to_a_folder_fails_cleanly_and_leaves_nothing(tmp_path):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "keep.txt").write_text("x")
    result = planner("schema", "-o", folder)
    assert result.returncode == 2
    assert "cannot write" in result.stderr and str(folder) in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]


def test_course_option_changes_the_stages(tmp_path):
    course = tmp_path / "course.yaml"
    course.write_text(COURSE_TEXT.replace("feature-store", "feature-platform"), encoding="utf-8")
    result = planner("schema", "--course", course)
    assert result.returncode == 0, result.stderr
    stack = json.loads(result.stdout)["properties"]["stack"]["properties"]
    assert "feature-platform" in stack and "feature-store" not in stack


def test_broken_course_file_exits_2(tmp_path):
    course = tmp_path / "course.yaml"
    course.write_text("course: [\n", encoding="utf-8")
    result = planner("schema", "--course", course)
    assert result.returncode == 2 and f"{course}:2:1: error" in result.stderr
