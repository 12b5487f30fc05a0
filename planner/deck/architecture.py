"""The architecture diagram: components as boxes, flows as labelled arrows, left to right.

planner.deck.archlayout chooses the diagrams (one, or an overview and details) and
planner.diagrams.layered computes their geometry; this module measures the text, sizes
the columns so that every name stays whole at 12 pt or more, and draws. Arrows are
connectors glued at both ends, to their boxes or to invisible waypoints where they cross a
column, so moving a box in PowerPoint keeps its arrows attached and no arrow crosses a box.
Two opposite flows between the same boxes share one double-headed arrow. A box's colour is
the checklist section of the stage whose tools include it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from planner.deck import frames, pptx_internals, theme
from planner.deck.archlayout import MAX_COLUMNS, MAX_EDGES, MAX_NODES, build_graph, layers, spread, views
from planner.deck.context import Part
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import LINE, Para, fits, line_count, line_widths, pieces, sizes, text_width

NAME_MIN = 12.0  # component names never smaller (issue 9)
NAME_SIZES = sizes(18, NAME_MIN)
MIN_BOX = int(0.85 * 914400)   # EMU: a box is never narrower
MAX_BOX = int(2.3 * 914400)
MIN_GAP = int(0.4 * 914400)    # EMU: the room between two columns, for arrows and their labels
MAX_DRAWN_ROWS = 9             # rows of a column (boxes and arrows passing through) on one slide
LABEL_SIZE = 11.0


def section_index(ctx) -> dict:
    """Each chosen tool's name (and its catalog name) -> the checklist section of its stage.

    Built once per deck, so that looking up thousands of components stays linear."""
    index: dict = {}
    for state in ctx.data.states:
        for chosen in state.choice.tools:
            canonical = ctx.data.catalog.find(plain(chosen)) if ctx.data.catalog else None
            for key in (plain(chosen).casefold(), canonical.name.casefold() if canonical else None):
                if key:
                    index.setdefault(key, state.stage.section)
    return index


def section_of(ctx, index: dict, name: str, tool: str) -> str | None:
    """The checklist section of the stage whose chosen tools include this component."""
    for text in (name, tool):
        if not text:
            continue
        found = ctx.data.catalog.find(text) if ctx.data.catalog else None
        for key in (text.casefold(), found.name.casefold() if found else None):
            if key in index:
                return index[key]
    return None


def _words(text: str) -> set:
    return {word for word in re.split(r"\W+", text.casefold()) if word}


def _box_paras(name, tool, size):
    paras = [Para((Run(name),), size, bold=True, align="center")]
    # The tool under the name, unless it only repeats it ("Kafka" run by "Apache Kafka").
    if tool and not (_words(tool) & _words(name)):
        paras.append(Para((Run(tool),), max(theme.SIZES.diagram_min, size - 2), color=theme.MUTED,
                          align="center"))
    return paras


def slide(ctx, outline_slide):
    graph = build_graph(ctx.plan)
    notes = [ctx.note("architecture")]
    if plain(ctx.plan.architecture_summary):
        notes.insert(0, ctx.plan.architecture_summary)
    for edge in graph.edges[:MAX_NOTE_FLOWS]:
        for label, forward in edge.labels:
            a, b = (edge.source, edge.target) if forward else (edge.target, edge.source)
            notes.append(ctx.note("flow", source=graph.names[a], target=graph.names[b], label=label or "—"))
    for name, role in list(zip(graph.names, graph.roles))[:MAX_NOTE_FLOWS]:
        if role:
            notes.append(ctx.note("component", name=name, role=role))
    if not graph.names:
        def empty(shape_slide):
            para = Para((Run(ctx.deck["no_components"], italic=True),), 20, color=theme.MUTED)
            frames.textbox(shape_slide, ctx.geometry.content, [para], ctx.lang, name="Text architecture",
                           anchor="middle")
        return [Part(empty, notes)]
    shown, listed_nodes, listed_edges = diagram_views(ctx, graph)
    component = _component_index(ctx.plan, graph)
    title = ctx.slide_title(outline_slide.id)
    parts = []
    for index, view in enumerate(shown):
        heading = f"{title} · {ctx.deck['overview'] if view.part == 'overview' else view.part}" if view.part else None
        part_notes = notes if index == 0 else [ctx.note("continued")]
        sources = tuple(("architecture", "components", component[n]) for n in view.nodes if n in component)
        parts.append(Part(lambda shape_slide, view=view: draw(shape_slide, ctx, view), part_notes, title=heading,
                          sources=sources))
    if listed_nodes or listed_edges:
        parts += _listed(ctx, graph, listed_nodes, listed_edges, title, component)
    return parts


def diagram_views(ctx, graph):
    """(views drawn, nodes and edges only listed): one diagram, or an overview and details."""
    index = section_index(ctx)
    sections = [section_of(ctx, index, name, tool) for name, tool in zip(graph.names, graph.tools)]
    labels = {s["id"]: s["label"] for s in ctx.course.sections}

    def section_label(section):
        label = labels.get(section, {})
        return label.get(ctx.data.lang, section) if section else ctx.deck["other_components"]

    def count_label(kind, count):
        return ctx.deck["count_" + kind].format(count=count)

    width = ctx.geometry.content.width
    return views(graph, sections, section_label, count_label, lambda g: readable(g, width))


def _component_index(plan, graph) -> dict:
    """Graph node -> index of its component in the plan (flows may name unlisted ones)."""
    first: dict = {}
    for index, item in enumerate(plan.components):
        first.setdefault(plain(item.name).casefold(), index)
    return {n: first[name.casefold()] for n, name in enumerate(graph.names) if name.casefold() in first}


MAX_LISTED = 1200     # components and flows listed as text, at most (about 40 slides)
MAX_NOTE_FLOWS = 60  # the notes name the first flows and components; the slides show them all


def _listed(ctx, graph, nodes, edges, title, component):
    """What no diagram draws, as text: components with their role, flows with their label."""
    from planner.deck import slides as text_slides
    from planner.deck.layout import Block
    blocks = []
    if nodes:
        items = tuple((Run(graph.names[n], bold=True),) + ((Run(" — " + graph.roles[n]),) if graph.roles[n] else ())
                      for n in nodes)
        blocks.append(Block(ctx.deck["components"], items,
                            sources=tuple(("architecture", "components", component.get(n, 0)) for n in nodes)))
    if edges:
        items, sources = [], []
        flow_index: dict = {}
        for index, flow in enumerate(ctx.plan.flows):
            key = (plain(flow.source).casefold(), plain(flow.target).casefold(), plain(flow.label))
            flow_index.setdefault(key, index)
        for edge in edges:
            for label, forward in edge.labels:
                a, b = (edge.source, edge.target) if forward else (edge.target, edge.source)
                sources.append(("architecture", "flows",
                                flow_index.get((graph.names[a].casefold(), graph.names[b].casefold(), label), 0)))
                items.append((Run(f"{graph.names[a]} → {graph.names[b]}", bold=True),)
                             + ((Run(" : " + label if ctx.data.lang == "fr" else ": " + label),) if label else ()))
        blocks.append(Block(ctx.deck["flows"], tuple(items), sources=tuple(sources)))
    # Bounded work: the list stops where the deck's backup slides would (builder.MAX_BACKUP_SLIDES).
    room = MAX_LISTED
    for index, block in enumerate(blocks):
        kept = block.items[:room]
        ctx.left_out_items += len(block.items) - len(kept)
        blocks[index] = replace(block, items=kept, sources=block.sources[:len(kept)])
        room -= len(kept)
    blocks = [block for block in blocks if block.items]
    parts = text_slides.text_parts(ctx, (blocks, 1), [1, 1], lambda index, page: [ctx.note("continued")],
                                   "architecture list", top=theme.SIZES.body_min, balance=2)
    for part in parts:
        part.title = f"{title} · {ctx.deck['listed']}"
    return parts


def column_widths(graph, level, width):
    """Each column's box width: its longest word at NAME_MIN whole, at least MIN_BOX, and what is
    left shared between boxes and gaps (None when the columns do not fit: too wide to read)."""
    count = max(level) + 1
    need = [MIN_BOX] * count
    for n, name in enumerate(graph.names):
        longest = max((text_width(piece, NAME_MIN, bold=True) for piece in _pieces(name)), default=0.0)
        need[level[n]] = max(need[level[n]], int((longest + 2 * _rounding(int(MAX_BOX)) + 16) * 12700))
    spare = width - sum(need) - count * MIN_GAP
    if spare < 0:
        return None
    return [int(min(MAX_BOX, w + spare * 0.45 / count)) for w in need]


def readable(graph, width) -> bool:
    """One slide draws it readably: few enough boxes, arrows, columns and rows."""
    from planner.diagrams.layered import chains
    if len(graph.names) > MAX_NODES or len(graph.edges) > MAX_EDGES:
        return False
    level = spread(layers(graph), MAX_COLUMNS)
    if max(level) + 1 > MAX_COLUMNS or column_widths(graph, level, width) is None:
        return False
    _chains, all_level = chains(graph, level)
    return max(all_level.count(c) for c in range(max(all_level) + 1)) <= MAX_DRAWN_ROWS


@dataclass
class Arranged:
    drawing: object   # planner.diagrams.layered.Drawing
    size: float       # pt: every box name's size
    paras: dict       # node -> its box's paragraphs
    used: list        # the checklist sections of the boxes, for the legend
    legend: object    # theme.Rect of the legend, or None


def arrange(ctx, view, area=None) -> Arranged:
    """The view's geometry, pure (no python-pptx): the layered drawing in `area` (default: the
    slide's content), the one name size, and each box's paragraphs. The deck draws it as
    shapes and connectors; planner.diagrams.architecture as SVG for the HTML page."""
    from planner.diagrams.layered import MIN_LABEL, layout
    graph, sections = view.graph, view.sections
    area = area or ctx.geometry.content
    used = [s for s in dict.fromkeys(sections) if s]
    legend_h = int(0.4 * theme.INCH) if used else 0
    diagram = theme.Rect(area.left, area.top, area.width, area.height - legend_h - int(0.1 * theme.INCH))
    level = spread(layers(graph), MAX_COLUMNS)
    count = max(level) + 1
    widths = column_widths(graph, level, diagram.width) or [int(diagram.width / count * 0.55)] * count
    from planner.diagrams.layered import chains
    _chains, all_level = chains(graph, level)
    rows = max(all_level.count(c) for c in range(count))
    pitch = diagram.height / max(1, rows)
    tallest = pitch * 0.78

    def text_w(n):
        return frames.inner(theme.Rect(0, 0, widths[level[n]], 1))[0] - 2 * _rounding(widths[level[n]])

    def need(s):  # pt: the tallest box's text, its insets and the corners'
        return max(sum(line_count(p, text_w(n)) * p.size * LINE for p in _box_paras(name, graph.tools[n], s))
                   + 2 * _rounding(widths[level[n]]) + 10 for n, name in enumerate(graph.names))

    # One size for every box name: the largest at which no word breaks and every box fits.
    size = next((s for s in NAME_SIZES
                 if all(_word_fits(name, s, text_w(n)) for n, name in enumerate(graph.names))
                 and need(s) * 12700 <= tallest), NAME_MIN)
    box_h = int(min(max(0.55 * theme.INCH, need(size) * 12700), max(tallest, need(size) * 12700)))

    def label_size(edge, max_width):
        text = _label_text(edge)
        if not text:
            return None
        para = Para((Run(text),), LABEL_SIZE, color=theme.INK, align="center")
        width = min(max_width, int(LABEL_MAX_W * theme.INCH))
        longest = max(text_width(piece, LABEL_SIZE) for piece in _pieces(text)) + 2 * LABEL_INSET_X / 12700 + 2
        if longest * 12700 > width:
            if max_width < MIN_LABEL:
                return None  # a narrow place too narrow for a word: never break one
            width = int(longest * 12700)  # a free place: as wide as the longest word
        return _label_size(para, width)

    drawing = layout(graph, level, diagram.left, diagram.top, diagram.width, diagram.height, widths, box_h,
                     label_size)
    paras = {}
    for n, name in enumerate(graph.names):
        rect = theme.Rect(*drawing.boxes[n])
        box_paras = _box_paras(name, graph.tools[n], size)
        width, height = frames.inner(rect)
        width -= 2 * _rounding(min(rect.width, rect.height))
        height -= 2 * _rounding(min(rect.width, rect.height))
        if not fits(box_paras, width, height):  # the tool line goes first: the name stays whole
            box_paras = box_paras[:1]
        paras[n] = box_paras
    legend = theme.Rect(area.left, area.bottom - legend_h, area.width, legend_h) if used else None
    return Arranged(drawing, size, paras, used, legend)


def draw(slide, ctx, view):
    graph, sections = view.graph, view.sections
    arranged = arrange(ctx, view)
    drawing, used = arranged.drawing, arranged.used
    shapes = {}
    for n, name in enumerate(graph.names):
        rect = theme.Rect(*drawing.boxes[n])
        line, fill = theme.SECTION_COLOURS.get(sections[n], theme.NEUTRAL)
        box = frames.shape(slide, rect, kind="roundRect", fill=fill, line=line, line_width=1.5,
                           name=f"Component {name}")
        box.adjustments[0] = ROUNDING
        frames.write(box.text_frame, arranged.paras[n], ctx.lang, anchor="middle", colour=theme.INK)
        shapes[n] = box
    for n, (x, y, w) in drawing.waypoints.items():
        # An invisible shape where a long arrow crosses a column, so that every piece of
        # the arrow is a connector glued at both ends (moving a box keeps it attached).
        shapes[n] = frames.shape(slide, theme.Rect(x, y, w, 0), name=f"Route {n}")
    for route in drawing.routes:
        _route(slide, shapes, route, graph)
        if route.label is not None:
            para = Para((Run(_label_text(route.edge)),), LABEL_SIZE, color=theme.INK, align="center")
            edge = route.edge
            box = frames.textbox(slide, theme.Rect(*route.label), [para], ctx.lang,
                                 name=f"Label {graph.names[edge.source]} - {graph.names[edge.target]}",
                                 anchor="middle", inset_x=LABEL_INSET_X, inset_y=LABEL_INSET_Y)
            box.fill.solid()
            box.fill.fore_color.rgb = frames.rgb(theme.PAPER)
    if used:
        _legend(slide, ctx, used, arranged.legend)


RIGHT, LEFT = 3, 1  # connection sites of a rectangle


def _route(slide, shapes, route, graph):
    """The arrow as glued connectors: box -> waypoint runs -> box, left to right."""
    edge = route.edge
    pieces = []
    chain = route.nodes
    for i, n in enumerate(chain):
        if i:  # from the previous box's (or waypoint's) right end to this one's left end
            pieces.append((shapes[chain[i - 1]], RIGHT, shapes[n], LEFT))
        if n >= len(graph.names):  # across the waypoint's empty slot
            pieces.append((shapes[n], LEFT, shapes[n], RIGHT))
    # Forward arrows point at the right end; a feedback arrow at the left one; both: both.
    name = f"Flow {graph.names[edge.source]} -> {graph.names[edge.target]}"
    for k, (begin, begin_site, end, end_site) in enumerate(pieces):
        head = (k == 0) and (route.reverse or edge.both)
        tail = (k == len(pieces) - 1) and (not route.reverse or edge.both)
        _connector(slide, begin, begin_site, end, end_site, head, tail, edge.feedback, name)


def _connector(slide, begin, begin_site, end, end_site, head, tail, dashed, name):
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.oxml.ns import qn
    from pptx.util import Pt
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
    line.begin_connect(begin, begin_site)
    line.end_connect(end, end_site)
    line.line.color.rgb = frames.rgb(theme.MUTED if not dashed else theme.TEAL)
    line.line.width = Pt(1.5)
    if dashed:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    ln = pptx_internals.line_properties(line.line)
    for tag in ("a:headEnd", "a:tailEnd"):
        for old in ln.findall(qn(tag)):
            ln.remove(old)
    if head:
        ln.append(ln.makeelement(qn("a:headEnd"), {"type": "triangle", "w": "med", "len": "med"}))
    if tail:
        ln.append(ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"}))
    frames.flat(line)
    line.name = name
    return line


ROUNDING = 0.12


def _rounding(side: int) -> float:
    """pt: a rounded rectangle's text area is inset by 29.3 % of its corner radius."""
    return ROUNDING * side / 12700 * 0.29289

