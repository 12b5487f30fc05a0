"""planner.classcache: dataclasses' generated code kept between runs gives the same classes."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from planner import classcache

ROOT = Path(__file__).resolve().parent.parent

SOURCE = '''
from dataclasses import dataclass, field

@dataclass(frozen=True, order=True)
class Point:
    x: int
    y: int = 0
    tags: tuple = ()
    note: str = field(default="", compare=False)

@dataclass
class Box:
    items: list = field(default_factory=list)

    def __post_init__(self):
        self.items.append("made")
'''


def _new_process(monkeypatch):
    """What the next run starts with: the files, nothing in memory."""
    monkeypatch.setattr(classcache, "_loaded", {})
    monkeypatch.setattr(classcache, "_compiled", {})
    monkeypatch.setattr(classcache, "_missed", set())


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache in tmp_path, as a new process would see it."""
    monkeypatch.setattr(classcache, "FOLDER", tmp_path)
    _new_process(monkeypatch)
    return tmp_path


def _module(name="planner.cache_probe", source=SOURCE):
    module = types.ModuleType(name)
    sys.modules[name] = module  # dataclasses reads the module's globals from sys.modules
    try:
        exec(compile(source, f"<{name}>", "exec"), module.__dict__)
    finally:
        del sys.modules[name]
    return module


def _behaviour(module):
    Point, Box = module.Point, module.Box
    a, b = Point(1, 2, ("t",), note="n"), Point(1, 2, ("t",), note="other")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.x = 3  # type: ignore[misc]
    return (repr(a), a == b, hash(a) == hash(b), Point(0) < a, sorted([a, Point(0, 5)]),
            [f.name for f in dataclasses.fields(Point)], dataclasses.asdict(a),
            dataclasses.replace(a, y=9), Box().items, Box([1]) == Box([1]), repr(Box()))


def test_classes_from_the_cache_behave_as_compiled_ones(fresh, monkeypatch):
    compiled = _module()
    assert classcache._missed == {"planner.cache_probe"}
    classcache.save()
    written = classcache.file_of("planner.cache_probe")
    assert written.is_file() and written.parent == fresh

    _new_process(monkeypatch)
    cached = _module()
    assert not classcache._missed  # every method came from the file
    expected = _behaviour(compiled)
    found = _behaviour(cached)
    assert repr(found[0]) == repr(expected[0]) and found[1:4] == expected[1:4]
    assert found[5:7] == expected[5:7] and found[8:] == expected[8:]
    assert repr(found[4]) == repr(expected[4]) and repr(found[7]) == repr(expected[7])


def test_other_modules_are_compiled_as_usual(fresh):
    _module("elsewhere.probe")
    assert not classcache._compiled and not classcache._missed


def test_a_broken_or_foreign_file_means_compiling(fresh, monkeypatch):
    classcache.file_of("planner.cache_probe").write_bytes(b"\x00not marshal")
    module = _module()
    assert classcache._missed == {"planner.cache_probe"}
    assert module.Point(1) == module.Point(1, 0)
    classcache.save()  # replaces the broken file
    _new_process(monkeypatch)
    _module()
    assert not classcache._missed


def test_an_edited_class_is_compiled_and_its_old_code_dropped(fresh, monkeypatch):
    _module()
    classcache.save()
    _new_process(monkeypatch)
    # A default value is handed to the generated code, not written in it: a new field is new code.
    edited = _module(source=SOURCE.replace("tags: tuple = ()", "tags: tuple = ()\n    size: int = 7"))
    assert edited.Point(1).size == 7 and classcache._missed == {"planner.cache_probe"}
    classcache.save()
    import marshal
    _version, entries = marshal.loads(classcache.file_of("planner.cache_probe").read_bytes())
    assert entries == classcache._compiled["planner.cache_probe"]  # no entry of the old class


def test_a_read_only_folder_goes_without(fresh):
    _module()
    os.chmod(fresh, 0o500)
    try:
        classcache.save()  # no error
    finally:
        os.chmod(fresh, 0o700)
    if os.geteuid() != 0:  # root writes anyway
        assert not list(fresh.iterdir())


def test_a_command_runs_the_same_with_and_without_the_cache(tmp_path):
    """The second run reads what the first wrote; both print the same findings."""
    plan = sorted((ROOT / "examples").glob("*.yaml"))[0]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.run([sys.executable, "-m", "planner", "check", str(plan), "--format", "json"],
                           capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env,
                           timeout=60) for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode and runs[0].stdout == runs[1].stdout
    assert classcache.file_of("planner.model").is_file()
