"""The tool catalog: real tools, their aliases, and the stages they serve."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from planner import resources


@dataclass(frozen=True)
class Tool:
    """A tool of the catalog: its names, the stages it serves and what it is."""

    name: str
    aliases: tuple
    stages: tuple
    description: dict
    url: str = ""
    misspellings: tuple = ()
    hosting: str = ""  # managed | self-hosted | both | library
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
        if self.misspellings:
            data["misspellings"] = list(self.misspellings)
        if self.hosting:
            data["hosting"] = self.hosting
        return data


def normalize(name: str) -> str:
    """Case, accents, spaces and punctuation do not tell tools apart."""
    return _normalize(str(name))


@lru_cache(maxsize=4096)
def _normalize(name: str) -> str:
    # Memoised: the checks of one plan ask for the same few dozen tool names thousands
    # of times, and a class of plans for mostly the same ones.
    return _NOT_KEY.sub("", unicodedata.normalize("NFKD", name).casefold())


_NOT_KEY = re.compile(r"[^a-z0-9+#]")


class Catalog:
    def __init__(self, tools):
        self.tools = sorted(tools, key=lambda tool: tool.name.casefold())
        self._by_key = {}
        self._misspelt = {}
        for tool in self.tools:
            for spelling in (tool.name, *tool.aliases):
                self._by_key.setdefault(normalize(spelling), tool)
        for tool in self.tools:
            for spelling in tool.misspellings:
                key = normalize(spelling)
                if key not in self._by_key:
                    self._by_key[key] = self._misspelt[key] = tool

    def find(self, name: str) -> Tool | None:
        """The tool a name, alias or known misspelling designates (case, accents, spaces aside)."""
        return self._by_key.get(normalize(name))

    def misspelt(self, name: str) -> Tool | None:
        """The tool when `name` is one of its known misspellings, not a name or an alias."""
        return self._misspelt.get(normalize(name))

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
        """Tools whose name or alias contains `text`, or whose description (in either
        language) holds every word of it, accents and case aside: "prompt management",
        "gestion des prompts" and "dérive" all find something."""
        from planner.identity import fold

        needle = normalize(text)
        words = fold(text).split()
        found = []
        for tool in self.tools:
            names = any(needle and needle in normalize(s)
                        for s in (tool.name, *tool.aliases, *tool.misspellings))
            described = " ".join(fold(d) for d in tool.description.values())
            if names or (words and all(_has_word(described, word) for word in words)):
                found.append(tool)
        return found


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    data = resources.data_file("catalog.yaml")
    return Catalog(
        Tool(name=str(entry["name"]), aliases=tuple(str(a) for a in entry.get("aliases", ())),
             stages=tuple(entry.get("stages", ())), description=entry.get("description", {}),
             url=entry.get("url", ""), storage_kind=entry.get("storage_kind"),
             infrastructure=tuple(entry.get("infrastructure", ())),
             misspellings=tuple(str(m) for m in entry.get("misspellings", ())),
             hosting=entry.get("hosting", ""))
        for entry in data["tools"])


def _has_word(text: str, word: str) -> bool:
    """`word` starts a word of `text` ("prompt" finds "prompts", "drift" finds "drift")."""
    return re.search(r"(?<![a-z0-9])" + re.escape(word), text) is not None
