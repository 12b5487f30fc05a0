"""Odd files as inputs: a FIFO, a device or a socket given as a plan, a course file, a roster,
a CSV export, a deck template or a credentials file gets exit 2 and a clear message at once,
never a hang (each run has a timeout), never a traceback."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from cli_support import ROOT, run_planner

PLAN = ROOT / "examples" / "genai-assistant-en.yaml"  # English plan: English messages


@pytest.fixture
def fifo(tmp_path) -> Path:
    path = tmp_path / "odd.yaml"
    os.mkfifo(path)
    return path


def _commands(odd: Path):
    return {
        "plan": ["check", odd],
        "plan in build": ["build", odd, "-o", odd.parent / "out"],
        "course": ["check", "--course", odd, PLAN],
        "csv export": ["roster", "pull", "--csv", odd, "-o", odd.parent / "roster.yaml"],
        "deck template": ["build", PLAN, "--template", odd, "-o", odd.parent / "out", "--only", "deck"],
        "credentials": ["roster", "pull", "--sheet", "1" * 44, "--credentials", odd, "-o",
                        odd.parent / "roster.yaml"],
    }


@pytest.mark.parametrize("role", sorted(_commands(Path("x"))))
def test_a_fifo_is_refused_at_once(fifo, role):
    result = run_planner(*_commands(fifo)[role], cwd=fifo.parent)
    assert result.returncode == 2, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "is a named pipe (FIFO), not a regular file" in output
    assert str(fifo) in output


def test_a_roster_yaml_that_is_a_fifo(tmp_path):
    teams = tmp_path / "teams"
    teams.mkdir()
    (teams / "plan.yaml").write_bytes(PLAN.read_bytes())
    os.mkfifo(teams / "roster.yaml")
    result = run_planner("check", teams / "plan.yaml", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "roster.yaml" in output and "named pipe (FIFO)" in output


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    for role, command in _commands(Path(device)).items():
        command = [str(part).replace("/dev/out", str(tmp_path / "out")).replace(
            "/dev/roster.yaml", str(tmp_path / "roster.yaml")) for part in command]
        result = run_planner(*command, cwd=tmp_path)
        assert result.returncode == 2, (role, result.stderr)
        assert "is a device, not a regular file" in result.stdout + result.stderr, (role, result.stderr)


def test_a_socket_is_refused(tmp_path):
    path = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        result = run_planner("check", path, cwd=tmp_path)
    finally:
        server.close()
    assert result.returncode == 2
    assert "is a socket, not a regular file" in result.stdout + result.stderr
