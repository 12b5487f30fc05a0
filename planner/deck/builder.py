"""Build the deck: one outline slide after another, each drawn as one or more slides.

The outline (planner.outline) fixes the slides, their time budgets and their
speakers; a slide whose content needs a second page is split within its own
budget, so the cues still run from 00:00 to the end without a gap.
"""

from __future__ import annotations

import contextlib
import weakref

from planner import slidekinds
from planner.deck import fit, fonts, frames, palette, pptx_internals, reproducible, script, template, textfit, theme
from planner.deck.context import Context, Part, md
from planner.deck.markdown_runs import Run
from planner.deck.textfit import Para, fits, line_count, sizes, truncate
from planner.i18n import _
from planner.outline import clock


def render_deck(data, template_path: str | None = None, warnings: list | None = None,
                moves: list | None = None, notes: list | None = None) -> bytes:
    """The deck's bytes; `warnings` (when given) receives the findings the deck alone can see,
    `moves` where items went to backup slides, `notes` what was dropped from a user's template."""
    with layout_session(data, template_path, warnings) as (found, ctx, palettes):
        if notes is not None:
            notes.extend(found.notes)
        return _render(data, found, ctx, palettes, warnings, moves)


@contextlib.contextmanager
def layout_session(data, template_path: str | None = None, warnings: list | None = None, draw: bool = True):
    """The template, the context and the palettes the deck is laid out with, text measured as
    wide as the template's theme fonts draw. `build` draws in it and `check --fit` only lays
    out in it (planner.deck.fit, draw=False), so both find the same backup slides, with a
    template or without. Laying out the built-in theme needs no python-pptx (no template to
    read): then found and palettes are None."""
    if template_path is None and not draw:
        from planner.deck.theme import Geometry
        yield None, Context(data, Geometry.builtin(), True), None
        return
    found = template.load(template_path)
    ctx = Context(data, found.geometry, found.builtin)
    palettes = {role: palette.from_presentation(found.prs, layout) for role, layout in found.layouts.items()}
    families = fonts.theme_fonts(found.prs) if not found.builtin else (textfit.SANS, textfit.SANS)
    if warnings is not None:  # a theme font found nowhere is measured as Liberation Sans, made wider
        warnings += [_("{template}: theme font '{font}' is not installed; text is measured as Liberation Sans "
                       "(Arial) made {percent} % wider and may overflow where it is installed").format(
                         font=how.family, template=found.source, percent=round((how.factor - 1) * 100))
                     for how in fonts.measures(families) if how.how == "fallback"]
    with textfit.measured_with(*families):
        yield found, ctx, palettes


def _render(data, found, ctx, palettes, warnings, moves) -> bytes:
    timed, backup = plan_slides(ctx, data.outline)
    if moves is not None:
        moves.extend(fit.moves(timed, backup))
    prs = found.prs
    shown = timed + backup
    total = len(shown)
    notes_colours = palette.for_notes(prs.notes_master)  # the notes follow the notes master's theme
    token = palette.DRAWING.set(None)
    try:
        for number, (part, piece, outline_slide) in enumerate(shown, start=1):
            role = "title" if outline_slide.id == "title" and piece is not None else "content"
            slide = pptx_internals.add_slide(prs, found.layouts[role])
            # Each text's colour is chosen as it is written, by what lies behind it (deck.palette).
            colours = palettes[role]
            palette.DRAWING.set(palette.Drawing(colours, slide) if colours.colours else None)
            # Every shape of the slide is added through this one collection: let it count
            # ids instead of searching the whole tree for the largest before each shape.
            slide.shapes.turbo_add_enabled = True
            continued = number > 1 and shown[number - 2][2] is outline_slide and not part.title
            heading = part.title or ctx.slide_title(outline_slide.id)
            if continued:
                heading += " " + ctx.deck["continued"]
            if piece is None:
                heading = f"{ctx.deck['appendix']} · {heading}"
            _title(slide, ctx, heading, role)
            part.draw(slide)
            if role == "content":
                _footer(slide, ctx, number, total) if ctx.builtin else _slide_number(slide, ctx, number)
            notes = part.notes or [ctx.note("empty", slide=ctx.slide_title(outline_slide.id))]
            if piece is None:
                _backup_notes(slide, ctx, notes, outline_slide, notes_colours)
                continue
            following = timed[number][1] if number < len(timed) else None
            following_id = timed[number][2].id if number < len(timed) else None
            _notes(slide, ctx, piece, notes, following, following_id, outline_slide, continued, notes_colours)
            wordy = script.too_wordy(ctx, slide, number, heading, piece.seconds)
            if wordy and warnings is not None:
                path = slidekinds.source(outline_slide.id, _kind(ctx, outline_slide), outline_slide.stages)
                warnings.append(fit.Wordy(path, wordy))
    finally:
        palette.DRAWING.reset(token)
    when = reproducible.moment(data)
    reproducible.set_properties(prs, data, when)
    return reproducible.save(prs, when)


