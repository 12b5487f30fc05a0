"""Compiled templates kept between runs (planner/jinjacache.py): used, never stale, never fatal."""

from __future__ import annotations

import os

import jinja2
import pytest
from jinja2.sandbox import SandboxedEnvironment

from cli_support import ROOT, run_planner
from planner import jinjacache
from planner.templating import make_environment

EXAMPLE = ROOT / "examples" / "smart-meter-fr.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PLANNER_CACHE_DIR", str(folder))
    return folder / "jinja"


def counting(env):
    """The names of the templates `env` compiles from source."""
    compiled = []
    original = env.compile

    def compile_(source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return original(source, name, filename, *args, **kwargs)

    env.compile = compile_
    return compiled


def test_a_second_environment_loads_the_compiled_template_instead_of_compiling(cache):
    first = make_environment()
    compiled = counting(first)
    text = first.get_template("plan/plan.md.j2")
    assert "plan/plan.md.j2" in compiled and any(cache.iterdir())
    second = make_environment()
    again = counting(second)
    assert second.get_template("plan/plan.md.j2") is not text
    assert again == []


def test_an_edited_template_is_compiled_again(cache, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    page = folder / "page.j2"
    page.write_text("one {{ x }}", encoding="utf-8")
    assert make_environment(folder).get_template("page.j2").render(x=1) == "one 1"
    page.write_text("two {{ x }}", encoding="utf-8")
    assert make_environment(folder).get_template("page.j2").render(x=1) == "two 1"


def test_environments_that_compile_differently_never_share_code(cache, tmp_path):
    loader = jinja2.DictLoader({"t.j2": "{% if x %}\n  yes\n{% endif %}"})
    plain = jinja2.Environment(loader=loader)
    trimmed = jinja2.Environment(loader=loader, trim_blocks=True, lstrip_blocks=True)
    sandboxed = SandboxedEnvironment(loader=loader)
    prints = {jinjacache.fingerprint(env) for env in (plain, trimmed, sandboxed)}
    assert len(prints) == 3
    assert jinjacache.fingerprint(jinja2.Environment(loader=loader)) == jinjacache.fingerprint(plain)
    for env in (plain, trimmed):
        jinjacache.attach(env)
    assert plain.get_template("t.j2").render(x=1) == "\n  yes\n"
    assert trimmed.get_template("t.j2").render(x=1) == "  yes\n"
    again = jinjacache.attach(jinja2.Environment(loader=loader, trim_blocks=True, lstrip_blocks=True))
    assert again.get_template("t.j2").render(x=1) == "  yes\n"


def test_broken_cache_files_only_cost_a_compilation(cache):
    make_environment().get_template("plan/plan.md.j2")
    for path in cache.iterdir():
        path.write_bytes(b"j2 not a cache at all")
    env = make_environment()
    compiled = counting(env)
    assert env.get_template("plan/plan.md.j2").render  # compiled again, no error
    assert "plan/plan.md.j2" in compiled


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_folder_others_can_write_is_not_used(cache):
    cache.mkdir(parents=True)
    cache.chmod(0o777)
    env = make_environment()
    assert env.bytecode_cache is None
    assert env.get_template("plan/plan.md.j2")
    assert not any(cache.iterdir())


def test_cache_off_or_unwritable_still_builds_the_same_bytes(tmp_path):
    outputs = {}
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    for name, setting in (("off", ""), ("fresh", tmp_path / "c"), ("warm", tmp_path / "c"),
                          ("blocked", blocked)):
        out = tmp_path / f"out-{name}"
        env = {**os.environ, "PLANNER_CACHE_DIR": str(setting)}
        result = run_planner("build", EXAMPLE, "-o", out, "--only", "plan", env=env)
        assert result.returncode == 0, result.stderr
        outputs[name] = next(out.glob("*/plan.md")).read_bytes()
    assert len(set(outputs.values())) == 1
    assert any((tmp_path / "c" / "jinja").iterdir())
