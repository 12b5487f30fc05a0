"""`planner check` run for real: formats, exit codes, several files and folders, the course file."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cli_support import run_planner

ROOT = Path(__file__).resolve().parent.parent
CLEAN_FILE = ROOT / "tests/fixtures/check/clean.yaml"
CLEAN = yaml.safe_load(CLEAN_FILE.read_text(encoding="utf-8"))
TEXT_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) "
                       r"\[(?P<id>PLN\d{3})\] (?P<msg>.+)$")
GITHUB_LINE = re.compile(r"^::(?P<level>error|warning|notice) file=(?P<file>[^,]+),line=(?P<line>\d+),"
                         r"col=(?P<col>\d+),title=(?P<id>PLN\d{3})::(?P<msg>.+)$")


planner = run_planner


def write_plan(folder: Path, name: str, edit=None) -> Path:
    data = copy.deepcopy(CLEAN)
    if edit:
        edit(data)
    path = folder / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def with_error(data):  # PLN104 (error) and PLN010 (error)
    del data["stack"]["model-training"]["why"]
    data["team"]["nmae"] = "typo"


def with_warning(data):  # PLN105 (warning) only
    del data["stack"]["monitoring"]["alternatives"]


@pytest.fixture
def plans(tmp_path):
    folder = tmp_path / "teams"
    folder.mkdir()
    return {
        "clean": write_plan(folder, "a-clean.yaml"),
        "error": write_plan(folder, "b-error.yaml", with_error),
        "warning": write_plan(folder, "c-warning.yaml", with_warning),
        "folder": folder,
    }


# --- exit codes ----------------------------------------------------------------------------

def test_clean_plan_exits_0_and_prints_its_score(plans):
    result = planner("check", plans["clean"])
    assert result.returncode == 0
    assert result.stdout == ""
    assert f"{plans['clean']}: 0 errors, 0 warnings; completeness 100%" in result.stderr


def test_errors_exit_1_with_one_line_per_finding(plans):
    result = planner("check", plans["error"], "--no-score")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    parsed = [TEXT_LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert {m["id"] for m in parsed} == {"PLN104", "PLN010"}
    assert all(m["path"] == str(plans["error"]) and m["sev"] == "error" for m in parsed)
    typo = next(m for m in parsed if m["id"] == "PLN010")
    source = plans["error"].read_text().splitlines()
    assert source[int(typo["line"]) - 1][int(typo["col"]) - 1:].startswith("nmae:")
    assert "(did you mean 'name'?)" in typo["msg"]


def test_warnings_exit_0_unless_strict(plans):
    result = planner("check", plans["warning"])
    assert result.returncode == 0
    assert "warning [PLN105]" in result.stdout
    strict = planner("check", plans["warning"], "--strict")
    assert strict.returncode == 1 and strict.stdout == result.stdout
    assert planner("check", plans["clean"], "--strict").returncode == 0


def test_unreadable_file_exits_2_even_among_clean_ones(plans, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("team: [\n")
    result = planner("check", plans["clean"], broken, plans["error"], "--no-score")
    assert result.returncode == 2
    assert f"{broken}:2:1: error [PLN000] YAML syntax:" in result.stdout
    # the other plans were still checked
    assert str(plans["error"]) in result.stdout


def test_missing_path_exits_2_and_names_it(tmp_path):
    result = planner("check", tmp_path / "nothing.yaml")
    assert result.returncode == 2
    assert str(tmp_path / "nothing.yaml") in result.stdout + result.stderr
    assert "no such file" in result.stdout + result.stderr
    result = planner("check", tmp_path / "no-folder")
    assert result.returncode == 2 and "no-folder" in result.stderr


def test_folder_of_plans_and_several_files(plans):
    result = planner("check", plans["folder"], "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert {Path(f["path"]).name for f in findings} == {"b-error.yaml", "c-warning.yaml"}
    # in the order of the files, then by line
    names = [Path(f["path"]).name for f in findings]
    assert names == sorted(names)
    both = planner("check", plans["warning"], plans["error"], "--format", "json")
    order = [Path(f["path"]).name for f in json.loads(both.stdout)]
    assert order[0] == "c-warning.yaml" and order[-1] == "b-error.yaml"


def test_folder_skips_roster_course_and_other_files(plans):
    folder = plans["folder"]
    (folder / "notes.txt").write_text("not yaml [")
    (folder / "course.yaml").write_text("not: [a plan\n")
    result = planner("check", folder, "--format", "json")
    assert {Path(f["path"]).name for f in json.loads(result.stdout)} == {"b-error.yaml",
                                                                        "c-warning.yaml"}


def test_default_path_is_teams(plans):
    result = planner("check", "--format", "json", cwd=plans["folder"].parent)
    assert result.returncode == 1
    assert {Path(f["path"]).name for f in json.loads(result.stdout)} == {"b-error.yaml",
                                                                        "c-warning.yaml"}


def test_bad_usage_exits_2(plans):
    result = planner("check", plans["clean"], "--format", "xml")
    assert result.returncode == 2 and "xml" in result.stderr


# --- formats -------------------------------------------------------------------------------

def test_json_format(plans):
    result = planner("check", plans["error"], plans["warning"], "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert isinstance(findings, list) and len(findings) == 3
    for finding in findings:
        assert {"path", "line", "column", "severity", "id", "message"} <= set(finding)
        assert isinstance(finding["line"], int) and finding["line"] >= 1
        assert isinstance(finding["column"], int) and finding["column"] >= 1
        assert finding["severity"] in ("error", "warning", "info")
    assert {f["id"] for f in findings} == {"PLN104", "PLN010", "PLN105"}
    typo = next(f for f in findings if f["id"] == "PLN010")
    assert typo["hint"] == "did you mean 'name'?"


def test_json_of_a_clean_plan_is_an_empty_list(plans):
    result = planner("check", plans["clean"], "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_json_matches_the_text_format(plans):
    text = planner("check", plans["folder"], "--no-score").stdout.splitlines()
    findings = json.loads(planner("check", plans["folder"], "--format", "json").stdout)
    rebuilt = [f"{f['path']}:{f['line']}:{f['column']}: {f['severity']} [{f['id']}] {f['message']}"
               + (f" ({f['hint']})" if f.get("hint") else "") for f in findings]
    assert rebuilt == text


def test_github_format(plans):
    result = planner("check", plans["error"], plans["warning"], "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    parsed = [GITHUB_LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert {(m["level"], m["id"]) for m in parsed} == {("error", "PLN104"), ("error", "PLN010"),
                                                       ("warning", "PLN105")}
    assert {m["file"] for m in parsed} == {str(plans["error"]), str(plans["warning"])}


def test_github_format_escapes_its_separators(tmp_path):
    folder = tmp_path / "a,b:c"
    folder.mkdir()
    path = write_plan(folder, "plan.yaml", with_warning)
    (line,) = planner("check", path, "--format", "github").stdout.splitlines()
    assert "file=" + str(path).replace(":", "%3A").replace(",", "%2C") + ",line=" in line


def test_sarif_format(plans, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"a: 1\n\x00")
    result = planner("check", plans["error"], plans["warning"], broken, "--format", "sarif")
    assert result.returncode == 2
    log = json.loads(result.stdout)
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"] and "2.1.0" in log["$schema"]
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "planner" and driver["version"]
    rules = driver["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("none", "note", "warning", "error")
    assert {r["id"] for r in rules} == {"PLN000", "PLN010", "PLN104", "PLN105"}
    results = run["results"]
    assert len(results) == 4
    for item in results:
        assert item["level"] in ("none", "note", "warning", "error")
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        assert item["message"]["text"]
        (location,) = item["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"]
        assert physical["region"]["startLine"] >= 1 and physical["region"]["startColumn"] >= 1
    nul = next(r for r in results if r["ruleId"] == "PLN000")
    assert nul["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 1}
    assert nul["level"] == "error"
    warning = next(r for r in results if r["ruleId"] == "PLN105")
    assert warning["level"] == "warning"


def test_sarif_validates_against_its_schema_when_one_is_available_offline(plans):
    schema_file = os.environ.get("SARIF_SCHEMA")
    if not schema_file or not Path(schema_file).is_file():
        pytest.skip("no SARIF 2.1.0 schema offline (set SARIF_SCHEMA=path to validate)")
    import jsonschema
    log = json.loads(planner("check", plans["folder"], "--format", "sarif").stdout)
    jsonschema.validate(log, json.loads(Path(schema_file).read_text(encoding="utf-8")))


def test_sarif_of_a_clean_plan_has_no_results(plans):
    log = json.loads(planner("check", plans["clean"], "--format", "sarif").stdout)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


# --- the course file -----------------------------------------------------------------------

BUILTIN_COURSE = (ROOT / "planner/data/course.yaml").read_text(encoding="utf-8")


def test_course_option_changes_the_rules(plans, tmp_path):
    course = tmp_path / "four.yaml"
    course.write_text(BUILTIN_COURSE.replace("team_size: {min: 3, max: 4}",
                                             "team_size: {min: 4, max: 5}"), encoding="utf-8")
    result = planner("check", plans["clean"], "--course", course, "--no-score")
    assert result.returncode == 1
    assert "[PLN201] the team has 3 members; the course allows 4 to 5" in result.stdout


def test_course_yaml_in_the_current_folder_is_picked_up(plans):
    cwd = plans["folder"].parent
    (cwd / "course.yaml").write_text(BUILTIN_COURSE.replace("final_due: 2026-12-15",
                                                            "final_due: 2026-11-01"), encoding="utf-8")
    result = planner("check", "teams/a-clean.yaml", "--no-score", cwd=cwd)
    assert result.returncode == 1
    assert "[PLN303] milestone 'Deployment' is due 2026-11-20, after the final due date 2026-11-01" \
        in result.stdout
    # --course wins over ./course.yaml
    builtin = planner("check", "teams/a-clean.yaml", "--course", ROOT / "planner/data/course.yaml",
                      cwd=cwd)
    assert builtin.returncode == 0


@pytest.mark.parametrize("edit, where, words", [
    (lambda t: t.replace("team_size: {min: 3, max: 4}", "team_size: {min: 3, max: four}"),
     "team_size: {min: 3, max: four}", "[PLN011] team_size.max should be a whole number"),
    (lambda t: t.replace("    section: model\n", "    section: modle\n", 1),
     "    section: modle", "[CRS001] stage 'development-environment' names an unknown section 'modle'"),
    (lambda t: t.replace("final_due: 2026-12-15", "final_due: 2026-12-32"),
     "final_due: 2026-12-32", "[PLN014]"),
    (lambda t: t.replace("team_size:", "team_sise:"), "team_sise:", "[PLN010] unknown key 'team_sise'"),
])
def test_broken_course_file_gets_file_line_col_and_exit_2(plans, tmp_path, edit, where, words):
    course = tmp_path / "course.yaml"
    course.write_text(edit(BUILTIN_COURSE), encoding="utf-8")
    result = planner("check", plans["clean"], "--course", course)
    assert result.returncode == 2
    output = result.stdout + result.stderr
    match = re.search(re.escape(str(course)) + r":(\d+):(\d+): error " + re.escape(words), output)
    assert match, output
    line = course.read_text(encoding="utf-8").splitlines()[int(match[1]) - 1]
    assert where.strip().split(":")[0] in line


@pytest.mark.parametrize("content, words", [
    (b"course: [\n", ":2:1: error: YAML syntax"),
    (b"\xff\xfec\x00o\x00", "UTF-16"),
    (b"", "error"),
])
def test_unreadable_course_file_exits_2(plans, tmp_path, content, words):
    course = tmp_path / "course.yaml"
    course.write_bytes(content)
    result = planner("check", plans["clean"], "--course", course)
    assert result.returncode == 2
    assert str(course) in result.stderr and words in result.stderr


def test_missing_course_file_exits_2(plans, tmp_path):
    result = planner("check", plans["clean"], "--course", tmp_path / "nope.yaml")
    assert result.returncode == 2 and "nope.yaml" in result.stderr


def test_examples_check_clean_under_strict():
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    if not examples:
        pytest.skip("no examples yet")
    result = planner("check", *examples, "--strict", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout) == []


def test_check_does_not_write_anything(plans):
    before = {p: p.read_bytes() for p in plans["folder"].iterdir()}
    planner("check", plans["folder"])
    assert {p: p.read_bytes() for p in plans["folder"].iterdir()} == before


HEAVY = ("jinja2", "pptx", "gspread", "markdown_it", "multiprocessing", "concurrent.futures.process",
         "planner.deck", "planner.plandoc", "planner.outline", "planner.rendering", "requests",
         # what those would bring, and what a clean plan's check never needs: the "did you
         # mean" matcher, compiling the French catalog, XML, HTTP and subprocesses
         "babel", "difflib", "lxml", "PIL", "xml", "urllib.request", "http", "email", "ssl",
         "subprocess", "planner.turns", "planner.diagrams", "planner.plandiff", "planner.roster",
         # the data files' cache is marshal, and the text format prints without json
         "json")


def test_check_imports_only_what_it_needs():
    """`planner check` must stay as fast as yamllint: no renderer or client library at import."""
    example = sorted((ROOT / "examples").glob("*.yaml")) or [CLEAN_FILE]
    code = ("import sys\nsys.argv = ['planner', 'check', sys.argv[1]]\n"
            "from planner.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code, str(example[0])], capture_output=True,
                            text=True, encoding="utf-8", cwd=ROOT, timeout=60,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    modules = set(result.stderr.splitlines())
    assert "planner.checks.stack" in modules  # it did check
    assert not [m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY]


def test_sarif_locations_are_uris(tmp_path):
    folder = tmp_path / "my plans"
    folder.mkdir()
    path = write_plan(folder, "équipe.yaml", with_warning)
    relative = json.loads(planner("check", "my plans/équipe.yaml", "--format", "sarif",
                                  cwd=tmp_path).stdout)
    absolute = json.loads(planner("check", path, "--format", "sarif").stdout)
    uri = lambda log: log["runs"][0]["results"][0]["locations"][0]["physicalLocation"][  # noqa: E731
        "artifactLocation"]["uri"]
    assert uri(relative) == "my%20plans/%C3%A9quipe.yaml"
    assert uri(absolute) == path.as_uri() and uri(absolute).startswith("file:///")
