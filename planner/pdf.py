"""The deck as PDF, through LibreOffice when it is installed.

soffice runs headless with its own throw-away profile (two conversions at once
would otherwise fight over the user's profile lock, and a first-run profile
must not be written into the user's home), in a temporary folder, with a
timeout. Any failure is a note for the user, not an exception: the deck itself
was written.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 180  # seconds; a first start of LibreOffice on a slow machine takes ~20 s


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(deck_path, pdf_path, timeout: int = TIMEOUT):
    """Convert `deck_path` to `pdf_path`; returns (pdf path or None, note or None)."""
    from planner import atomic
    from planner.errors import OutputError

    soffice = find_soffice()
    if soffice is None:
        return None, (f"{pdf_path}: not written: LibreOffice is not installed (no `soffice` on PATH); "
                      "install it (e.g. `apt install libreoffice-impress`) to get a PDF of the deck")
    deck_path = Path(deck_path)
    with tempfile.TemporaryDirectory(prefix="planner-pdf-") as work:
        work_dir = Path(work)
        source = work_dir / "deck.pptx"
        shutil.copyfile(deck_path, source)
        profile = (work_dir / "profile").resolve().as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(work_dir), str(source)]
        env = dict(os.environ, HOME=str(work_dir))  # nothing written into the user's home
        try:
            returncode, output = _run(command, work_dir, env, timeout)
        except subprocess.TimeoutExpired:
            return None, f"{pdf_path}: not written: LibreOffice did not finish within {timeout} s"
        except OSError as exc:
            return None, f"{pdf_path}: not written: cannot run {soffice}: {exc.strerror or exc}"
        produced = work_dir / "deck.pdf"
        if returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = output.strip().splitlines()
            reason = detail[-1] if detail else f"exit status {returncode}"
            return None, f"{pdf_path}: not written: LibreOffice could not convert the deck ({reason})"
        try:
            written = atomic.write_bytes(pdf_path, produced.read_bytes())
        except OutputError as exc:
            return None, str(exc)
    return written, None


def _run(command, cwd, env, timeout):
    """Run soffice in its own process group, so a timeout stops soffice.bin too, not just its wrapper."""
    process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            pass
        process.communicate()
        raise
    return process.returncode, output or ""
