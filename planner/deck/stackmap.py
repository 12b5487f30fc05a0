"""The lifecycle stack map: checklist sections as columns, one card per stage.

Each card shows the tools chosen for the stage, or its state: a required or
recommended stage left out is drawn red and dashed (a visible gap), a stage
marked not applicable is grey and says so, an optional stage left out is faint.
"""

from __future__ import annotations

from planner.deck import frames, theme
from planner.deck.context import Part
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import LINE, Para, fits, sizes, truncate

GAP = int(0.1 * theme.INCH)
HEADER = int(0.52 * theme.INCH)
LEGEND = int(0.4 * theme.INCH)


def card_state(state) -> str:
    if state.state == "missing" and not state.counted:
        return "unused"
    return state.state


def columns(ctx):
    """[(section, [stage states])] for the sections that have something to show."""
    out = []
    for section in ctx.course.sections:
        shown = [s for s in ctx.data.states if s.stage.section == section["id"]
                 and (s.counted or s.state != "missing")]
        if shown:
            out.append((section, shown))
    return out


def _card_paras(ctx, state, size, brief=False):
    words = ctx.words
    kind = card_state(state)
    choice = state.choice
    label = Para((Run(ctx.stage_label(state.stage.id)),), max(theme.SIZES.diagram_min, size - 2), bold=True,
                 color=theme.MUTED if kind in ("done", "partial", "unused", "not-applicable") else
                 theme.STATE_COLOURS[kind])
    if kind == "not-applicable":
        body = [Run(words["states"]["not-applicable"], italic=True)]
        colour = theme.MUTED
    elif kind == "unused":
        body = [Run(ctx.deck["optional_unused"], italic=True)]
        colour = theme.MUTED
    elif kind in ("missing", "undecided"):
        requirement = words["requirement"].get(state.stage.requirement, "")
        if state.stage.requirement == "conditional":
            requirement = words["requirement"]["required"]
        body = [Run(words["states"][kind].upper(), bold=True), Run(f" · {requirement}")]
        colour = theme.STATE_COLOURS[kind]
    elif state.stage.id == "infrastructure":
        # The infrastructure stage is the plan's infrastructure block: its choice, then where.
        body = [Run(_capital(ctx.choice_label(choice.kind)), bold=True)]
        if choice.tools and not brief:
            body.append(Run(" · " + ", ".join(plain(t) for t in choice.tools)))
        colour = theme.INK
    else:
        tools = ", ".join(plain(t) for t in choice.tools) or words["states"][kind]
        body = [Run(tools, bold=True)]
        if choice.kind:
            body.append(Run(f" · {ctx.kind_label(choice.kind)}"))
        if choice.covered_by:
            body = [Run(f"{words['words']['covered_by']} {choice.covered_by}", italic=True)]
        colour = theme.INK
    return [label, Para(tuple(body), size, color=colour, space_before=round(size * 0.25, 1))]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


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


BAND = int(0.55 * theme.INCH)
BAND_HEAD = int(2.3 * theme.INCH)


