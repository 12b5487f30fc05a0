"""The shipped reference documentation (docs/*.md), for `planner docs`.

A checkout has docs/ beside the package, a wheel carries it as planner/docs/
(resources.shipped), so an installed user reads the same pages as the README links.
A page's French version is docs/fr/NAME.md; `planner docs` prints the one of the
messages' language (--lang, else the course's), the English page when there is none.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from planner import resources
from planner.i18n import DEFAULT, _, current


@dataclass(frozen=True)
class Topic:
    name: str
    path: Path  # the English page

    @property
    def title(self) -> str:
        for line in self.text().splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.name

    def page(self, lang: str | None = None) -> Path:
        """The page in `lang` (default: the current language of messages), else the English one."""
        lang = lang or current()
        translated = self.path.parent / lang / self.path.name
        return translated if lang != DEFAULT and translated.is_file() else self.path

    def text(self, lang: str | None = None) -> str:
        return self.page(lang).read_text(encoding="utf-8")


def folder() -> Path:
    return resources.shipped("docs")


def topics() -> list[Topic]:
    return [Topic(path.stem, path) for path in sorted(folder().glob("*.md"))]


def find(name: str) -> Topic:
    from planner.suggest import pick
    return pick(name.removesuffix(".md"), {topic.name: topic for topic in topics()},
                _("unknown topic '{name}'"), _("topics: {names}"))


def listing() -> str:
    items = topics()
    width = max((len(topic.name) for topic in items), default=0)
    lines = [_("Reference documentation (planner docs TOPIC prints one page):")]
    lines += [f"  {topic.name.ljust(width)}  {topic.title}" for topic in items]
    return "\n".join(lines) + "\n"
