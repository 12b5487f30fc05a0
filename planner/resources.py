"""Where the built-in data files and templates live, installed or not."""

from __future__ import annotations

import datetime as _dt
import json
import os
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"
# Parsed data files are cached as JSON beside them, the way Python caches byte-code:
# parsing catalog.yaml with PyYAML costs more than the rest of `planner check`.
CACHE = DATA / "__pycache__"
_CACHE_VERSION = 1


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
    stamp = [_CACHE_VERSION, stat.st_mtime_ns, stat.st_size]
    cached = CACHE / f"{name}.json"
    try:
        entry = json.loads(cached.read_bytes(), object_hook=_revive)
        if entry.get("stamp") == stamp:
            return entry["data"]
    except (OSError, ValueError, AttributeError):
        pass  # no cache yet, or a stale or broken one: parse the YAML
    import yaml
    with open(source, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    _store(cached, {"stamp": stamp, "data": data})
    return data


def _store(path: Path, entry) -> None:
    """Write the cache atomically; a read-only install simply goes without."""
    try:
        text = json.dumps(entry, default=_date, ensure_ascii=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        try:
            tmp.unlink()
        except (OSError, UnboundLocalError):
            pass


def _date(value):
    if isinstance(value, _dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot cache {type(value).__name__}")


def _revive(obj: dict):
    if len(obj) == 1:
        if "$date" in obj:
            return _dt.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return _dt.datetime.fromisoformat(obj["$datetime"])
    return obj
