"""The milestone timeline slide: the rows of planner.diagrams.timeline, a page of them per slide.

More milestones than fit continue on further slides with the same axis, the pages balanced.
"""

from __future__ import annotations

from planner.deck import frames, theme
from planner.deck.context import Part
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import Para, height
from planner.diagrams import timeline
from planner.facts import final_date, milestones_by_date, team_sets_final_date


def slide(ctx, outline_slide):
    milestones = [m for m in milestones_by_date(ctx.plan.milestones) if m.due]
    notes = []
    for m in milestones:
        owner = f" ({m.owner})" if m.owner else ""
        listed = ctx.sep.join(plain(d) for d in m.deliverables)
        deliverables = f"{ctx.data.words.colon} {listed}" if m.deliverables else ""
        notes.append(ctx.note("milestone", due=ctx.date(m.due), title=plain(m.title), owner=owner,
                              deliverables=deliverables))
    if team_sets_final_date(ctx.plan, ctx.course):
        notes.append(ctx.note("final_demo", date=ctx.date(final_date(ctx.plan, ctx.course)),
                              limit=ctx.date(ctx.course.final_due)))
    elif ctx.course.final_due:
        notes.append(ctx.note("final_due", date=ctx.date(ctx.course.final_due)))
    span = timeline.span(ctx, milestones)
    if not milestones or span is None:
        def empty(shape_slide):
            para = Para((Run(ctx.deck["no_milestones"], italic=True),), 20, color=theme.MUTED)
            frames.textbox(shape_slide, ctx.geometry.content, [para], ctx.lang, name="Text timeline",
                           anchor="middle")
        return [Part(empty, notes)]
    area = ctx.geometry.content
    where = {id(m): index for index, m in enumerate(ctx.plan.milestones)}
    rows_h = area.height - timeline.AXIS - timeline.FOOT
    width = frames.inner(theme.Rect(0, 0, timeline.label_width(area) - int(0.15 * theme.INCH), 0))[0]
    # Each row as tall as its title needs at 14 pt (titles are never cut), at least ROW_MIN:
    # a title wrapping on three lines on a narrow 4:3 slide takes a taller row, the others not.
    need = [min(rows_h, max(timeline.ROW_MIN, int(height(timeline.title_paras(m, 14), width) * 12700)
                            + 2 * theme.INSET_Y)) for m in milestones]
    bounds = _pages(need, rows_h)
    parts = []
    for index, (start, end) in enumerate(zip(bounds, bounds[1:])):
        page = milestones[start:end]
        part_notes = notes if index == 0 else [ctx.note("continued")]
        sources = tuple(("milestones", where[id(m)]) for m in page)
        heights = _heights(need[start:end], rows_h)
        parts.append(Part(lambda s, page=page, heights=heights: draw(s, ctx, page, span, heights),
                          part_notes, sources=sources))
    return parts


def _pages(need, rows_h) -> list[int]:
    """Where the pages start (and the last ends): the fewest pages of consecutive rows that fit
    the height, balanced by count (never 8 + 1)."""
    for count in range(1, len(need) + 1):
        bounds = [len(need) * i // count for i in range(count + 1)]
        if all(sum(need[bounds[i]:bounds[i + 1]]) <= rows_h for i in range(count)):
            return bounds
    return list(range(len(need) + 1))


def _heights(need, rows_h) -> list[int]:
    """The rows' heights on a page: what each needs, plus an even share of the room left, a
    row growing to ROW_MAX at most (a short page keeps compact rows)."""
    extra = (rows_h - sum(need)) // max(1, len(need))
    return [max(n, min(timeline.ROW_MAX, n + extra)) for n in need]


def draw(slide, ctx, milestones, days, heights=None):
    from planner.deck import drawscene
    drawscene.draw(slide, timeline.scene(ctx, ctx.geometry.content, milestones, days, heights), ctx.lang)
