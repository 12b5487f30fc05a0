"""The shipped example plans check clean, through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.completeness import overall_score, section_scores, stage_states
from planner.course import load_course
from planner.plans import check_plan

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SCHEMA_LINE = "# yaml-language-server: $schema=../plan.schema.json"


def test_at_least_three_examples_in_both_languages():
    assert len(EXAMPLES) >= 3
    languages = {check_plan(path, load_course(None)).plan.language for path in EXAMPLES}
    assert languages == {"fr", "en"}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_checks_clean_with_no_warnings(path):
    runner = CliRunner()
    result = runner.invoke(cli, ["check", "--strict", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []
    text = runner.invoke(cli, ["check", str(path)])
    assert text.exit_code == 0, text.output
    # The summary line speaks the plan's language, like its findings.
    assert ("0 errors, 0 warnings; completeness 100%" in text.stderr
            or "0 erreur, 0 avertissement\u00a0; complétude 100\u00a0%" in text.stderr), text.stderr


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_builds_without_findings(path, tmp_path):
    """What a newcomer builds first finds nothing to say: no slide too wordy for its time
    (PLN701), nothing moved to backup slides (PLN603)."""
    result = CliRunner().invoke(cli, ["build", str(path), "-o", str(tmp_path), "--only", "deck"])
    assert result.exit_code == 0, result.output
    assert "[PLN" not in result.stderr, result.stderr


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_complete_and_realistic(path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_LINE
    course = load_course(None)
    plan = check_plan(path, course).plan
    assert course.team_min <= len(plan.members) <= course.team_max
    assert all(member.role and member.email for member in plan.members)
    assert overall_score(section_scores(plan, course)) == 100
    # Every stage of the checklist is answered: chosen with reasons, or not applicable.
    for state in stage_states(plan, course):
        if state.stage.required_for(plan.project.generative_ai) or state.stage.requirement == "recommended":
            assert state.state in ("done", "not-applicable"), state.stage.id
    dues = [milestone.due for milestone in plan.milestones]
    assert dues == sorted(dues) and dues[-1] <= course.final_due
    assert plan.presentation.date and plan.presentation.date < course.final_due
    assert all(risk.mitigation for risk in plan.risks) and len(plan.risks) >= 3
    assert len(plan.components) >= 5 and len(plan.flows) >= 5
    assert plan.project.scope_in and plan.project.scope_out
    # Success metrics are measurable: each holds a number.
    assert all(any(char.isdigit() for char in metric) for metric in plan.project.success_metrics)


def _plan(name):
    return check_plan(ROOT / "examples" / name, load_course(None)).plan


def test_smart_meter_example_uses_the_streaming_stack():
    plan = _plan("smart-meter-fr.yaml")
    assert plan.language == "fr" and len(plan.members) == 4
    assert plan.infrastructure.choice == "hybrid"
    tools = {tool for choice in plan.stack.values() for tool in choice.tools}
    assert {"Apache Kafka", "Apache Spark", "MinIO", "MLflow", "Apache Airflow",
            "Prometheus", "Grafana", "Evidently"} <= tools
    assert plan.stack["data-storage"].kind == "lake"
    assert "Locust" in {component.name for component in plan.components}


def test_genai_example_marks_training_and_preparation_not_applicable():
    plan = _plan("genai-assistant-en.yaml")
    assert plan.language == "en" and len(plan.members) == 3
    assert plan.project.generative_ai is True
    for stage in ("model-training", "data-preparation"):
        assert plan.stack[stage].status == "not-applicable" and plan.stack[stage].reason
    assert "vLLM" in plan.stack["llm-serving"].tools
    assert plan.stack["vector-store"].tools == ("Qdrant",)
    assert plan.stack["agent-orchestration"].tools == ("LangGraph",)


def test_notebook_example_uses_h2o_automl_on_a_personal_computer():
    plan = _plan("notebook-automl-fr.yaml")
    assert len(plan.members) == 3
    assert plan.infrastructure.choice == "personal-computer"
    assert "H2O AutoML" in plan.stack["model-training"].tools
    assert "JupyterLab" in plan.stack["development-environment"].tools
    assert plan.stack["experiment-tracking"].tools == ("MLflow",)
    assert plan.stack["data-storage"].tools == ("DuckDB",)


def test_check_without_plans_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    missing = runner.invoke(cli, ["check"])
    assert missing.exit_code == 2
    assert "teams" in missing.stderr and "planner new" in missing.stderr
    (tmp_path / "teams").mkdir()
    (tmp_path / "teams" / "README.md").write_text("plans go here\n", encoding="utf-8")
    (tmp_path / "teams" / "roster.yaml").write_text("teams: {}\n", encoding="utf-8")
    empty = runner.invoke(cli, ["check"])
    assert empty.exit_code == 2
    assert "no plan files" in empty.stderr and "planner new" in empty.stderr
    assert "Traceback" not in empty.output


def test_comma_trap_in_flow_mapping_is_explained(tmp_path):
    """docs/plan-format.md warns about `{tool: X, reason: a, b}`; the finding says what happened."""
    text = (ROOT / "examples" / "notebook-automl-fr.yaml").read_text(encoding="utf-8")
    quoted = '{tool: SQLite, reason: "moins rapide pour les agrégations analytiques et moins pratique avec pandas"}'
    assert quoted in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(quoted, quoted.replace('"', "").replace(" et ", ", et ")),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1
    [finding] = json.loads(result.stdout)
    assert finding["id"] == "PLN010" and "et moins pratique avec pandas" in finding["message"]
    assert "alternatives[2]" in finding["message"] and "guillemets" in finding["hint"]  # a French plan: French hint
