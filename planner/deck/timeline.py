"""The milestone timeline slide: the rows of planner.diagrams.timeline, a page of them per slide.

More milestones than fit continue on further slides with the same axis, the pages balanced.
"""

from __future__ import annotations

from planner.deck import frames, theme
from planner.deck.context import Part
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import Para, fits
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
    per_page = max(1, rows_h // timeline.ROW_MIN)
    label = theme.Rect(0, 0, timeline.label_width(area) - int(0.15 * theme.INCH), 0)

    def row_height(count: int) -> int:  # what the scene draws for `count` rows on a slide
        return min(timeline.ROW_MAX, rows_h // count)

    def titles_fit(height: int) -> bool:
        return all(fits(timeline.title_paras(m, 14), *frames.inner(theme.Rect(0, 0, label.width, height)))
                   for m in milestones)

    # Fewer rows a slide while a title does not fit its row at 14 pt: titles are never cut.
    # Once rows are at their usual tallest, fewer rows no longer give a title more room:
    # the rows then share the slide's height instead (a long title in a narrow 4:3 label
    # column), so twelve milestones take a few slides, not one slide each.
    while per_page > 1 and not titles_fit(row_height(per_page)):
        if row_height(per_page) == timeline.ROW_MAX and titles_fit(rows_h // per_page):
            break
        per_page -= 1
    row_h = row_height(per_page) if titles_fit(row_height(per_page)) else rows_h // per_page
    count = -(-len(milestones) // per_page)
    bounds = [len(milestones) * i // count for i in range(count + 1)]  # balanced pages, never 8 + 1
    pages = [milestones[bounds[i]:bounds[i + 1]] for i in range(count)]
    parts = []
    for index, page in enumerate(pages):
        part_notes = notes if index == 0 else [ctx.note("continued")]
        sources = tuple(("milestones", where[id(m)]) for m in page)
        tall = row_h if row_h > row_height(len(page)) else None  # taller than the scene's default
        parts.append(Part(lambda s, page=page, tall=tall: draw(s, ctx, page, span, tall), part_notes,
                          sources=sources))
    return parts


def draw(slide, ctx, milestones, days, row_h=None):
    from planner.deck import drawscene
    drawscene.draw(slide, timeline.scene(ctx, ctx.geometry.content, milestones, days, row_h), ctx.lang)
