"""Where the built-in data files and templates live, installed or not."""

from __future__ import annotations

import contextlib
import datetime as _dt
import marshal
import os
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
# Parsed data files are cached beside them in marshal's format, the way Python caches
# byte-code (and, like it, per Python version: marshal's format may change between them):
# parsing catalog.yaml with PyYAML costs more than the rest of `planner check`, reading
# its JSON ~1 ms and the json module ~1 ms more, its marshal ~0.3 ms.
CACHE = DATA / "__pycache__"
_CACHE_VERSION = 2
_DATE, _DATETIME = "$date", "$datetime"  # a date's mark in the cache: (mark, ISO text)


def shipped(folder: str) -> Path:
    """A folder the wheel carries inside the package (templates, examples, docs).

    A wheel force-includes them under planner/ (pyproject.toml); a source checkout
    has them beside the package, where the README's links point.
    """
    installed = PACKAGE / folder
    return installed if installed.is_dir() else PACKAGE.parent / folder


def templates_dir() -> Path:
    return shipped("templates")


@cache
def data_file(name: str):
    """A built-in data file, parsed once. These files are ours: no positions needed."""
    source = DATA / name
    stat = source.stat()
    stamp = (_CACHE_VERSION, stat.st_mtime_ns, stat.st_size)
    cached = CACHE / f"{name}.{sys.implementation.cache_tag}.marshal"
    try:
        found, dated, data = marshal.loads(cached.read_bytes())
        if found == stamp:
            return _revive(data) if dated else data
    except (OSError, ValueError, EOFError, TypeError):
        pass  # no cache yet, or a stale or broken one: parse the YAML
    import yaml
    with open(source, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    marked = _marked(data)
    store_cache(cached, marshal.dumps((stamp, marked is not data, marked)))
    return data


def store_cache(path: Path, blob: bytes) -> None:
    """Write a cache file (parsed data, messages, dataclasses' code) atomically; a
    read-only install simply goes without. Not planner.atomic: a cache is never an output,
    and this runs at exit or on `planner check`'s path."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):  # no folder to hold it, or the write failed
            tmp.unlink()


def _marked(value):
    """`value` with its dates as (mark, ISO text) tuples, which marshal can hold (YAML
    makes no tuple); `value` itself when it holds no date, so that reading it back needs
    no walk."""
    if isinstance(value, dict):
        items = {key: _marked(item) for key, item in value.items()}
        changed = any(items[key] is not item for key, item in value.items())
        return items if changed else value
    if isinstance(value, list):
        marked = [_marked(item) for item in value]
        return marked if any(a is not b for a, b in zip(marked, value)) else value
    if isinstance(value, _dt.datetime):
        return (_DATETIME, value.isoformat())
    if isinstance(value, _dt.date):
        return (_DATE, value.isoformat())
    return value


def _revive(value):
    if isinstance(value, dict):
        return {key: _revive(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_revive(item) for item in value]
    if isinstance(value, tuple):
        mark, text = value
        return (_dt.datetime if mark == _DATETIME else _dt.date).fromisoformat(text)
    return value
