"""LibreOffice in the tests: convert a file with a throw-away profile, as planner.pdf does."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from planner.pdf import find_soffice

needs_soffice = pytest.mark.skipif(find_soffice() is None and not os.environ.get("CI"),
                                   reason="LibreOffice (soffice) is not installed; CI installs it")


def convert(source: Path, target_format: str, out_dir: Path) -> Path:
    """`soffice --convert-to target_format`; the converted file (same stem) in out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    work = out_dir / ".soffice"
    work.mkdir(exist_ok=True)
    command = [find_soffice(), f"-env:UserInstallation={(work / 'profile').resolve().as_uri()}",
               "--headless", "--norestore", "--nolockcheck", "--convert-to", target_format,
               "--outdir", str(out_dir), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=240, start_new_session=True,
                   env=dict(os.environ, HOME=str(work)))
    shutil.rmtree(work, ignore_errors=True)
    produced = out_dir / f"{source.stem}.{target_format.split(':')[0]}"
    assert produced.is_file(), f"LibreOffice did not write {produced}"
    return produced
