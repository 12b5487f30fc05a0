"""The architecture diagram: components as boxes, flows as labelled arrows, left to right.

planner.deck.archlayout chooses the diagrams (one up to 20 components and 30 flows, else an
overview and details) and planner.diagrams.layered computes their geometry on a grid; this
module measures the text, sizes the columns so that every name stays whole at 12 pt or more
(plan_grid: how many columns fit the slide, 16:9 or a template's 4:3), and draws the scene
planner.diagrams.architecture makes of the arrangement (the HTML page draws it as SVG). Arrows are
orthogonal: connectors glued at both ends, to their boxes' sides and to invisible points
where they bend, so moving a box in PowerPoint keeps its arrows attached; no arrow crosses
a box. Two opposite flows between the same boxes share one double-headed arrow; a flow
against the data flow's direction (a cycle) is dashed. A box's colour is the checklist
section of the stage whose tools include it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import islice

from planner.deck import frames, theme
from planner.deck.archlayout import MAX_COLUMNS, MAX_EDGES, MAX_NODES, build_graph, layers, views
from planner.deck.context import Part
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import LINE, Para, fits, line_count, line_widths, pieces, sizes, text_width

NAME_MIN = 12.0  # component names never smaller (issue 9)
NAME_SIZES = sizes(18, NAME_MIN)
DENSE_SIZES = sizes(14, NAME_MIN)
MIN_BOX = int(0.85 * 914400)   # EMU: a box is never narrower
MAX_BOX = int(2.3 * 914400)
MIN_GAP = int(0.3 * 914400)    # EMU: the least room between two columns, for arrows bending there
MIN_PITCH = int(0.72 * 914400)  # EMU: a row of the grid: a box of one or two lines and a channel
MIN_BOX_H = int(0.45 * 914400)  # EMU: a box is never shorter
BOX_SHARE = 0.5               # of a row's height, at most, for its box (the rest: the channel)
TRACK = 80000                  # EMU between two parallel arrows in a gap (about 6 pt)
LABEL_SIZE = 10.0


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

    rect = _diagram_rect(ctx.geometry.content, [True])[2]  # room for a legend: whether one is drawn is known later
    return views(graph, sections, section_label, count_label, lambda g: readable(ctx, g, rect))


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


def _least_widths(graph) -> list:
    """EMU: each box's least width, its longest unbreakable piece of name whole at NAME_MIN."""
    out = []
    for name in graph.names:
        longest = max((text_width(piece, NAME_MIN, bold=True) for piece in _pieces(name)), default=0.0)
        out.append(max(MIN_BOX, int((longest + 2 * _rounding(int(MAX_BOX)) + 16) * 12700)))
    return out


def _gaps(grid) -> list:
    """EMU: each gap as wide as its tracks need (the last, right of the drawing, only if used)."""
    out = [max(MIN_GAP, (grid.gap_tracks[g] + 1) * TRACK) for g in range(grid.columns)]
    out[-1] = (grid.gap_tracks[grid.columns - 1] + 1) * TRACK if grid.gap_tracks[grid.columns - 1] else 0
    return out


