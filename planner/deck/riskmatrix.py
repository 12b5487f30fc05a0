"""The risk matrix: likelihood (rows, high on top) by impact (columns), risks in cells.

Risks are numbered by severity; the cells hold their numbers, the list beside
the matrix says what each risk is and how it is mitigated. A long list
continues on a second slide, with the matrix repeated.
"""

from __future__ import annotations

from planner.deck import frames, layout, theme
from planner.deck.context import Part
from planner.deck.layout import Block
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import Para
from planner.facts import risks_by_severity
from planner.model import LEVELS

AXIS_W = int(0.55 * theme.INCH)   # the likelihood axis title
LEVEL_W = int(0.85 * theme.INCH)  # the level names of the rows
AXIS_H = int(0.75 * theme.INCH)   # level names and axis title under the matrix
CHIP = int(0.42 * theme.INCH)
CHIP_TEXT = 11  # pt


def _chips(count: int, cell: int, prefix: str) -> tuple:
    """Chip size, chips per row and gap so that `count` chips fit a cell, as large as CHIP;
    never smaller than the widest number's text at CHIP_TEXT."""
    from planner.deck.textfit import emu, text_width
    least = emu(text_width(f"{prefix}{max(1, count)}", CHIP_TEXT, bold=True) + 4)
    gap = int(0.05 * theme.INCH)
    room = cell - int(0.08 * theme.INCH)
    per_row = 1
    while per_row * per_row < count:
        per_row += 1
    chip = min(CHIP, (room - (per_row - 1) * gap) // per_row)
    if chip < least:  # too many to show: as many as fit at the least size
        chip = least
        per_row = max(1, (room + gap) // (chip + gap))
    return chip, per_row, gap


def ordered(risks):
    """Most severe first, in the plan's order within a severity (planner.facts)."""
    return risks_by_severity(risks)


def slide(ctx, outline_slide):
    risks = ordered(list(ctx.plan.risks))
    levels = ctx.words["levels"]
    prefix = ctx.deck["risk_prefix"]
    notes = []
    for number, risk in enumerate(risks, start=1):
        owner = f" ({risk.owner})" if risk.owner else ""
        notes.append(f"{prefix}{number}. " + ctx.note("risk", risk=plain(risk.risk), likelihood=levels[risk.likelihood],
                                                       impact=levels[risk.impact],
                                                       mitigation=plain(risk.mitigation) or "—", owner=owner))
    area = ctx.geometry.content
    matrix_w = min(int(area.width * 0.46), area.height + AXIS_W + LEVEL_W)
    left, right = area.columns([matrix_w, area.width - matrix_w - int(0.4 * theme.INCH)], int(0.4 * theme.INCH))
    if not risks:
        def empty(shape_slide):
            _matrix(shape_slide, ctx, left, [])
            para = Para((Run(ctx.deck["no_risks"], italic=True),), 18, color=theme.MUTED)
            frames.textbox(shape_slide, right, [para], ctx.lang, name="Text risks", anchor="middle")
        return [Part(empty, notes)]
    from planner.deck.context import md
    blocks = []
    where = {id(risk): index for index, risk in enumerate(ctx.plan.risks)}
    for number, risk in enumerate(risks, start=1):
        lines = [(Run(f"{prefix}{number}  ", bold=True),) + md(risk.risk)]
        if plain(risk.mitigation):
            lines.append((Run("→ ", bold=True),) + md(risk.mitigation)
                         + ((Run(f" ({risk.owner})"),) if risk.owner else ()))
        blocks.append(Block(None, tuple(lines), bullets=False, sources=(("risks", where[id(risk)]),) * len(lines)))
    _size, pages = layout.flow([_risk_blocks(blocks)], [frames.inner(right)], ctx.deck, top=18, max_pages=ctx.max_pages)
    parts = []
    for index, page in enumerate(pages):
        def draw(shape_slide, paras=page[0]):
            _matrix(shape_slide, ctx, left, risks)
            frames.textbox(shape_slide, right, paras, ctx.lang, name="Text risks")
        sources = tuple(dict.fromkeys(para.source for para in page[0] if para.source is not None))
        parts.append(Part(draw, notes if index == 0 else [ctx.note("continued")], sources=sources))
    return parts


def _risk_blocks(blocks):
    out = []
    for block in blocks:
        out.append(Block(None, block.items[:1], bullets=False, sources=block.sources[:1]))
        if len(block.items) > 1:
            out.append(Block(None, block.items[1:], bullets=False, item_colour=theme.MUTED, counted=False,
                             sources=block.sources[1:]))
    return out


def _matrix(slide, ctx, rect, risks):
    words = ctx.words["words"]
    levels = ctx.words["levels"]
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
        by_cell.setdefault((risk.likelihood, risk.impact), []).append((number, risk))
    for row, likelihood in enumerate(reversed(LEVELS)):  # high on top
        y = top + row * cell
        frames.textbox(slide, theme.Rect(rect.left + AXIS_W, y, level_w - int(0.05 * theme.INCH), cell),
                       [Para((Run(levels[likelihood]),), 14, color=theme.MUTED, align="right")], ctx.lang,
                       name=f"Label likelihood {likelihood}", anchor="middle")
        for col, impact in enumerate(LEVELS):
            x = left + col * cell
            severity = (LEVELS.index(likelihood) + 1) * (LEVELS.index(impact) + 1)
            frames.shape(slide, theme.Rect(x, y, cell, cell), fill=theme.HEAT[severity], line=theme.PAPER,
                         line_width=2, name=f"Cell {likelihood} {impact}")
            inside = [n for n, r in by_cell.get((likelihood, impact), ())]
            chip, per_row, gap = _chips(len(inside), cell, prefix)
            shown = inside[: per_row * per_row]
            step = chip + gap
            across = min(len(shown), per_row)
            down = -(-len(shown) // per_row) if shown else 0
            # The chips as a group, centred in their cell.
            x0 = x + (cell - (across * step - gap)) // 2
            y0 = y + (cell - (down * step - gap)) // 2
            for k, number in enumerate(shown):
                cx = x0 + (k % per_row) * step
                cy = y0 + (k // per_row) * step
                # Past what a cell can hold (hundreds of risks) the last chip counts the rest.
                extra = len(inside) - len(shown)
                text = f"+{extra + 1}" if extra and k == len(shown) - 1 else f"{prefix}{number}"
                shape = frames.shape(slide, theme.Rect(cx, cy, chip, chip), kind="ellipse", fill=theme.NAVY,
                                     name=f"Risk {text}")
                frames.write(shape.text_frame, [Para((Run(text),), CHIP_TEXT, bold=True, align="center",
                                                     color=theme.ON_DARK)],
                             ctx.lang, anchor="middle", inset_x=0, inset_y=0)
    base = top + 3 * cell
    for col, impact in enumerate(LEVELS):
        frames.textbox(slide, theme.Rect(left + col * cell, base, cell, int(0.35 * theme.INCH)),
                       [Para((Run(levels[impact]),), 14, color=theme.MUTED, align="center")], ctx.lang,
                       name=f"Label impact {impact}")
    frames.textbox(slide, theme.Rect(left, base + int(0.35 * theme.INCH), 3 * cell, int(0.38 * theme.INCH)),
                   [Para((Run(words["impact"] + " →"),), 14, bold=True, color=theme.INK, align="center")],
                   ctx.lang, name="Label impact axis")
    axis = frames.textbox(slide, theme.Rect(rect.left + AXIS_W // 2 - (3 * cell) // 2,
                                            top + (3 * cell) // 2 - AXIS_W // 2, 3 * cell, AXIS_W),
                          [Para((Run(words["likelihood"] + " →"),), 14, bold=True, color=theme.INK, align="center")],
                          ctx.lang, name="Label likelihood axis", anchor="middle")
    axis.rotation = 270
