"""Atomic writes: a reader sees the old file or the new one, never half of one.

Only a regular file, a symlink (replaced, never followed) or nothing is replaced:
a device (`-o /dev/full`), a FIFO, a socket or a folder at the output path is
refused before anything is written. The replaced file's permission bits are
kept, never its setuid, setgid or sticky bits, and never a symlink target's.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from planner.errors import OutputError
from planner.i18n import _

# mkstemp creates files readable by their owner only; outputs (decks, plans,
# a starter plan) should get the usual permissions, as `open(path, "w")` would.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    target = Path(path)
    from planner.files import regular_or_absent
    other = regular_or_absent(target)
    if other is not None:
        raise OutputError(_("cannot write: it is a {kind}; planner replaces only a regular file, and writes "
                            "nothing here").format(kind=other), path=str(target))
    tmp_name = _temporary(target, data, _mode(target))
    try:
        os.replace(tmp_name, target)
    except OSError as exc:
        _discard(tmp_name)
        raise _error(target, exc) from None
    except BaseException:
        _discard(tmp_name)
        raise
    return target


def write_text(path: str | os.PathLike, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def create_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write a file that must not exist yet: FileExistsError if it does, even one
    created a moment ago by another process. The content is complete before the
    name appears: a temporary file, then a hard link (which never replaces), where
    the file system has hard links; else an exclusive open written in place."""
    target = Path(path)
    if target.exists() or target.is_symlink():
        raise FileExistsError(target)
    tmp_name = _temporary(target, data, 0o666 & ~_UMASK)
    try:
        try:
            os.link(tmp_name, target)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network or FAT file systems)
            with open(target, "xb") as handle:
                handle.write(data)
    except FileExistsError:
        raise
    except OSError as exc:
        raise _error(target, exc) from None
    finally:
        _discard(tmp_name)
    return target


def _temporary(target: Path, data: bytes, mode: int) -> str:
    """A complete, synced temporary file beside `target`, with `mode`; its name."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _error(target, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
    except OSError as exc:
        _discard(tmp_name)
        raise _error(target, exc) from None
    except BaseException:
        _discard(tmp_name)
        raise
    return tmp_name


def _error(target: Path, exc: OSError) -> OutputError:
    return OutputError(_("cannot write {target}: {reason}").format(
        target=target, reason=exc.strerror or exc), path=str(target))


def _mode(target: Path) -> int:
    """The replaced regular file's read/write/execute bits (lstat: a symlink's target
    lends nothing), else those of a new file under the umask."""
    try:
        info = target.lstat()
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        return 0o666 & ~_UMASK
    return info.st_mode & 0o777


def _discard(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def create_text(path: str | os.PathLike, text: str) -> Path:
    """create_bytes() for text (UTF-8): a new file whole, or FileExistsError."""
    return create_bytes(path, text.encode("utf-8"))
