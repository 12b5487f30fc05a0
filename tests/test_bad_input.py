"""Broken plans: each gets a clear diagnostic and exit 1 or 2, no traceback, quickly, and no damage.

Small broken files are committed in tests/corpus/; big or binary ones are made
here in tmp_path. Every case runs the real command line in a subprocess.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.catalog import load_catalog
from planner.course import load_course
from planner.errors import PlannerError
from planner.plans import check_plan

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests/corpus"
HANG_GUARD = 30.0  # seconds: catches a hang, not a slowdown (speed is measured in benchmarks/)
TIMINGS: dict[str, float] = {}


def planner(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "planner", *map(str, args)], capture_output=True,
                            text=True, encoding="utf-8", errors="replace", cwd=cwd, env=env,
                            timeout=60)
    result.seconds = time.perf_counter() - start
    return result


def digest(path: Path) -> str:
    if path.is_dir():
        return "dir:" + ",".join(sorted(p.name for p in path.iterdir()))
    if not path.exists():
        return "missing"
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def run_case(path: Path, cwd: Path, code: int, words: str, where: tuple | None, name: str):
    before = digest(path)
    listing = sorted(p.name for p in cwd.iterdir())
    result = planner("check", path, cwd=cwd)
    TIMINGS[name] = result.seconds
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    assert result.returncode == code, output
    assert str(path) in output, output
    assert words in output, output
    if where:
        line, column = where
        assert f"{path}:{line}:{column}: error" in output, output
    assert result.seconds < HANG_GUARD, f"{name} took {result.seconds:.1f} s"
    assert digest(path) == before, "the input file changed"
    assert sorted(p.name for p in cwd.iterdir()) == listing, "check wrote a file"
    return result


# name -> (exit code, words in the message, (line, column) or None for "anywhere on the line")
COMMITTED = {
    "syntax-unclosed-flow.yaml": (2, "YAML syntax: did not find expected ',' or ']'", (4, 1)),
    "syntax-bad-indentation.yaml": (2, "mapping values are not allowed", (3, 11)),
    "syntax-unclosed-quote.yaml": (2, "YAML syntax: found unexpected end of stream", (5, 1)),
    "syntax-block-after-list.yaml": (2, "YAML syntax", (2, 1)),
    "tabs.yaml": (2, "indent with spaces, not tabs", (3, 1)),
    "duplicate-keys.yaml": (1, "[PLN001] duplicate key 'name' (first defined at line 2)", (3, 3)),
    "unknown-keys.yaml": (1, "[PLN010] unknown key 'nmae' in 'team' (did you mean 'name'?)", (2, 3)),
    "wrong-types.yaml": (1, "[PLN011] project.title should be text, not a list", (3, 10)),
    "invalid-date.yaml": (1, "[PLN014] milestones[1].due is '2024-02-30', which is not a date", (6, 33)),
    "alias-bomb.yaml": (2, "alias bomb", (7, 8)),
    "python-object-apply.yaml": (2, "python/object/apply:os.system is not allowed", (2, 9)),
    "python-object-new.yaml": (2, "python/object/new:subprocess.Popen is not allowed", (1, 7)),
    "python-name.yaml": (2, "python/name:os.system is not allowed", (2, 10)),
    "python-module.yaml": (2, "python/module:os is not allowed", (1, 4)),
    "python-tuple.yaml": (2, "python/tuple is not allowed", (1, 8)),
    "custom-tag.yaml": (2, "the tag !include is not allowed", (1, 7)),
    "merge-key.yaml": (2, "merge keys (<<) are not supported", (4, 5)),
    "complex-key.yaml": (2, "a key must be plain text", (2, 5)),
    "unknown-alias.yaml": (2, "unknown alias *team_name", (2, 9)),
    "list-document.yaml": (2, "a plan is a mapping of keys (team:, project:, ...), not a list", (1, 1)),
    "scalar-document.yaml": (2, "a plan is a mapping of keys (team:, project:, ...), not text", (1, 1)),
    "empty.yaml": (2, "the plan is empty", None),
    "only-comments.yaml": (2, "the plan is empty", None),
    "multiple-documents.yaml": (2, "more than one YAML document", (2, 1)),
    "unsafe-team-name.yaml": (1, "[PLN101] required stage", None),
    "non-finite-numbers.yaml": (1, "[PLN012] presentation.weights.title is .nan; expected a finite "
                                   "number", (7, 20)),
    "control-characters.yaml": (1, "[PLN015] text holds the control character U+0001 after "
                                   "'Sherpa'", None),
    "date-off-calendar.yaml": (1, "[PLN012] presentation.date is 9999-12-31, outside the years "
                                  "planner accepts", None),
}


def test_every_corpus_file_has_an_expectation():
    assert sorted(p.name for p in CORPUS.iterdir()) == sorted(COMMITTED)


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_corpus(name, tmp_path):
    code, words, where = COMMITTED[name]
    run_case(CORPUS / name, tmp_path, code, words, where, name)
    assert not (tmp_path / "planner-was-pwned").exists()


UNREADABLE = sorted(name for name, (code, _words, _where) in COMMITTED.items() if code == 2)


@pytest.mark.parametrize("name", UNREADABLE[:6])
def test_build_reports_an_unreadable_plan_as_check_does(name, tmp_path):
    """The same PLN000 line (rule id, line, column), exit 2, and nothing written."""
    checked = planner("check", CORPUS / name, cwd=tmp_path)
    built = planner("build", CORPUS / name, "-o", tmp_path / "out", cwd=tmp_path)
    assert checked.returncode == built.returncode == 2, built.stderr
    first = checked.stdout.splitlines()[0]
    assert "[PLN000]" in first and first in built.stderr.splitlines(), built.stderr
    assert "Traceback" not in built.stderr and not (tmp_path / "out").exists()


def test_more_findings_in_one_broken_file_are_all_reported(tmp_path):
    result = planner("check", CORPUS / "wrong-types.yaml", "--format", "json", cwd=tmp_path)
    import json
    ids = [f["id"] for f in json.loads(result.stdout)]
    assert ids.count("PLN011") >= 6  # team, title, objectives, generative_ai, pros, data-storage, minutes
    invalid = planner("check", CORPUS / "invalid-date.yaml", "--format", "json", cwd=tmp_path)
    dates = [f for f in json.loads(invalid.stdout) if f["id"] == "PLN014"]
    assert [f["line"] for f in dates] == [6, 7, 8]


# --- generated at test time: big, binary, deep --------------------------------------------

def _latin1():
    return "team:\n  name: Équipe\nproject:\n  title: Prévision\n".encode("latin-1")


def _junk():
    rng = random.Random(20261125)
    return bytes(rng.randrange(256) for _ in range(4096))


def _junk_without_nul():
    rng = random.Random(7)
    return bytes(rng.randrange(1, 256) for _ in range(4096))


GENERATED = {
    # name -> (bytes or a function of the path that writes the file, code, words, where)
    "latin1.yaml": (_latin1(), 2, "not UTF-8 (byte 0xc9", (2, 9)),
    "cp1252.yaml": ("title: “smart” meters\n".encode("cp1252"), 2, "not UTF-8", (1, 8)),
    "utf16.yaml": ("team:\n  name: Équipe\n".encode("utf-16"), 2, "UTF-16", None),
    "utf16-le-no-bom.yaml": ("team:\n  name: Équipe\n".encode("utf-16-le"), 2, "UTF-16", None),
    "utf16-be-no-bom.yaml": ("team:\n  name: Équipe\n".encode("utf-16-be"), 2, "UTF-16", None),
    "nul-bytes.yaml": (b"team:\n  name: r00t\x00AI\n", 2, "NUL byte", (2, 13)),
    "binary-junk.yaml": (_junk(), 2, "error [PLN000]", None),
    "binary-junk-no-nul.yaml": (_junk_without_nul(), 2, "error [PLN000]", None),
    "png.yaml": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 2, "NUL byte", (3, 1)),
    "deep-flow.yaml": (b"team: " + b"[" * 20_000 + b"]" * 20_000 + b"\n", 2,
                       "nesting is deeper than 64 levels", (1, 70)),
    "deep-flow-unclosed.yaml": (b"[" * 20_000, 2, "nesting is deeper than 64 levels", (1, 65)),
    "deep-flow-mapping.yaml": (b"{a: " * 20_000 + b"1" + b"}" * 20_000, 2,
                               "nesting is deeper than 64 levels", (1, 257)),
    "deep-block.yaml": (b"- " * 20_000 + b"x\n", 2, "nesting is deeper than 64 levels", (1, 129)),
    "deep-block-mapping.yaml": ("".join("  " * i + f"k{i}:\n" for i in range(200)).encode(), 2,
                                "nesting is deeper than 64 levels", (65, 129)),
    "wide-aliases.yaml": (b"a: &a [x]\nb: [" + b", ".join([b"*a"] * 250_000) + b"]\n", 2,
                          "alias bomb", None),
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_corpus(name, tmp_path):
    content, code, words, where = GENERATED[name]
    path = tmp_path / "input" / name
    path.parent.mkdir()
    path.write_bytes(content)
    run_case(path, path.parent, code, words, where, name)


def test_a_50_mb_file_is_refused_quickly(tmp_path):
    path = tmp_path / "input" / "huge.yaml"
    path.parent.mkdir()
    line = b"- a plan line that is long enough to fill fifty megabytes quickly .......\n"
    with open(path, "wb") as handle:
        chunk = b"notes:\n" + line * (1024 * 1024 // len(line))
        for _ in range(50):
            handle.write(chunk)
    assert path.stat().st_size > 50_000_000
    result = run_case(path, path.parent, 2, "file is too large", None, "huge.yaml")
    from planner.yamlsource import MAX_BYTES
    assert f"the limit is {MAX_BYTES:,}" in result.stdout


def test_a_folder_passed_as_a_plan_file(tmp_path):
    folder = tmp_path / "input" / "plan.yaml"
    folder.mkdir(parents=True)
    result = run_case(folder, tmp_path / "input", 2, str(folder), None, "folder-as-file")
    assert "no plan" in (result.stdout + result.stderr).lower()


def test_a_folder_given_to_the_loader_directly(tmp_path):
    with pytest.raises(PlannerError, match="is a folder"):
        check_plan(tmp_path, load_course())


def test_a_missing_path(tmp_path):
    path = tmp_path / "input" / "missing.yaml"
    path.parent.mkdir()
    run_case(path, path.parent, 2, "no such file", None, "missing")


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_symlink_loop(tmp_path):
    path = tmp_path / "input" / "loop.yaml"
    path.parent.mkdir()
    path.symlink_to(path)
    result = planner("check", path, cwd=tmp_path)
    assert result.returncode == 2 and str(path) in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


# --- unsafe team names through check and build ---------------------------------------------

UNSAFE_NAMES = ["../../x", "/etc/passwd", "..", "a/../../b", "C:\\Windows\\x", "con", "~root",
                "\u202e../x", "   ", "../" * 40 + "deep"]


def _has_build():
    try:
        import planner.deck  # noqa: F401
        import planner.plandoc  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _has_build(), reason="the deck and plan renderers are not there yet")
@pytest.mark.parametrize("name", UNSAFE_NAMES)
def test_unsafe_team_names_stay_under_the_output_folder(name, tmp_path):
    data = yaml.safe_load((CORPUS / "unsafe-team-name.yaml").read_text(encoding="utf-8"))
    data["team"]["name"] = name
    work = tmp_path / "work"
    work.mkdir()
    plan = work / "plan.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    result = planner("build", plan, "-o", "out/build", "--only", "plan,deck", cwd=work)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode in (0, 1, 2), output
    created = {p for p in tmp_path.rglob("*")} - before
    out = (work / "out/build").resolve()
    for path in created:
        resolved = path.resolve()
        assert resolved == out.parent or out in (resolved, *resolved.parents), (name, path)
    if result.returncode != 2 and name.strip():
        written = [p for p in created if p.is_file()]
        assert {p.name for p in written} == {"plan.md", "deck.pptx"}, output
        assert all(p.parent.parent == out for p in written)
    assert not Path("/x").exists() or name != "../../x"


def test_unsafe_team_name_checks_without_touching_the_disk(tmp_path):
    run_case(CORPUS / "unsafe-team-name.yaml", tmp_path, 1, "unsafe-team-name.yaml", None, "unsafe")


# --- hypothesis: anything in, findings or a clean error out ------------------------------

COURSE = load_course()
CATALOG = load_catalog()
_SCRATCH = tempfile.mkdtemp(prefix="planner-hypothesis-")


def check_or_clean_error(data: bytes):
    path = Path(_SCRATCH) / "plan.yaml"
    path.write_bytes(data)
    try:
        checked = check_plan(path, COURSE, CATALOG)
    except PlannerError as error:
        text = str(error)
        assert text and "Traceback" not in text
        assert str(path) in text
        return None
    for finding in checked.findings:
        assert finding.line >= 1 and finding.column >= 1 and finding.message
        assert finding.severity in ("error", "warning", "info")
        assert re.fullmatch(r"PLN\d{3}", finding.id)
    # What passed the checks must also feed the renderers: the outline and their input.
    from planner.rendering import render_input
    data = render_input(checked, COURSE, CATALOG)
    assert sum(slide.end - slide.start for slide in data.outline.slides) == data.outline.seconds
    return checked


SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

YAMLISH = st.sampled_from([b"team:", b"\n", b"  ", b"- ", b"name: ", b"[", b"]", b"{", b"}",
                           b", ", b"&a ", b"*a", b"!!python/object:os.system ", b"'", b'"', b"#",
                           b"\t", b"---\n", b"? ", b": ", b"|\n", b">\n", b"2024-02-30", b"\xef\xbb\xbf",
                           b"\xff\xfe", b"\x00", b"\xe9", b"<<: ", b"~", b"!!", b"%YAML 1.2\n"])


@SETTINGS
@given(st.binary(max_size=2048) | st.lists(YAMLISH, max_size=60).map(b"".join))
def test_any_bytes_give_findings_or_a_clean_error(data):
    check_or_clean_error(data)


SCALARS = (st.none() | st.booleans() | st.integers() | st.integers(min_value=-(10**30), max_value=10**30)
           | st.floats() | st.text(max_size=30) | st.dates() | st.datetimes()
           | st.sampled_from(["TODO: fill", "", " ", "yes", "00123", "2024-02-30", "MLflow", "cloud",
                              "lake", "not-applicable", "undecided", "chosen", "Ada Lovelace"]))
KEYS = st.text(max_size=12) | st.sampled_from(
    ["team", "name", "members", "role", "email", "project", "title", "summary", "problem",
     "generative_ai", "infrastructure", "choice", "pros", "cons", "rationale", "stack", "tools",
     "why", "alternatives", "status", "reason", "kind", "covers", "architecture", "components",
     "flows", "from", "to", "milestones", "due", "start", "owner", "risks", "risk", "mitigation",
     "presentation", "minutes", "speakers", "weights", *COURSE.stage_ids])
VALUES = st.recursive(SCALARS, lambda children: st.lists(children, max_size=5)
                      | st.dictionaries(KEYS, children, max_size=6), max_leaves=30)
CLEAN = yaml.safe_load((ROOT / "tests/fixtures/check/clean.yaml").read_text(encoding="utf-8"))


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


PATHS = list(_paths(CLEAN))


def _mutated(draw, base, paths, most):
    """A copy of `base` with up to `most` values replaced, keys added or keys removed."""
    import copy
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=most))):
        path = draw(st.sampled_from(paths))
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "replace":
                parent[path[-1]] = draw(VALUES)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(KEYS)] = draw(VALUES)
            elif isinstance(parent, list):
                parent.append(draw(VALUES))
        except (KeyError, IndexError, TypeError, AttributeError):
            continue  # an earlier change removed or replaced this path
    return data


@st.composite
def plan_shaped(draw):
    """The clean plan with some values replaced, some keys added and some removed."""
    return _mutated(draw, CLEAN, PATHS[1:], 6)


def dump(value) -> bytes:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False).encode("utf-8")


@SETTINGS
@given(VALUES)
def test_any_yaml_value_gives_findings_or_a_clean_error(value):
    check_or_clean_error(dump(value))


@SETTINGS
@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_any_mapping_gives_findings_or_a_clean_error(value):
    check_or_clean_error(dump(value))


@SETTINGS
@given(plan_shaped())
def test_plan_shaped_values_give_findings_or_a_clean_error(value):
    checked = check_or_clean_error(dump(value))
    assert checked is not None  # a dumped mapping always parses


def _worst_flows(data):
    data["architecture"]["components"] = [{"name": f"Component number {i}"} for i in range(190)]
    data["architecture"]["flows"] = [{"from": f"Component numbr {i % 190}",
                                      "to": f"Compnent number {i % 190}"} for i in range(14_000)]


def _worst_tools(data):
    data["stack"]["experiment-tracking"]["tools"] = [f"MLflow{i}" for i in range(20_000)]


def _worst_owners(data):
    data["team"]["members"] = [{"name": f"Person number {i}", "role": "x"} for i in range(190)]
    data["milestones"] = [{"title": "m", "due": "2026-10-01", "owner": f"Person numbr {i % 190}"}
                          for i in range(12_000)]


@pytest.mark.parametrize("edit, code, words", [
    (_worst_flows, 1, "error [PLN130]"), (_worst_tools, 0, "warning [PLN108]"),
    (_worst_owners, 1, "error [PLN302]")], ids=["flows", "tools", "owners"])
def test_the_largest_plans_under_the_limits_are_checked_in_bounded_time(edit, code, words, tmp_path):
    """Thousands of unknown names: 'did you mean' hints are rationed so this stays ~1 s."""
    import copy
    data = copy.deepcopy(CLEAN)
    edit(data)
    path = tmp_path / "input" / "large.yaml"
    path.parent.mkdir()
    path.write_bytes(dump(data))
    result = run_case(path, path.parent, code, words, None, edit.__name__)
    assert "did you mean" in result.stdout  # the first ones still get a hint


COURSE_DATA = yaml.safe_load((ROOT / "planner/data/course.yaml").read_text(encoding="utf-8"))
COURSE_PATHS = list(_paths(COURSE_DATA))[1:]


@st.composite
def course_shaped(draw):
    """The built-in course file with some values replaced, some keys added and some removed."""
    return _mutated(draw, COURSE_DATA, COURSE_PATHS, 4)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(course_shaped())
def test_any_course_file_loads_or_gives_a_clean_error(data):
    """A broken course file gets diagnostics like a broken plan; one that loads works."""
    path = Path(_SCRATCH) / "course.yaml"
    path.write_bytes(dump(data))
    try:
        course = load_course(str(path))
    except PlannerError as error:
        assert str(error).startswith(str(path)), str(error)
        return
    from planner.rendering import render_input
    checked = check_plan(ROOT / "tests/fixtures/check/clean.yaml", course, CATALOG)
    render_input(checked, course, CATALOG)


def test_report_timings():
    """Not a check: prints how long each bad input took (pytest -s to see it)."""
    if TIMINGS:
        slowest = sorted(TIMINGS.items(), key=lambda item: -item[1])[:5]
        print("\nslowest bad inputs:", ", ".join(f"{n} {s:.2f} s" for n, s in slowest))
