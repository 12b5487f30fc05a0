"""The architecture as a Scene: the layered geometry planner.deck.architecture arranges
(planner.diagrams.layered), with the deck's boxes, arrows, labels and legend, for the SVG
of the HTML page. The deck draws the same arrangement as shapes and glued connectors.
"""

from __future__ import annotations

from planner.deck import theme
from planner.deck.markdown_runs import Run
from planner.deck.textfit import Para
from planner.diagrams.scene import Arrow, Box, Scene

LEGEND_SWATCH = int(0.22 * theme.INCH)


def scenes(ctx) -> list:
    """One scene per diagram the deck draws (one, or an overview and details)."""
    from planner.deck.architecture import diagram_views
    from planner.deck.archlayout import build_graph
    graph = build_graph(ctx.plan)
    if not graph.names:
        return []
    shown, _nodes, _edges = diagram_views(ctx, graph)
    title = ctx.slide_title("architecture")
    return [scene(ctx, view, ctx.geometry.content,
                  f"{title} · {ctx.deck['overview'] if view.part == 'overview' else view.part}" if view.part else title)
            for view in shown]


def scene(ctx, view, area, title: str = "") -> Scene:
    from planner.deck import architecture as arch
    graph, sections = view.graph, view.sections
    arranged = arch.arrange(ctx, view, area)
    drawing = arranged.drawing
    out = Scene(area, title=title)
    for n, name in enumerate(graph.names):
        line, fill = theme.SECTION_COLOURS.get(sections[n], theme.NEUTRAL)
        out.add(Box(theme.Rect(*drawing.boxes[n]), f"Component {name}", shape="roundRect", fill=fill, line=line,
                    line_width=1.5, rounding=arch.ROUNDING, paras=tuple(arranged.paras[n]), anchor="middle"))
    labels = []
    for route in drawing.routes:
        edge = route.edge
        name = f"{graph.names[edge.source]} -> {graph.names[edge.target]}"
        # Forward arrows point at the right end; a feedback arrow at the left one; both: both.
        out.add(Arrow(tuple(route.points), f"Flow {name}", colour=theme.TEAL if edge.feedback else theme.MUTED,
                      width=1.5, dash="dash" if edge.feedback else None,
                      head=not route.reverse or edge.both, tail=route.reverse or edge.both))
        if route.label is not None:
            para = Para((Run(arch._label_text(edge)),), arch.LABEL_SIZE, color=theme.INK, align="center")
            labels.append(Box(theme.Rect(*route.label), f"Label {graph.names[edge.source]} - "
                              f"{graph.names[edge.target]}", fill=theme.PAPER, paras=(para,), anchor="middle",
                              inset_x=arch.LABEL_INSET_X, inset_y=arch.LABEL_INSET_Y))
    out.items += labels  # over every arrow, as on the slide
    if arranged.used:
        out.items += legend(ctx, arranged.used, arranged.legend)
    return out


def legend(ctx, used, rect) -> list:
    """A swatch and the name of each checklist section the boxes are coloured by."""
    from planner.deck import frames
    labels = {s["id"]: s["label"] for s in ctx.course.sections}
    x = rect.left
    out = []
    for section in used:
        line, fill = theme.SECTION_COLOURS.get(section, theme.NEUTRAL)
        text = labels.get(section, {}).get(ctx.data.lang, section)
        width = frames.line_width(text, 12)
        out.append(Box(theme.Rect(x, rect.top + (rect.height - LEGEND_SWATCH) // 2, LEGEND_SWATCH, LEGEND_SWATCH),
                       f"Legend {section}", shape="rect", fill=fill, line=line, line_width=1.25))
        out.append(Box(theme.Rect(x + LEGEND_SWATCH + int(0.05 * theme.INCH), rect.top, width, rect.height),
                       f"Legend text {section}", paras=(Para((Run(text),), 12, color=theme.MUTED),), anchor="middle"))
        x += LEGEND_SWATCH + width + int(0.25 * theme.INCH)
    return out
