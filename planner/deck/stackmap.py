"""The lifecycle stack map slide: the map of planner.diagrams.stackmap, and the reasons of the
stages marked not applicable on a slide of their own."""

from __future__ import annotations

from planner.deck import theme
from planner.deck.context import Part
from planner.deck.markdown_runs import Run, plain
from planner.diagrams.stackmap import card_state, columns, scene


def slide(ctx, outline_slide):
    shown = columns(ctx)
    notes = [ctx.note("stack_intro", percent=ctx.data.overall if ctx.data.overall is not None else 0)]
    if outline_slide.folded:  # said early: the notes are cut to the slide's time (deck.script)
        notes.append(ctx.note("stack_folded", stages=", ".join(ctx.stage_label(s) for s in outline_slide.folded)))
    for _section, states in shown:
        for state in states:
            kind = card_state(state)
            label = ctx.stage_label(state.stage.id)
            if kind in ("missing", "undecided"):
                requirement = ctx.words["requirement"].get(state.stage.requirement, "")
                notes.append(ctx.note("stack_gap", stage=label, requirement=requirement))
            elif kind == "not-applicable":
                notes.append(ctx.note("stack_na", stage=label, reason=plain(state.choice.reason) or "—"))
            elif kind not in ("unused",) and state.choice.tools:
                notes.append(ctx.note("stage", stage=label, tools=", ".join(plain(t) for t in state.choice.tools)))
    parts = [Part(lambda shape_slide: draw(shape_slide, ctx, shown), notes)]
    return parts + _not_applicable(ctx, shown)


def _not_applicable(ctx, shown):
    """The reasons of the stages marked not applicable: the map has no room for them, the
    jury asks about them. A slide of their own (continued, or backup when time is short)."""
    from planner.deck import slides as text_slides
    from planner.deck.context import md
    from planner.deck.layout import Block
    items, sources = [], []
    for _section, states in shown:
        for state in states:
            if card_state(state) == "not-applicable":
                label = ctx.stage_label(state.stage.id)
                reason = state.choice.reason if plain(state.choice.reason) else "—"
                sources.append(("stack", state.stage.id, "reason"))
                items.append((Run(label, bold=True), Run(" : " if ctx.data.lang == "fr" else ": ")) + md(reason))
    if not items:
        return []
    title = f"{ctx.slide_title('stack')} · {ctx.words['states']['not-applicable']}"
    block = Block(None, tuple(items), marker="–", marker_colour=theme.MUTED, sources=tuple(sources))
    parts = text_slides.text_parts(ctx, [[block]], [1], lambda index, page: [ctx.note("continued")],
                                   "not applicable")
    for part in parts:
        part.title = title
    return parts


def draw(slide, ctx, shown):
    from planner.deck import drawscene
    drawscene.draw(slide, scene(ctx, ctx.geometry.content, shown), ctx.lang)
