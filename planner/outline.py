"""The presentation outline: slides, time budgets and speakers, computed once.

Both the deck and the Markdown plan take this outline, so they never disagree.
Budgets are the course's (or the plan's) slide weights scaled to the
presentation length, in whole seconds that add up exactly to it, then nudged
(by at most a quarter) so that every member speaks for the same time.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from planner.facts import minutes_seconds as clock
from planner.slideset import select_slides
from planner.turns import assign, evenness, ownership

STEP = 15  # budgets are multiples of 15 s when the length allows it: cues read better
SLACK = 0.25  # how far a slide's budget may move from its weight to even out speakers


@dataclass(frozen=True)
class Slide:
    id: str
    start: int  # seconds from the start of the presentation
    end: int
    speaker: str
    stages: tuple = ()  # stage ids shown on this slide (not-applicable ones folded away)
    folded: tuple = ()  # stage ids folded here from slides that were dropped

    @property
    def seconds(self) -> int:
        return self.end - self.start

    def cue(self, speaker_label: str = "Speaker") -> str:
        return f"[{clock(self.start)}–{clock(self.end)}] {speaker_label}: {self.speaker}"

    def split(self, parts: int) -> list[Slide]:
        """The same slide continued over `parts` slides, sharing its budget exactly."""
        bounds = [self.start + (self.seconds * i) // parts for i in range(parts + 1)]
        return [Slide(self.id, bounds[i], bounds[i + 1], self.speaker, self.stages, self.folded)
                for i in range(parts)]


@dataclass(frozen=True)
class Outline:
    seconds: int
    slides: tuple
    backup: tuple = ()  # slides the talk has no time for: shown after the closing slide, untimed

    def evenness(self, members: int):
        """How close the members' speaking times are (planner.turns.Evenness)."""
        return evenness(self.totals(), [slide.speaker for slide in self.slides], members)

    def totals(self) -> dict[str, int]:
        """Speaking time of each speaker, in seconds, in order of first appearance."""
        totals: dict[str, int] = {}
        for slide in self.slides:
            totals[slide.speaker] = totals.get(slide.speaker, 0) + slide.seconds
        return totals


def build_outline(plan, course, extra=()) -> Outline:
    """`extra`: SlideSpecs to time as well (build --since's changes slide), before the questions."""
    chosen = select_slides(plan, course, extra)
    kept, moved, weights, total, floor = chosen.kept, chosen.moved, chosen.weights, chosen.total, chosen.floor
    budgets = allocate(total, weights, floor)
    names = [member.name for member in plan.members] or ["—"]
    pins = _pins(plan, [spec.id for spec, _s, _f in kept])
    owned = ownership(plan, [(spec.id, stages + folded) for spec, stages, folded in kept])
    speakers = assign_speakers(budgets, names, pins, owned)
    budgets = balance(budgets, speakers, total, floor=floor)
    slides, start = [], 0
    for (spec, stages, folded), budget, speaker in zip(kept, budgets, speakers):
        slides.append(Slide(spec.id, start, start + budget, speaker, stages, folded))
        start += budget
    order = [spec.id for spec in course.outline]
    moved.sort(key=lambda entry: order.index(entry[0].id) if entry[0].id in order else len(order))
    backup = tuple(Slide(spec.id, total, total, "", stages, folded) for spec, stages, folded in moved)
    return Outline(total, tuple(slides), backup)


def balance(budgets, speakers, total, slack=SLACK, floor: int = 1) -> list[int]:
    """Nudge each speaker's slides (by at most `slack`) towards an equal share of the time.

    Turns are contiguous, so the weights alone rarely split evenly among the
    members; a slide's budget is a guide, a member's speaking time is a promise.
    """
    members = list(dict.fromkeys(speakers))
    if len(members) < 2:
        return list(budgets)
    loads = {m: sum(b for b, s in zip(budgets, speakers) if s == m) for m in members}
    counts = {m: speakers.count(m) for m in members}
    low = {m: max(loads[m] * (1 - slack), floor * counts[m]) for m in members}
    high = {m: max(loads[m] * (1 + slack), low[m]) for m in members}
    # The fair share each member can reach, then the same level for all (bisection).
    lo_level, hi_level = 0.0, float(total)
    for _ in range(60):
        level = (lo_level + hi_level) / 2
        if sum(min(max(level, low[m]), high[m]) for m in members) < total:
            lo_level = level
        else:
            hi_level = level
    shares = allocate(total, [min(max(hi_level, low[m]), high[m]) for m in members],
                      [floor * counts[m] for m in members])
    balanced = list(budgets)
    for member, share in zip(members, shares):
        mine = [i for i, s in enumerate(speakers) if s == member]
        for index, budget in zip(mine, allocate(share, [budgets[i] for i in mine], floor)):
            balanced[index] = budget
    return balanced


