"""Every rule fires on a minimal plan that triggers it, and no rule fires on a clean plan.

Each case takes the clean plan in tests/fixtures/check/clean.yaml, breaks one
thing, dumps it with PyYAML and checks the file for real (loader, validator,
model, checks). `line_has` says what the reported line must contain, so the
finding is known to point at the right place.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from planner.catalog import load_catalog
from planner.checks import all_rules, explain
from planner.checks.docs import render as render_docs
from planner.course import load_course
from planner.errors import InputError
from planner.plans import check_plan

ROOT = Path(__file__).resolve().parent.parent
CLEAN = yaml.safe_load((ROOT / "tests/fixtures/check/clean.yaml").read_text(encoding="utf-8"))
COURSE = load_course()
CATALOG = load_catalog()


def dump(data) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def check_text(tmp_path, text, name="plan.yaml", roster=None):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return check_plan(path, COURSE, CATALOG, roster=roster), text.splitlines()


@dataclass
class Case:
    rule: str
    name: str
    edit: Callable[[dict], None] | None = None
    text: Callable[[str], str] | None = None  # edits the dumped text (what a dict cannot say)
    line_has: str | None = None
    roster: dict | None = None  # teams/roster.yaml content: team name -> members

    def build(self) -> str:
        data = copy.deepcopy(CLEAN)
        if self.edit:
            self.edit(data)
        text = dump(data)
        return self.text(text) if self.text else text


def stage(name):
    return lambda data: data["stack"][name]


def delete(*path):
    def edit(data):
        for key in path[:-1]:
            data = data[key]
        del data[path[-1]]
    return edit


def put(value, *path):
    def edit(data):
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value
    return edit


def both(*edits):
    def edit(data):
        for one in edits:
            one(data)
    return edit


def member(name, role="dev"):
    return {"name": name, "email": f"{name.replace(' ', '.').lower()}@example.org", "role": role}


CASES = [
    Case("PLN000", "unreadable YAML", text=lambda t: t + "oops: [\n"),
    Case("PLN001", "duplicate top-level key", text=lambda t: t + "language: fr\n",
         line_has="language: fr"),
    Case("PLN001", "duplicate nested key",
         text=lambda t: t.replace("  name: Clean Team\n", "  name: Clean Team\n  name: Other\n"),
         line_has="name: Other"),
    Case("PLN002", "placeholder left", put("TODO: say what the project does", "project", "summary"),
         line_has="TODO"),
    Case("PLN010", "unknown nested key", put("x", "team", "nmae"), line_has="nmae"),
    Case("PLN010", "unknown top-level key", put([], "milestone"), line_has="milestone"),
    Case("PLN010", "unknown stage id", put({"tools": ["MLflow"], "why": "w"}, "stack", "modle-training"),
         line_has="modle-training"),
    Case("PLN011", "text where a list is expected", put("Reduce cost", "project", "objectives"),
         line_has="Reduce cost"),
    Case("PLN011", "list where text is expected", put(["first", "second"], "project", "title"),
         line_has="- first"),
    Case("PLN011", "text where a mapping is expected", put("PostgreSQL", "stack", "data-storage"),
         line_has="data-storage"),
    Case("PLN012", "storage kind outside its choices", put("datalake", "stack", "data-storage", "kind"),
         line_has="datalake"),
    Case("PLN012", "infrastructure choice outside its choices", put("clouds", "infrastructure", "choice"),
         line_has="clouds"),
    Case("PLN012", "minutes out of range", put(500, "presentation", "minutes"), line_has="500"),
    Case("PLN012", "empty team name", put("  ", "team", "name"), line_has="name:"),
    Case("PLN013", "project title missing", delete("project", "title"), line_has="project:"),
    Case("PLN013", "stack missing", delete("stack")),
    Case("PLN014", "impossible date", text=lambda t: t.replace("due: 2026-10-20", "due: 2026-02-30"),
         line_has="2026-02-30"),
    Case("PLN014", "date in another format", put("20/10/2026", "milestones", 1, "due"),
         line_has="20/10/2026"),
    Case("PLN014", "malformed email", lambda d: d["team"]["members"][0].update(email="ada-at-example"),
         line_has="ada-at-example"),
    Case("PLN015", "control character in a text",
         text=lambda t: t.replace("title: ", 'title: "Sherpa\\x01 assistant" #', 1),
         line_has="Sherpa"),
    Case("PLN012", "date off the calendar", put("9999-12-31", "milestones", 1, "due"),
         line_has="9999-12-31"),
    Case("PLN101", "required stage missing", delete("stack", "model-training"), line_has="stack:"),
    Case("PLN102", "recommended stage missing", delete("stack", "orchestration"), line_has="stack:"),
    Case("PLN103", "generative AI without its stages", put(True, "project", "generative_ai"),
         line_has="stack:"),
    Case("PLN103", "generative stage without generative_ai",
         put({"tools": ["Ollama"], "why": "w", "alternatives": ["vLLM"]}, "stack", "llm-serving"),
         line_has="project:"),
    Case("PLN104", "stage without why", delete("stack", "model-training", "why"),
         line_has="model-training:"),
    Case("PLN105", "stage without alternatives", delete("stack", "monitoring", "alternatives"),
         line_has="monitoring:"),
    Case("PLN106", "not applicable without reason", delete("stack", "feature-store", "reason"),
         line_has="feature-store:"),
    Case("PLN107", "storage without kind", delete("stack", "data-storage", "kind"),
         line_has="data-storage:"),
    Case("PLN108", "unknown tool", put(["Frobnicator 3000"], "stack", "model-training", "tools"),
         line_has="Frobnicator"),
    Case("PLN108", "misspelt tool", put(["MLfloww"], "stack", "experiment-tracking", "tools"),
         line_has="MLfloww"),
    Case("PLN109", "tool in a stage it cannot serve", put(["Grafana"], "stack", "model-training", "tools"),
         line_has="Grafana"),
    Case("PLN110", "chosen stage without tools", put([], "stack", "model-training", "tools"),
         line_has="model-training:"),
    Case("PLN111", "undecided stage", put({"status": "undecided"}, "stack", "orchestration"),
         line_has="orchestration:"),
    Case("PLN112", "storage kind disagrees with the tool", put("lake", "stack", "data-storage", "kind"),
         line_has="kind: lake"),
    Case("PLN113", "platform covers a filled stage",
         put({"tools": ["Databricks"], "why": "w", "alternatives": ["Dataiku"],
              "covers": ["model-training"]}, "stack", "integrated-platform"),
         line_has="model-training"),
    Case("PLN121", "infrastructure without pros", delete("infrastructure", "pros"),
         line_has="infrastructure:"),
    Case("PLN121", "infrastructure without cons", put([], "infrastructure", "cons"),
         line_has="infrastructure:"),
    Case("PLN122", "infrastructure without rationale", delete("infrastructure", "rationale"),
         line_has="infrastructure:"),
    Case("PLN130", "flow to an unknown component",
         lambda d: d["architecture"]["flows"][0].update({"to": "Warehous"}), line_has="Warehous"),
    Case("PLN131", "no architecture", delete("architecture")),
    Case("PLN132", "component listed twice",
         lambda d: d["architecture"]["components"].append({"name": "Service"}), line_has="Service"),
    Case("PLN201", "team too small", lambda d: d["team"]["members"].pop(), line_has="members:"),
    Case("PLN201", "team too large",
         lambda d: d["team"]["members"].extend([member("Edsger Dijkstra"), member("Barbara Liskov")]),
         line_has="members:"),
    Case("PLN201", "team without members", delete("team", "members"), line_has="team:"),
    Case("PLN202", "member without role", lambda d: d["team"]["members"][2].pop("role"),
         line_has="Grace Hopper"),
    Case("PLN203", "member listed twice",
         lambda d: d["team"]["members"].__setitem__(2, dict(d["team"]["members"][0])),
         line_has="Ada Lovelace"),
    Case("PLN204", "member not in the roster's team",
         roster={"clean-team": [{"name": "Ada Lovelace"}, {"name": "Alan Turing"},
                                {"name": "Barbara Liskov"}]}, line_has="members:"),
    Case("PLN301", "milestone without owner", lambda d: d["milestones"][2].pop("owner"),
         line_has="Deployment"),
    Case("PLN302", "owner not a member", put("Linus Torvalds", "milestones", 0, "owner"),
         line_has="Linus"),
    Case("PLN303", "milestone after the final due date", put(dt.date(2027, 1, 10), "milestones", 2, "due"),
         line_has="2027-01-10"),
    Case("PLN304", "milestones out of order", put(dt.date(2026, 9, 20), "milestones", 1, "due"),
         line_has="2026-09-20"),
    Case("PLN304", "milestone starts after it is due", put(dt.date(2026, 10, 5), "milestones", 0, "start"),
         line_has="2026-10-05"),
    Case("PLN305", "no milestones", delete("milestones")),
    Case("PLN401", "risk without mitigation", lambda d: d["risks"][0].pop("mitigation"),
         line_has="Missing readings"),
    Case("PLN402", "no risks", put([], "risks")),
    Case("PLN501", "no objectives", delete("project", "objectives"), line_has="project:"),
    Case("PLN501", "no success metrics", delete("project", "success_metrics"), line_has="project:"),
    Case("PLN502", "no scope", delete("project", "scope"), line_has="project:"),
    Case("PLN503", "repository that is not a web address",
         put("file:///C:/Windows/System32/calc.exe", "project", "repository"), line_has="repository:"),
    Case("PLN503", "Markdown link to a network share",
         put("See [the share](smb://host/share).", "project", "problem"), line_has="smb://host/share"),
    Case("PLN601", "speaker not a member", put({"risks": "Linus"}, "presentation", "speakers"),
         line_has="Linus"),
    Case("PLN602", "pin on a slide merged away", put({"genai": "Ada"}, "presentation", "speakers"),
         line_has="genai:"),
    Case("PLN603", "more risks than a 5-minute talk can show",
         both(put(5, "presentation", "minutes"),
              put([{"risk": f"Risk number {i}", "likelihood": "high", "impact": "high", "mitigation": "Backups"}
                   for i in range(40)], "risks")), line_has="Risk number"),
    Case("PLN003", "comma inside a flow list", put(["pandas (with numpy", "scipy)"], "stack",
                                                   "data-preparation", "tools"),
         line_has="pandas (with numpy"),
    Case("PLN114", "misspelt tool", put(["mlfow"], "stack", "experiment-tracking", "tools"),
         line_has="mlfow"),
    Case("PLN114", "misspelt alternative", put(["polar"], "stack", "data-preparation", "alternatives"),
         line_has="polar"),
    Case("PLN115", "alternative that cannot serve the stage",
         put(["Grafana"], "stack", "experiment-tracking", "alternatives"), line_has="Grafana"),
    Case("PLN116", "alternative also chosen",
         put([{"tool": "ML Flow", "reason": "x"}], "stack", "experiment-tracking", "alternatives"),
         line_has="ML Flow"),
    Case("PLN117", "justification too short", put("It is good.", "stack", "model-training", "why"),
         line_has="It is good."),
    Case("PLN123", "managed service on personal computers",
         both(put("personal-computer", "infrastructure", "choice"), put([], "infrastructure", "providers"),
              put(["Pinecone"], "stack", "monitoring", "tools")),
         line_has="Pinecone"),
    Case("PLN133", "runtime tool in no component", put(["BentoML", "Ray"], "stack", "model-deployment", "tools"),
         line_has="Ray"),
    Case("PLN134", "component tool not in the stack",
         lambda d: d["architecture"]["components"][2].update(tool="Seldon Core"), line_has="Seldon Core"),
    Case("PLN205", "member who owns and presents nothing",
         both(put("Alan", "milestones", 2, "owner"), put({"architecture": "Alan Turing"}, "presentation",
                                                          "speakers")),
         line_has="Grace Hopper"),
    Case("PLN303", "milestone after the team's own demo", put(dt.date(2026, 11, 10), "presentation", "demo"),
         line_has="2026-11-20"),
    Case("PLN307", "demo after the course's final date", put(dt.date(2027, 1, 10), "presentation", "demo"),
         line_has="2027-01-10"),
    Case("PLN307", "plan presentation after the demo",
         both(put(dt.date(2026, 12, 1), "presentation", "demo"), put(dt.date(2026, 12, 5), "presentation", "date")),
         line_has="2026-12-05"),
    Case("PLN206", "stage owner not a member", put("Thomas", "stack", "monitoring", "owner"),
         line_has="Thomas"),
    Case("PLN206", "risk owner not a member", put("Lovelace Adda", "risks", 0, "owner"),
         line_has="Lovelace Adda"),
]


def test_the_clean_plan_has_no_finding(tmp_path):
    checked, _ = check_text(tmp_path, dump(CLEAN))
    assert checked.findings == []


def test_the_clean_fixture_file_itself_is_clean():
    checked = check_plan(ROOT / "tests/fixtures/check/clean.yaml", COURSE, CATALOG)
    assert checked.findings == []


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.rule}-{c.name.replace(' ', '-')}")
def test_rule_fires(case, tmp_path):
    if case.rule == "PLN000":  # the file is unreadable: only the command line makes it a finding
        return unreadable_fires(case, tmp_path)
    if case.rule == "PLN603":  # found while the deck is laid out: `check --fit` (and build) report it
        return layout_fires(case, tmp_path)
    checked, lines = check_text(tmp_path, case.build(), roster=case.roster)
    hits = [f for f in checked.findings if f.id == case.rule]
    assert hits, f"{case.rule} did not fire; findings: {[f.text for f in checked.findings]}"
    rule = explain(case.rule)
    for finding in hits:
        assert finding.severity == rule.severity
        assert finding.path == str(tmp_path / "plan.yaml")
        assert 1 <= finding.line <= max(len(lines), 1) and finding.column >= 1
        assert finding.message and "\n" not in finding.message
    if case.line_has:
        shown = [lines[f.line - 1] for f in hits]
        assert any(case.line_has in line for line in shown), (case.line_has, shown)


def unreadable_fires(case, tmp_path):
    path = tmp_path / "plan.yaml"
    text = case.build()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        check_plan(path, COURSE, CATALOG)
    result = planner("check", path, "--format", "json")
    assert result.returncode == 2
    (finding,) = json.loads(result.stdout)
    assert finding["id"] == "PLN000" and finding["severity"] == explain("PLN000").severity
    assert finding["line"] == len(text.splitlines()) + 1 and "YAML syntax" in finding["message"]


def layout_fires(case, tmp_path):
    path = tmp_path / "plan.yaml"
    text = case.build()
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    plain = json.loads(planner("check", path, "--format", "json").stdout)
    assert not [f for f in plain if f["id"] == case.rule]  # a plain check stays lean: no layout
    result = planner("check", path, "--fit", "--format", "json")
    assert result.returncode == 0
    hits = [f for f in json.loads(result.stdout) if f["id"] == case.rule]
    assert hits and all(f["severity"] == explain(case.rule).severity for f in hits)
    assert any(case.line_has in lines[f["line"] - 1] for f in hits), [f["message"] for f in hits]


def test_every_registered_rule_has_a_triggering_case():
    covered = {case.rule for case in CASES}
    # A rule found while building (PLN701: a slide too wordy for its time) is tested where the
    # build finds it, in tests/test_script.py; PLN603 (found while the deck is laid out) has a
    # case here too, through `check --fit`.
    registered = {rule.id for rule in all_rules() if rule.found_by != "build"}
    assert registered - covered == set(), "rules without a case in CASES"
    assert covered - {rule.id for rule in all_rules()} == set(), "cases for rules that do not exist"


def test_rules_are_well_formed():
    rules = all_rules()
    assert len({r.id for r in rules}) == len(rules)
    for rule in rules:
        assert rule.id.startswith("PLN") and len(rule.id) == 6 and rule.id[3:].isdigit()
        assert rule.severity in ("error", "warning", "info")
        assert rule.title and rule.title.endswith("."), rule.id


def test_findings_of_a_file_are_all_reported(tmp_path):
    data = copy.deepcopy(CLEAN)
    del data["stack"]["model-training"]["why"]
    del data["risks"][0]["mitigation"]
    data["team"]["nmae"] = "x"
    checked, _ = check_text(tmp_path, dump(data))
    assert {"PLN104", "PLN401", "PLN010"} <= {f.id for f in checked.findings}
    assert checked.findings == sorted(checked.findings, key=lambda f: (f.line, f.column, f.id))


def test_unknown_key_suggests_the_closest_key(tmp_path):
    data = copy.deepcopy(CLEAN)
    data["project"]["sumary"] = data["project"].pop("summary")
    checked, _ = check_text(tmp_path, dump(data))
    hint = [f.hint for f in checked.findings if f.id == "PLN010"]
    assert hint == ["did you mean 'summary'?"]


def test_misspelt_tool_suggests_the_catalog_name(tmp_path):
    data = copy.deepcopy(CLEAN)
    data["stack"]["experiment-tracking"]["tools"] = ["MLfloww"]
    checked, _ = check_text(tmp_path, dump(data))
    (finding,) = [f for f in checked.findings if f.id == "PLN108"]
    assert finding.hint == "did you mean MLflow?"


def test_known_aliases_are_not_unknown_tools(tmp_path):
    data = copy.deepcopy(CLEAN)
    data["stack"]["experiment-tracking"]["tools"] = ["ml flow"]
    checked, _ = check_text(tmp_path, dump(data))
    assert checked.findings == []


def test_platform_covers_stages_left_out(tmp_path):
    data = copy.deepcopy(CLEAN)
    del data["stack"]["model-training"]
    data["stack"]["integrated-platform"] = {"tools": ["Databricks"], "why": "One workspace for data and models.",
                                            "alternatives": ["Dataiku"], "covers": ["model-training"]}
    checked, _ = check_text(tmp_path, dump(data))
    assert checked.findings == []
    assert checked.plan.stack["model-training"].covered_by == "Databricks"


def test_generative_project_with_its_stages_is_clean(tmp_path):
    data = copy.deepcopy(CLEAN)
    data["project"]["generative_ai"] = True
    data["stack"]["llm-serving"] = {"tools": ["Ollama"], "why": "Local, so no data leaves the laptop.",
                                    "alternatives": ["vLLM"]}
    data["stack"]["vector-store"] = {"tools": ["Qdrant"], "why": "Fast, with filters on metadata we need.",
                                     "alternatives": ["Chroma"]}
    data["architecture"]["components"] += [{"name": "LLM", "tool": "Ollama"}, {"name": "Qdrant"}]
    checked, _ = check_text(tmp_path, dump(data))
    assert checked.findings == []


def test_a_first_name_identifies_a_member_unless_ambiguous(tmp_path):
    data = copy.deepcopy(CLEAN)
    data["team"]["members"][2] = member("Alan Kay", "MLOps")
    checked, _ = check_text(tmp_path, dump(data))  # "Alan" now names two members
    assert [f.id for f in checked.findings] == ["PLN302"]


@pytest.mark.parametrize("word", ["team", "équipe", "equipe", "tous", "toutes", "All"])
def test_a_word_for_the_whole_team_owns_a_milestone_but_presents_no_slide(tmp_path, word):
    data = copy.deepcopy(CLEAN)
    data["milestones"][2]["owner"] = word
    data["presentation"] = {"speakers": {"risks": word}}
    checked, _ = check_text(tmp_path, dump(data))
    assert [f.id for f in checked.findings] == ["PLN601"]


def test_owners_and_speakers_match_members_whatever_their_spacing(tmp_path):
    data = copy.deepcopy(CLEAN)
    data["milestones"][0]["owner"] = "ada   LOVELACE "
    data["presentation"] = {"speakers": {"risks": " grace  hopper"}}
    checked, _ = check_text(tmp_path, dump(data))
    assert checked.findings == []
    from planner.outline import build_outline
    slides = {slide.id: slide.speaker for slide in build_outline(checked.plan, COURSE).slides}
    assert slides["risks"] == "Grace Hopper"  # the outline honours the pin the check accepted


# --- docs/checks.md and --explain ----------------------------------------------------------

def test_docs_checks_md_is_current():
    committed = (ROOT / "docs/checks.md").read_text(encoding="utf-8")
    assert committed == render_docs(), "run: python -m planner.checks.docs > docs/checks.md"
    french = (ROOT / "docs/fr/checks.md").read_text(encoding="utf-8")
    assert french == render_docs(lang="fr"), "run: python -m planner.checks.docs fr > docs/fr/checks.md"
    assert "| [PLN104](#pln104) | erreur | contenu | Une étape nomme des outils sans dire pourquoi. |" in french


def test_docs_list_every_rule_with_its_severity():
    text = render_docs()
    for rule in all_rules():
        assert f"## {rule.id}" in text
        assert f"| [{rule.id}](#{rule.id.lower()}) | {rule.severity} |" in text


def test_docs_module_runs_as_a_script():
    result = subprocess.run([sys.executable, "-m", "planner.checks.docs"], capture_output=True,
                            text=True, encoding="utf-8", cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == render_docs()


def planner(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, timeout=60)


@pytest.mark.parametrize("rule_id", ["PLN104", "pln001", "PLN601"])
def test_explain_prints_the_rule(rule_id):
    result = planner("check", "--explain", rule_id)
    rule = explain(rule_id)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{rule.id} ({rule.severity}): {rule.title}")
    assert rule.explanation.splitlines()[-1] in result.stdout


def test_explain_unknown_rule_suggests_one():
    result = planner("check", "--explain", "PLN1044")
    assert result.returncode == 2
    assert "no rule PLN1044" in result.stderr and "did you mean 'PLN104'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_plan_without_members_takes_them_from_the_roster(tmp_path):
    data = copy.deepcopy(CLEAN)
    del data["team"]["members"]
    roster = {"Clean Team": [{"name": "Ada Lovelace"}, {"name": "Alan Turing"},
                             {"name": "Grace Hopper", "email": "grace@example.org"}]}
    checked, _ = check_text(tmp_path, dump(data), roster=roster)
    assert [m.name for m in checked.plan.members] == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
    assert checked.plan.members_from_roster
    assert not [f for f in checked.findings if f.id in ("PLN201", "PLN204")]


def test_members_matching_the_roster_give_no_finding(tmp_path):
    roster = {"CLEAN-team": [{"name": "grace hopper"}, {"name": "Alan Turing"},
                             {"name": "Adá Lovelace"}]}
    checked, _ = check_text(tmp_path, dump(CLEAN), roster=roster)
    assert checked.findings == []


def test_the_pieces_of_an_item_cut_by_a_comma_are_not_judged_as_names(tmp_path):
    """`tools: [docker-compose.yml (JupyterLab, MongoDB)]` is one item cut in two: PLN003 says
    so, and the two pieces give no other finding (not an unknown tool, not PLN133's missing
    architecture component, nothing at their lines but PLN003)."""
    fixture = (Path(__file__).parent / "fixtures/check/clean.yaml").read_text(encoding="utf-8")
    text = fixture.replace("    tools: [PostgreSQL]\n",
                           "    tools: [docker-compose.yml (JupyterLab, MongoDB)]\n", 1)
    assert text != fixture
    checked, lines = check_text(tmp_path, text)
    at = next(number for number, line in enumerate(lines, 1) if "docker-compose.yml" in line)
    assert [(f.id, f.line) for f in checked.findings if f.line == at] == [("PLN003", at)]
    # The component that used PostgreSQL now has no stage choosing it (PLN134): a real finding.
    assert {f.id for f in checked.findings} == {"PLN003", "PLN134"}, [f.text for f in checked.findings]
    # Written as one quoted item, the same words are a name again, and judged as one.
    quoted = fixture.replace("    tools: [PostgreSQL]\n",
                             "    tools: ['docker-compose.yml (JupyterLab, MongoDB)']\n", 1)
    rechecked, _lines = check_text(tmp_path, quoted, name="quoted.yaml")
    assert "PLN003" not in {f.id for f in rechecked.findings}
    assert {"PLN133"} <= {f.id for f in rechecked.findings}, [f.text for f in rechecked.findings]
