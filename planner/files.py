"""The one gate through which planner reads a user's file: regular files only, bounded.

Plans, course files, rosters, CSV exports, credentials, .pptx templates and Jinja
templates are all read here. A FIFO, a device or a socket is refused at once
(opened without blocking, then checked with fstat), so `planner check fifo.yaml`
can never hang waiting for a writer, nor read /dev/zero forever.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from planner.errors import InputError
from planner.i18n import N_, _

_NONBLOCK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def kind(mode: int) -> str | None:
    """The name of a file type other than a regular file, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("folder")
    if stat.S_ISFIFO(mode):
        return _("named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("device")
    if stat.S_ISSOCK(mode):
        return _("socket")
    return _("special file")


def read_bytes(path: str | os.PathLike, shown: str | None = None, max_bytes: int = 1024 * 1024,
               what: str = "a plan file") -> bytes:
    """A regular file's bytes, refusing anything else and files over `max_bytes` before reading."""
    shown = str(path) if shown is None else shown
    try:
        fd = os.open(Path(path), os.O_RDONLY | _NONBLOCK)
    except FileNotFoundError:
        raise InputError(_("no such file"), path=shown) from None
    except PermissionError:
        raise InputError(_("permission denied"), path=shown) from None
    except IsADirectoryError:
        raise InputError(_("is a folder, not {what}").format(what=_what(what)), path=shown) from None
    except OSError as exc:  # a socket cannot even be opened (ENXIO): say what it is
        other = _kind_at(path)
        if other is not None:
            raise InputError(_not_regular(other, what), path=shown) from None
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror or exc), path=shown) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(_("is a folder, not {what}").format(what=_what(what)), path=shown)
        other = kind(info.st_mode)
        if other is not None:
            raise InputError(_not_regular(other, what), path=shown)
        if info.st_size > max_bytes:
            raise InputError(_("file is too large ({size} bytes; the limit is {limit})").format(
                size=f"{info.st_size:,}", limit=f"{max_bytes:,}"), path=shown)
        with os.fdopen(os.dup(fd), "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(_("cannot read: {reason}").format(reason=exc.strerror or exc), path=shown) from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while we read it
        raise InputError(_("file is too large (more than {limit} bytes; the limit is {limit})").format(
            limit=f"{max_bytes:,}"), path=shown)
    return data


def regular_or_absent(path: str | os.PathLike) -> str | None:
    """None when `path` is absent or a regular file (or a symlink, which is replaced, not
    followed); else the name of what is there."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None  # absent, or not reachable: the write itself says why
    if stat.S_ISLNK(mode):
        return None
    return kind(mode)


def _kind_at(path) -> str | None:
    try:
        return kind(os.stat(path).st_mode)
    except OSError:
        return None


# What a file was read as, as the messages say it (callers pass the English words).
_WHAT = {"a plan file": N_("a plan file"), "a course file": N_("a course file"),
         "a CSV file": N_("a CSV file"), "a template": N_("a template"), "a key file": N_("a key file"),
         "a roster file": N_("a roster file"), "a file planner generated": N_("a file planner generated")}


def _what(what: str) -> str:
    return _(_WHAT[what]) if what in _WHAT else what


def _not_regular(other: str, what: str) -> str:
    return _("is a {kind}, not a regular file: planner reads {what} only from a regular file").format(
        kind=other, what=_what(what))
