"""Who presents which slide: speaker turns that follow what each member owns.

A slide's owners come from the plan: the owners of the stages it shows (the
stack slide: of every stage), the owners of the stages whose tools the
architecture's components run on, the milestones' and risks' owners, and
members whose role names the slide's topic (role words in data/speakers.yaml).
Turns are contiguous runs of slides; the assignment maximises the speaking time
given to a slide's owners while keeping every member's speaking time within
reach of an equal share (the outline then nudges budgets by up to a quarter),
with at most members + 1 handovers. Pins (presentation.speakers) always win.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from planner import resources
from planner.identity import names_team

OWNERSHIP = 3.0     # weight of the share of the talk given to its owners
SLACK = 0.25        # how far the outline may nudge a slide's budget (outline.SLACK)
BALANCE = 12.0
EVENNESS = 0.2      # weight of the raw unevenness: prefer turns that are even before nudging
HANDOVER = 0.02     # cost of each handover beyond members - 1
ROLE_WEIGHT = 1.0   # a role naming the slide's topic counts as one owned item


# --- who owns what -------------------------------------------------------------

@lru_cache(maxsize=1)
def _role_words() -> dict:
    data = resources.data_file("speakers.yaml")["roles"]
    # One pattern per slide (any of its words at a word start): one compilation, one search.
    return {slide: re.compile(r"\b(?:" + "|".join(re.escape(_fold(word)) for word in words) + ")")
            for slide, words in data.items() if words}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().split())


def ownership(plan, slides) -> list[dict]:
    """For each (slide id, stage ids) in `slides`: {member name: share of the slide owned}."""
    members = [m.name for m in plan.members]
    if not members:
        return [{} for _ in slides]

    def owner(name):
        if not name or names_team(name):
            return None
        found = plan.member(name)
        return found.name if found else None

    stage_owner = {sid: owner(choice.owner) for sid, choice in plan.stack.items()}
    tool_owner: dict = {}
    for sid, choice in plan.stack.items():
        for tool in choice.tools:
            tool_owner.setdefault(_fold(tool), stage_owner[sid])
    roles = {m.name: _fold(m.role) for m in plan.members}
    result = []
    for slide_id, stages in slides:
        counts: dict = {}

        def add(name, weight=1.0, counts=counts):
            if name:
                counts[name] = counts.get(name, 0.0) + weight
        if slide_id == "stack":
            for sid in plan.stack:
                add(stage_owner.get(sid), 0.5)
        for sid in stages:
            add(stage_owner.get(sid))
        if slide_id == "architecture":
            for component in plan.components:
                add(owner(getattr(component, "owner", "")))
                add(tool_owner.get(_fold(component.tool or component.name)), 0.5)
        if slide_id == "timeline":
            for milestone in plan.milestones:
                add(owner(milestone.owner))
        if slide_id == "risks":
            for risk in plan.risks:
                add(owner(risk.owner))
        for name, role in roles.items():
            words = _role_words().get(slide_id)
            if role and words and words.search(role):
                add(name, ROLE_WEIGHT)
        total = sum(counts.values())
        result.append({name: value / total for name, value in counts.items()} if total else {})
    return result


# --- assignment ----------------------------------------------------------------

@dataclass(frozen=True)
class Scorer:
    budgets: tuple
    names: tuple
    affinity: tuple   # per slide: {name: share}

    # Cached: the assignment's search asks for them ~100k times a plan (same values).
    @cached_property
    def total(self) -> int:
        return sum(self.budgets)

    @cached_property
    def fair(self) -> float:
        return self.total / len(self.names)

    def load_cost(self, load: float) -> float:
        """How far a member's speaking time is from a fair share, once nudged by SLACK."""
        fair = self.fair
        low, high = load * (1 - SLACK), load * (1 + SLACK)
        out = max(0.0, low - fair, fair - high) / fair
        return BALANCE * out * out + EVENNESS * ((load - fair) / fair) ** 2

    def gain(self, index: int, name: str) -> float:
        return OWNERSHIP * self.budgets[index] * self.affinity[index].get(name, 0.0) / self.total

    def cost(self, speakers) -> float:
        loads = dict.fromkeys(self.names, 0)
        for budget, name in zip(self.budgets, speakers):
            loads[name] += budget
        extra = max(0, handovers(speakers) - (len(self.names) - 1))
        return (sum(self.load_cost(load) for load in loads.values())
                - sum(self.gain(i, name) for i, name in enumerate(speakers)) + HANDOVER * extra)


