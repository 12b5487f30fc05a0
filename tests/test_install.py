"""The wheel carries everything planner needs at run time, and works from elsewhere."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out)]
    if importlib.util.find_spec("hatchling"):
        # Offline and faster when the build backend is already installed.
        command.append("--no-build-isolation")
    done = subprocess.run(command + [str(ROOT)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    wheels = list(out.glob("planner-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_holds_data_files_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "planner/data/course.yaml", "planner/data/course.schema.yaml",
        "planner/data/plan.schema.yaml", "planner/data/catalog.yaml",
        "planner/data/labels/common.yaml",
        "planner/templates/new/plan.fr.yaml.j2", "planner/templates/new/plan.en.yaml.j2",
    }
    assert expected <= names, expected - names
    # Every data file and template of the checkout is shipped, not only those above.
    # (__pycache__ holds caches written at run time, not shipped files.)
    shipped = {str(p.relative_to(ROOT / "planner")) for p in (ROOT / "planner" / "data").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert {f"planner/{name}" for name in shipped} <= names
    templates = {str(p.relative_to(ROOT / "templates")) for p in (ROOT / "templates").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts}
    assert {f"planner/templates/{name}" for name in templates} <= names
    assert any(name.endswith("entry_points.txt") for name in names)


def test_unpacked_wheel_runs_new_and_check_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    def planner(*args):
        return subprocess.run([sys.executable, "-m", "planner", *args], cwd=work, env=env,
                              capture_output=True, text=True, timeout=60)

    where = subprocess.run([sys.executable, "-c", "import planner; print(planner.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, timeout=60)
    assert Path(where.stdout.strip()).is_relative_to(site)
    made = planner("new", "Wheel Team", "--lang", "en")
    assert made.returncode == 0, made.stderr
    assert (work / "teams" / "wheel-team.yaml").is_file()
    checked = planner("check", "--format", "json")
    assert checked.returncode == 1 and "PLN002" in checked.stdout, checked.stderr
    examples = planner("check", "--strict", *map(str, sorted((ROOT / "examples").glob("*.yaml"))))
    assert examples.returncode == 0, examples.stdout + examples.stderr
