"""What every slide composer receives, and what it returns (one Part per slide drawn)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from planner.deck.markdown_runs import plain, runs

if TYPE_CHECKING:
    from planner.deck.theme import Geometry
    from planner.rendering import RenderInput


@dataclass
class Part:
    """One slide of the deck: how to draw its body, and its speaker notes (after the cue)."""
    draw: Callable
    notes: list = field(default_factory=list)  # paragraphs: Markdown text or tuples of Runs
    title: str | None = None                  # instead of the outline slide's title
    sources: tuple = ()                       # plan paths of the items it shows (for findings)


@dataclass
class Context:
    data: RenderInput
    geometry: Geometry
    builtin: bool
    left_out_items: int = 0  # components and flows past architecture.MAX_LISTED
    left_out: int = 0      # backup slides past the deck's bound (see builder.plan_slides)
    max_pages: int = 1000  # pages one outline slide may continue over: all it needs (nothing is lost)
    # architecture.plan_grid's answer by graph and rectangle: the diagrams are chosen by it
    # (whether one reads on a slide), then drawn on it.
    grids: dict = field(default_factory=dict, repr=False)

    @property
    def plan(self):
        return self.data.plan

    @property
    def course(self):
        return self.data.course

    @property
    def words(self) -> dict:
        return self.data.labels

    @property
    def deck(self) -> dict:
        return self.data.labels["deck"]

    @property
    def notes_words(self) -> dict:
        return self.data.labels["deck"]["notes"]

    @property
    def lang(self) -> str:
        return self.deck["locale"]

    def slide_title(self, slide_id: str) -> str:
        return self.words["slides"].get(slide_id, slide_id)

    def stage_label(self, stage_id: str) -> str:
        return self.data.words.stage(stage_id)

    def state_of(self, stage_id: str):
        return next((s for s in self.data.states if s.stage.id == stage_id), None)

    def date(self, day: dt.date | None, short: bool = False) -> str:
        if not day:
            return ""
        if short:
            return f"{day.day} {self.deck['months_short'][day.month - 1]}"
        return self.deck["date"].format(day=day.day, month=self.deck["months"][day.month - 1],
                                        year=day.year)

    def kind_label(self, kind: str) -> str:
        return self.data.words.kind(kind)

    def choice_label(self, choice: str) -> str:
        return self.data.words.choice(choice)

    @property
    def sep(self) -> str:
        return self.deck.get("separator", "; ")

    def note(self, key: str, **values) -> str:
        return self.notes_words[key].format(**values)


def joined(items, sep: str = "; ") -> str:
    return sep.join(plain(item) for item in items if plain(item))


def md(text) -> tuple:
    return runs(text) if isinstance(text, str) else tuple(text)
