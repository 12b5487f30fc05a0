"""Slides of lifecycle stages (data, model, operations, generative AI): one card per stage.

A card shows the stage, the tools chosen, why, and the alternatives rejected
(their reasons go to the speaker notes). All cards of a slide share one size;
when they do not fit at 14 pt the stages continue on a second slide, and a
`why` still too long is cut at a word (it stays whole in the notes).
"""

from __future__ import annotations

from planner.deck import frames, theme
from planner.deck.context import Part, md
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import LINE, Para, fits, height, sizes, truncate

GAP = int(0.25 * theme.INCH)
PAD = int(0.14 * theme.INCH)
STRIPE = int(0.09 * theme.INCH)


def stage_slide(ctx, slide):
    stage_ids = list(slide.stages)
    area = ctx.geometry.content
    options = []
    for per_page in _page_sizes(len(stage_ids))[:ctx.max_pages]:
        pages = [stage_ids[i:i + per_page] for i in range(0, len(stage_ids), per_page)]
        for arrangement in _arrangements(per_page):
            rects = arrangement(area, per_page)
            size = _size_for(ctx, pages, rects)
            options.append((size or 0, -len(pages), pages, arrangement))
        if options and max(o[0] for o in options) > 0:
            break
    size, _n, pages, arrangement = max(options, key=lambda o: (o[0], o[1]))
    size = size or theme.SIZES.body_min
    parts = []
    for index, page in enumerate(pages):
        rects = _snug(ctx, page, arrangement(area, len(pages[0])), size)

        def draw(shape_slide, page=page, rects=rects):
            for stage_id, rect in zip(page, rects):
                _card(shape_slide, ctx, stage_id, rect, size)

        notes = [ctx.note("continued")] if index else []
        for stage_id in page:
            notes += stage_notes(ctx, stage_id)
        sources = tuple(("infrastructure",) if stage_id == "infrastructure" else ("stack", stage_id)
                        for stage_id in page)
        parts.append(Part(draw, notes, sources=sources))
    return parts


def _snug(ctx, page, rects, size):
    """Cards no taller than their text needs: each row as tall as its fullest card."""
    rows: dict = {}
    for stage_id, rect in zip(page, rects):
        width, _h = frames.inner(_text_rect(rect))
        need = height(card_paras(ctx, stage_id, size), width) * 12700 + 2 * theme.INSET_Y + PAD * 2
        rows[rect.top] = max(rows.get(rect.top, 0), int(need))
    out, tops, y = [], {}, None
    for top in sorted(rows):
        tops[top] = top if y is None else y
        y = tops[top] + rows[top] + GAP
    for rect in rects[:len(page)]:
        tall = min(rect.height, max(rows[rect.top], int(1.5 * theme.INCH)))
        out.append(theme.Rect(rect.left, min(tops[rect.top], rect.top), rect.width, tall))
    return out


