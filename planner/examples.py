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

DEFAULT_FOLDER = "teams"
_LANGUAGE = re.compile(r"^language:\s*['\"]?([a-z]{2})\b", re.MULTILINE)

# What `planner examples` says, in both languages (one data place until the
# shared message mechanism covers the CLI).
MESSAGES = {
    "fr": {
        "header": "Exemples de plans (planner examples NOM pour en copier un dans teams/) :",
        "copied": "copié dans {path}",
        "next": "ensuite : planner build {path}   (ou planner check {path})",
        "exists": "existe déjà ; planner examples ne remplace jamais un fichier",
        "exists_hint": "supprimez-le, renommez-le, ou choisissez un autre dossier avec -o",
        "unknown": "exemple inconnu '{name}'",
        "available": "exemples : {names}",
        "not_folder": "-o attend un dossier, et {path} est un fichier",
    },
    "en": {
        "header": "Example plans (planner examples NAME copies one into teams/):",
        "copied": "copied to {path}",
        "next": "next: planner build {path}   (or planner check {path})",
        "exists": "already exists; planner examples never overwrites a file",
        "exists_hint": "remove or rename it, or choose another folder with -o",
        "unknown": "unknown example '{name}'",
        "available": "examples: {names}",
        "not_folder": "-o expects a folder, and {path} is a file",
    },
}


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


def find(name: str, lang: str = "en") -> Example:
    from planner.suggest import pick
    words = MESSAGES[lang]
    return pick(name.removesuffix(".yaml"), {example.name: example for example in examples()},
                words["unknown"], words["available"])


def listing(lang: str) -> str:
    """Name, language and one line each, in `lang`."""
    items = examples()
    width = max((len(example.name) for example in items), default=0)
    lines = [MESSAGES[lang]["header"]]
    lines += [f"  {example.name.ljust(width)}  {example.language}  {example.line(lang)}".rstrip()
              for example in items]
    return "\n".join(lines) + "\n"


def copy(name: str, destination: str | Path | None = None, lang: str = "en") -> Path:
    """Copy the example NAME into `destination` (a folder, default teams/) as NAME.yaml."""
    from planner import atomic

    example = find(name, lang)
    target_folder = Path(destination if destination is not None else DEFAULT_FOLDER)
    words = MESSAGES[lang]
    if target_folder.exists() and not target_folder.is_dir():
        raise UsageError(words["not_folder"].format(path=target_folder))
    target = target_folder / example.path.name
    try:
        atomic.create_bytes(target, example.path.read_bytes())
    except FileExistsError:
        raise UsageError(words["exists"], path=str(target), hint=words["exists_hint"]) from None
    return target
