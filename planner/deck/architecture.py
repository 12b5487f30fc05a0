"""The architecture diagram: components as boxes, flows as labelled arrows, left to right.

Boxes are laid out in columns by data flow (longest-path layers after cycles
are broken), ordered in each column to keep arrows short and off other boxes.
Arrows are connectors glued to their boxes (begin_connect/end_connect), so
moving a box in PowerPoint keeps its arrows attached. Two opposite flows
between the same boxes share one double-headed arrow. A box's colour is the
checklist section of the stage whose tools include it.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from planner.deck import frames, theme
from planner.deck.context import Part
from planner.deck.markdown_runs import Run, plain
from planner.deck.textfit import LINE, Para, fits, line_count, line_widths, sizes, text_width, truncate

TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3  # connection sites of a rectangle


@dataclass
class Edge:
    source: int
    target: int
    labels: list            # (text, forward) pairs: forward is source -> target
    both: bool = False      # two opposite flows drawn as one double-headed arrow
    feedback: bool = False  # goes right to left (a cycle in the data flow)


@dataclass
class Graph:
    names: list
    roles: list
    tools: list
    edges: list = field(default_factory=list)


def build_graph(plan) -> Graph:
    names, roles, tools = [], [], []
    index = {}
    for component in plan.components:
        key = plain(component.name).casefold()
        if key in index:
            continue
        index[key] = len(names)
        names.append(plain(component.name))
        roles.append(plain(component.role))
        tools.append(plain(component.tool))
    pairs: dict = {}
    for flow in plan.flows:
        ends = []
        for end in (flow.source, flow.target):
            key = plain(end).casefold()
            if key not in index:  # a flow may name something not listed as a component
                index[key] = len(names)
                names.append(plain(end))
                roles.append("")
                tools.append("")
            ends.append(index[key])
        a, b = ends
        if a == b:
            continue
        label = plain(flow.label)
        if (b, a) in pairs:
            edge = pairs[(b, a)]
            edge.both = True
            edge.labels.append((label, False))
        elif (a, b) in pairs:
            pairs[(a, b)].labels.append((label, True))
        else:
            pairs[(a, b)] = Edge(a, b, [(label, True)])
    return Graph(names, roles, tools, list(pairs.values()))


def layers(graph: Graph) -> list[int]:
    """Column of each node: longest path from a source, after reversing back edges of cycles."""
    count = len(graph.names)
    out = {i: [] for i in range(count)}
    for edge in graph.edges:
        out[edge.source].append(edge)
    state = [0] * count  # 0 new, 1 on the stack, 2 done
    for root in range(count):
        if state[root]:
            continue
        stack = [(root, iter(out[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            edge = next(children, None)
            if edge is None:
                state[node] = 2
                stack.pop()
                continue
            if state[edge.target] == 1:
                edge.feedback = True
            elif state[edge.target] == 0:
                state[edge.target] = 1
                stack.append((edge.target, iter(out[edge.target])))
    level = [0] * count
    for _ in range(count):  # relax: at most `count` rounds on a DAG
        changed = False
        for edge in graph.edges:
            a, b = (edge.target, edge.source) if edge.feedback else (edge.source, edge.target)
            if level[b] < level[a] + 1:
                level[b] = level[a] + 1
                changed = True
        if not changed:
            break
    return level


# --- placement ------------------------------------------------------------------

@dataclass
class Frame:
    """Where the boxes go (EMU). Layers run left to right; past MAX_COLUMNS they wrap
    into bands, one under the other, like lines of text."""
    area: object
    columns: int     # columns per band
    positions: int   # rows of the fine vertical grid in a band
    box_w: int
    box_h: int
    sep: int         # grid rows between two boxes of a column
    bands: int = 1

    def x(self, level: int) -> int:
        pitch = self.area.width / self.columns
        return int(self.area.left + pitch * (level % self.columns) + (pitch - self.box_w) / 2)

    def y(self, level: int, position: float) -> int:
        band_h = self.area.height / self.bands
        top = self.area.top + band_h * (level // self.columns)
        inner = band_h - (BAND_GAP if self.bands > 1 else 0)
        pitch = (inner - self.box_h) / max(1, self.positions - 1)
        return int(top + pitch * position)


MAX_COLUMNS = 7
BAND_GAP = int(0.35 * theme.INCH)


def _order(graph, level):
    count = max(level) + 1 if level else 0
    columns = [[n for n in range(len(graph.names)) if level[n] == c] for c in range(count)]
    neighbours = {n: [] for n in range(len(graph.names))}
    for edge in graph.edges:
        neighbours[edge.source].append(edge.target)
        neighbours[edge.target].append(edge.source)
    for sweep in range(8):  # barycentre heuristic, alternating directions
        rank = {n: i for column in columns for i, n in enumerate(column)}
        span = range(1, count) if sweep % 2 == 0 else range(count - 2, -1, -1)
        for c in span:
            def centre(n):
                near = [rank[m] for m in neighbours[n]]
                return sum(near) / len(near) if near else rank[n]
            columns[c] = sorted(columns[c], key=lambda n: (centre(n), rank[n]))
            rank.update({n: i for i, n in enumerate(columns[c])})
    return columns


def _sides(edge, level, slot, columns=None):
    """Candidate (begin, end) connection sites of an edge."""
    a, b = edge.source, edge.target
    if columns and level[a] // columns < level[b] // columns:  # on to the next band
        return [(BOTTOM, TOP), (RIGHT, LEFT), (BOTTOM, LEFT)]
    if level[a] < level[b]:
        # Mostly right to left sides; leaving from the top or bottom spreads a fan of arrows.
        if slot[b] < slot[a]:
            return [(RIGHT, LEFT), (TOP, LEFT)]
        if slot[b] > slot[a]:
            return [(RIGHT, LEFT), (BOTTOM, LEFT)]
        return [(RIGHT, LEFT)]
    if level[a] > level[b]:
        return [(LEFT, RIGHT), (BOTTOM, BOTTOM), (TOP, TOP)]
    return [(BOTTOM, TOP)] if slot[a] < slot[b] else [(TOP, BOTTOM)]


def _crosses_box(p, q, box) -> bool:
    """Does segment p-q pass through the rectangle (x0, y0, x1, y1)? (Liang-Barsky clipping)"""
    x0, y0, x1, y1 = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return t1 - t0 > 0.02


def _covers(box, point) -> bool:
    return box[0] <= point[0] <= box[2] and box[1] <= point[1] <= box[3]


def _label_box(p, q, size, t=0.5):
    w, h = size
    cx, cy = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
    return (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


class _Static:
    """What does not move while boxes move up and down: every x, and which boxes, arrows and
    labels can meet at all (their x-ranges overlap). The layout search evaluates hundreds
    of states; checking only pairs that can meet makes each one several times cheaper."""

    def __init__(self, frame, level, graph, label_sizes):
        self.frame, self.level, self.graph, self.label_sizes = frame, level, graph, label_sizes
        w = frame.box_w
        self.dx = {TOP: w / 2, LEFT: 0.0, BOTTOM: w / 2, RIGHT: float(w)}
        self.x0 = {n: frame.x(level[n]) for n in range(len(graph.names))}
        self.sides: dict = {}
        spans, label_spans = [], []
        for index, (edge, size) in enumerate(zip(graph.edges, label_sizes)):
            lows, highs, label_lows, label_highs = [], [], [], []
            for side in ALL_SIDES:
                px = self.x0[edge.source] + self.dx[side[0]]
                qx = self.x0[edge.target] + self.dx[side[1]]
                lo, hi = min(px, qx), max(px, qx)
                ends = (edge.source, edge.target)
                cross = [n for n, x in self.x0.items() if n not in ends and x <= hi and x + w >= lo]
                labelled = []
                if size:
                    mid = (px + qx) / 2
                    l_lo, l_hi = mid - size[0] / 2, mid + size[0] / 2
                    labelled = [n for n, x in self.x0.items() if x <= l_hi and x + w >= l_lo]
                    label_lows.append(l_lo)
                    label_highs.append(l_hi)
                self.sides[(index, side)] = (px, qx, cross, labelled)
                lows.append(lo)
                highs.append(hi)
            spans.append((min(lows), max(highs)))
            label_spans.append((min(label_lows), max(label_highs)) if size else None)
        count = len(graph.edges)
        meets = lambda a, b: a[0] <= b[1] and b[0] <= a[1]  # noqa: E731
        self.segment_pairs = [(i, j) for i in range(count) for j in range(i + 1, count)
                              if meets(spans[i], spans[j])]
        self.label_segment = [(i, j) for i in range(count) if label_spans[i]
                              for j in range(count) if j != i and meets(label_spans[i], spans[j])]
        self.label_pairs = [(i, j) for i in range(count) for j in range(i + 1, count)
                            if label_spans[i] and label_spans[j] and meets(label_spans[i], label_spans[j])]


ALL_SIDES = [(a, b) for a in (TOP, LEFT, BOTTOM, RIGHT) for b in (TOP, LEFT, BOTTOM, RIGHT)]


def _route(frame, level, slot, graph, label_sizes, static=None):
    """Each edge's sites and segment, and the layout's cost.

    The cost counts arrows through boxes, labels over boxes or over each other
    (a label sits on its arrow) or across other arrows, crossings, arrows
    leaving a box almost on top of each other, and a little for vertical travel.
    """
    static = static or _Static(frame, level, graph, label_sizes)
    w, h = frame.box_w, frame.box_h
    y0 = {n: frame.y(level[n], slot[n]) for n in slot}
    dy = {TOP: 0.0, LEFT: h / 2, BOTTOM: float(h), RIGHT: h / 2}
    x0 = static.x0
    routes, cost = [], 0.0
    unit = frame.area.height / max(1, frame.positions)
    columns = frame.columns if frame.bands > 1 else None
    leaving: dict = {}  # connection point -> directions of the arrows already there
    labels = {}
    for index, (edge, size) in enumerate(zip(graph.edges, label_sizes)):
        best = None
        for side in _sides(edge, level, slot, columns):
            px, qx, cross, labelled = static.sides[(index, side)]
            p = (px, y0[edge.source] + dy[side[0]])
            q = (qx, y0[edge.target] + dy[side[1]])
            lo_y, hi_y = min(p[1], q[1]), max(p[1], q[1])
            hits = 0
            for n in cross:
                top = y0[n]
                if top > hi_y or top + h < lo_y:
                    continue  # cheap rejection before clipping
                if _crosses_box(p, q, (x0[n], top, x0[n] + w, top + h)):
                    hits += 1
            score = hits * 100 + (hi_y - lo_y) / unit * 0.3
            if side[0] in (TOP, BOTTOM) and level[edge.source] < level[edge.target]:
                score += 2  # the usual side reads best, unless it crowds
            label = None
            if size:
                label = lx0, ly0, lx1, ly1 = _label_box(p, q, size)
                covered = 0.0
                for n in labelled:
                    top = y0[n]
                    ow, oh = min(lx1, x0[n] + w) - max(lx0, x0[n]), min(ly1, top + h) - max(ly0, top)
                    if ow > 0 and oh > 0:
                        covered += ow * oh
                score += 40 * covered / (size[0] * size[1])
                if lx0 <= p[0] <= lx1 and ly0 <= p[1] <= ly1 or lx0 <= q[0] <= lx1 and ly0 <= q[1] <= ly1:
                    score += 15  # a label hiding a whole short arrow
            for point, other in ((p, q), (q, p)):
                seen_here = leaving.get(point)
                if not seen_here:
                    continue
                angle = math.atan2(other[1] - point[1], other[0] - point[0])
                for seen in seen_here:
                    gap = abs((angle - seen + math.pi) % (2 * math.pi) - math.pi)
                    if gap < 0.25:  # two arrows almost on top of each other
                        score += 30 * (0.25 - gap) / 0.25 + 5
            if best is None or score < best[0]:
                best = (score, side, (p, q), label)
        cost += best[0]
        routes.append((edge, best[1], best[2]))
        if best[3] is not None:
            labels[index] = best[3]
        p, q = best[2]
        leaving.setdefault(p, []).append(math.atan2(q[1] - p[1], q[0] - p[0]))
        leaving.setdefault(q, []).append(math.atan2(p[1] - q[1], p[0] - q[0]))
    segments = [segment for _e, _s, segment in routes]
    for i, j in static.segment_pairs:
        p1, q1 = segments[i]
        p2, q2 = segments[j]
        if p1 in (p2, q2) or q1 in (p2, q2):
            continue  # arrows meeting at a box do not cross
        d1 = (q1[0] - p1[0]) * (p2[1] - p1[1]) - (q1[1] - p1[1]) * (p2[0] - p1[0])
        d2 = (q1[0] - p1[0]) * (q2[1] - p1[1]) - (q1[1] - p1[1]) * (q2[0] - p1[0])
        if d1 * d2 >= 0:
            continue
        d3 = (q2[0] - p2[0]) * (p1[1] - p2[1]) - (q2[1] - p2[1]) * (p1[0] - p2[0])
        d4 = (q2[0] - p2[0]) * (q1[1] - p2[1]) - (q2[1] - p2[1]) * (q1[0] - p2[0])
        if d3 * d4 < 0:
            cost += 8
    for i, j in static.label_segment:  # a label lying across another arrow hides it
        box = labels[i]
        p, q = segments[j]
        if max(p[0], q[0]) < box[0] or min(p[0], q[0]) > box[2] \
                or max(p[1], q[1]) < box[1] or min(p[1], q[1]) > box[3]:
            continue
        if _crosses_box(p, q, box):
            cost += 4
    for i, j in static.label_pairs:
        a, b = labels[i], labels[j]
        ow, oh = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
        if ow > 0 and oh > 0:
            cost += 20 * ow * oh / min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return routes, cost


def place(graph, level, frame, label_sizes):
    columns = _order(graph, level)
    positions, sep = frame.positions, frame.sep
    slot = {}
    for column in columns:  # start centred
        offset = (positions - 1 - (len(column) - 1) * sep) / 2
        for i, n in enumerate(column):
            slot[n] = max(0, round(offset + i * sep))
    seen: dict = {}
    static = _Static(frame, level, graph, label_sizes)

    def cost_of(state):
        key = tuple(sorted(state.items()))
        if key not in seen:
            seen[key] = _route(frame, level, state, graph, label_sizes, static)[1]
        return seen[key]

    cost = cost_of(slot)
    for _round in range(3):
        improved = False
        for column in columns:
            for chosen in itertools.combinations(range(positions), len(column)):
                if any(b - a < sep for a, b in zip(chosen, chosen[1:])):
                    continue
                trial = dict(slot)
                trial.update(zip(column, chosen))
                trial_cost = cost_of(trial)
                if trial_cost < cost - 1e-9:
                    slot, cost, improved = trial, trial_cost, True
            for i in range(len(column) - 1):  # a swap can untangle what positions alone cannot
                trial = dict(slot)
                trial[column[i]], trial[column[i + 1]] = slot[column[i + 1]], slot[column[i]]
                trial_cost = cost_of(trial)
                if trial_cost < cost - 1e-9:
                    slot, cost, improved = trial, trial_cost, True
        if not improved:
            break
    return slot


# --- drawing --------------------------------------------------------------------

NAME_SIZES = sizes(18, theme.SIZES.diagram_min)
LABEL_SIZE = 11.0


def section_of(ctx, name: str, tool: str) -> str | None:
    """The checklist section of the stage whose chosen tools include this component."""
    wanted = set()
    for text in (name, tool):
        if not text:
            continue
        wanted.add(text.casefold())
        found = ctx.data.catalog.find(text) if ctx.data.catalog else None
        if found:
            wanted.add(found.name.casefold())
    for state in ctx.data.states:
        for chosen in state.choice.tools:
            chosen_key = plain(chosen).casefold()
            canonical = ctx.data.catalog.find(plain(chosen)) if ctx.data.catalog else None
            keys = {chosen_key} | ({canonical.name.casefold()} if canonical else set())
            if keys & wanted:
                return state.stage.section
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
    for edge in graph.edges:
        for label, forward in edge.labels:
            a, b = (edge.source, edge.target) if forward else (edge.target, edge.source)
            notes.append(ctx.note("flow", source=graph.names[a], target=graph.names[b], label=label or "—"))
    for name, role in zip(graph.names, graph.roles):
        if role:
            notes.append(ctx.note("component", name=name, role=role))
    if not graph.names:
        def empty(shape_slide):
            para = Para((Run(ctx.deck["no_components"], italic=True),), 20, color=theme.MUTED)
            frames.textbox(shape_slide, ctx.geometry.content, [para], ctx.lang, name="Text architecture",
                           anchor="middle")
        return [Part(empty, notes)]
    return [Part(lambda shape_slide: draw(shape_slide, ctx, graph), notes)]


def draw(slide, ctx, graph):
    from pptx.enum.shapes import MSO_SHAPE
    area = ctx.geometry.content
    sections = [section_of(ctx, name, tool) for name, tool in zip(graph.names, graph.tools)]
    used = [s for s in dict.fromkeys(sections) if s]
    legend_h = int(0.4 * theme.INCH) if used else 0
    diagram = theme.Rect(area.left, area.top, area.width, area.height - legend_h - int(0.1 * theme.INCH))
    level = layers(graph)
    count = max(level) + 1
    bands = -(-count // MAX_COLUMNS)
    per_band = -(-count // bands)
    rows = max(level.count(c) for c in range(count))

    pitch = diagram.width / per_band
    band_h = diagram.height / bands - (BAND_GAP if bands > 1 else 0)
    box_w = int(min(2.3 * theme.INCH, pitch * 0.6))
    text_w = frames.inner(theme.Rect(0, 0, box_w, 1))[0] - 2 * ROUNDING_INSET
    # One size for every box name: the largest at which no word of a name breaks.
    size = next((s for s in NAME_SIZES
                 if all(_word_fits(name, s, text_w) and line_count(Para((Run(name),), s, bold=True), text_w) <= 3
                        for name in graph.names)), theme.SIZES.diagram_min)
    need = max(sum(line_count(p, text_w) * p.size * LINE for p in _box_paras(n, t, size))
               for n, t in zip(graph.names, graph.tools))
    box_h = int(max((0.6 if rows > 2 else 0.8) * theme.INCH, (need + 10) * 12700))
    box_h = min(box_h, int(band_h / max(1, rows) * 0.75))
    positions = min(9, 2 * rows + 3) if bands == 1 else min(7, max(3, 2 * rows + 1))
    grid = (band_h - box_h) / max(1, positions - 1)
    sep = max(1, int(-(-(box_h + 0.25 * theme.INCH) // grid))) if rows > 1 else 1
    while rows > 1 and (rows - 1) * sep > positions - 1:
        sep -= 1
    frame = Frame(diagram, per_band, positions, box_w, box_h, sep, bands)
    labels_text = [_label_text(edge) for edge in graph.edges]
    label_paras = [_label_para(text, pitch) if text else None for text in labels_text]
    label_sizes = [_label_size(para) if para else None for para in label_paras]
    slot = place(graph, level, frame, label_sizes)

    shapes = {}
    for n, name in enumerate(graph.names):
        rect = theme.Rect(frame.x(level[n]), frame.y(level[n], slot[n]), frame.box_w, frame.box_h)
        line, fill = theme.SECTION_COLOURS.get(sections[n], theme.NEUTRAL)
        box = frames.shape(slide, rect, kind=MSO_SHAPE.ROUNDED_RECTANGLE, fill=fill, line=line,
                           line_width=1.5, name=f"Component {name}")
        box.adjustments[0] = ROUNDING
        paras = _box_paras(name, graph.tools[n], size)
        width, height = frames.inner(rect)
        width -= 2 * ROUNDING_INSET
        if not fits(paras, width, height):
            paras = [truncate(p, width, max(1, int(height // (p.size * LINE)))) for p in paras[:1]]
        frames.write(box.text_frame, paras, ctx.lang, anchor="middle", colour=theme.INK)
        shapes[n] = box
    routes, _cost = _route(frame, level, slot, graph, label_sizes)
    boxes = [theme.Rect(frame.x(level[n]), frame.y(level[n], slot[n]), frame.box_w, frame.box_h) for n in slot]
    for edge, side, _segment_ in routes:
        _connector(slide, shapes[edge.source], shapes[edge.target], side, edge)
    placed = []
    for (edge, side, (p, q)), para, size_ in zip(routes, label_paras, label_sizes):
        if para is None:
            continue
        rect = _place_label(size_, p, q, boxes, placed, diagram, [seg for _e, _s, seg in routes])
        box = frames.textbox(slide, rect, [para], ctx.lang,
                             name=f"Label {graph.names[edge.source]} - {graph.names[edge.target]}",
                             anchor="middle", inset_x=LABEL_INSET_X, inset_y=LABEL_INSET_Y)
        box.fill.solid()
        box.fill.fore_color.rgb = frames.rgb(theme.PAPER)
        placed.append(rect)
    if used:
        _legend(slide, ctx, used, theme.Rect(area.left, area.bottom - legend_h, area.width, legend_h))


ROUNDING = 0.12
ROUNDING_INSET = 2.5   # pt: a rounded rectangle's text area is inset by part of its corner radius
LABEL_INSET_X = 2 * 12700
LABEL_INSET_Y = 1 * 12700
LABEL_MAX_W = 1.5      # inches


def _label_para(text, pitch):
    para = Para((Run(text),), LABEL_SIZE, color=theme.INK, align="center")
    inner_w = LABEL_MAX_W * 72 - 2 * LABEL_INSET_X / 12700
    if line_count(para, inner_w) > 3:
        para = truncate(para, inner_w, 3)
    return para


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
        penalty += sum(1 for a, b in segments if (a, b) != (p, q) and _crosses_box(a, b, box)) * w * h * 0.6
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
