"""The milestone timeline's geometry: a row per milestone on a date axis, the final date marked.

A milestone with a start date is a bar from start to due; one without is a diamond
on its due date. Month boundaries are light grid lines. Each due date's label goes
after its bar, else before it, else past the final-date marker: never across the
marker nor touching it, never off the chart. Drawn by planner.deck.timeline (a page of
rows per slide) and in the HTML page (every row).
"""

from __future__ import annotations

import datetime as dt

from planner.deck import frames, theme
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import LINE, Para, fits, sizes, truncate
from planner.diagrams.scene import Box, Scene
from planner.facts import final_date, team_sets_final_date

AXIS = int(0.5 * theme.INCH)
FOOT = int(0.4 * theme.INCH)  # under the rows: the final due date's label
ROW_MIN = int(0.55 * theme.INCH)
ROW_MAX = int(0.9 * theme.INCH)
LABELS_SHARE = 0.3  # of the width, for the milestone titles
LABELS_MIN = int(3.1 * theme.INCH)
MAX_GRID = 24  # month lines on the axis, at most
MARKER = int(0.03 * theme.INCH)   # the final-date marker's width
CLEAR = int(0.06 * theme.INCH)    # the least room between the marker and any label
DATE_GAP = int(0.1 * theme.INCH)  # between a bar and its date


def span(ctx, milestones):
    """(first, last) day of the axis: every date shown, from a month's first day, or None."""
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


def months_later(month: dt.date, count: int) -> dt.date:
    """The first day of the month `count` months after `month` (a first of the month)."""
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def title_paras(milestone, size):
    owner = [Para((Run(milestone.owner),), max(14, size - 2), color=theme.MUTED)] if milestone.owner else []
    return [Para((Run(plain(milestone.title)),), size, bold=True)] + owner


def label_width(area) -> int:
    """The titles' column: LABELS_SHARE of the width, and on a narrow (4:3) slide at least
    LABELS_MIN, so that a title wraps on two lines rather than three."""
    return max(int(area.width * LABELS_SHARE), min(LABELS_MIN, int(area.width * 0.4)))


