"""Where the plan's items land in the deck, measured without drawing.

The deck's composers lay out every slide's text with the shipped font metrics
(planner.deck.textfit) before anything is drawn; builder.plan_slides then keeps
on the timed slides what the talk's time holds and moves the rest to backup
slides after the closing slide. This module runs that same composition for
`planner check` (and `build` reuses its result): each move to a backup slide
becomes a finding at the moved items' line ("success metrics 6-10 go to backup
slide 17"). Without a template nothing here draws; with one, python-pptx reads its
slide size and fonts.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.i18n import _, current, ngettext


@dataclass(frozen=True)
class Move:
    path: tuple      # the first moved item's path in the plan (where the finding points)
    what: tuple      # the list's path (("project", "success_metrics")) or the item's own
    first: int | None  # 1-based item numbers, None for a single thing (a stage)
    last: int | None
    slide: int       # the backup slide's number in the deck


@dataclass(frozen=True)
class Wordy:
    """A drawn slide whose own text cannot be said in its time (PLN701)."""
    path: tuple      # the plan path the slide shows (planner.slidekinds.source)
    text: str        # the finding's message, in the plan's language


def moves(timed: list, backup: list) -> list[Move]:
    """The moves of the backup slides' items, one per run of consecutive items of a list."""
    out: list[Move] = []
    for offset, (part, _piece, _outline_slide) in enumerate(backup):
        number = len(timed) + offset + 1
        runs: dict = {}
        for source in dict.fromkeys(part.sources):
            if source and isinstance(source[-1], int):
                runs.setdefault(source[:-1], []).append(source[-1])
            else:
                out.append(Move(source, source, None, None, number))
        for parent, indices in runs.items():
            indices.sort()
            start = previous = indices[0]
            for index in indices[1:] + [None]:
                if index is not None and index == previous + 1:
                    previous = index
                    continue
                out.append(Move(parent + (start,), parent, start + 1, previous + 1, number))
                if index is not None:
                    start = previous = index
    return out


def measure(data, template_path: str | None = None) -> list[Move]:
    """The moves for one plan (a RenderInput), laid out as `build` lays it out: on the
    template's slides and measured with its fonts when there is one (the same session as
    builder.render_deck, so `check --fit` and `build` report the same backup slides)."""
    from planner.deck.builder import layout_session, plan_slides
    with layout_session(data, template_path, draw=False) as (_found, ctx, _palettes):
        timed, backup = plan_slides(ctx, data.outline)
    return moves(timed, backup)


def findings(moves: list, checked, data) -> list:
    """PLN603 findings, each at the line of the first item it moves, in the plan's order
    (`check --fit` and `build` print the same lines in the same order)."""
    from planner import rules
    out = []
    for move in moves:
        line, column = checked.document.where(move.path)
        out.append(rules.finding("PLN603", checked.path, line, column, message(move, data)))
    return sorted(out, key=lambda f: (f.line, f.column))


def wordy_findings(wordy: list, checked) -> list:
    """PLN701 findings, each at the line of the plan section its slide shows."""
    from planner import rules
    out = []
    for item in wordy:
        line, column = checked.document.where(item.path, key=True)
        out.append(rules.finding("PLN701", checked.path, line, column, item.text))
    return out


# The lists whose items can move, as PLN603 names them.
# Each list's name for a count of its items: "objective 7", "objectives 7-12".
_LISTS = {
    "project.objectives": lambda n: ngettext("objective", "objectives", n),
    "project.success_metrics": lambda n: ngettext("success metric", "success metrics", n),
    "project.scope.in": lambda n: ngettext("in-scope item", "in-scope items", n),
    "project.scope.out": lambda n: ngettext("out-of-scope item", "out-of-scope items", n),
    "infrastructure.pros": lambda n: ngettext("pro", "pros", n),
    "infrastructure.cons": lambda n: ngettext("con", "cons", n),
    "infrastructure.cost": lambda n: _("infrastructure cost"),
    "risks": lambda n: ngettext("risk", "risks", n),
    "milestones": lambda n: ngettext("milestone", "milestones", n),
    "architecture.components": lambda n: ngettext("component", "components", n),
    "architecture.flows": lambda n: ngettext("flow", "flows", n),
}


def message(move: Move, data) -> str:
    """'success metrics 6-10 moved to backup slide 17', in the language of the messages
    (the plan's, like its other findings)."""
    key = ".".join(str(p) for p in move.what)
    count = 1 if move.first is None or move.last is None else move.last - move.first + 1
    what = _LISTS[key](count) if key in _LISTS else None
    if what is None and move.what[:1] in (("stack",), ("infrastructure",)):
        stage = move.what[1] if move.what[:1] == ("stack",) else "infrastructure"
        found = data.course.stage(stage)
        what = (found.label.get(current()) if found else None) or stage
    what = what or ".".join(str(p) for p in move.what)
    if move.first is None:
        items = what
    elif move.first == move.last:
        items = f"{what} {move.first}"
    else:
        items = f"{what} {move.first}-{move.last}"
    return _("{items} moved to backup slide {slide} (the speaking time is too short to show them)").format(
        items=items, slide=move.slide)
