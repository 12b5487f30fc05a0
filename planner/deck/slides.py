"""The text slides: title, problem, scope, infrastructure, roles, questions."""

from __future__ import annotations

from planner.deck import frames, layout, theme
from planner.deck.context import Part, joined, md
from planner.deck.layout import Block
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import Para, fits, sizes, splits_a_word, truncate
from planner.facts import minutes_seconds as clock
from planner.facts import risks_by_severity

COLUMN_GAP = int(0.4 * theme.INCH)


def text_parts(ctx, columns, weights, notes_for_page, name: str, top=None, balance=None):
    """Parts for a slide of text columns: one per page the columns need.

    balance=k: `columns` is one sequence of blocks, cut into k columns where it reads best.
    """
    top = top or theme.SIZES.body_max
    if balance:
        # Try a few column widths too: the cut and widths that give the largest text win.
        blocks, preferred = columns
        best = None
        for option in (weights, [0.8, 1.2], [1.2, 0.8]):
            rects = ctx.geometry.content.columns(option, COLUMN_GAP)
            boxes = [frames.inner(rect) for rect in rects]
            _cols, size, pages = layout.balanced(blocks, balance, boxes, ctx.deck, preferred, top=top,
                                                        max_pages=ctx.max_pages)
            if best is None or (-len(pages), size) > (-len(best[1]), best[0]):
                best = (size, pages, rects)
        _size, pages, rects = best
    else:
        rects = ctx.geometry.content.columns(weights, COLUMN_GAP)
        boxes = [frames.inner(rect) for rect in rects]
        _size, pages = layout.flow(columns, boxes, ctx.deck, top=top, max_pages=ctx.max_pages)
    parts = []
    for index, page in enumerate(pages):
        def draw(slide, page=page):
            for number, (rect, paras) in enumerate(zip(rects, page), start=1):
                if paras:
                    frames.textbox(slide, rect, paras, ctx.lang, name=f"Text {name} {number}")
        sources = tuple(para.source for column in page for para in column if para.source is not None)
        parts.append(Part(draw, notes_for_page(index, page), sources=sources))
    return parts


def _items(values, ctx):
    found = tuple(md(value) for value in values if plain(value))
    return found or ((Run(ctx.deck["to_complete"], italic=True),),)


def _sources(values, *path):
    """The plan path of each item _items() keeps."""
    return tuple(path + (index,) for index, value in enumerate(values) if plain(value))


def _para_text(value, ctx):
    return (md(value),) if plain(value or "") else ((Run(ctx.deck["to_complete"], italic=True),),)


# --- title -------------------------------------------------------------------

def title(ctx, slide):
    plan = ctx.plan

    def draw(shape_slide):
        _title_slide(shape_slide, ctx)

    members = ", ".join(member.name for member in plan.members)
    notes = [ctx.note("title_intro", members=members)]
    if plain(plan.project.summary):
        notes.append(ctx.note("summary", text=plan.project.summary))
    return [Part(draw, notes, title=plan.project.title or plan.team_name)]


def _title_slide(slide, ctx):
    from planner.deck.template import placeholder
    plan = ctx.plan
    layout_ = slide.slide_layout
    sub = placeholder(layout_, "subtitle")
    target = next((ph for ph in slide.placeholders
                   if sub is not None and ph.placeholder_format.idx == sub.placeholder_format.idx), None)
    if target is None:
        return
    rect = theme.Rect(target.left, target.top, target.width, target.height)
    width, height = frames.placeholder_inner(rect, ctx.builtin)
    dark = ctx.builtin
    head = ctx.deck["subtitle"] + " · " + ctx.deck["team_line"].format(team=plan.team_name)
    course = ctx.course.name.get(ctx.data.lang, "") if isinstance(ctx.course.name, dict) else ""
    tail = " · ".join(part for part in (ctx.date(plan.presentation.date or ctx.data.date), course) if part)

    def make(size, compact=False):
        # Explicit text colours: deck.palette writes them as the theme's, readable on the layout.
        paras = [Para((Run(head),), size + 2, bold=True, color=theme.ON_DARK if dark else theme.INK)]
        # Compact: the names on one paragraph, without roles (the roles slide has them).
        for member in ([] if compact else plan.members):
            line = [Run(member.name, bold=True)]
            if plain(member.role):
                line.append(Run(" — " + plain(member.role)))
            paras.append(Para(tuple(line), size, color=theme.ON_DARK if dark else theme.INK,
                              space_before=round(size * 0.6 if len(paras) == 1 else size * 0.2, 1)))
        if compact and plan.members:
            paras.append(Para((Run(", ".join(member.name for member in plan.members), bold=True),), size,
                              color=theme.ON_DARK if dark else theme.INK, space_before=round(size * 0.6, 1)))
        if tail:
            paras.append(Para((Run(tail),), size - 2, color=theme.ON_DARK_MUTED if dark else theme.MUTED,
                              space_before=round(size * 0.8, 1)))
        return paras

    # The team's name is never cut: the text steps down, then the members' roles give way.
    chosen = next(((s, False) for s in sizes(22, 14) if fits(make(s), width, height)), None)
    chosen = chosen or next(((s, True) for s in sizes(22, theme.SIZES.diagram_min)
                             if fits(make(s, True), width, height)), (theme.SIZES.diagram_min, True))
    paras = make(*chosen)
    if not fits(paras, width, height):  # past any real name (hundreds of words): cut at a word
        paras = [truncate(p, width, 1) for p in paras]
    frames.write(target.text_frame, paras, ctx.lang, anchor="top" if dark else None,
                 font=theme_font(ctx), colour=None,
                 inset_x=theme.INSET_X if dark else None, inset_y=theme.INSET_Y if dark else None)


