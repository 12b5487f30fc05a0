"""The deck as PDF, through LibreOffice when it is installed.

soffice runs headless with its own throw-away profile (two conversions at once
would otherwise fight over the user's profile lock, and a first-run profile
must not be written into the user's home), in a temporary folder, in its own
process group, with a time limit. A conversion that fails returns the reason
(with what to install when soffice is missing); the build turns a PDF that was
asked for and not made into exit 2. Ctrl-C or any other interruption ends the
whole soffice process group before the temporary folder is removed.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from planner.i18n import _

TIMEOUT = 180  # seconds; a first start of LibreOffice on a slow machine takes ~20 s


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(deck, pdf_path, timeout: float = TIMEOUT):
    """Convert `deck` (the .pptx bytes, or its path) to `pdf_path`; returns (pdf path or None,
    why it was not written, or None)."""
    from planner import atomic
    from planner.errors import OutputError

    soffice = find_soffice()
    if soffice is None:
        return None, _("not written: LibreOffice is not installed (no `soffice` on PATH); install it to get "
                       "a PDF of the deck (Debian, Ubuntu: `apt install libreoffice-impress`; macOS: `brew "
                       "install --cask libreoffice`; Windows: libreoffice.org)")
    with tempfile.TemporaryDirectory(prefix="planner-pdf-") as work:
        work_dir = Path(work)
        source = work_dir / "deck.pptx"
        if isinstance(deck, (bytes, bytearray)):
            source.write_bytes(deck)
        else:
            shutil.copyfile(deck, source)
        profile = (work_dir / "profile").resolve().as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(work_dir), str(source)]
        # Nothing written into the user's home, nor left in the system's temporary folder
        # when soffice is killed: both point into the folder removed below.
        env = dict(os.environ, HOME=str(work_dir), TMPDIR=str(work_dir), TMP=str(work_dir), TEMP=str(work_dir))
        try:
            returncode, output = _run(command, work_dir, env, timeout)
        except subprocess.TimeoutExpired:
            return None, _("not written: LibreOffice did not finish within {seconds} s").format(seconds=f"{timeout:g}")
        except OSError as exc:
            return None, _("not written: cannot run {soffice}: {reason}").format(
                soffice=soffice, reason=exc.strerror or exc)
        produced = work_dir / "deck.pdf"
        if returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
            detail = output.strip().splitlines()
            reason = detail[-1] if detail else _("exit status {code}").format(code=returncode)
            return None, _("not written: LibreOffice could not convert the deck ({reason})").format(reason=reason)
        try:
            written = atomic.write_bytes(pdf_path, produced.read_bytes())
        except OutputError as exc:
            return None, exc.message
    return written, None


def _run(command, cwd, env, timeout):
    """Run soffice in its own process group, so that a time-out, Ctrl-C or any other exception
    stops soffice.bin too, not just its wrapper, before the temporary folder is removed."""
    process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, errors="replace",
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except BaseException:
        _stop(process)
        raise
    return process.returncode, output or ""


def _stop(process) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass
    try:
        process.communicate(timeout=10)
    except (subprocess.TimeoutExpired, OSError, ValueError):
        pass
