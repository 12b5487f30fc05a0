"""The pre-commit hook definition: it picks plan files, skips the roster, and its entry works."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from classplans import BROKEN, write_plan

ROOT = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))


def hook():
    (only,) = [h for h in HOOKS if h["id"] == "planner-check"]
    return only


def selected(path: str) -> bool:
    h = hook()
    return bool(re.search(h["files"], path)) and not re.search(h["exclude"], path)


def test_hook_selects_plan_files_only():
    assert selected("teams/r00t-ai.yaml") and selected("plan.yaml") and selected("teams/x.yml")
    assert not selected("teams/roster.yaml") and not selected("course.yaml")
    assert not selected(".github/workflows/plan.yaml") and not selected("docs/teams/x.yaml")
    assert hook()["language"] == "python" and hook()["require_serial"] is True


def test_hook_entry_runs_planner_check_on_the_files_given(tmp_path):
    good = write_plan(tmp_path / "teams", 0)
    bad = tmp_path / "teams" / "bad.yaml"
    bad.write_text(BROKEN, "utf-8")
    entry = shlex.split(hook()["entry"])
    assert entry[:2] == ["planner", "check"] and "--format" in entry
    command = [sys.executable, "-m", "planner", *entry[1:]]
    ok = subprocess.run(command + [str(good)], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    failed = subprocess.run(command + [str(good), str(bad)], capture_output=True, text=True,
                            cwd=ROOT)
    assert failed.returncode == 2 and f"{bad}:" in failed.stdout
