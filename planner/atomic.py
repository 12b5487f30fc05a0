"""Atomic writes: a reader sees the old file or the new one, never half of one.

Only a regular file, a symlink (replaced, never followed) or nothing is replaced:
a device (`-o /dev/full`), a FIFO, a socket or a folder at the output path is
refused before anything is written. The replaced file's permission bits are
kept, never its setuid, setgid or sticky bits, and never a symlink target's.
"""

from __future__ import annotations

import os
import stat
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
    tmp = _temporary_name(target)
    try:
        _fill(tmp, data, _mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        _discard_unless_foreign(tmp, exc)
        if isinstance(exc, OSError):
            raise _error(target, exc) from None
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
    tmp = _temporary_name(target)
    try:
        _fill(tmp, data, 0o666 & ~_UMASK)
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise
        except OSError:  # no hard links here (some network or FAT file systems)
            with open(target, "xb") as handle:
                handle.write(data)
    except FileExistsError as exc:
        _discard_unless_foreign(tmp, exc)
        raise
    except BaseException as exc:
        _discard_unless_foreign(tmp, exc)
        if isinstance(exc, OSError):
            raise _error(target, exc) from None
        raise
    _discard(tmp)
    return target


def _temporary_name(target: Path) -> Path:
    """A name for the temporary file beside `target`, chosen before the file exists.

    Known before the file is created, it can be removed whatever interrupts the write: a
    signal (Ctrl-C, or SIGTERM to a class-build worker, planner.workers) can raise between
    any two steps, and with tempfile.mkstemp one landing after its open but before it
    returned the name left a '.deck.pptx.*.tmp' behind. 64 random bits: two writers never
    pick the same name (os.urandom, as the secrets module does, without its ~7 ms import)."""
    return target.parent / f".{target.name}.{os.urandom(8).hex()}.tmp"


def _fill(tmp: Path, data: bytes, mode: int) -> None:
    """Create `tmp` (exclusively: never another's file), write `data`, sync it, set `mode`."""
    tmp.parent.mkdir(parents=True, exist_ok=True)
    # 0o600 while it is written, as mkstemp does; the final bits are set once it is complete
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(tmp, mode)


def _discard_unless_foreign(tmp: Path, exc: BaseException) -> None:
    """Remove our temporary file after a failure, unless the failure is that `tmp` existed
    already (then the file is another's). Only the exclusive open names `tmp` alone: a link
    that finds its target taken names both."""
    if isinstance(exc, FileExistsError) and exc.filename == os.fspath(tmp) and exc.filename2 is None:
        return
    _discard(tmp)


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


def _discard(name: str | os.PathLike) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def create_text(path: str | os.PathLike, text: str) -> Path:
    """create_bytes() for text (UTF-8): a new file whole, or FileExistsError."""
    return create_bytes(path, text.encode("utf-8"))
