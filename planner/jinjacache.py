"""Compiled Jinja2 templates kept between runs, in the user's cache folder.

Compiling the plan's templates cost more than rendering them (about a third of
a one-plan Markdown build): Jinja2 parses each template and compiles the Python
it generates on every run. A FileSystemBytecodeCache keeps that code, keyed by
the template's name and file, and checked against the source's checksum, so an
edited template (a user's --templates folder too) is compiled again.

What Jinja2 does not check, this module does:
- the generated code depends on the environment's syntax options and class (a
  sandboxed environment compiles differently), and on Jinja2's version: they
  are hashed into the file names, so two set-ups never read each other's code;
- the code is executed: the folder must be the user's own and writable by no
  one else, else no cache (as Jinja2's default folder does);
- a cache that cannot be written, or a broken file in it, costs a compilation,
  never a failure.

PLANNER_CACHE_DIR names another folder; set to an empty value, it turns the
cache off.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache

# The environment settings that change the code Jinja2 generates for a template.
_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string",
           "variable_end_string", "comment_start_string", "comment_end_string",
           "line_statement_prefix", "line_comment_prefix", "trim_blocks", "lstrip_blocks",
           "newline_sequence", "keep_trailing_newline", "optimized", "is_async")


def cache_dir() -> Path | None:
    """The folder for compiled templates, or None when caching is off."""
    chosen = os.environ.get("PLANNER_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) / "jinja" if chosen.strip() else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "planner" / "Cache"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches" / "planner"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "planner"
    return base / "jinja"


class _QuietCache(FileSystemBytecodeCache):
    """Jinja2's file cache, where any failure to read or write only means compiling."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a truncated, foreign or unreadable file: compile instead
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # full disk, read-only home: the next run compiles again
            pass


def _usable(folder: Path) -> bool:
    """Create the folder for this user alone; refuse one others could write to."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid"):
        if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return False
    return True


def fingerprint(env: jinja2.Environment) -> str:
    """What, besides the template's source, decides the code Jinja2 generates."""
    autoescape = env.autoescape
    parts = [type(env).__module__, type(env).__qualname__, jinja2.__version__,
             getattr(autoescape, "__qualname__", repr(autoescape))]
    parts += [f"{name}={getattr(env, name, None)!r}" for name in _SYNTAX]
    parts += sorted(getattr(extension, "identifier", repr(extension))
                    for extension in env.extensions.values())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def attach(env: jinja2.Environment) -> jinja2.Environment:
    """Give `env` the on-disk cache of compiled templates (when one can be used)."""
    folder = cache_dir()
    if folder is not None and _usable(folder):
        env.bytecode_cache = _QuietCache(str(folder), f"%s-{fingerprint(env)}.cache")
    return env
