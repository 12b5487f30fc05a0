"""The tool catalog: real tools, their aliases, and the stages they serve."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from planner import resources


@dataclass(frozen=True)
class Tool:
    name: str
    aliases: tuple
    stages: tuple
    description: dict
    url: str = ""
    storage_kind: str | None = None
    infrastructure: tuple = ()

    def as_dict(self) -> dict:
        data = {"name": self.name, "aliases": list(self.aliases), "stages": list(self.stages),
                "description": dict(self.description)}
        if self.url:
            data["url"] = self.url
        if self.storage_kind:
            data["storage_kind"] = self.storage_kind
        if self.infrastructure:
            data["infrastructure"] = list(self.infrastructure)
        return data


def normalize(name: str) -> str:
    """Case, accents, spaces and punctuation do not tell tools apart."""
    text = unicodedata.normalize("NFKD", str(name)).casefold()
    return re.sub(r"[^a-z0-9+#]", "", text)


class Catalog:
    def __init__(self, tools):
        self.tools = sorted(tools, key=lambda tool: tool.name.casefold())
        self._by_key = {}
        for tool in self.tools:
            for spelling in (tool.name, *tool.aliases):
                self._by_key.setdefault(normalize(spelling), tool)

    def find(self, name: str) -> Tool | None:
        return self._by_key.get(normalize(name))

    def suggest(self, name: str) -> Tool | None:
        key = normalize(name)
        if not key:
            return None
        import difflib  # only for an unknown tool: a clean plan's check never loads it

        match = difflib.get_close_matches(key, list(self._by_key), n=1, cutoff=0.75)
        return self._by_key[match[0]] if match else None

    def for_stage(self, stage_id: str) -> list[Tool]:
        return [tool for tool in self.tools if stage_id in tool.stages]

    def search(self, text: str) -> list[Tool]:
        needle = normalize(text)
        words = str(text).casefold()
        return [tool for tool in self.tools
                if any(needle in normalize(s) for s in (tool.name, *tool.aliases))
                or any(words in description.casefold() for description in tool.description.values())]


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    data = resources.data_file("catalog.yaml")
    return Catalog(
        Tool(name=str(entry["name"]), aliases=tuple(str(a) for a in entry.get("aliases", ())),
             stages=tuple(entry.get("stages", ())), description=entry.get("description", {}),
             url=entry.get("url", ""), storage_kind=entry.get("storage_kind"),
             infrastructure=tuple(entry.get("infrastructure", ())))
        for entry in data["tools"])