def theme_font(ctx):
    # The built-in theme names Arial everywhere; a user's placeholders keep their template's font.
    return frames.SANS if ctx.builtin else None


# --- problem -----------------------------------------------------------------

def problem(ctx, slide):
    project = ctx.plan.project
    words = ctx.words["words"]
    left = [Block(ctx.deck["problem"], _para_text(project.problem, ctx), bullets=False)]
    if plain(project.existing_system):
        left.append(Block(ctx.deck["existing_system"], (md(project.existing_system),), bullets=False))
    right = [Block(words["objectives"], _items(project.objectives, ctx),
                   sources=_sources(project.objectives, "project", "objectives")),
             Block(words["success_metrics"], _items(project.success_metrics, ctx),
                   marker="✓", marker_colour=theme.PROS,
                   sources=_sources(project.success_metrics, "project", "success_metrics"))]
    blocks = (left + right, len(left))

    def notes(index, page):
        out = [] if index == 0 else [ctx.note("continued")]
        if index == 0:
            out.append(ctx.note("problem", text=project.problem))
            if plain(project.existing_system):
                out.append(ctx.note("existing", text=project.existing_system))
        if index == 0 and project.success_metrics:
            out.append(ctx.note("metrics", text=joined(project.success_metrics, ctx.sep)))
        return out

    return text_parts(ctx, blocks, [1, 1], notes, "problem", balance=2)


# --- scope -------------------------------------------------------------------

def scope(ctx, slide):
    project = ctx.plan.project
    words = ctx.words["words"]
    left = [Block(words["in_scope"], _items(project.scope_in, ctx), marker="✓", colour=theme.PROS,
                  marker_colour=theme.PROS, sources=_sources(project.scope_in, "project", "scope", "in"))]
    right = [Block(words["out_of_scope"], _items(project.scope_out, ctx), marker="✗", colour=theme.CONS,
                   marker_colour=theme.CONS, sources=_sources(project.scope_out, "project", "scope", "out"))]

    def notes(index, page):
        out = [] if index == 0 else [ctx.note("continued")]
        if project.scope_in:
            out.append(ctx.note("scope_in", text=joined(project.scope_in, ctx.sep)))
        if project.scope_out:
            out.append(ctx.note("scope_out", text=joined(project.scope_out, ctx.sep)))
        return out

    return text_parts(ctx, [left, right], [1, 1], notes, "scope")


# --- infrastructure ------------------------------------------------------------