def handovers(speakers) -> int:
    return sum(1 for a, b in zip(speakers, speakers[1:]) if a != b)


def assign(budgets, names, pins, affinity=None):
    """Speakers for the slides, or None when no contiguous turns honour the pins."""
    names = tuple(names)
    affinity = tuple(affinity or [{} for _ in budgets])
    scorer = Scorer(tuple(budgets), names, affinity)
    orders = itertools.permutations(names) if len(names) <= 5 else [names]
    best = None
    for order in orders:
        found = _contiguous(scorer, order, pins)
        if found is not None and (best is None or found[0] < best[0] - 1e-12):
            best = found
    if best is None:
        return None
    return _improve(scorer, best[1], pins)


def _contiguous(scorer, order, pins):
    """Exact best split of the slides into len(order) turns, in this order (cost is additive)."""
    n, groups = len(scorer.budgets), min(len(order), len(scorer.budgets))
    prefix = [0]
    for budget in scorer.budgets:
        prefix.append(prefix[-1] + budget)
    gains = {name: [0.0] for name in order[:groups]}
    for name in gains:
        for i in range(n):
            gains[name].append(gains[name][-1] + scorer.gain(i, name))
    infinity = float("inf")
    best = [[infinity] * (groups + 1) for _ in range(n + 1)]
    cut = [[0] * (groups + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for g in range(1, groups + 1):
        name = order[g - 1]
        for i in range(g, n - (groups - g) + 1):
            for j in range(g - 1, i):
                if best[j][g - 1] == infinity or not _allowed(pins, name, j, i):
                    continue
                candidate = (best[j][g - 1] + scorer.load_cost(prefix[i] - prefix[j])
                             - (gains[name][i] - gains[name][j]))
                if candidate < best[i][g] - 1e-12:
                    best[i][g], cut[i][g] = candidate, j
    if best[n][groups] == infinity:
        return None
    speakers, i = [""] * n, n
    for g in range(groups, 0, -1):
        j = cut[i][g]
        speakers[j:i] = [order[g - 1]] * (i - j)
        i = j
    # Members beyond the number of slides have no turn; their (empty) share still counts.
    return scorer.cost(speakers), speakers


def _improve(scorer, speakers, pins):
    """Give a run of slides to another member where that pays, up to members + 1 handovers."""
    limit = len(scorer.names) + 1
    current, score = list(speakers), scorer.cost(speakers)
    everyone = set(scorer.names) if len(scorer.budgets) >= len(scorer.names) else set(current)
    # Only a member of `everyone` can take a run (another would change who speaks): with
    # more members than slides that is the slides' speakers, not every member listed.
    candidates = [name for name in scorer.names if name in everyone]
    while True:
        best = None
        for start in range(len(current)):
            for end in range(start + 1, len(current) + 1):
                for name in candidates:
                    if not _allowed(pins, name, start, end) or all(s == name for s in current[start:end]):
                        continue
                    candidate = current[:start] + [name] * (end - start) + current[end:]
                    if handovers(candidate) > limit or set(candidate) != everyone:
                        continue
                    value = scorer.cost(candidate)
                    if value < score - 1e-9 and (best is None or value < best[0]):
                        best = (value, candidate)
        if best is None:
            return current
        score, current = best


def _allowed(pins, member, start, end) -> bool:
    """Slides start..end-1 may go to `member`: no slide there is pinned to someone else."""
    return not pins or all(pins.get(k, member) == member for k in range(start, end))


# --- how even ------------------------------------------------------------------

@dataclass(frozen=True)
class Evenness:
    spread: int        # seconds between the longest and the shortest speaking time
    fair: float        # an equal share, in seconds
    handovers: int

    @property
    def percent(self) -> int:
        """The spread as a percentage of an equal share."""
        return round(100 * self.spread / self.fair) if self.fair else 0


def evenness(totals: dict, speakers, members: int) -> Evenness:
    values = list(totals.values()) + [0] * max(0, members - len(totals))
    fair = sum(values) / len(values) if values else 0
    return Evenness(max(values) - min(values) if values else 0, fair, handovers(speakers))
