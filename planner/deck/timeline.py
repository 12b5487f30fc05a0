"""The milestone timeline: a bar per milestone on a date axis, the final due date marked.

A milestone with a start date is a bar from start to due; one without is a
diamond on its due date. Month boundaries are drawn as light grid lines. More
milestones than fit continue on a second slide with the same axis.
"""

from __future__ import annotations

import datetime as dt

from planner.deck import frames, theme
from planner.deck.context import Part
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import LINE, Para, fits, sizes, truncate
from planner.facts import final_date, milestones_by_date, team_sets_final_date

AXIS = int(0.5 * theme.INCH)
FOOT = int(0.4 * theme.INCH)  # under the rows: the final due date's label
ROW_MIN = int(0.55 * theme.INCH)
ROW_MAX = int(0.9 * theme.INCH)
LABELS_SHARE = 0.3  # of the width, for the milestone titles
MAX_GRID = 24  # month lines on the axis, at most


def _span(ctx, milestones):
    days = [d for m in milestones for d in (m.start, m.due) if d]
    final = final_date(ctx.plan, ctx.course)
    if final:
        days.append(final)
    if ctx.plan.presentation.date:
        days.append(ctx.plan.presentation.date)
    if not days:
        return None
    first, last = min(days), max(days)
    first = first.replace(day=1)  # start on a month boundary: the axis reads better
    last = last + dt.timedelta(days=7)
    return first, last


