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
        # Compiled at build time by hatch_build.py from the .po kept in git.
        "planner/data/locale/fr/LC_MESSAGES/planner.mo",
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
    # The examples and the reference docs too: `planner examples` and `planner docs` read them.
    for folder in ("examples", "docs"):
        files = {p.name for p in (ROOT / folder).iterdir() if p.is_file()}
        assert files and {f"planner/{folder}/{name}" for name in files} <= names, folder
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
    # French from the compiled catalog the wheel carries.
    explained = planner("check", "--explain", "PLN104", "--lang", "fr")
    assert explained.returncode == 0 and "Une étape nomme des outils" in explained.stdout, explained
    assert (site / "planner" / "data" / "locale" / "fr" / "LC_MESSAGES" / "planner.mo").is_file()
    examples = planner("check", "--strict", *map(str, sorted((ROOT / "examples").glob("*.yaml"))))
    assert examples.returncode == 0, examples.stdout + examples.stderr


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel pip-installed, as a user would.

    Its dependencies come from the system site-packages (no network in tests); the
    checkout's editable install is shadowed: the venv's own site-packages comes first.
    """
    home = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(home)],
                   check=True, timeout=120)
    python = home / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    done = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                           str(wheel)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return home


def test_installed_user_reaches_a_built_example_and_the_docs_from_an_empty_folder(venv, tmp_path):
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"

    def planner(*args):
        done = subprocess.run([str(bin_dir / "planner"), *args], cwd=tmp_path, env=env, check=False,
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert "Traceback" not in done.stdout + done.stderr, done.stderr
        return done

    where = subprocess.run([str(bin_dir / "python"), "-c", "import planner; print(planner.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
                           check=False)
    assert Path(where.stdout.strip()).is_relative_to(venv), where.stdout + where.stderr

    listing = planner("examples", "--lang", "en")
    assert listing.returncode == 0, listing.stderr
    assert {"smart-meter-fr", "genai-assistant-en", "notebook-automl-fr"} <= {
        row.split()[0] for row in listing.stdout.splitlines()[1:]}

    # The README's installed-user path: two commands to a built example.
    copied = planner("examples", "smart-meter-fr")
    assert copied.returncode == 0, copied.stderr
    built = planner("build", "teams/smart-meter-fr.yaml")
    assert built.returncode == 0, built.stdout + built.stderr
    assert {p.name for p in (tmp_path / "build" / "wattson").iterdir()} >= {"deck.pptx", "plan.md"}
    assert planner("examples", "smart-meter-fr").returncode == 2  # never overwritten

    docs = planner("docs", "plan-format")
    assert docs.returncode == 0 and docs.stdout.startswith("# The plan format")
    assert "plan-format" in planner("docs").stdout

    # The starter plan points to what the installed user has, and it checks.
    made = planner("new", "Fresh Team", "--lang", "en")
    assert made.returncode == 0, made.stderr
    starter = (tmp_path / "teams" / "fresh-team.yaml").read_text(encoding="utf-8")
    assert "planner examples" in starter and "planner docs plan-format" in starter
    assert planner("check", "teams/fresh-team.yaml").returncode == 1  # TODOs left: findings, not a crash
