"""The shipped reference documentation (docs/*.md), for `planner docs`.

A checkout has docs/ beside the package, a wheel carries it as planner/docs/
(resources.shipped), so an installed user reads the same pages as the README links.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner import resources

MESSAGES = {
    "fr": {"header": "Documentation de référence (planner docs SUJET pour en lire une page) :",
           "unknown": "sujet inconnu '{name}'", "available": "sujets : {names}"},
    "en": {"header": "Reference documentation (planner docs TOPIC prints one page):",
           "unknown": "unknown topic '{name}'", "available": "topics: {names}"},
}


@dataclass(frozen=True)
class Topic:
    name: str
    path: Path

    @property
    def title(self) -> str:
        for line in self.text().splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.name

    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def folder() -> Path:
    return resources.shipped("docs")


def topics() -> list[Topic]:
    return [Topic(path.stem, path) for path in sorted(folder().glob("*.md"))]


def find(name: str, lang: str = "en") -> Topic:
    from planner.suggest import pick
    words = MESSAGES[lang]
    return pick(name.removesuffix(".md"), {topic.name: topic for topic in topics()},
                words["unknown"], words["available"])


def listing(lang: str) -> str:
    items = topics()
    width = max((len(topic.name) for topic in items), default=0)
    lines = [MESSAGES[lang]["header"]]
    lines += [f"  {topic.name.ljust(width)}  {topic.title}" for topic in items]
    return "\n".join(lines) + "\n"
