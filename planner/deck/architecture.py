"""The architecture diagram: components as boxes, flows as labelled arrows, left to right.

Where the boxes go is planner.deck.archlayout's job; this module measures the
text, draws the boxes and arrows, and places the arrow labels. Arrows are
connectors glued to their boxes (begin_connect/end_connect), so moving a box
in PowerPoint keeps its arrows attached. Two opposite flows between the same
boxes share one double-headed arrow. A box's colour is the checklist section
of the stage whose tools include it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from planner.deck import frames, theme
from planner.deck.archlayout import BAND_GAP, MAX_COLUMNS, Frame, build_graph, crosses_box, layers, place, spread, views
from planner.deck.context import Part
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import LINE, Para, fits, line_count, line_widths, sizes, text_width

NAME_MIN = 12.0  # component names never smaller (issue 9)
NAME_SIZES = sizes(18, NAME_MIN)
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
    index = section_index(ctx)
    sections = [section_of(ctx, index, name, tool) for name, tool in zip(graph.names, graph.tools)]
    labels = {s["id"]: s["label"] for s in ctx.course.sections}

    def section_label(section):
        label = labels.get(section, {})
        return label.get(ctx.data.lang, section) if section else ctx.deck["other_components"]

    def count_label(kind, count):
        return ctx.deck["count_" + kind].format(count=count)

    shown, listed_nodes, listed_edges = views(graph, sections, section_label, count_label)
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


def draw(slide, ctx, view):
    graph, sections = view.graph, view.sections
    area = ctx.geometry.content
    used = [s for s in dict.fromkeys(sections) if s]
    legend_h = int(0.4 * theme.INCH) if used else 0
    diagram = theme.Rect(area.left, area.top, area.width, area.height - legend_h - int(0.1 * theme.INCH))
    level = spread(layers(graph), MAX_COLUMNS)
    count = max(level) + 1
    bands = -(-count // MAX_COLUMNS)
    per_band = -(-count // bands)
    rows = max(level.count(c) for c in range(count))

    pitch = diagram.width / per_band
    band_h = diagram.height / bands - (BAND_GAP if bands > 1 else 0)
    tallest = band_h / max(1, rows) * 0.8
    # The box as wide as the longest word of a name needs at NAME_MIN (never cut inside a
    # word), within the column's pitch.
    longest = max(text_width(word, NAME_MIN, bold=True) for name in graph.names for word in name.split() or [""])
    box_w = int(min(2.3 * theme.INCH, pitch * 0.6))
    box_w = int(min(pitch * 0.86, max(box_w, (longest + 2 * _rounding(box_w) + 16) * 12700)))
    text_w = frames.inner(theme.Rect(0, 0, box_w, 1))[0] - 2 * _rounding(box_w)

    def need(s):  # pt: the tallest box's text, its insets and the corners' (at most box_w's)
        return max(sum(line_count(p, text_w) * p.size * LINE for p in _box_paras(n, t, s))
                   for n, t in zip(graph.names, graph.tools)) + 2 * _rounding(box_w) + 10

    # One size for every box name: the largest at which no word breaks and every box fits.
    size = next((s for s in NAME_SIZES
                 if all(_word_fits(name, s, text_w) for name in graph.names) and need(s) * 12700 <= tallest),
                NAME_MIN)
    box_h = int(max((0.6 if rows > 2 else 0.8) * theme.INCH, need(size) * 12700))
    box_h = min(box_h, max(int(tallest), int(need(size) * 12700)))
    positions = max(rows, min(9, 2 * rows + 3) if bands == 1 else min(7, max(3, 2 * rows + 1)))
    grid = (band_h - box_h) / max(1, positions - 1)
    sep = max(1, int(-(-(box_h + 0.25 * theme.INCH) // grid))) if rows > 1 else 1
    while rows > 1 and (rows - 1) * sep > positions - 1:
        sep -= 1
    frame = Frame(diagram, per_band, positions, box_w, box_h, sep, bands)
    labels_text = [_label_text(edge) for edge in graph.edges]
    label_paras = [_label_para(text, pitch) if text else None for text in labels_text]
    label_sizes = [_label_size(para) if para else None for para in label_paras]
    slot, routes = place(graph, level, frame, label_sizes)

    shapes = {}
    for n, name in enumerate(graph.names):
        rect = theme.Rect(frame.x(level[n]), frame.y(level[n], slot[n]), frame.box_w, frame.box_h)
        line, fill = theme.SECTION_COLOURS.get(sections[n], theme.NEUTRAL)
        box = frames.shape(slide, rect, kind="roundRect", fill=fill, line=line,
                           line_width=1.5, name=f"Component {name}")
        box.adjustments[0] = ROUNDING
        paras = _box_paras(name, graph.tools[n], size)
        width, height = frames.inner(rect)
        width -= 2 * _rounding(min(rect.width, rect.height))
        height -= 2 * _rounding(min(rect.width, rect.height))
        if not fits(paras, width, height):  # the tool line goes first: the name stays whole
            paras = paras[:1]
        frames.write(box.text_frame, paras, ctx.lang, anchor="middle", colour=theme.INK)
        shapes[n] = box
    boxes = [theme.Rect(frame.x(level[n]), frame.y(level[n], slot[n]), frame.box_w, frame.box_h) for n in slot]
    for edge, side, _segment in routes:
        _connector(slide, shapes[edge.source], shapes[edge.target], side, edge)
    segments = [segment for _edge, _side, segment in routes]
    placed = []
    for (edge, _side, (p, q)), para, label_size in zip(routes, label_paras, label_sizes):
        if para is None:
            continue
        rect = _place_label(label_size, p, q, boxes, placed, diagram, segments)
        box = frames.textbox(slide, rect, [para], ctx.lang,
                             name=f"Label {graph.names[edge.source]} - {graph.names[edge.target]}",
                             anchor="middle", inset_x=LABEL_INSET_X, inset_y=LABEL_INSET_Y)
        box.fill.solid()
        box.fill.fore_color.rgb = frames.rgb(theme.PAPER)
        placed.append(rect)
    if used:
        _legend(slide, ctx, used, theme.Rect(area.left, area.bottom - legend_h, area.width, legend_h))


ROUNDING = 0.12


def _rounding(side: int) -> float:
    """pt: a rounded rectangle's text area is inset by 29.3 % of its corner radius."""
    return ROUNDING * side / 12700 * 0.29289

