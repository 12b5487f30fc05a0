"""Where the built-in data files and templates live, installed or not."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

PACKAGE = Path(__file__).resolve().parent
DATA = PACKAGE / "data"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def templates_dir() -> Path:
    # A wheel carries templates/ inside the package; a source checkout has it beside.
    installed = PACKAGE / "templates"
    return installed if installed.is_dir() else PACKAGE.parent / "templates"


@lru_cache(maxsize=None)
def data_file(name: str):
    """A built-in data file, parsed once. These files are ours: no positions needed."""
    with open(DATA / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)
