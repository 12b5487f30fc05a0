"""Hostile Jinja templates in a --templates folder: sandboxed, bounded in output, memory and
time; every failure a `path:line:` message with exit 2, no traceback, nothing run.

The cases come from a probe of planner with hostile inputs (issues 15 and 16).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from plandoc_support import FIXTURES, ROOT, markdown

PLAN = FIXTURES / "gaps-fr.yaml"
# Built in English so that the messages read below are English (a plan's messages follow its
# `language`; tests/test_i18n.py checks the French ones).
BUILT = ROOT / "examples" / "genai-assistant-en.yaml"
FOOTER = "plan/sections/footer.md.j2"


def _write(folder: Path, name: str, text) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
    return path


def _build(tmp_path, templates, seconds: float | None = None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if seconds:
        env["PLANNER_TEMPLATE_SECONDS"] = str(seconds)
    return subprocess.run(
        [sys.executable, "-m", "planner", "build", str(BUILT), "-o", str(tmp_path / "out"),
         "--only", "plan", "--templates", str(templates)],
        capture_output=True, text=True, cwd=tmp_path, timeout=120, env=env)


def _refused(result, path: Path, line: int, words: str):
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 2, output
    assert f"{path}:{line}:" in result.stderr, result.stderr
    assert words in result.stderr, result.stderr


# name -> (template text, line of the fault, words of the message)
ESCAPES = {
    "popen through cycler": ("{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}", 1,
                             "not allowed in a template"),
    "joiner globals": ("line\n{{ joiner.__init__.__globals__['os'].system('touch PWNED') }}", 2,
                       "not allowed in a template"),
    "lipsum globals": ("{{ lipsum.__globals__['os'].popen('touch PWNED') }}", 1, "'lipsum' is undefined"),
    "class walk": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", 1, "not allowed in a template"),
    "format escape": ("{{ '{0.__class__}'.format(1) }}", 1, "not allowed in a template"),
    "list mutation": ("{% set l = [1] %}{{ l.append(2) }}", 1, "not allowed in a template"),
    "namespace globals": ("{{ namespace.__init__.__globals__ }}", 1, "not allowed in a template"),
}


@pytest.mark.parametrize("case", sorted(ESCAPES))
def test_sandbox_escapes_are_template_errors_and_run_nothing(tmp_path, case):
    text, line, words = ESCAPES[case]
    footer = _write(tmp_path / "t", FOOTER, text)
    result = _build(tmp_path, tmp_path / "t")
    _refused(result, footer, line, words)
    assert not (tmp_path / "PWNED").exists()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("plan.md"))


# Raised by Python inside a template, outside the errors Jinja2 names.
CRASHES = {
    "ZeroDivisionError": ("a\n{{ 1 / 0 }}", 2, "ZeroDivisionError: division by zero"),
    "RecursionError from a macro": ("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", 1,
                                    "calls itself without end"),
    "OverflowError": ("{{ 10.0 ** 400 }}", 1, "OverflowError"),
}


@pytest.mark.parametrize("case", sorted(CRASHES))
def test_python_errors_in_a_template_name_its_line(tmp_path, case):
    text, line, words = CRASHES[case]
    footer = _write(tmp_path / "t", FOOTER, text)
    _refused(_build(tmp_path, tmp_path / "t"), footer, line, words)


def test_a_template_that_extends_itself(tmp_path):
    plan = _write(tmp_path / "t", "plan/plan.md.j2", '{% extends "plan/plan.md.j2" %}\n')
    _refused(_build(tmp_path, tmp_path / "t"), plan, 1, "extends or calls itself without end")


def test_a_binary_user_template_is_blamed_on_itself_not_on_a_built_in_file(tmp_path):
    footer = _write(tmp_path / "t", FOOTER, bytes(range(256)) * 4)
    result = _build(tmp_path, tmp_path / "t")
    assert result.returncode == 2, result.stderr
    assert f"{footer}: error: the template is not UTF-8 text" in result.stderr
    assert "templates/plan" not in result.stderr  # not the built-in plan.md.j2 that includes it


def test_a_fifo_as_a_user_template_is_refused_at_once(tmp_path):
    footer = tmp_path / "t" / FOOTER
    footer.parent.mkdir(parents=True)
    os.mkfifo(footer)
    result = _build(tmp_path, tmp_path / "t")  # subprocess timeout: it must not block
    assert result.returncode == 2, result.stderr
    assert f"{footer}: error: cannot read the template: is a named pipe (FIFO)" in result.stderr


def test_an_unreadable_user_template(tmp_path, monkeypatch):
    from planner.errors import TemplateError
    footer = _write(tmp_path / "t", FOOTER, "x")

    real_open = os.open

    def denied(path, *args, **kwargs):
        if str(path) == str(footer):  # root reads a file whatever its mode: say no here
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(TemplateError) as raised:
        markdown(PLAN, templates_dir=str(tmp_path / "t"))
    assert str(raised.value) == f"{footer}: error: cannot read the template: permission denied"


def test_output_past_the_cap_is_refused(tmp_path):
    _write(tmp_path / "t", FOOTER, "{% for i in range(100000) %}{% for j in range(100000) %}"
                                   "0123456789abcdef{% endfor %}{% endfor %}")
    result = _build(tmp_path, tmp_path / "t")
    assert result.returncode == 2, result.stderr
    assert "plan/plan.md.j2: error: the template's output is larger than 16,777,216 characters" \
        in result.stderr


def test_a_loop_that_calls_nothing_is_stopped_by_the_time_limit(tmp_path):
    footer = _write(tmp_path / "t", FOOTER, "x\n{% set l = range(100000) | list %}"
                                            "{% for i in l %}{% for j in l %}{% endfor %}{% endfor %}")
    result = _build(tmp_path, tmp_path / "t", seconds=2)
    _refused(result, footer, 2, "the template ran longer than 2 s")


def test_the_time_limit_holds_outside_the_main_thread_too(monkeypatch):
    """No timer signal there: the sandbox's call and attribute hooks check the deadline."""
    import threading

    from planner import templating
    from planner.errors import TemplateError
    monkeypatch.setattr(templating, "SECONDS", 1.0)
    env = templating.make_environment()
    env.loader = __import__("jinja2").DictLoader(
        {"loop.j2": "{% for i in range(100000) %}{% for j in range(100000) %}{{ i.real }}"
                    "{% endfor %}{% endfor %}"})
    caught = []
    worker = threading.Thread(target=lambda: caught.append(_error(templating, env)))
    worker.start()
    worker.join(30)
    assert not worker.is_alive()
    assert isinstance(caught[0], TemplateError) and "ran longer than 1 s" in caught[0].message