LABEL_INSET_X = 2 * 12700
LABEL_INSET_Y = 1 * 12700
LABEL_MAX_W = 1.5      # inches


def _label_para(text, pitch):
    return Para((Run(text),), LABEL_SIZE, color=theme.INK, align="center")


def _label_size(para):
    inner_w = LABEL_MAX_W * 72 - 2 * LABEL_INSET_X / 12700
    widths = line_widths(para, inner_w)
    w = (max(widths) + 2 * LABEL_INSET_X / 12700 + 2) * 12700
    h = (len(widths) * para.size * LINE + 2 * LABEL_INSET_Y / 12700 + 1) * 12700
    return (int(w), int(h))


def _word_fits(name, size, width):
    return all(text_width(word, size, bold=True) <= width for word in name.split())


def _connector(slide, begin, end, side, edge):
    from pptx.enum.shapes import MSO_CONNECTOR
    from pptx.oxml.ns import qn
    from pptx.util import Pt
    line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
    line.begin_connect(begin, side[0])
    line.end_connect(end, side[1])
    line.line.color.rgb = frames.rgb(theme.MUTED if not edge.feedback else theme.TEAL)
    line.line.width = Pt(1.5)
    if edge.feedback:
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    ln = line.line._get_or_add_ln()
    for tag in ("a:headEnd", "a:tailEnd"):
        for old in ln.findall(qn(tag)):
            ln.remove(old)
    if edge.both:
        ln.append(ln.makeelement(qn("a:headEnd"), {"type": "triangle", "w": "med", "len": "med"}))
    ln.append(ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"}))
    frames.flat(line)
    line.name = f"Flow {begin.name[10:]} -> {end.name[10:]}"
    return line


def _label_text(edge):
    texts = [(label, forward) for label, forward in edge.labels if label]
    if not texts:
        return ""
    if edge.both:
        return " / ".join(("→ " if forward else "← ") + label for label, forward in texts) \
            if len(texts) > 1 else texts[0][0]
    return " / ".join(label for label, _f in texts)


def _place_label(size, p, q, boxes, labels, diagram, segments=()):
    """On its arrow, where it covers the least of the boxes, the other labels and other arrows."""
    w, h = size
    best = None
    for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.2, 0.8):
        cx = p[0] + (q[0] - p[0]) * t
        cy = p[1] + (q[1] - p[1]) * t
        rect = _clamp(theme.Rect(int(cx - w / 2), int(cy - h / 2), w, h), diagram)
        penalty = sum(_overlap(rect, box) for box in boxes) * 3 + sum(_overlap(rect, o) for o in labels) * 4
        box = (rect.left, rect.top, rect.right, rect.bottom)
        penalty += sum(1 for a, b in segments if (a, b) != (p, q) and crosses_box(a, b, box)) * w * h * 0.6
        penalty += (_covers(box, p) + _covers(box, q)) * w * h * 0.8  # keep both ends of the arrow visible
        score = penalty + abs(t - 0.5) * w * h * 0.2
        if best is None or score < best[0]:
            best = (score, rect)
    return best[1]


def _clamp(rect, area):
    left = min(max(rect.left, area.left), area.right - rect.width)
    top = min(max(rect.top, area.top), area.bottom - rect.height)
    return theme.Rect(left, top, rect.width, rect.height)


def _overlap(a, b) -> float:
    w = min(a.right, b.right) - max(a.left, b.left)
    h = min(a.bottom, b.bottom) - max(a.top, b.top)
    return float(w) * float(h) if w > 0 and h > 0 else 0.0


def _legend(slide, ctx, used, rect):
    labels = {s["id"]: s["label"] for s in ctx.course.sections}
    swatch = int(0.22 * theme.INCH)
    x = rect.left
    for section in used:
        line, fill = theme.SECTION_COLOURS.get(section, theme.NEUTRAL)
        text = labels.get(section, {}).get(ctx.data.lang, section)
        width = frames.line_width(text, 12)
        frames.shape(slide, theme.Rect(x, rect.top + (rect.height - swatch) // 2, swatch, swatch),
                     fill=fill, line=line, line_width=1.25, name=f"Legend {section}")
        frames.textbox(slide, theme.Rect(x + swatch + int(0.05 * theme.INCH), rect.top, width, rect.height),
                       [Para((Run(text),), 12, color=theme.MUTED)], ctx.lang, name=f"Legend text {section}",
                       anchor="middle")
        x += swatch + width + int(0.25 * theme.INCH)


def _covers(box, point) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]