def _page_sizes(count: int):
    """Stages per slide to try: all on one slide, then halves."""
    if count <= 0:
        return [1]
    out = [count]
    if count > 1:
        out.append((count + 1) // 2)
    return out


def _grid(area, count):
    if count == 4:
        cols = area.columns([1, 1], GAP)
        out = []
        for col in cols:
            out.extend(col.rows([1, 1], GAP))
        return [out[0], out[2], out[1], out[3]]  # reading order: left to right, then down
    return area.columns([1] * max(1, count), GAP)


def _columns(area, count):
    return area.columns([1] * max(1, count), GAP)


def _arrangements(count):
    return [_grid, _columns] if count == 4 else [_columns]


def _text_rect(rect):
    return theme.Rect(rect.left + STRIPE + PAD, rect.top + PAD // 2,
                      rect.width - STRIPE - 2 * PAD, rect.height - PAD)


def _size_for(ctx, pages, rects):
    for size in sizes(20, theme.SIZES.body_min):
        if all(fits(card_paras(ctx, stage_id, size), *frames.inner(_text_rect(rect)))
               for page in pages for stage_id, rect in zip(page, rects)):
            return size
    return None


def _state(ctx, stage_id):
    state = ctx.state_of(stage_id)
    return state.state if state else "missing"


def card_paras(ctx, stage_id, size):
    choice = ctx.plan.stack[stage_id]
    state = _state(ctx, stage_id)
    words = ctx.words
    label = ctx.stage_label(stage_id)
    head = [Run(label)]
    if state not in ("done",):
        head.append(Run(f" · {words['states'][state]}"))
    paras = [Para(tuple(head), size, bold=True, color=theme.STATE_COLOURS.get(state, theme.MUTED)
                  if state != "done" else theme.MUTED)]
    if choice.status in ("missing", "undecided") or (not choice.tools and state != "not-applicable"):
        stage = ctx.course.stage(stage_id)
        requirement = words["requirement"].get(stage.requirement, stage.requirement) if stage else ""
        paras.append(Para((Run(ctx.deck["required_missing"].format(requirement=requirement).capitalize()),),
                          size + 2, bold=True, color=theme.STATE_COLOURS["missing"],
                          space_before=round(size * 0.4, 1)))
        if stage and stage.description:
            paras.append(Para(md(stage.description.get(ctx.data.lang, "")), size, italic=True,
                              color=theme.MUTED, space_before=round(size * 0.4, 1)))
        return paras
    tools = ", ".join(plain(t) for t in choice.tools)
    line = [Run(tools, bold=True)]
    if choice.kind:
        line.append(Run(f" · {ctx.kind_label(choice.kind)}"))
    if choice.covered_by:
        line.append(Run(f" ({words['words']['covered_by']} {choice.covered_by})"))
    paras.append(Para(tuple(line), size + 4, color=theme.TEAL, space_before=round(size * 0.3, 1)))
    if plain(choice.why):
        paras.append(Para(md(choice.why), size, space_before=round(size * 0.5, 1)))
    if choice.alternatives:
        rejected = ", ".join(plain(a.tool) for a in choice.alternatives)
        paras.append(Para((Run(ctx.deck["rejected"] + (" : " if ctx.data.lang == "fr" else ": "),
                               bold=True), Run(rejected)), size, color=theme.MUTED,
                          space_before=round(size * 0.5, 1)))
    return paras


def _card(slide, ctx, stage_id, rect, size):
    state = _state(ctx, stage_id)
    colour = theme.STATE_COLOURS.get(state, theme.MUTED)
    missing = state in ("missing", "undecided")
    frames.shape(slide, rect, fill=theme.STATE_FILLS[state] if missing else theme.CARD,
                 line=colour if missing else theme.BORDER, line_width=1.5 if missing else 0.75,
                 dash="dash" if missing else None, name=f"Card {stage_id}")
    frames.shape(slide, theme.Rect(rect.left, rect.top, STRIPE, rect.height), fill=colour,
                 name=f"Stripe {stage_id}")
    box = _text_rect(rect)
    width, avail = frames.inner(box)
    paras = card_paras(ctx, stage_id, size)
    if not fits(paras, width, avail):
        paras = _cut_why(paras, width, avail)
    frames.textbox(slide, box, paras, ctx.lang, name=f"Text stage {stage_id}")


def _cut_why(paras, width, avail):
    """Shorten the longest paragraph (the why) until the card fits."""
    index = max(range(len(paras)), key=lambda i: height([paras[i]], width))
    others = height(paras[:index] + paras[index + 1:], width)
    spare = avail - others - paras[index].space_before
    lines = max(1, int(spare // (paras[index].size * LINE)))
    paras = list(paras)
    paras[index] = truncate(paras[index], width, lines)
    while not fits(paras, width, avail) and len(paras) > 1:
        paras.pop()
    return paras


def stage_notes(ctx, stage_id) -> list:
    choice = ctx.plan.stack[stage_id]
    label = ctx.stage_label(stage_id)
    state = _state(ctx, stage_id)
    if state in ("missing", "undecided") or not choice.tools:
        stage = ctx.course.stage(stage_id)
        requirement = ctx.words["requirement"].get(stage.requirement, "") if stage else ""
        return [ctx.note("missing_stage", stage=label, requirement=requirement)]
    tools = ", ".join(plain(t) for t in choice.tools)
    if choice.kind:
        tools += f" ({ctx.kind_label(choice.kind)})"
    out = [ctx.note("stage", stage=label, tools=tools)]
    if plain(choice.why):
        out.append(ctx.note("why", text=choice.why))
    if choice.alternatives:
        text = ctx.sep.join(ctx.note("alternative", tool=plain(a.tool), reason=plain(a.reason))
                         if plain(a.reason) else plain(a.tool) for a in choice.alternatives)
        out.append(ctx.note("alternatives", text=text))
    if choice.owner:
        out.append(ctx.note("owner", name=choice.owner))
    return out
