"""The risk matrix's geometry: likelihood (rows, high on top) by impact (columns).

Risks are numbered by severity (planner.facts.risks_by_severity); each cell holds the
chips of its risks' numbers, centred, as large as they can be. Drawn by
planner.deck.riskmatrix (with the list of risks beside it) and in the HTML page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.deck import frames, theme
from planner.deck.markdown_runs import Run
from planner.deck.textfit import LINE, Para, emu, text_width
from planner.diagrams.scene import Box, Scene
from planner.model import LEVELS

AXIS_W = int(0.55 * theme.INCH)   # the likelihood axis title
LEVEL_W = int(0.85 * theme.INCH)  # the level names of the rows
AXIS_H = int(0.75 * theme.INCH)   # level names and axis title under the matrix
CHIP = int(0.42 * theme.INCH)
CHIP_TEXT = 11  # pt


@dataclass(frozen=True)
class Chips:
    width: int      # EMU
    height: int
    per_row: int
    capacity: int   # chips drawn at most (past it, the last one counts the rest)
    gap: int
    size: float     # pt: the numbers' text


def chips(count: int, cell: int, prefix: str, last: int | None = None) -> Chips:
    """How `count` chips fit a cell: round and as large as CHIP while a square grid of them
    fits; then the text steps down to the diagrams' least size and the gap narrows; then the
    chips become pills, as many across as their text allows. `last`: the largest number
    written (its text sets the least chip)."""
    room = cell - int(0.08 * theme.INCH)
    per_row = max(1, math.ceil(math.sqrt(count)))
    widest = f"{prefix}{max(1, last or count)}"
    for size, gap in ((CHIP_TEXT, int(0.05 * theme.INCH)), (theme.SIZES.diagram_min, int(0.05 * theme.INCH)),
                      (theme.SIZES.diagram_min, int(0.02 * theme.INCH))):
        chip = min(CHIP, (room - (per_row - 1) * gap) // per_row)
        if chip >= emu(text_width(widest, size, bold=True) + 4):
            return Chips(chip, chip, per_row, per_row * per_row, gap, size)
    least = emu(text_width(widest, size, bold=True) + 4)
    tall = emu(size * LINE + 2)
    per_row = max(1, (room + gap) // (least + gap))
    rows = max(1, -(-count // per_row))
    width = min(CHIP, (room - (per_row - 1) * gap) // per_row)
    height = min(width, (room - (rows - 1) * gap) // rows)
    if height < tall:  # past what a cell can hold (hundreds of risks)
        height, rows = tall, max(1, (room + gap) // (tall + gap))
    return Chips(width, height, per_row, per_row * rows, gap, size)


def scene(ctx, rect, risks) -> Scene:
    """The matrix in `rect` (EMU), for `risks` in their numbering order."""
    words = ctx.words["words"]
    levels = ctx.words["levels"]
    out = Scene(rect, title=f"{ctx.slide_title('risks')}: {words['likelihood']} × {words['impact']}")
    # The row names' column: as wide as the longest level name, measured.
    level_w = max(LEVEL_W, max(frames.line_width(levels[level], 14) for level in LEVELS)
                  + int(0.05 * theme.INCH))
    size = min(rect.width - AXIS_W - level_w, rect.height - AXIS_H)
    cell = size // 3
    left = rect.left + AXIS_W + level_w
    top = rect.top
    prefix = ctx.deck["risk_prefix"]
    by_cell: dict = {}
    for number, risk in enumerate(risks, start=1):
        by_cell.setdefault((risk.likelihood, risk.impact), []).append(number)
    chip_boxes = []
    for row, likelihood in enumerate(reversed(LEVELS)):  # high on top
        y = top + row * cell
        out.add(Box(theme.Rect(rect.left + AXIS_W, y, level_w - int(0.05 * theme.INCH), cell),
                    f"Label likelihood {likelihood}",
                    paras=(Para((Run(levels[likelihood]),), 14, color=theme.MUTED, align="right"),),
                    anchor="middle"))
        for col, impact in enumerate(LEVELS):
            x = left + col * cell
            severity = (LEVELS.index(likelihood) + 1) * (LEVELS.index(impact) + 1)
            out.add(Box(theme.Rect(x, y, cell, cell), f"Cell {likelihood} {impact}", shape="rect",
                        fill=theme.HEAT[severity], line=theme.PAPER, line_width=2))
            inside = by_cell.get((likelihood, impact), [])
            fit = chips(len(inside), cell, prefix, max(inside, default=1))
            shown = inside[: fit.capacity]
            across = min(len(shown), fit.per_row)
            down = -(-len(shown) // fit.per_row) if shown else 0
            # The chips as a group, centred in their cell.
            x0 = x + (cell - (across * (fit.width + fit.gap) - fit.gap)) // 2
            y0 = y + (cell - (down * (fit.height + fit.gap) - fit.gap)) // 2
            extra = len(inside) - len(shown)
            round_ = fit.width == fit.height
            for k, number in enumerate(shown):
                cx = x0 + (k % fit.per_row) * (fit.width + fit.gap)
                cy = y0 + (k // fit.per_row) * (fit.height + fit.gap)
                # Past what a cell can hold (hundreds of risks) the last chip counts the rest.
                label = f"+{extra + 1}" if extra and k == len(shown) - 1 else f"{prefix}{number}"
                chip_boxes.append(Box(theme.Rect(cx, cy, fit.width, fit.height), f"Risk {label}",
                                      shape="ellipse" if round_ else "roundRect", rounding=None if round_ else 0.5,
                                      fill=theme.NAVY,
                                      paras=(Para((Run(label),), fit.size, bold=True, align="center",
                                                  color=theme.ON_DARK),),
                                      anchor="middle", inset_x=0, inset_y=0))
    out.items += chip_boxes
    base = top + 3 * cell
    for col, impact in enumerate(LEVELS):
        out.add(Box(theme.Rect(left + col * cell, base, cell, int(0.35 * theme.INCH)), f"Label impact {impact}",
                    paras=(Para((Run(levels[impact]),), 14, color=theme.MUTED, align="center"),)))
    out.add(Box(theme.Rect(left, base + int(0.35 * theme.INCH), 3 * cell, int(0.38 * theme.INCH)),
                "Label impact axis",
                paras=(Para((Run(words["impact"] + " →"),), 14, bold=True, color=theme.INK, align="center"),)))
    out.add(Box(theme.Rect(rect.left + AXIS_W // 2 - (3 * cell) // 2, top + (3 * cell) // 2 - AXIS_W // 2,
                           3 * cell, AXIS_W), "Label likelihood axis",
                paras=(Para((Run(words["likelihood"] + " →"),), 14, bold=True, color=theme.INK, align="center"),),
                anchor="middle", rotation=270))
    return out