def infrastructure(ctx, slide):
    infra = ctx.plan.infrastructure
    words = ctx.words["words"]
    choice = ctx.choice_label(infra.choice) if infra.choice else ctx.deck["to_complete"]
    first = [Block(None, ((Run(choice[:1].upper() + choice[1:], bold=True),),), bullets=False,
                   item_colour=theme.TEAL, lead=8)]
    if infra.providers:
        first.append(Block(None, tuple(md(p) for p in infra.providers), marker="▪"))
    if plain(infra.rationale):
        first.append(Block(words["rationale"], (md(infra.rationale),), bullets=False))
    if plain(infra.cost):
        first.append(Block(words["cost"], (md(infra.cost),), bullets=False, sources=(("infrastructure", "cost"),)))
    pros = Block(words["pros"], _items(infra.pros, ctx), marker="+", colour=theme.PROS,
                 marker_colour=theme.PROS, sources=_sources(infra.pros, "infrastructure", "pros"))
    cons = Block(words["cons"], _items(infra.cons, ctx), marker="–", colour=theme.CONS,
                 marker_colour=theme.CONS, sources=_sources(infra.cons, "infrastructure", "cons"))
    cost = first.pop() if plain(infra.cost) else None
    sequence = first + [pros, cons] + ([cost] if cost else [])

    def notes(index, page):
        if index:
            return [ctx.note("continued")]
        providers = f" ({joined(infra.providers, ctx.sep)})" if infra.providers else ""
        out = [ctx.note("infra_choice", choice=choice, providers=providers)]
        if plain(infra.rationale):
            out.append(ctx.note("rationale", text=infra.rationale))
        if infra.pros:
            out.append(ctx.note("pros", text=joined(infra.pros, ctx.sep)))
        if infra.cons:
            out.append(ctx.note("cons", text=joined(infra.cons, ctx.sep)))
        if plain(infra.cost):
            out.append(ctx.note("cost", text=infra.cost))
        return out

    return text_parts(ctx, (sequence, len(first)), [1, 1], notes, "infrastructure", balance=2)


# --- roles -------------------------------------------------------------------

def owned_stages(ctx, member) -> list[str]:
    """Stages whose owner names this member, matched as everywhere else (Plan.member)."""
    return [ctx.stage_label(stage_id) for stage_id, choice in ctx.plan.stack.items()
            if choice.owner and ctx.plan.member(choice.owner) == member]


def spoken(ctx) -> dict:
    """Each member's slides and total speaking time, from the outline."""
    found: dict = {}
    for outline_slide in ctx.data.outline.slides:
        entry = found.setdefault(outline_slide.speaker, {"slides": [], "seconds": 0})
        entry["slides"].append(ctx.slide_title(outline_slide.id))
        entry["seconds"] += outline_slide.seconds
    return found