LABEL_INSET_X = 2 * 12700
LABEL_INSET_Y = 1 * 12700
LABEL_MAX_W = 1.5      # inches



def _label_size(para, max_width):
    """(w, h) EMU of a label box no wider than max_width (EMU): its text wraps within."""
    inner_w = max_width / 12700 - 2 * LABEL_INSET_X / 12700
    widths = line_widths(para, inner_w)
    w = (max(widths) + 2 * LABEL_INSET_X / 12700 + 2) * 12700
    h = (len(widths) * para.size * LINE + 2 * LABEL_INSET_Y / 12700 + 1) * 12700
    return (int(w), int(h))


def _word_fits(name, size, width):
    return all(text_width(piece, size, bold=True) <= width for piece in _pieces(name))


def _pieces(name):
    """What a line never breaks: words, cut after hyphens and between CJK characters."""
    return [piece for word in name.split() for piece in pieces(word)]



def _label_text(edge):
    texts = [(label, forward) for label, forward in edge.labels if label]
    if not texts:
        return ""
    if edge.both:
        return " / ".join(("→ " if forward else "← ") + label for label, forward in texts) \
            if len(texts) > 1 else texts[0][0]
    return " / ".join(label for label, _f in texts)





def _legend(slide, ctx, used, rect):
    from planner.deck import drawscene
    from planner.diagrams.architecture import legend
    for item in legend(ctx, used, rect):
        drawscene.box(slide, item, ctx.lang)
