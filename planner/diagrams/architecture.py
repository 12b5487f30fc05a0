"""The architecture as a Scene: the layered geometry planner.deck.architecture arranges
(planner.diagrams.layered), with the deck's boxes, arrows, labels and legend, for the SVG
of the HTML page. The deck draws the same arrangement as shapes and glued connectors.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass
class Drawn:
    """The scene, and its parts as the deck needs them to glue connectors."""
    scene: Scene
    drawing: object   # planner.diagrams.layered.Drawing
    boxes: list       # the component boxes, in node order
    labels: list      # each route's label box, or None, in route order
    legend: list


def scene(ctx, view, area, title: str = "") -> Scene:
    return build(ctx, view, area, title).scene


def build(ctx, view, area, title: str = "") -> Drawn:
    from planner.deck import architecture as arch
    graph, sections = view.graph, view.sections
    arranged = arch.arrange(ctx, view, area)
    drawing = arranged.drawing
    out = Scene(area, title=title)
    boxes = []
    for n, name in enumerate(graph.names):
        line, fill = theme.SECTION_COLOURS.get(sections[n], theme.NEUTRAL)
        boxes.append(Box(theme.Rect(*drawing.boxes[n]), f"Component {name}", shape="roundRect", fill=fill,
                         line=line, line_width=1.5, rounding=arch.ROUNDING, paras=tuple(arranged.paras[n]),
                         anchor="middle"))
    out.items += boxes
    labels = []
    for route in drawing.routes:
        edge = route.edge
        name = f"{graph.names[edge.source]} -> {graph.names[edge.target]}"
        # Forward arrows point at the right end; a feedback arrow at the left one; both: both.
        out.add(Arrow(tuple(route.points), f"Flow {name}", colour=theme.TEAL if edge.feedback else theme.MUTED,
                      width=1.5, dash="dash" if edge.feedback else None,
                      head=not route.reverse or edge.both, tail=route.reverse or edge.both))
        label = None
        if route.label is not None:
            para = Para((Run(arch._label_text(edge)),), arch.LABEL_SIZE, color=theme.INK, align="center")
            label = Box(theme.Rect(*route.label), f"Label {graph.names[edge.source]} - {graph.names[edge.target]}",
                        fill=theme.PAPER, paras=(para,), anchor="middle", inset_x=arch.LABEL_INSET_X,
                        inset_y=arch.LABEL_INSET_Y)
        labels.append(label)
    out.items += [label for label in labels if label is not None]  # over every arrow, as on the slide
    drawn_legend = legend(ctx, arranged.used, arranged.legend) if arranged.used else []
    out.items += drawn_legend
    return Drawn(out, drawing, boxes, labels, drawn_legend)


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
