"""Build the deck: one outline slide after another, each drawn as one or more slides.

The outline (planner.outline) fixes the slides, their time budgets and their
speakers; a slide whose content needs a second page is split within its own
budget, so the cues still run from 00:00 to the end without a gap.
"""

from __future__ import annotations

import io

from planner.deck import frames, reproducible, slides, stages, template, theme
from planner.deck.context import Context, Part, md
from planner.deck.markdown_runs import Run
from planner.deck.textfit import Para, fits, line_count, sizes, truncate


def composers():
    from planner.deck import architecture, riskmatrix, stackmap, timeline
    return {
        "title": slides.title,
        "problem": slides.problem,
        "scope": slides.scope,
        "architecture": architecture.slide,
        "stack": stackmap.slide,
        "infrastructure": slides.infrastructure,
        "data": stages.stage_slide,
        "model": stages.stage_slide,
        "operations": stages.stage_slide,
        "genai": stages.stage_slide,
        "timeline": timeline.slide,
        "roles": slides.roles,
        "risks": riskmatrix.slide,
        "questions": slides.questions,
    }


def render_deck(data, template_path: str | None = None) -> bytes:
    found = template.load(template_path)
    ctx = Context(data, found.geometry, found.builtin)
    planned = [(outline_slide, _compose(ctx, outline_slide)) for outline_slide in data.outline.slides]
    # A long plan continues slides on a second page, but the deck stays within
    # MAX_SLIDES: past it, the slides with the most pages are shortened instead.
    while sum(len(parts) for _s, parts in planned) > MAX_SLIDES:
        longest = max(range(len(planned)), key=lambda i: (len(planned[i][1]), i))
        if len(planned[longest][1]) <= 1:
            break
        ctx.max_pages = len(planned[longest][1]) - 1
        planned[longest] = (planned[longest][0], _compose(ctx, planned[longest][0]))
        ctx.max_pages = 2
    timed = [(part, piece, outline_slide)
             for outline_slide, parts in planned
             for part, piece in zip(parts, outline_slide.split(len(parts)))]
    prs = found.prs
    total = len(timed)
    for number, (part, piece, outline_slide) in enumerate(timed, start=1):
        role = "title" if outline_slide.id == "title" else "content"
        slide = prs.slides.add_slide(found.layouts[role])
        # Every shape of the slide is added through this one collection: let it count
        # ids instead of searching the whole tree for the largest before each shape.
        slide.shapes.turbo_add_enabled = True
        continued = number > 1 and timed[number - 2][2] is outline_slide
        heading = part.title or ctx.slide_title(outline_slide.id)
        if continued:
            heading += " " + ctx.deck["continued"]
        _title(slide, ctx, heading, role)
        part.draw(slide)
        if ctx.builtin and role == "content":
            _footer(slide, ctx, number, total)
        following = timed[number][1] if number < total else None
        following_id = timed[number][2].id if number < total else None
        notes = part.notes or [ctx.note("empty", slide=ctx.slide_title(outline_slide.id))]
        _notes(slide, ctx, piece, notes, following, following_id)
    when = reproducible.moment(data)
    reproducible.set_properties(prs, data, when)
    buffer = io.BytesIO()
    prs.save(buffer)
    return reproducible.normalize(buffer.getvalue(), when)


MAX_SLIDES = 16  # "about 12 to 16 slides" for the plan presentation


def _compose(ctx, outline_slide):
    table = composers()
    compose = table.get(outline_slide.id, stages.stage_slide if outline_slide.stages else None)
    parts = compose(ctx, outline_slide) if compose else []
    return parts or [Part(lambda slide: None, [])]  # a blank slide keeps the outline's timing


def _title(slide, ctx, text, role):
    holder = slide.shapes.title
    if holder is None:
        return
    rect = theme.Rect(holder.left, holder.top, holder.width, holder.height)
    width, height = frames.placeholder_inner(rect, ctx.builtin)
    top, floor, lines = (40, 26, 3) if role == "title" else (theme.SIZES.title_max, theme.SIZES.title_min, 2)
    runs = md(text)
    size = next((s for s in sizes(top, floor)
                 if line_count(Para(runs, s, bold=True), width) <= lines
                 and fits([Para(runs, s, bold=True)], width, height)), floor)
    para = Para(runs, size, bold=ctx.builtin)
    if not fits([para], width, height) or line_count(para, width) > lines:
        para = truncate(para, width, min(lines, max(1, int(height // (size * 1.2)))))
    # The built-in theme's title style lives in its layouts; a user's template keeps its own.
    frames.write(holder.text_frame, [para], ctx.lang, anchor=None, font=frames.SANS if ctx.builtin else None,
                 colour=theme.ON_DARK if ctx.builtin else None,
                 inset_x=theme.INSET_X if ctx.builtin else None,
                 inset_y=theme.INSET_Y if ctx.builtin else None)
    holder.name = "Title"


def _footer(slide, ctx, number, total):
    rect = ctx.geometry.footer
    text = f"{ctx.plan.team_name} · {number} / {total}"
    para = Para((Run(text),), theme.SIZES.footer, color=theme.MUTED, align="right")
    frames.textbox(slide, rect, [para], ctx.lang, name="Footer", anchor="middle")


def _notes(slide, ctx, piece, notes, following, following_id):
    size = theme.SIZES.notes
    paras = [Para((Run(piece.cue(ctx.words["speaker"]), bold=True),), size)]
    for index, note in enumerate(notes):
        if index == 0:
            paras.append(Para((Run(ctx.notes_words["cover"], bold=True),), size, space_before=6))
        paras.append(Para(md(note), size, bullet="•", indent=14, space_before=3, color=theme.MUTED))
    if following is None:
        paras.append(Para((Run(ctx.notes_words["last"], italic=True),), size, space_before=6))
    elif following.speaker != piece.speaker:
        paras.append(Para((Run(ctx.note("handover", name=following.speaker,
                                        slide=ctx.slide_title(following_id)), italic=True),),
                          size, space_before=6))
    frame = slide.notes_slide.notes_text_frame
    frames.write(frame, paras, ctx.lang, anchor=None, colour=theme.INK, inset_x=None, inset_y=None)