def plan_grid(graph, rect):
    """The drawing's grid and its column widths and gaps (EMU), or None when the graph does
    not fit the rectangle with every name whole at 12 pt: too wide or too tall to read."""
    from planner.diagrams.layered import MARGIN, fit_columns, tighten
    from planner.diagrams.layered import arrange as arrange_grid
    edges = [(e.source, e.target) for e in graph.edges]
    need = _least_widths(graph)
    level = tighten(layers(graph), edges)
    max_rows = max(1, int((rect.height - 2 * MARGIN) // MIN_PITCH))
    for column in islice(fit_columns(level, need, rect.width, MIN_GAP, max_rows, MAX_COLUMNS), MAX_TRIES):
        grid = arrange_grid(graph, column)
        count = grid.columns
        widths = [MIN_BOX] * count
        for n, c in enumerate(column):
            widths[c] = max(widths[c], need[n])
        gaps = _gaps(grid)
        spare = rect.width - sum(widths) - sum(gaps)
        if spare < 0:  # the arrows bending between the columns need more room: fewer columns
            continue
        # The room left: boxes grow first (names on fewer lines, up to MAX_BOX), then the gaps.
        grown = [max(w, min(MAX_BOX, w + int(spare * 0.25 / count))) for w in widths]
        spare -= sum(grown) - sum(widths)
        inner = count - 1 if count > 1 else 1
        gaps = [g + (int(spare / inner) if i < count - 1 or count == 1 else 0) for i, g in enumerate(gaps)]
        return grid, grown, gaps
    return None


MAX_TRIES = 4  # column counts tried for one drawing (bounded work)


def readable(ctx, graph, rect) -> bool:
    """One slide draws it readably: at most MAX_NODES boxes and MAX_EDGES arrows, on a grid
    that fits the slide with every name whole at 12 pt or more."""
    if len(graph.names) > MAX_NODES or len(graph.edges) > MAX_EDGES:
        return False
    return planned_grid(ctx, graph, rect) is not None


def planned_grid(ctx, graph, rect):
    """plan_grid(graph, rect), worked out once a deck: the grid depends only on the names (their
    measured widths), the edges' ends and the rectangle, and the search is most of a diagram's
    layout. A detail diagram's graph is made again, equal, to be drawn: the key is its content."""
    key = (tuple(graph.names), tuple((edge.source, edge.target) for edge in graph.edges), rect)
    if key not in ctx.grids:
        ctx.grids[key] = plan_grid(graph, rect)
    return ctx.grids[key]


def _diagram_rect(area, sections):
    """(sections for the legend, its height, the diagram's rectangle) in `area`."""
    used = [s for s in dict.fromkeys(sections) if s]
    legend_h = int(0.4 * theme.INCH) if used else 0
    return used, legend_h, theme.Rect(area.left, area.top, area.width, area.height - legend_h - int(0.1 * theme.INCH))


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
    from planner.diagrams.layered import MARGIN, place
    graph, sections = view.graph, view.sections
    area = area or ctx.geometry.content
    used, legend_h, diagram = _diagram_rect(area, sections)
    planned = planned_grid(ctx, graph, diagram)
    if planned is None:  # views() only hands over what fits; an overview of many groups may not
        from planner.diagrams.layered import arrange as arrange_grid
        grid = arrange_grid(graph, [min(c, MAX_COLUMNS - 1) for c in tighten_layers(graph)])
        widths = [int(diagram.width / grid.columns * 0.6)] * grid.columns
        gaps = [int(diagram.width / grid.columns * 0.4)] * grid.columns
    else:
        grid, widths, gaps = planned
    pitch = (diagram.height - 2 * MARGIN) / max(1, grid.rows)
    tallest = pitch * BOX_SHARE

    def text_w(n):
        w = widths[grid.column[n]]
        return frames.inner(theme.Rect(0, 0, w, 1))[0] - 2 * _rounding(w)

    def need(n, s, tools=True):  # pt: a box's text, its insets and the corners'
        return (sum(line_count(p, text_w(n)) * p.size * LINE
                    for p in _box_paras(graph.names[n], graph.tools[n] if tools else "", s))
                + 2 * _rounding(widths[grid.column[n]]) + 10)

    # One size for every box name: the largest at which no word breaks and every name fits.
    # Dense drawings keep names near 12 pt: room for the arrows and their labels between boxes.
    size = next((s for s in (NAME_SIZES if len(graph.names) <= 8 else DENSE_SIZES)
                 if all(_word_fits(name, s, text_w(n)) and need(n, s, False) * 12700 <= tallest
                        for n, name in enumerate(graph.names))), NAME_MIN)
    # Each box as tall as its name needs (its tool too, while the row leaves a channel).
    box_h = [int(max(need(n, size, False) * 12700, MIN_BOX_H, min(need(n, size) * 12700, tallest)))
             for n in range(len(graph.names))]

    def label_size(edge, max_width):
        text = _label_text(edge)
        if not text:
            return None
        para = Para((Run(text),), LABEL_SIZE, color=theme.INK, align="center")
        longest = max(text_width(piece, LABEL_SIZE) for piece in _pieces(text)) + 2 * LABEL_INSET_X / 12700 + 2
        return _label_size(para, max(max_width, int(longest * 12700)))

    drawing = place(graph, grid, diagram.left, diagram.top, diagram.width, diagram.height, widths, gaps, box_h,
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
    """The arrangement's scene (planner.diagrams.architecture, which the page draws as SVG)
    as shapes, and each arrow as connectors glued to them."""
    from planner.deck import drawscene
    from planner.diagrams.architecture import build
    drawn = build(ctx, view, ctx.geometry.content)
    glued = {n: (drawscene.box(slide, box, ctx.lang).shape_id, box.rect) for n, box in enumerate(drawn.boxes)}
    for n, (x, y, _w) in drawn.drawing.waypoints.items():
        # An invisible point where an arrow bends, so that every piece of the arrow is a
        # connector glued at both ends (moving a box keeps its arrows attached).
        rect = theme.Rect(x, y, 0, 0)
        glued[n] = (frames.shape(slide, rect, name=f"Route {n}").shape_id, rect)
    for route in drawn.drawing.routes:
        _route(slide, glued, route, view.graph)
    for label in drawn.labels:  # labels over every arrow
        if label is not None:
            drawscene.box(slide, label, ctx.lang)
    for item in drawn.legend:
        drawscene.box(slide, item, ctx.lang)


def tighten_layers(graph) -> list:
    from planner.diagrams.layered import tighten
    return tighten(layers(graph), [(e.source, e.target) for e in graph.edges])


def _route(slide, glued, route, graph):
    """The arrow as glued connectors: from its source's side, corner to corner, to its
    target's side; the head at the target (and at the source too for two opposite flows).
    glued: each node's and bend's (shape id, rect)."""
    edge = route.edge
    chain = route.nodes
    name = f"Flow {graph.names[edge.source]} -> {graph.names[edge.target]}"
    last = len(chain) - 2
    for k, (a, b) in enumerate(zip(chain, chain[1:])):
        begin_site = route.sites[0] if k == 0 else 0
        end_site = route.sites[1] if k == last else 0
        frames.connector(slide, (*glued[a], begin_site), (*glued[b], end_site),
                         theme.TEAL if edge.feedback else theme.MUTED, 1.5, "dash" if edge.feedback else None,
                         head=k == 0 and edge.both, tail=k == last, name=name)


ROUNDING = 0.12


def _rounding(side: int) -> float:
    """pt: a rounded rectangle's text area is inset by 29.3 % of its corner radius."""
    return ROUNDING * side / 12700 * 0.29289

LABEL_INSET_X = 2 * 12700
LABEL_INSET_Y = 1 * 12700



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
    """What a line never breaks: words, cut after hyphens and between CJK characters. A slash
    stays inside its word ('authentification/autorisation'): the box is sized for the whole
    word, so the name never wraps there."""
    return [piece for word in name.split() for piece in pieces(word, slashes=False)]



def _label_text(edge):
    texts = [(label, forward) for label, forward in edge.labels if label]
    if not texts:
        return ""
    if edge.both:
        return " / ".join(("→ " if forward else "← ") + label for label, forward in texts) \
            if len(texts) > 1 else texts[0][0]
    return " / ".join(label for label, _f in texts)