def _months_later(month: dt.date, count: int) -> dt.date:
    """The first day of the month `count` months after `month` (a first of the month)."""
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


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
    span = _span(ctx, milestones)
    if not milestones or span is None:
        def empty(shape_slide):
            para = Para((Run(ctx.deck["no_milestones"], italic=True),), 20, color=theme.MUTED)
            frames.textbox(shape_slide, ctx.geometry.content, [para], ctx.lang, name="Text timeline",
                           anchor="middle")
        return [Part(empty, notes)]
    area = ctx.geometry.content
    where = {id(m): index for index, m in enumerate(ctx.plan.milestones)}
    rows_h = area.height - AXIS - FOOT
    per_page = max(1, rows_h // ROW_MIN)
    label = theme.Rect(0, 0, int(area.width * LABELS_SHARE) - int(0.15 * theme.INCH), 0)
    # Fewer rows a slide while a title does not fit its row at 14 pt: titles are never cut.
    while per_page > 1 and not all(
            fits(_title_paras(m, 14), *frames.inner(theme.Rect(0, 0, label.width, min(ROW_MAX, rows_h // per_page))))
            for m in milestones):
        per_page -= 1
    count = -(-len(milestones) // per_page)
    bounds = [len(milestones) * i // count for i in range(count + 1)]  # balanced pages, never 8 + 1
    pages = [milestones[bounds[i]:bounds[i + 1]] for i in range(count)]
    parts = []
    for index, page in enumerate(pages):
        part_notes = notes if index == 0 else [ctx.note("continued")]
        sources = tuple(("milestones", where[id(m)]) for m in page)
        parts.append(Part(lambda s, page=page: draw(s, ctx, page, span), part_notes, sources=sources))
    return parts


def _title_paras(milestone, size):
    owner = [Para((Run(milestone.owner),), max(14, size - 2), color=theme.MUTED)] if milestone.owner else []
    return [Para((Run(plain(milestone.title)),), size, bold=True)] + owner


def draw(slide, ctx, milestones, span):
    area = ctx.geometry.content
    first, last = span
    label_w = int(area.width * LABELS_SHARE)
    chart = theme.Rect(area.left + label_w, area.top, area.width - label_w, area.height)
    total_days = (last - first).days or 1
    row_h = min(ROW_MAX, (area.height - AXIS - FOOT) // max(1, len(milestones)))

    def x_of(day: dt.date) -> int:
        return int(chart.left + chart.width * (day - first).days / total_days)

    # Month grid and labels: every month, or every few months when the plan spans
    # years, so a long span draws a readable axis and a bounded number of shapes.
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = -(-months // MAX_GRID)
    month = first
    while month <= last:
        x = x_of(month)
        frames.shape(slide, theme.Rect(x, area.top + AXIS - int(0.08 * theme.INCH), int(0.01 * theme.INCH),
                                       row_h * len(milestones) + int(0.08 * theme.INCH)),
                     fill=theme.BORDER, name=f"Grid {month.isoformat()}")
        following = _months_later(month, step)
        width = x_of(min(following, last)) - x
        text = str(month.year) if step >= 12 else ctx.deck["months_short"][month.month - 1]
        if width > frames.line_width(text, 12, bold=True):
            frames.textbox(slide, theme.Rect(x, area.top, width, AXIS - int(0.1 * theme.INCH)),
                           [Para((Run(text),), 12, bold=True, color=theme.MUTED)], ctx.lang,
                           name=f"Label month {month.isoformat()}", anchor="bottom")
        month = following
    top = area.top + AXIS
    # One size for every title, the largest that fits every row.
    def label_rect(i):
        return theme.Rect(area.left, top + i * row_h, label_w - int(0.15 * theme.INCH), row_h)
    title_paras = _title_paras
    size = next((s for s in sizes(18, 14)
                 if all(fits(title_paras(m, s), *frames.inner(label_rect(i))) for i, m in enumerate(milestones))), 14)
    for i, m in enumerate(milestones):
        y = top + i * row_h
        if i % 2 == 0:
            frames.shape(slide, theme.Rect(area.left, y, area.width, row_h), fill="F7F9FB",
                         name=f"Row {i + 1}")
        paras = title_paras(m, size)
        width, height = frames.inner(label_rect(i))
        if not fits(paras, width, height):
            paras = [truncate(paras[0], width, max(1, int(height // (size * LINE))))]
        frames.textbox(slide, label_rect(i), paras, ctx.lang, name=f"Text milestone {i + 1}", anchor="middle")
        bar_h = int(row_h * 0.42)
        end = x_of(m.due)
        if m.start and m.start < m.due:
            begin = x_of(m.start)
            bar = frames.shape(slide, theme.Rect(begin, y + (row_h - bar_h) // 2, max(end - begin, bar_h), bar_h),
                               kind="roundRect", fill=theme.TEAL, name=f"Bar {i + 1}")
            bar.adjustments[0] = 0.3
        else:
            frames.shape(slide, theme.Rect(end - bar_h // 2 - int(0.04 * theme.INCH),
                                           y + (row_h - bar_h) // 2 - int(0.04 * theme.INCH),
                                           bar_h + int(0.08 * theme.INCH), bar_h + int(0.08 * theme.INCH)),
                         kind="diamond", fill=theme.NAVY, name=f"Milestone {i + 1}")
        text = ctx.date(m.due, short=True)
        width = frames.line_width(text, 12)
        x = end + int(0.1 * theme.INCH) + (bar_h // 2 if not m.start else 0)
        if x + width > chart.right:  # no room after the bar: write the date before it
            x = (x_of(m.start) if m.start and m.start < m.due else end - bar_h) - width - int(0.1 * theme.INCH)
        frames.textbox(slide, theme.Rect(x, y, width, row_h), [Para((Run(text),), 12, color=theme.INK)],
                       ctx.lang, name=f"Label due {i + 1}", anchor="middle")
    # The team's own final date when it gives one (the course's is then only the limit).
    final = final_date(ctx.plan, ctx.course)
    if final and first <= final <= last:
        x = x_of(final)
        rows_h = row_h * len(milestones)
        frames.shape(slide, theme.Rect(x - int(0.015 * theme.INCH), top - int(0.08 * theme.INCH),
                                       int(0.03 * theme.INCH), rows_h + int(0.16 * theme.INCH)),
                     fill=theme.CONS, name="Final due")
        label = ctx.words["words"]["final_demo" if team_sets_final_date(ctx.plan, ctx.course) else "final_due"]
        text = f"{label} · {ctx.date(final, short=True)}"
        para = Para((Run(text),), 12, bold=True, color=theme.CONS, align="right")
        width = frames.line_width(text, 12, bold=True)
        y = top + rows_h + int(0.1 * theme.INCH)
        frames.textbox(slide, theme.Rect(max(chart.left, x - width), y, width, int(0.32 * theme.INCH)), [para],
                       ctx.lang, name="Label final due", anchor="top")