def scene(ctx, area, milestones, days, row_h: int | list[int] | None = None) -> Scene:
    """The rows of `milestones` in `area` (EMU) on the axis `days` = span(); row_h: each row's
    height, one for all or one a row (default: the rows share the area, at most ROW_MAX)."""
    first, last = days
    label_w = label_width(area)
    chart = theme.Rect(area.left + label_w, area.top, area.width - label_w, area.height)
    total_days = (last - first).days or 1
    if row_h is None:
        row_h = min(ROW_MAX, (area.height - AXIS - FOOT) // max(1, len(milestones)))
    heights = list(row_h) if isinstance(row_h, list) else [row_h] * len(milestones)
    rows_h = sum(heights)
    tops = [area.top + AXIS + sum(heights[:i]) for i in range(len(heights))]
    out = Scene(area, title=ctx.slide_title("timeline"))

    def x_of(day: dt.date) -> int:
        return int(chart.left + chart.width * (day - first).days / total_days)

    # Month grid and labels: every month, or every few months when the plan spans
    # years, so a long span draws a readable axis and a bounded number of shapes.
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = -(-months // MAX_GRID)
    month = first
    grid, month_labels = [], []
    while month <= last:
        x = x_of(month)
        grid.append(Box(theme.Rect(x, area.top + AXIS - int(0.08 * theme.INCH), int(0.01 * theme.INCH),
                                   rows_h + int(0.08 * theme.INCH)), f"Grid {month.isoformat()}", shape="rect",
                        fill=theme.BORDER))
        following = months_later(month, step)
        width = x_of(min(following, last)) - x
        text = str(month.year) if step >= 12 else ctx.deck["months_short"][month.month - 1]
        if width > frames.line_width(text, 12, bold=True):
            month_labels.append(Box(theme.Rect(x, area.top, width, AXIS - int(0.1 * theme.INCH)),
                                    f"Label month {month.isoformat()}",
                                    paras=(Para((Run(text),), 12, bold=True, color=theme.MUTED),), anchor="bottom"))
        month = following
    top = area.top + AXIS
    final = final_date(ctx.plan, ctx.course)
    marker = x_of(final) if final and first <= final <= last else None

    def label_rect(i):
        return theme.Rect(area.left, tops[i], label_w - int(0.15 * theme.INCH), heights[i])

    # One size for every title, the largest that fits every row.
    size = next((s for s in sizes(18, 14)
                 if all(fits(title_paras(m, s), *frames.inner(label_rect(i))) for i, m in enumerate(milestones))), 14)
    rows, marks, dates = [], [], []
    for i, m in enumerate(milestones):
        y, row_h = tops[i], heights[i]
        if i % 2 == 0:
            rows.append(Box(theme.Rect(area.left, y, area.width, row_h), f"Row {i + 1}", shape="rect", fill="F7F9FB"))
        paras = title_paras(m, size)
        width, height = frames.inner(label_rect(i))
        if not fits(paras, width, height):
            paras = [truncate(paras[0], width, max(1, int(height // (size * LINE))))]
        rows.append(Box(label_rect(i), f"Text milestone {i + 1}", paras=tuple(paras), anchor="middle"))
        bar_h = int(row_h * 0.42)
        end = x_of(m.due)
        if m.start and m.start < m.due:
            begin = x_of(m.start)
            mark = theme.Rect(begin, y + (row_h - bar_h) // 2, max(end - begin, bar_h), bar_h)
            marks.append(Box(mark, f"Bar {i + 1}", shape="roundRect", fill=theme.TEAL, rounding=0.3))
        else:
            pad = int(0.04 * theme.INCH)
            mark = theme.Rect(end - bar_h // 2 - pad, y + (row_h - bar_h) // 2 - pad, bar_h + 2 * pad, bar_h + 2 * pad)
            marks.append(Box(mark, f"Milestone {i + 1}", shape="diamond", fill=theme.NAVY))
        text = ctx.date(m.due, short=True)
        width = frames.line_width(text, 12)
        x = _date_x(mark, width, chart, marker)
        dates.append(Box(theme.Rect(x, y, width, row_h), f"Label due {i + 1}",
                         paras=(Para((Run(text),), 12, color=theme.INK),), anchor="middle"))
    out.items += rows + grid + month_labels + marks + dates
    # The team's own final date when it gives one (the course's is then only the limit).
    if marker is not None:
        out.add(Box(theme.Rect(marker - MARKER // 2, top - int(0.08 * theme.INCH), MARKER,
                               rows_h + int(0.16 * theme.INCH)), "Final due", shape="rect", fill=theme.CONS))
        label = ctx.words["words"]["final_demo" if team_sets_final_date(ctx.plan, ctx.course) else "final_due"]
        text = f"{label} · {ctx.date(final, short=True)}"
        width = frames.line_width(text, 12, bold=True)
        out.add(Box(theme.Rect(max(chart.left, marker - width), top + rows_h + int(0.1 * theme.INCH), width,
                               int(0.32 * theme.INCH)), "Label final due",
                    paras=(Para((Run(text),), 12, bold=True, color=theme.CONS, align="right"),)))
    return out


def _date_x(mark, width: int, chart, marker: int | None) -> int:
    """Where a due date's label starts: after its mark, else before it, else just past the
    final-date marker; the first place inside the chart that keeps clear of the marker."""
    after = mark.right + DATE_GAP
    before = mark.left - DATE_GAP - width
    places = [after, before]
    if marker is not None and marker >= mark.right:
        places.append(marker + MARKER // 2 + CLEAR)
    inside = [x for x in places if chart.left <= x and x + width <= chart.right]
    clear = [x for x in inside if marker is None or not clashes(x, width, marker)]
    return (clear or inside or places)[0]


def clashes(x: int, width: int, marker: int) -> bool:
    """A label from x to x + width touches the final-date marker (with CLEAR around it)."""
    return x < marker + MARKER // 2 + CLEAR and x + width > marker - MARKER // 2 - CLEAR
