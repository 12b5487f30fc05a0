"""`planner catalog`: browse the catalog by stage, search it, text or JSON, French or English."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import run_planner
from planner.catalog import load_catalog
from planner.course import load_course

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog()
COURSE = load_course()


planner = run_planner


def sections(text):
    """{stage id: [tool lines]} from the text output."""
    found, current = {}, None
    for line in text.splitlines():
        if line and not line.startswith(" "):
            current = line.split(":", 1)[0]
            found[current] = []
        elif line.strip():
            found[current].append(line.strip())
    return found


def test_all_stages_in_course_order_with_every_tool():
    result = planner("catalog")
    assert result.returncode == 0
    found = sections(result.stdout)
    stages_with_tools = [s for s in COURSE.stage_ids if CATALOG.for_stage(s)]
    assert list(found) == stages_with_tools
    for stage_id, lines in found.items():
        names = [tool.name for tool in CATALOG.for_stage(stage_id)]
        assert len(lines) == len(names)
        assert all(line.startswith(name) for line, name in zip(lines, names))
    listed = {tool.name for tools in map(CATALOG.for_stage, stages_with_tools) for tool in tools}
    assert listed == {tool.name for tool in CATALOG.tools if set(tool.stages) & set(COURSE.stage_ids)}


def test_a_stage_lists_its_tools_with_english_descriptions():
    result = planner("catalog", "feature-store")
    assert result.returncode == 0
    found = sections(result.stdout)
    assert list(found) == ["feature-store"]
    assert result.stdout.startswith("feature-store: Feature store (recommended)\n")
    feast = CATALOG.find("Feast")
    assert any(line.startswith("Feast") and line.endswith(feast.description["en"])
               for line in found["feature-store"])
    assert {"Feast", "Tecton"} <= {line.split("  ")[0] for line in found["feature-store"]}


def test_french_labels_and_descriptions():
    result = planner("catalog", "model-deployment", "--lang", "fr")
    assert result.returncode == 0
    assert result.stdout.startswith("model-deployment: Déploiement du modèle (requis)\n")
    mlflow = CATALOG.find("MLflow")
    assert mlflow.description["fr"] in result.stdout and mlflow.description["en"] not in result.stdout


@pytest.mark.parametrize("stage, names", [
    ("data-preparation", {"Snorkel"}), ("feature-store", {"Tecton", "Feast"}),
    ("development-environment", {"JupyterLab"}), ("model-training", {"H2O AutoML"}),
    ("model-deployment", {"MLflow", "NVIDIA NIM"}), ("integrated-platform", {"Dataiku", "Databricks"}),
])
def test_the_lectures_tools_are_in_their_stages(stage, names):
    data = json.loads(planner("catalog", stage, "--format", "json").stdout)
    assert names <= {tool["name"] for tool in data}


def test_json_is_a_list_of_tool_objects():
    result = planner("catalog", "--format", "json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data == [tool.as_dict() for tool in CATALOG.tools]
    for tool in data:
        assert isinstance(tool["name"], str) and tool["name"]
        assert isinstance(tool["aliases"], list) and isinstance(tool["stages"], list) and tool["stages"]
        assert set(tool["description"]) >= {"fr", "en"}


def test_json_of_a_stage():
    data = json.loads(planner("catalog", "vector-store", "--format", "json").stdout)
    assert data == [tool.as_dict() for tool in CATALOG.for_stage("vector-store")]
    assert all("vector-store" in tool["stages"] for tool in data)


@pytest.mark.parametrize("text, expected", [("ml flow", "MLflow"), ("mlfow", "MLflow"),
                                            ("drift", "Evidently"), ("Lakehouse", "Databricks")])
def test_search_matches_names_aliases_and_descriptions(text, expected):
    data = json.loads(planner("catalog", "--search", text, "--format", "json").stdout)
    assert expected in {tool["name"] for tool in data}
    assert [t["name"] for t in data] == [t.name for t in CATALOG.search(text)]


def test_search_within_a_stage():
    data = json.loads(planner("catalog", "monitoring", "--search", "open", "--format", "json").stdout)
    expected = [t.name for t in CATALOG.search("open") if "monitoring" in t.stages]
    assert [t["name"] for t in data] == expected
    assert 0 < len(data) < len(CATALOG.search("open"))


def test_search_without_match():
    result = planner("catalog", "--search", "zzzz-no-such-tool")
    assert result.returncode == 0 and result.stdout == "no tool matches\n"
    assert json.loads(planner("catalog", "--search", "zzzz", "--format", "json").stdout) == []


def test_unknown_stage_exits_2_with_a_suggestion():
    result = planner("catalog", "monitorng")
    assert result.returncode == 2
    assert "unknown stage 'monitorng'" in result.stderr and "did you mean 'monitoring'?" in result.stderr
    far = planner("catalog", "qqqq")
    assert far.returncode == 2 and "stages: infrastructure, data-storage" in far.stderr


def test_stages_come_from_the_course_file(tmp_path):
    course = tmp_path / "course.yaml"
    course.write_text((ROOT / "planner/data/course.yaml").read_text(encoding="utf-8")
                      .replace("feature-store", "features"), encoding="utf-8")
    assert planner("catalog", "feature-store", "--course", course).returncode == 2
    assert planner("catalog", "features", "--course", course).returncode == 0