def draw(slide, ctx, shown):
    """Sections of several stages are lanes (columns); one-stage sections (the
    infrastructure, an integrated platform) are bands under them, across the width."""
    area = ctx.geometry.content
    lanes_shown = [(sec, states) for sec, states in shown if len(states) > 1]
    bands_shown = [(sec, states) for sec, states in shown if len(states) == 1]
    if not lanes_shown:  # nothing but one-stage sections: draw them all as lanes
        lanes_shown, bands_shown = shown, []
    bands_h = len(bands_shown) * (BAND + GAP)
    grid = theme.Rect(area.left, area.top, area.width, area.height - LEGEND - bands_h)
    lanes = grid.columns([1] * len(lanes_shown), GAP)
    rows = max(len(states) for _s, states in lanes_shown)
    scores = {score.id: score for score in ctx.data.scores}
    body_h = grid.height - HEADER - int(0.08 * theme.INCH)
    card_h = min(int(1.35 * theme.INCH), int((body_h - GAP * (rows - 1)) / rows))
    y_gap = GAP if card_h < int(1.0 * theme.INCH) else int(0.16 * theme.INCH)
    def band_card():
        return theme.Rect(0, 0, area.width - BAND_HEAD - int(0.1 * theme.INCH), BAND)
    checks = [(state, theme.Rect(0, 0, lane.width - int(0.1 * theme.INCH), card_h))
              for lane, (_sec, states) in zip(lanes, lanes_shown) for state in states]
    checks += [(states[0], band_card()) for _sec, states in bands_shown]
    size = next((s for s in sizes(16, theme.SIZES.diagram_min + 1)
                 if all(fits(_card_paras(ctx, state, s, brief=True), *frames.inner(rect))
                        for state, rect in checks)),
                theme.SIZES.diagram_min + 1)
    for lane, (section, states) in zip(lanes, lanes_shown):
        header = theme.Rect(lane.left, lane.top, lane.width, HEADER)
        _header(slide, ctx, section, scores.get(section["id"]), header)
        y = header.bottom + int(0.08 * theme.INCH)
        for state in states:
            rect = theme.Rect(lane.left + int(0.05 * theme.INCH), y, lane.width - int(0.1 * theme.INCH), card_h)
            _card(slide, ctx, state, rect, size)
            y += card_h + y_gap
    y = grid.bottom + GAP
    for section, states in bands_shown:
        _header(slide, ctx, section, scores.get(section["id"]), theme.Rect(area.left, y, BAND_HEAD, BAND))
        _card(slide, ctx, states[0], theme.Rect(area.left + BAND_HEAD + int(0.1 * theme.INCH), y,
                                                area.width - BAND_HEAD - int(0.1 * theme.INCH), BAND), size)
        y += BAND + GAP
    _legend(slide, ctx, theme.Rect(area.left, area.bottom - LEGEND + int(0.1 * theme.INCH), area.width,
                                   LEGEND - int(0.1 * theme.INCH)))


def _header(slide, ctx, section, score, header):
    line, _fill = theme.SECTION_COLOURS.get(section["id"], theme.NEUTRAL)
    frames.shape(slide, header, fill=line, name=f"Lane {section['id']}")
    title = section["label"].get(ctx.data.lang, section["id"])
    paras = [Para((Run(title),), 14, bold=True, color=theme.ON_DARK, align="center")]
    if score and score.percent is not None:
        paras.append(Para((Run(ctx.deck["score"].format(percent=score.percent)),), 11,
                          color=theme.ON_DARK, align="center"))
    width, height = frames.inner(header)
    while not fits(paras, width, height) and paras[0].size > 11:
        paras[0] = paras[0].sized(paras[0].size - 1)
    if not fits(paras, width, height):
        paras = [truncate(paras[0], width, 1)]
    frames.textbox(slide, header, paras, ctx.lang, name=f"Label lane {section['id']}", anchor="middle")


def _card(slide, ctx, state, rect, size):
    kind = card_state(state)
    colour = theme.STATE_COLOURS[kind]
    gap = kind in ("missing", "undecided")
    dashed = gap or kind == "unused"
    frames.shape(slide, rect, fill=theme.STATE_FILLS[kind], line=colour, line_width=2.0 if gap else 1.0,
                 dash="dash" if dashed else None, name=f"Stage {state.stage.id}")
    if kind in ("done", "partial"):
        frames.shape(slide, theme.Rect(rect.left, rect.top, int(0.07 * theme.INCH), rect.height), fill=colour,
                     name=f"Stripe {state.stage.id}")
    paras = _card_paras(ctx, state, size)
    width, height = frames.inner(rect)
    if not fits(paras, width, height):
        spare = height - paras[0].size * LINE - paras[1].space_before
        paras[1] = truncate(paras[1], width, max(1, int(spare // (paras[1].size * LINE))))
    frames.textbox(slide, rect, paras, ctx.lang, name=f"Label stage {state.stage.id}", anchor="middle")


def _legend(slide, ctx, rect):
    x = rect.left
    swatch = int(0.24 * theme.INCH)
    for kind in ("done", "partial", "missing", "not-applicable", "unused"):
        text = ctx.deck["optional_unused"] if kind == "unused" else ctx.words["states"][kind]
        width = frames.line_width(text, 12)
        frames.shape(slide, theme.Rect(x, rect.top + (rect.height - swatch) // 2, swatch, swatch),
                     fill=theme.STATE_FILLS[kind], line=theme.STATE_COLOURS[kind], line_width=1.5,
                     dash="dash" if kind in ("missing", "unused") else None,
                     name=f"Legend {kind}")
        frames.textbox(slide, theme.Rect(x + swatch + int(0.05 * theme.INCH), rect.top, width, rect.height),
                       [Para((Run(text),), 12, color=theme.MUTED)], ctx.lang, name=f"Legend text {kind}",
                       anchor="middle")
        x += swatch + width + int(0.3 * theme.INCH)