def _error(templating, env):
    try:
        templating.render(env, "loop.j2", {})
    except Exception as exc:  # the test looks at what it is
        return exc
    return None


MEMORY = {
    "doubling a string": "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
                         "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
    "one huge product": "{{ ('x' * 1000000000) | length }}",
    "a wide format": "{{ ('{:>900000000}'.format(1)) | length }}",
}


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the memory bound is Linux's RLIMIT_AS")
@pytest.mark.parametrize("case", sorted(MEMORY))
def test_memory_bombs_are_refused_within_a_few_hundred_mb(tmp_path, case):
    footer = _write(tmp_path / "t", FOOTER, MEMORY[case])
    command = [sys.executable, "-m", "planner", "build", str(BUILT), "-o", str(tmp_path / "out"),
               "--only", "plan", "--templates", str(tmp_path / "t")]
    peak, result = peak_memory(command, tmp_path)
    _refused(result, footer, 1, "the template needs more than 512 MB of memory")
    assert peak < 700 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"


def peak_memory(command, cwd):
    """Run `command` from a fresh Python whose only child it is, and return its peak
    resident memory (bytes) and its result: RUSAGE_CHILDREN of the test process would
    count every earlier child too."""
    script = (
        "import json, resource, subprocess, sys\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(json.dumps([resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode,"
        " r.stdout, r.stderr]))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script, *map(str, command)], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)
    peak_kb, code, out, err = json.loads(done.stdout)
    return peak_kb * 1024, subprocess.CompletedProcess(command, code, out, err)


def test_the_built_in_templates_still_render_in_the_sandbox():
    text = markdown(PLAN)
    assert text.startswith("# Équipe Lacunes")


def test_watch_survives_every_kind_of_template_fault(tmp_path):
    """--watch reports a template that divides by zero, extends itself, escapes the sandbox or
    is binary, keeps the last good plan.md, and builds again once the template is fixed."""
    from planner.build import BuildOptions
    from planner.course import load_course
    from planner.watch import Watcher

    plan = tmp_path / "plan.yaml"
    plan.write_bytes(PLAN.read_bytes())
    footer = _write(tmp_path / "t", FOOTER, "GOOD-1\n")
    options = BuildOptions(tmp_path / "out", ("plan",), templates_dir=str(tmp_path / "t"))
    watcher = Watcher(plan, load_course(), options)
    assert watcher.start().kind == "built"
    output = next((tmp_path / "out").rglob("plan.md"))
    good = output.read_bytes()
    faults = ["{{ 1 / 0 }}", "{% include 'plan/sections/footer.md.j2' %}",
              "{{ cycler.__init__.__globals__.os.popen('id').read() }}", b"\xff\xfe\x00binary"]
    for number, fault in enumerate(faults, start=2):
        _save(footer, fault, number)
        event = watcher.poll()
        assert event is not None and event.kind == "broken", fault
        assert str(event.error).startswith(str(footer)), str(event.error)
        assert output.read_bytes() == good
    _save(footer, "GOOD-2\n", 9)
    event = watcher.poll()
    assert event.kind == "built" and "GOOD-2" in output.read_text(encoding="utf-8")


def _save(path: Path, text, step: int) -> None:
    """Write and move the modification time on, as a later save would (coarse clocks)."""
    (path.write_bytes if isinstance(text, bytes) else path.write_text)(text)
    stamp = path.stat().st_mtime_ns + step * 1_000_000_000
    os.utime(path, ns=(stamp, stamp))


def test_the_sandbox_answers_once_per_type_and_name_as_it_would_each_time():
    """BoundedEnvironment keeps the sandbox's answer per (type, attribute): the same answers."""
    import collections
    import types

    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from planner.templating import BoundedEnvironment

    def function():
        pass
    objects = [{}, [], set(), collections.deque(), "text", 1, function, str, Path("x"),
               types.SimpleNamespace(a=1), (lambda: (yield))(), test_a_template_that_extends_itself]
    names = ["keys", "items", "append", "clear", "pop", "update", "add", "upper", "mro", "a",
             "__class__", "_private", "__globals__", "__code__", "gi_frame", "name", "format"]
    bounded, reference = BoundedEnvironment(), ImmutableSandboxedEnvironment()
    for _round in range(2):  # the second round is answered from what the first asked
        for obj in objects:
            for name in names:
                value = getattr(obj, name, None)
                assert (bounded.is_safe_attribute(obj, name, value)
                        == reference.is_safe_attribute(obj, name, value)), (obj, name)
