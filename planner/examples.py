"""The example plans shipped with planner: listing them and copying one to start from.

They live in examples/ of a checkout and in planner/examples/ of an installed
wheel (resources.shipped); their one-line descriptions, in both languages, in
data/examples.yaml. A copy never replaces a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from planner import resources
from planner.errors import UsageError
from planner.i18n import _

DEFAULT_FOLDER = "teams"
_LANGUAGE = re.compile(r"^language:\s*['\"]?([a-z]{2})\b", re.MULTILINE)


@dataclass(frozen=True)
class Example:
    name: str
    path: Path
    language: str
    description: dict

    def line(self, lang: str) -> str:
        return self.description.get(lang) or self.description.get("en", "")


def folder() -> Path:
    return resources.shipped("examples")


def examples() -> list[Example]:
    """Every shipped example, by name."""
    described = resources.data_file("examples.yaml") or {}
    found = []
    for path in sorted(folder().glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        language = _LANGUAGE.search(text)
        found.append(Example(path.stem, path, language.group(1) if language else "fr",
                             dict(described.get(path.stem) or {})))
    return found


def find(name: str) -> Example:
    from planner.suggest import pick
    return pick(name.removesuffix(".yaml"), {example.name: example for example in examples()},
                _("unknown example '{name}'"), _("examples: {names}"))


def listing(lang: str) -> str:
    """Name, language and one line each, in `lang`."""
    items = examples()
    width = max((len(example.name) for example in items), default=0)
    lines = [_("Example plans (planner examples NAME copies one into teams/):")]
    lines += [f"  {example.name.ljust(width)}  {example.language}  {example.line(lang)}".rstrip()
              for example in items]
    return "\n".join(lines) + "\n"


def copy(name: str, destination: str | Path | None = None) -> Path:
    """Copy the example NAME into `destination` (a folder, default teams/) as NAME.yaml."""
    from planner import atomic

    example = find(name)
    target_folder = Path(destination if destination is not None else DEFAULT_FOLDER)
    if target_folder.exists() and not target_folder.is_dir():
        raise UsageError(_("-o expects a folder, and {path} is a file").format(path=target_folder))
    target = target_folder / example.path.name
    try:
        atomic.create_bytes(target, example.path.read_bytes())
    except FileExistsError:
        raise UsageError(_("already exists; planner examples never overwrites a file"), path=str(target),
                         hint=_("remove or rename it, or choose another folder with -o")) from None
    return target