def roles(ctx, slide):
    members = ctx.plan.members
    talk = spoken(ctx)
    area = ctx.geometry.content
    gap = int(0.25 * theme.INCH)
    deck = ctx.deck

    def card_paras(member, size, parts=("role", "owns", "talk")):
        paras = [Para((Run(member.name),), size + 4, bold=True, color=theme.NAVY)]
        if "role" in parts and plain(member.role):
            paras.append(Para(md(member.role), size, space_before=round(size * 0.4, 1)))
        owns = owned_stages(ctx, member)
        if "owns" in parts and owns:
            paras.append(Para((Run(deck["owns"], bold=True),), size - 0, color=theme.TEAL,
                              space_before=round(size * 0.9, 1)))
            paras.append(Para((Run(", ".join(owns)),), size, space_before=round(size * 0.2, 1)))
        info = talk.get(member.name)
        if "talk" in parts and info:
            paras.append(Para((Run(deck["presents"], bold=True),), size, color=theme.TEAL,
                              space_before=round(size * 0.9, 1)))
            paras.append(Para((Run(", ".join(info["slides"])),), size, space_before=round(size * 0.2, 1)))
            paras.append(Para((Run(f"{deck['speaking_time']} : " if ctx.data.lang == "fr"
                                   else f"{deck['speaking_time']}: "),
                               Run(clock(info["seconds"]), bold=True)), size,
                              space_before=round(size * 0.6, 1)))
        return paras

    inset = int(0.12 * theme.INCH)

    def whole(group, rects_):
        """The cards keep every word whole (a narrow 4:3 slide cuts 'caractéristiques' in four columns)."""
        return all(not splits_a_word(para, frames.inner(rect.inset(inset))[0])
                   for m, rect in zip(group, rects_) for para in card_paras(m, 14))

    def card_rects(group):
        rects = area.columns([1] * len(group), gap)
        if len(group) >= 4 and not whole(group, rects):  # two cards a row, each twice as wide
            rows = area.rows([1] * -(-len(group) // 2), gap)
            rects = [cell for row in rows for cell in row.columns([1, 1], gap)][:len(group)]
        return rects

    def size_for(group, parts):
        boxes = [frames.inner(rect.inset(inset)) for rect in card_rects(group)]
        return next((s for s in sizes(18, 14)
                     if all(fits(card_paras(m, s, parts), *box) for m, box in zip(group, boxes))), None)

    # All on one slide when the cards hold it; else the stages each member owns continue on
    # a further slide; else fewer members a slide (five members on a 4:3 slide). Nothing is
    # cut: a member owning many stages has a long list.
    pages: list = []
    for per_slide in range(len(members), 0, -1):
        slides_needed = -(-len(members) // per_slide)
        bounds = [len(members) * i // slides_needed for i in range(slides_needed + 1)]  # balanced
        groups = [members[bounds[i]:bounds[i + 1]] for i in range(slides_needed)]
        for split in ([("role", "owns", "talk")], [("role", "talk"), ("owns",)]):
            pages = [(group, parts) for parts in split for group in groups]
            if all(size_for(group, parts) for group, parts in pages):
                break
        else:
            continue
        break

    def draw(shape_slide, group, parts):
        size = size_for(group, parts) or 14
        for member, rect in zip(group, card_rects(group)):
            frames.shape(shape_slide, rect, fill=theme.CARD, line=theme.BORDER, name=f"Card {member.name}")
            paras = card_paras(member, size, parts)
            box = frames.inner(rect.inset(inset))
            if not fits(paras, *box):  # one member's text larger than a whole slide's card
                paras = _shorten(paras, *box)
            frames.textbox(shape_slide, rect.inset(inset), paras, ctx.lang, name=f"Text role {member.name}")

    notes = []
    for member in members:
        owns = owned_stages(ctx, member)
        info = talk.get(member.name, {"seconds": 0})
        notes.append(ctx.note("member", name=member.name, role=plain(member.role) or "—",
                              owns=f" ({deck['owns'].lower()} {', '.join(owns)})" if owns else "",
                              time=clock(info["seconds"])))
    return [Part(lambda shape_slide, group=group, parts=parts: draw(shape_slide, group, parts),
                 notes if index == 0 else [ctx.note("continued")]) for index, (group, parts) in enumerate(pages)]


def _shorten(paras, width, height):
    """Cut paragraphs from the end (then the last one at a word) until they fit."""
    paras = list(paras)
    while len(paras) > 1 and not fits(paras, width, height):
        paras.pop()
    if not fits(paras, width, height):
        from planner.deck.textfit import LINE
        paras[0] = truncate(paras[0], width, max(1, int(height // (paras[0].size * LINE))))
    return paras


# --- questions -----------------------------------------------------------------

def questions(ctx, slide):
    plan = ctx.plan
    deck = ctx.deck
    area = ctx.geometry.content

    def draw(shape_slide):
        big = area.rows([3, 2], int(0.2 * theme.INCH))
        head = [Para((Run(deck["thanks"]),), 54, bold=True, color=theme.NAVY, align="center"),
                Para((Run(deck["questions_title"]),), 32, color=theme.TEAL, align="center", space_before=12)]
        frames.textbox(shape_slide, big[0], _fit_block(head, big[0]), ctx.lang, name="Text questions",
                       anchor="bottom")
        lines = []
        if plain(plan.project.repository):
            url = plan.project.repository
            lines.append(Para((Run(deck["repository"] + " : " if ctx.data.lang == "fr" else
                                   deck["repository"] + ": "), Run(url, link=url)), 18, align="center"))
        for index, member in enumerate(plan.members):
            line = [Run(member.name, bold=True)]
            if member.email:
                line.append(Run(" · " + member.email))
            lines.append(Para(tuple(line), 16, color=theme.MUTED, align="center",
                              space_before=14 if index == 0 else 4))
        if lines:
            frames.textbox(shape_slide, big[1], _fit_block(lines, big[1]), ctx.lang,
                           name="Text contacts")

    notes = [ctx.note("questions")]
    expected = expected_questions(ctx)
    if expected:
        notes.append(ctx.note("expected", text=ctx.sep.join(expected)))
    return [Part(draw, notes)]


def _fit_block(paras, rect):
    """Shrink a few fixed-size paragraphs together (never under 14 pt) until they fit."""
    width, height = frames.inner(rect)
    for step in range(0, 40):
        scaled = [p.sized(max(14.0, p.size - step)) for p in paras]
        if fits(scaled, width, height):
            return scaled
    return [truncate(p.sized(14.0), width, 2) for p in paras]


def expected_questions(ctx) -> list[str]:
    """Questions a jury is likely to ask, from the plan's own gaps, choices and risks."""
    out = []
    for state in ctx.data.states:
        if state.counted and state.state in ("missing", "undecided"):
            out.append(ctx.note("expected_gap", stage=ctx.stage_label(state.stage.id)))
    for state in ctx.data.states:
        choice = state.choice
        if state.state == "done" and choice.tools and choice.alternatives:
            out.append(ctx.note("expected_alt", tool=plain(choice.tools[0]),
                                alternative=plain(choice.alternatives[0].tool)))
        if len(out) >= 3:
            break
    risks = risks_by_severity(ctx.plan.risks)
    if risks:
        out.append(ctx.note("expected_risk", risk=plain(risks[0].risk)))
    return out[:5]