def plan_slides(ctx, outline):
    """The timed slides (part, piece of the outline slide, outline slide), then the backup ones.

    An outline slide whose content needs more pages than its time allows (the course's
    min_slide_seconds each) keeps the pages its time holds; the rest become backup
    slides after the closing slide, untimed (piece None). Nothing is dropped.
    """
    floor = max(1, ctx.course.min_slide_seconds)
    timed, backup = [], []
    for outline_slide in outline.slides:
        parts = _compose(ctx, outline_slide)
        count = max(1, min(len(parts), outline_slide.seconds // floor))
        timed += [(part, piece, outline_slide) for part, piece in zip(parts, outline_slide.split(count))]
        backup += [(part, None, outline_slide) for part in parts[count:]]
    for outline_slide in outline.backup:
        backup += [(part, None, outline_slide) for part in _compose(ctx, outline_slide)]
    # Bounded work: no real plan comes near this; a plan past it (thousands of flows) keeps
    # its first backup slides, and `build` says what was left out.
    ctx.left_out = len(backup) - MAX_BACKUP_SLIDES if len(backup) > MAX_BACKUP_SLIDES else 0
    return timed, backup[:MAX_BACKUP_SLIDES]


MAX_BACKUP_SLIDES = 40


def _backup_notes(slide, ctx, notes, outline_slide, colours):
    """A backup slide's notes: what it holds and why it is not timed, in the notes master's
    `colours` (a Palette)."""
    size = theme.SIZES.notes
    key = script.key_message(ctx, outline_slide, backup=True)
    paras = [Para((Run(ctx.notes_words["backup"], bold=True),), size),
             Para((Run(ctx.words["script"]["key"] + " ", bold=True), *md(key)), size, space_before=6)]
    paras += [Para(md(note), size, bullet="•", indent=14, space_before=3, color=theme.MUTED) for note in notes]
    frame = pptx_internals.notes_text_frame(pptx_internals.notes_slide(slide))
    frames.write(frame, paras, ctx.lang, anchor=None, colour=theme.INK, inset_x=None, inset_y=None,
                 scheme=colours.notes_slot)


def _kind(ctx, outline_slide) -> str:
    """The `kind` the course file's outline gives this slide ("" when its id says it)."""
    spec = next((spec for spec in ctx.course.outline if spec.id == outline_slide.id), None)
    return spec.kind if spec else ""


def _compose(ctx, outline_slide):
    # The course file's check (CRS002) made sure every outline slide has a kind.
    kind = slidekinds.kind_of(outline_slide.id, _kind(ctx, outline_slide), outline_slide.stages)
    parts = slidekinds.composer(kind)(ctx, outline_slide) if kind else []
    return parts or [Part(lambda slide: None, [])]  # a blank slide keeps the outline's timing


def title_size(runs, width: float, height: float, role: str, kept: float | None = None,
               bold: bool = True) -> float:
    """The size of a slide's title: the largest within the theme's title sizes on few lines,
    else on as many lines as its box holds, else smaller down to the least body size. A
    title is never cut short: it wraps or steps down. `kept`: a user template's title size,
    the largest tried (its title is smaller only when it must shrink); `bold`: whether the
    template draws its titles bold. Measured in the theme's heading font."""
    top, floor, lines = (40, 26, 3) if role == "title" else (theme.SIZES.title_max, theme.SIZES.title_min, 2)
    if kept:
        top, floor = kept, min(floor, kept)

    def fit(size, cap):
        para = Para(runs, size, bold=bold, heading=True)
        return (cap is None or line_count(para, width) <= cap) and fits([para], width, height)

    for candidates, cap in ((sizes(top, floor), lines), (sizes(top, floor), None),
                            (sizes(floor - 1, theme.SIZES.body_min), None)):
        size = next((s for s in candidates if fit(s, cap)), None)
        if size is not None:
            return size
    return theme.SIZES.body_min


def _title(slide, ctx, text, role):
    holder = slide.shapes.title
    if holder is None:
        return
    rect = _title_rect(slide, holder)
    width, height = frames.placeholder_inner(rect, ctx.builtin)
    kept, bold = (None, True) if ctx.builtin else template.title_style(slide)
    size = title_size(md(text), width, height, role, kept, bold)
    para = Para(md(text), size, bold=ctx.builtin, heading=True)
    if not fits([para], width, height):  # past any real title (hundreds of words): cut at a word
        para = truncate(para, width, max(1, int(height // (size * 1.2))))
    # The built-in theme's title style lives in its layouts; a user's template keeps its own.
    frames.write(holder.text_frame, [para], ctx.lang, anchor=None, font=frames.MAJOR if ctx.builtin else None,
                 colour=theme.ON_DARK if ctx.builtin else None,
                 inset_x=theme.INSET_X if ctx.builtin else None,
                 inset_y=theme.INSET_Y if ctx.builtin else None)
    if kept and para.size == kept:  # the template's own size: inherited, not restated
        for props in pptx_internals.text_body(holder.text_frame).iter(f"{{{A}}}rPr", f"{{{A}}}endParaRPr"):
            props.attrib.pop("sz", None)
    holder.name = "Title"


def _title_rect(slide, holder) -> theme.Rect:
    """The title placeholder's box: its own, else its layout's, looked up once per layout
    (python-pptx follows the inheritance by XPath for each of left, top, width, height)."""
    if holder.element.find(f"{{{P}}}spPr/{{{A}}}xfrm") is not None:
        return theme.Rect(holder.left, holder.top, holder.width, holder.height)
    layout = slide.slide_layout.part
    if layout not in _TITLE_RECTS:
        _TITLE_RECTS[layout] = theme.Rect(holder.left, holder.top, holder.width, holder.height)
    return _TITLE_RECTS[layout]


_TITLE_RECTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # layout part -> Rect


def _footer(slide, ctx, number, total):
    rect = ctx.geometry.footer
    runs = (Run(f"{ctx.plan.team_name} · "), Run(str(number)), Run(f" / {total}"))
    para = Para(runs, theme.SIZES.footer, color=theme.MUTED, align="right")
    box = frames.textbox(slide, rect, [para], ctx.lang, name="Footer", anchor="middle")
    frames.slide_number_field(pptx_internals.text_body(box.text_frame).findall(f"{{{A}}}p/{{{A}}}r")[1])


A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def _slide_number(slide, ctx, number):
    """A user template's slide number: its layout's slide-number placeholder, holding the field,
    else a small text box in the bottom right corner (the template has no place for one)."""
    from planner.deck.template import slide_number_placeholder
    if slide_number_placeholder(slide, ctx.lang, number):
        return
    geometry = ctx.geometry
    width = int(1.2 * theme.INCH)
    rect = theme.Rect(geometry.width - width - int(0.3 * theme.INCH), geometry.height - int(0.45 * theme.INCH),
                      width, int(0.35 * theme.INCH))
    para = Para((Run(str(number)),), theme.SIZES.footer, color=theme.INK, align="right")
    box = frames.textbox(slide, rect, [para], ctx.lang, name="Slide Number", anchor="middle")
    frames.slide_number_field(pptx_internals.text_body(box.text_frame).findall(f"{{{A}}}p/{{{A}}}r")[0])


def _notes(slide, ctx, piece, notes, following, following_id, outline_slide, continued, colours):
    """The cue, the key message, then talking points sized to the slide's time (deck.script),
    in the notes master's `colours` (a Palette)."""
    size = theme.SIZES.notes
    words = ctx.words["script"]
    plan = script.timed_script(ctx, outline_slide, piece.seconds, notes, continued)
    paras = [Para((Run(piece.cue(ctx.words["speaker"]), bold=True),), size),
             Para((Run(words["key"] + " ", bold=True), *md(plan.key)), size, space_before=6)]
    if plan.points:
        said = words["say"].format(words=plan.words, time=clock(piece.seconds), rate=plan.rate)
        paras.append(Para((Run(said, bold=True),), size, space_before=6))
        paras += [Para(md(point), size, bullet="•", indent=14, space_before=3, color=theme.MUTED)
                  for point in plan.points]
    if plan.trimmed:
        paras.append(Para((Run(words["trimmed"], italic=True),), size, space_before=3, color=theme.MUTED))
    if following is None:
        paras.append(Para((Run(ctx.notes_words["last"], italic=True),), size, space_before=6))
    elif following.speaker != piece.speaker:
        paras.append(Para((Run(ctx.note("handover", name=following.speaker,
                                        slide=ctx.slide_title(following_id)), italic=True),),
                          size, space_before=6))
    frame = pptx_internals.notes_text_frame(pptx_internals.notes_slide(slide))
    frames.write(frame, paras, ctx.lang, anchor=None, colour=theme.INK, inset_x=None, inset_y=None,
                 scheme=colours.notes_slot)
