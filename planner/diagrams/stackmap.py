"""The lifecycle stack map's geometry: checklist sections as columns, one card per stage.

Each card shows the tools chosen for the stage, or its state: a required or
recommended stage left out is drawn red and dashed (a visible gap), a stage
marked not applicable is grey and says so, an optional stage left out is faint.
Sections of several stages are lanes (columns); one-stage sections (the
infrastructure, an integrated platform) are bands under them, across the width.
Drawn by planner.deck.stackmap and in the HTML page.
"""

from __future__ import annotations

from planner.deck import frames, theme
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import LINE, Para, fits, sizes, truncate
from planner.diagrams.scene import Box, Scene

GAP = int(0.1 * theme.INCH)
HEADER = int(0.52 * theme.INCH)
LEGEND = int(0.4 * theme.INCH)
BAND = int(0.55 * theme.INCH)
BAND_HEAD = int(2.3 * theme.INCH)


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


def card_paras(ctx, state, size, brief=False):
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


def scene(ctx, area, shown) -> Scene:
    """The map of `shown` = columns(ctx) in `area` (EMU)."""
    out = Scene(area, title=ctx.slide_title("stack"))
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
                 if all(fits(card_paras(ctx, state, s, brief=True), *frames.inner(rect))
                        for state, rect in checks)),
                theme.SIZES.diagram_min + 1)
    for lane, (section, states) in zip(lanes, lanes_shown):
        header = theme.Rect(lane.left, lane.top, lane.width, HEADER)
        out.items += _header(ctx, section, scores.get(section["id"]), header)
        y = header.bottom + int(0.08 * theme.INCH)
        for state in states:
            rect = theme.Rect(lane.left + int(0.05 * theme.INCH), y, lane.width - int(0.1 * theme.INCH), card_h)
            out.items += _card(ctx, state, rect, size)
            y += card_h + y_gap
    y = grid.bottom + GAP
    for section, states in bands_shown:
        out.items += _header(ctx, section, scores.get(section["id"]), theme.Rect(area.left, y, BAND_HEAD, BAND))
        out.items += _card(ctx, states[0], theme.Rect(area.left + BAND_HEAD + int(0.1 * theme.INCH), y,
                                                      area.width - BAND_HEAD - int(0.1 * theme.INCH), BAND), size)
        y += BAND + GAP
    out.items += _legend(ctx, theme.Rect(area.left, area.bottom - LEGEND + int(0.1 * theme.INCH), area.width,
                                         LEGEND - int(0.1 * theme.INCH)))
    return out


def _header(ctx, section, score, header) -> list:
    line, _fill = theme.SECTION_COLOURS.get(section["id"], theme.NEUTRAL)
    title = section["label"].get(ctx.data.lang, section["id"])
    paras = [Para((Run(title),), 14, bold=True, color=theme.ON_DARK, align="center")]
    if score and score.percent is not None:
        paras.append(Para((Run(ctx.deck["score"].format(percent=score.percent)),), 11,
                          color=theme.ON_DARK, align="center"))
    width, height = frames.inner(header)
    # A section's name wraps or steps down (never under the diagrams' least size), whole.
    while not fits(paras, width, height) and paras[0].size > theme.SIZES.diagram_min:
        paras = [p.sized(max(theme.SIZES.diagram_min, p.size - 1)) for p in paras]
    if not fits(paras, width, height):  # then the score line gives way, never the name;
        # only a name longer than the whole header can hold (no real section's) is cut at a word
        paras = [truncate(paras[0], width, max(1, int(height // (paras[0].size * LINE))))]
    return [Box(header, f"Lane {section['id']}", shape="rect", fill=line),
            Box(header, f"Label lane {section['id']}", paras=tuple(paras), anchor="middle")]


def _card(ctx, state, rect, size) -> list:
    kind = card_state(state)
    colour = theme.STATE_COLOURS[kind]
    gap = kind in ("missing", "undecided")
    dashed = gap or kind == "unused"
    out = [Box(rect, f"Stage {state.stage.id}", shape="rect", fill=theme.STATE_FILLS[kind], line=colour,
               line_width=2.0 if gap else 1.0, dash="dash" if dashed else None)]
    if kind in ("done", "partial"):
        out.append(Box(theme.Rect(rect.left, rect.top, int(0.07 * theme.INCH), rect.height),
                       f"Stripe {state.stage.id}", shape="rect", fill=colour))
    paras = card_paras(ctx, state, size)
    width, height = frames.inner(rect)
    if not fits(paras, width, height):
        spare = height - paras[0].size * LINE - paras[1].space_before
        paras[1] = truncate(paras[1], width, max(1, int(spare // (paras[1].size * LINE))))
    out.append(Box(rect, f"Label stage {state.stage.id}", paras=tuple(paras), anchor="middle"))
    return out


def _legend(ctx, rect) -> list:
    out = []
    x = rect.left
    swatch = int(0.24 * theme.INCH)
    for kind in ("done", "partial", "missing", "not-applicable", "unused"):
        text = ctx.deck["optional_unused"] if kind == "unused" else ctx.words["states"][kind]
        width = frames.line_width(text, 12)
        out.append(Box(theme.Rect(x, rect.top + (rect.height - swatch) // 2, swatch, swatch), f"Legend {kind}",
                       shape="rect", fill=theme.STATE_FILLS[kind], line=theme.STATE_COLOURS[kind], line_width=1.5,
                       dash="dash" if kind in ("missing", "unused") else None))
        out.append(Box(theme.Rect(x + swatch + int(0.05 * theme.INCH), rect.top, width, rect.height),
                       f"Legend text {kind}", paras=(Para((Run(text),), 12, color=theme.MUTED),), anchor="middle"))
        x += swatch + width + int(0.3 * theme.INCH)
    return out