def allocate(total: int, weights, floor=1) -> list[int]:
    """Split `total` seconds by weight (largest remainder), each share at least `floor`
    seconds (one number, or one per share) when the total allows it, and one step always."""
    count = len(weights)
    floors = list(floor) if isinstance(floor, (list, tuple)) else [floor] * count
    step = STEP if total % STEP == 0 and total // STEP >= count else 1
    units = total // step
    least = [max(1, -(-f // step)) for f in floors]
    if sum(least) > units:
        least = [1] * count
    weight_sum = sum(weights) or 1
    raw = [units * w / weight_sum for w in weights]
    shares = [max(low, int(r)) for low, r in zip(least, raw)]
    while sum(shares) > units:  # the floors can overshoot: take from the largest above its floor
        largest = max(range(count), key=lambda i: (shares[i] - least[i], shares[i]))
        shares[largest] -= 1
    order = sorted(range(count), key=lambda i: (-(raw[i] - int(raw[i])), i))
    for i in range(units - sum(shares)):
        shares[order[i % count]] += 1
    return [share * step for share in shares]


def _pins(plan, slide_ids):
    pins = {}
    for slide_id, wanted in plan.presentation.speakers.items():
        member = plan.member(wanted)
        if slide_id in slide_ids and member:
            pins[slide_ids.index(slide_id)] = member.name
    return pins


def assign_speakers(budgets, names, pins, owned=None) -> list[str]:
    """Every member speaks, in contiguous turns that follow what each owns (planner.turns).

    When no contiguous turns honour the pins, or the best ones leave a member
    with far more than a fair share, turns stop being contiguous.
    """
    speakers = assign(budgets, names, pins, owned)
    greedy = _greedy(budgets, names, pins)
    if speakers is None:
        return greedy
    fair = sum(budgets) / len(names) + max(budgets)
    if pins and _longest_turn(budgets, speakers) > fair and _longest_turn(budgets, greedy) < _longest_turn(
            budgets, speakers):
        return greedy
    return speakers


def _longest_turn(budgets, speakers) -> int:
    loads: dict = {}
    for budget, speaker in zip(budgets, speakers):
        loads[speaker] = loads.get(speaker, 0) + budget
    return max(loads.values())


def _greedy(budgets, names, pins):
    """Pinned slides first; then each slide stays with the previous speaker while
    that speaker is under a fair share, else goes to whoever has spoken least."""
    fair = sum(budgets) / len(names)
    loads = {name: 0 for name in names}
    speakers = [None] * len(budgets)
    for index, name in pins.items():
        speakers[index] = name
        loads[name] += budgets[index]
    # Linear in the members (a plan may list thousands): the least-loaded member, first
    # listed on ties, comes from a heap of (load, rank) instead of a scan per slide.
    rank = {name: number for number, name in enumerate(dict.fromkeys(names))}
    heap = [(load, rank[name], name) for name, load in loads.items()]
    heapq.heapify(heap)
    silent = sum(1 for load in loads.values() if load == 0)
    for index, budget in enumerate(budgets):
        if speakers[index] is not None:
            continue
        previous = speakers[index - 1] if index else None
        if previous and silent <= 1 and loads[previous] + budget <= fair:
            pick = previous
        else:
            while heap[0][0] != loads[heap[0][2]]:  # an entry left behind by a later load
                heapq.heappop(heap)
            pick = heap[0][2]
        silent -= loads[pick] == 0 and budget > 0
        speakers[index] = pick
        loads[pick] += budget
        heapq.heappush(heap, (loads[pick], rank[pick], pick))
    return speakers
