"""Run the real `planner` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_planner(*args, cwd=ROOT, env=None):
    """The finished process; a traceback or an internal error fails the calling test.
    `env`: the environment variables (default: this process's)."""
    env = {**(os.environ if env is None else env), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "planner", *map(str, args)], capture_output=True,
                            text=True, encoding="utf-8", cwd=cwd, env=env, timeout=60)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, result.stderr
    assert "internal error" not in output and "erreur interne" not in output, result.stderr
    return result
