"""The code `dataclasses` generates for planner's classes, kept between runs like byte-code.

`@dataclass` writes each class's methods (`__init__`, `__repr__`, `__eq__`, and for a frozen
class `__setattr__`, `__delattr__` and `__hash__`) as Python source and compiles it every
time the module is imported: Python keeps a module's own code in `__pycache__`, not this.
On Python 3.11 compiling it is ~0.45 ms a frozen class, most of what defining ~30 classes
costs a one-plan `planner check` (~13 ms of ~100) and ~100 classes a build.

`install()` routes the `exec` that `dataclasses` calls, for planner's modules only, through
a cache of compiled code keyed by the generated source itself: the same source always
compiles to the same code, so a class edited since (new source) is compiled as before, and
no stamp can go stale. Classes come out exactly as `dataclasses` makes them: it still does
all the work, only the compilation of its source is saved.

Each module's code is a `marshal` file beside planner's byte-code,
`planner/__pycache__/MODULE.dataclasses.<python tag>.bin`, trusted as the `.pyc` files
around it are. It is written at exit when one of the module's classes was compiled, with
the code its classes have now, so an edited class's old code does not pile up. Like the
parsed data files (planner/resources.py) it is written whatever PYTHONDONTWRITEBYTECODE
says; a read-only install goes without. A missing, foreign or broken file only means
compiling.
"""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import sys
from pathlib import Path
from types import CodeType

FOLDER = Path(__file__).resolve().parent / "__pycache__"
_PREFIX = "planner."
_VERSION = 1  # of a file's layout: (version, {source: code})

_loaded: dict[str, dict[str, CodeType]] = {}    # module -> its file's entries
_compiled: dict[str, dict[str, CodeType]] = {}  # module -> this process's, found or compiled
_missed: set[str] = set()                        # modules whose file lacks some of their code


def install() -> None:
    """Make `dataclasses` compile planner's generated methods through the cache (once)."""
    if getattr(dataclasses, "exec", None) is not _exec:
        dataclasses.exec = _exec  # type: ignore[attr-defined]  # shadows the builtin there
        import atexit
        atexit.register(save)


def _exec(source, globals=None, locals=None, /):
    module = (globals or {}).get("__name__", "")
    if isinstance(source, str) and isinstance(module, str) and module.startswith(_PREFIX):
        source = code_of(source, module)
    return builtins.exec(source, globals, locals)


def code_of(source: str, module: str) -> CodeType:
    """The compiled `source` (as `exec` compiles a string), from `module`'s file when it has it."""
    code = _entries(module).get(source)
    if code is None:
        code = compile(source, "<string>", "exec")
        _missed.add(module)
    _compiled.setdefault(module, {})[source] = code
    return code


def file_of(module: str) -> Path:
    return FOLDER / f"{module}.dataclasses.{sys.implementation.cache_tag}.bin"


def _entries(module: str) -> dict[str, CodeType]:
    if module not in _loaded:
        _loaded[module] = {}
        try:
            version, entries = marshal.loads(file_of(module).read_bytes())
            if version == _VERSION and isinstance(entries, dict):
                _loaded[module] = entries
        except (OSError, ValueError, EOFError, TypeError):
            pass  # none yet, or written by another layout: compile
    return _loaded[module]


def save() -> None:
    """Write the file of each module that compiled a class: the code its classes have now."""
    from planner.resources import store_cache
    for module in sorted(_missed):
        # a read-only install goes without, as it does without byte-code
        store_cache(file_of(module), marshal.dumps((_VERSION, _compiled[module])))
    _missed.clear()
