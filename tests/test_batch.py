"""Folder runs: every plan checked, in order, in a process pool; a broken plan stops nothing."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from classplans import BROKEN, plan_data, write_class
from planner import batch
from planner.cli import cli
from planner.course import load_course

ROOT = Path(__file__).resolve().parent.parent


def planner(*args, **kwargs):
    return subprocess.run([sys.executable, "-m", "planner", *args], capture_output=True,
                          text=True, cwd=ROOT, **kwargs)


@pytest.fixture
def klass(tmp_path):
    folder = tmp_path / "teams"
    write_class(folder, 3)
    (folder / "team-01b.yaml").write_text(BROKEN, "utf-8")  # sorted between team-01 and team-02
    return folder


def test_check_folder_with_a_broken_plan_checks_the_others(klass):
    result = CliRunner().invoke(cli, ["check", str(klass)])
    assert result.exit_code == 2  # the worst: an unreadable plan
    out = result.stdout
    assert "team-01b.yaml:" in out and "[PLN000]" in out
    for name in ("team-00", "team-01", "team-02"):
        # French plans: their summary lines are French, like their findings.
        assert f"{klass / name}.yaml\u00a0: 0 erreur" in result.stderr
    assert "4 plans: 3 checked, 1 unreadable; findings: 1 error, 0 warnings, 0 infos" in result.stderr
    assert "Traceback" not in result.output


def test_exit_code_is_the_worst_result(tmp_path):
    folder = tmp_path / "teams"
    write_class(folder, 2)
    data = plan_data(5)
    del data["stack"]["monitoring"]                 # an error
    (folder / "team-05.yaml").write_text(yaml.safe_dump(data), "utf-8")
    assert CliRunner().invoke(cli, ["check", str(folder)]).exit_code == 1
    data = plan_data(6)
    data["stack"]["orchestration"]["alternatives"] = []  # a warning only
    (folder / "team-05.yaml").write_text(yaml.safe_dump(data), "utf-8")
    assert CliRunner().invoke(cli, ["check", str(folder)]).exit_code == 0
    assert CliRunner().invoke(cli, ["check", str(folder), "--strict"]).exit_code == 1


def test_pool_and_serial_give_the_same_output_in_plan_order(tmp_path):
    folder = tmp_path / "teams"
    paths = write_class(folder, 12)
    for index in (3, 7):  # findings in a few plans, so that order shows
        data = plan_data(index)
        del data["stack"]["model-training"]
        data["stack"]["monitoring"]["tools"] = ["Evidentyl"]
        paths[index].write_text(yaml.safe_dump(data), "utf-8")
    (folder / "team-05.yaml").write_text(BROKEN, "utf-8")
    serial = planner("check", str(folder), "--format", "json", "-j", "1")
    pooled = planner("check", str(folder), "--format", "json", "-j", "2")
    assert serial.returncode == pooled.returncode == 2
    assert serial.stdout == pooled.stdout
    findings = json.loads(pooled.stdout)
    order = [f["path"] for f in findings]
    assert order == sorted(order, key=lambda p: sorted(map(str, paths)).index(p))
    assert {Path(p).name for p in order} == {"team-03.yaml", "team-05.yaml", "team-07.yaml"}
    assert "12 plans: 11 checked, 1 unreadable" in pooled.stderr


def test_an_unexpected_failure_in_one_plan_is_reported_and_the_rest_go_on(klass, monkeypatch):
    import planner.plans

    real = planner.plans.check_plan

    def flaky(path, *args, **kwargs):
        if Path(path).name == "team-00.yaml":
            raise RuntimeError("boom")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(planner.plans, "check_plan", flaky)
    paths = sorted(p for p in klass.iterdir() if p.name != "team-01b.yaml")
    outcomes, summary = batch.run_all(paths, load_course(), "check", jobs=1)
    assert [o.status for o in outcomes] == ["failed", "ok", "ok"]
    assert "internal error (RuntimeError: boom)" in outcomes[0].error
    from planner.cli.exits import for_outcomes
    assert for_outcomes(outcomes) == 2
    assert (summary.plans, summary.built, summary.failed) == (3, 2, 1)


def test_progress_bar_on_a_terminal(klass):
    """With stderr on a pseudo-terminal, click draws a progress bar; without, plain lines."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "planner", "check", str(klass)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=follower, text=True,
                            env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 30)
        if not ready:
            break
        try:
            data = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=30)
    os.close(leader)
    terminal = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 2
    assert "checking" in terminal and "4/4" in terminal
    # After the bar (complete: 4/4): each plan's line and the summary.
    assert terminal.index("4/4") < terminal.index("team-02.yaml\u00a0: 0 erreur")
    assert "4 plans: 3 checked, 1 unreadable" in terminal
