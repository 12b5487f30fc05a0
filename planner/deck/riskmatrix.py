"""The risk matrix slide: the matrix (planner.diagrams.riskmatrix) and the risks beside it.

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
from planner.diagrams.riskmatrix import AXIS_W, LEVEL_W
from planner.facts import risks_by_severity


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
    from planner.deck import drawscene
    from planner.diagrams import riskmatrix
    drawscene.draw(slide, riskmatrix.scene(ctx, rect, risks), ctx.lang)
