"""The "What changed since the plan" slide of `planner build --since REF` (final presentation).

Its changes come from planner.plandiff, the same as `planner diff` prints and the
plan document's section, grouped by section in two balanced columns; the notes
say what to tell: each change, in the order shown.
"""

from __future__ import annotations

from planner.deck.context import md
from planner.deck.layout import Block
from planner.deck.markdown_runs import Run
from planner.deck.slides import text_parts
from planner.plandiff.render import grouped, summary


def slide(ctx, outline_slide):
    found = ctx.data.changes
    words = ctx.words["diff"]
    groups = grouped(found.changes, ctx.course, ctx.data.lang) if found else []
    if groups:
        blocks = [Block(title, tuple(md(item) for item in items), marker="▸")
                  for title, items in groups]
    else:
        blocks = [Block(None, ((Run(words["none"], italic=True),),), bullets=False)]
    since = found.old_name if found else ""

    def notes(index, page):
        out = [ctx.note("continued")] if index else []
        out.append(summary(found.changes if found else (), ctx.data.lang, since,
                           ctx.plan.team_name) + ".")
        for title, items in groups:
            out.append(f"{title} : " if ctx.data.lang == "fr" else f"{title}: ")
            out[-1] += "; ".join(items)
        return out

    if len(blocks) == 1:
        return text_parts(ctx, [blocks], [1], notes, "changes")
    return text_parts(ctx, (blocks, (len(blocks) + 1) // 2), [1, 1], notes, "changes", balance=2)
