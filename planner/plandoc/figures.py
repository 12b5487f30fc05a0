"""The plan's diagrams as inline SVG for its HTML page: the deck's own geometry, drawn as SVG.

The geometry (planner.diagrams) is the one the deck draws as PowerPoint shapes, laid on
a 16:9 slide's content width; the page scales it to its column and prints it. No script,
no font, no external resource: the page works offline. plan.md keeps Mermaid for GitHub;
the Markdown marks where each figure goes with a comment GitHub hides
(`<!-- planner:diagram NAME -->`, see planner.plandoc.html).
"""

from __future__ import annotations

from planner.deck import theme

ROW = int(0.6 * theme.INCH)        # a milestone's row on the page: no slide height to share
MATRIX = theme.Rect(0, 0, int(6.6 * theme.INCH), int(5.4 * theme.INCH))
MARGIN = int(0.1 * theme.INCH)


def figures(data) -> dict:
    """{name: SVG text} for the diagrams this plan has: architecture, stack, milestones, risks."""
    from planner.deck.context import Context
    from planner.diagrams import architecture, svg
    ctx = Context(data, theme.Geometry.builtin(), True)
    out = {}
    drawn = architecture.scenes(ctx)
    if drawn:
        out["architecture"] = "".join(svg.render(_framed(scene)) for scene in drawn)
    for name, make in (("stack", _stack), ("milestones", _milestones), ("risks", _risks)):
        scene = make(ctx)
        if scene is not None:
            out[name] = svg.render(scene)
    return out


def _framed(scene):
    box = scene.bounds()
    scene.frame = theme.Rect(box.left - MARGIN, box.top - MARGIN, box.width + 2 * MARGIN, box.height + 2 * MARGIN)
    return scene


def _stack(ctx):
    from planner.diagrams import stackmap
    shown = stackmap.columns(ctx)
    if not shown:
        return None
    return _framed(stackmap.scene(ctx, ctx.geometry.content, shown))


def _milestones(ctx):
    from planner.diagrams import timeline
    from planner.facts import milestones_by_date
    milestones = [m for m in milestones_by_date(ctx.plan.milestones) if m.due]
    days = timeline.span(ctx, milestones)
    if not milestones or days is None:
        return None
    content = ctx.geometry.content
    area = theme.Rect(content.left, 0, content.width, timeline.AXIS + timeline.FOOT + ROW * len(milestones))
    return _framed(timeline.scene(ctx, area, milestones, days, row_h=ROW))


def _risks(ctx):
    from planner.diagrams import riskmatrix
    from planner.facts import risks_by_severity
    risks = risks_by_severity(list(ctx.plan.risks))
    if not risks:
        return None
    return _framed(riskmatrix.scene(ctx, MATRIX, risks))
