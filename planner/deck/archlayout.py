"""Where the architecture diagram's boxes go: the graph, its columns, and the layout search.

Boxes are laid out in columns by data flow (longest-path layers after cycles
are broken), ordered in each column to keep arrows short and off other boxes,
then moved up and down a fine grid while a cost (arrows through boxes, labels
over boxes, arrows or each other, crossings, crowded ends) goes down. Nothing
here draws: positions are EMU numbers, and planner.deck.architecture draws them.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field

from planner.deck import theme
from planner.deck.markdown_runs import plain

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
    # Longest path from a source over the edges made acyclic, in topological order: linear.
    succ: dict = {i: [] for i in range(count)}
    indegree = [0] * count
    for edge in graph.edges:
        a, b = (edge.target, edge.source) if edge.feedback else (edge.source, edge.target)
        succ[a].append(b)
        indegree[b] += 1
    level = [0] * count
    ready = [n for n in range(count) if indegree[n] == 0]
    while ready:
        node = ready.pop()
        for b in succ[node]:
            level[b] = max(level[b], level[node] + 1)
            indegree[b] -= 1
            if indegree[b] == 0:
                ready.append(b)
    return level


# --- views: one diagram when it reads, else an overview and detail diagrams --------------

MAX_NODES = 20       # boxes one slide draws (issue 9: readable up to 20 components, 30 flows)
MAX_EDGES = 30
DETAIL_NODES = 14    # boxes of a detail diagram, leaving room for the arrows between them
MAX_DIAGRAMS = 12    # diagram slides at most; what is left is listed as text (bounded work)


@dataclass
class View:
    graph: Graph
    sections: list          # each node's checklist section (colour), or None
    part: str = ""          # "overview", or the group shown ("" for the whole architecture)
    nodes: list = field(default_factory=list)   # indices in the full graph (empty: overview)


def subgraph(graph: Graph, nodes: list, max_edges: int = MAX_EDGES) -> tuple:
    """The nodes with the edges between them (at most max_edges), and the edges left out."""
    where = {n: i for i, n in enumerate(nodes)}
    kept, left = [], []
    for edge in graph.edges:
        if edge.source in where and edge.target in where:
            if len(kept) < max_edges:
                kept.append(Edge(where[edge.source], where[edge.target], list(edge.labels), edge.both))
            else:
                left.append(edge)
    sub = Graph([graph.names[n] for n in nodes], [graph.roles[n] for n in nodes],
                [graph.tools[n] for n in nodes], kept)
    return sub, left


def _chunks(items: list, size: int) -> list:
    """Items in ceil(len/size) runs of nearly equal length (balanced, never 8 + 1)."""
    count = max(1, -(-len(items) // size))
    bounds = [len(items) * i // count for i in range(count + 1)]
    return [items[bounds[i]:bounds[i + 1]] for i in range(count)]


def views(graph: Graph, sections: list, section_label, count_label) -> tuple:
    """The diagrams to draw, and what no diagram shows (node indices, edges) to list as text.

    Up to MAX_NODES boxes and MAX_EDGES arrows: one diagram. Beyond: an overview with one box
    per group (a checklist section, cut into balanced runs of DETAIL_NODES), the flows between
    groups counted on its arrows, then one detail diagram per group. The work is bounded: at
    most MAX_DIAGRAMS diagrams of at most MAX_NODES boxes, whatever the plan's size.
    """
    count = len(graph.names)
    if count <= MAX_NODES and len(graph.edges) <= MAX_EDGES:
        return [View(graph, sections, "", list(range(count)))], [], []
    level = layers(graph)
    groups: dict = {}
    for n in sorted(range(count), key=lambda n: (level[n], n)):
        groups.setdefault(sections[n], []).append(n)
    chunks = []  # (section, label, nodes)
    for section, members in groups.items():
        runs = _chunks(members, DETAIL_NODES)
        for k, run in enumerate(runs, start=1):
            label = section_label(section) + (f" ({k}/{len(runs)})" if len(runs) > 1 else "")
            chunks.append((section, label, run))
    shown = chunks[:MAX_DIAGRAMS - 1]
    owner = {}
    for index, (_s, _l, nodes) in enumerate(chunks):
        for n in nodes:
            owner[n] = index
    # The overview: one box per group shown (or per section when there are too many groups).
    if len(chunks) > MAX_NODES:
        keys = list(dict.fromkeys(section for section, _l, _n in chunks))
        box_of = {i: keys.index(chunks[i][0]) for i in range(len(chunks))}
        names = [section_label(k) for k in keys]
        box_sections = keys
    else:
        box_of = {i: i for i in range(len(chunks))}
        names = [label for _s, label, _n in chunks]
        box_sections = [section for section, _l, _n in chunks]
    sizes = [0] * len(names)
    for n in range(count):
        sizes[box_of[owner[n]]] += 1
    weights: dict = {}
    for edge in graph.edges:
        a, b = box_of[owner[edge.source]], box_of[owner[edge.target]]
        if a != b:
            key = (a, b) if (b, a) not in weights else (b, a)
            weights[key] = weights.get(key, 0) + 1
    heaviest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:MAX_EDGES]
    overview = Graph(names, [""] * len(names), [count_label("components", size) for size in sizes],
                     [Edge(a, b, [(count_label("flows", weight), True)]) for (a, b), weight in sorted(heaviest)])
    out = [View(overview, box_sections, "overview")]
    drawn: set = set()
    for section, label, nodes in shown:
        sub, _left = subgraph(graph, nodes)
        out.append(View(sub, [section] * len(nodes), label, nodes))
        where = set(nodes)
        drawn.update(id(e) for e in graph.edges if e.source in where and e.target in where)
        # subgraph keeps the first MAX_EDGES inner edges: those are the drawn ones
        drawn.difference_update(id(e) for e in _left)
    listed_nodes = [n for _s, _l, nodes in chunks[len(shown):] for n in nodes]
    listed_edges = [e for e in graph.edges if id(e) not in drawn]
    return out, listed_nodes, listed_edges


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
            key = {n: (_centre(n, rank, neighbours), rank[n]) for n in columns[c]}
            columns[c] = sorted(columns[c], key=key.__getitem__)
            rank.update({n: i for i, n in enumerate(columns[c])})
    return columns


def _centre(node, rank, neighbours) -> float:
    """The mean rank of a node's neighbours (its own rank when it has none)."""
    near = [rank[m] for m in neighbours[node]]
    return sum(near) / len(near) if near else rank[node]


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


def crosses_box(p, q, box) -> bool:
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


def route(frame, level, slot, graph, label_sizes, static=None):
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
                if crosses_box(p, q, (x0[n], top, x0[n] + w, top + h)):
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
        if crosses_box(p, q, box):
            cost += 4
    for i, j in static.label_pairs:
        a, b = labels[i], labels[j]
        ow, oh = min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1])
        if ow > 0 and oh > 0:
            cost += 20 * ow * oh / min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return routes, cost


MAX_PLACEMENTS = 200  # placements of one column tried, at most
MAX_ROWS = 6          # boxes in one column before the layer is spread over two


def spread(level: list, max_columns: int, max_rows: int = MAX_ROWS) -> list:
    """Layers with too many boxes spread over the next columns while the slide has room.

    Boxes of one layer have no flow between them, so moving some of them one column right
    keeps every flow going left to right; later layers move right with them.
    """
    level = list(level)
    column = 0
    while True:
        count = max(level) + 1 if level else 0
        if column >= count:
            return level
        members = [n for n in range(len(level)) if level[n] == column]
        if len(members) > max_rows and count < max_columns:
            keep = -(-len(members) // 2)
            moved = set(members[keep:])
            level = [lv + 1 if (lv > column or n in moved) else lv for n, lv in enumerate(level)]
        column += 1


def place(graph, level, frame, label_sizes):
    """Each node's grid row (slot) and the routes of the cheapest layout found."""
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
            seen[key] = route(frame, level, state, graph, label_sizes, static)[1]
        return seen[key]

    cost = cost_of(slot)
    for _round in range(3):
        improved = False
        for column in columns:
            # Every placement of a column's boxes on the grid, when there are few (bounded work).
            search = math.comb(positions, len(column)) <= MAX_PLACEMENTS
            for chosen in itertools.combinations(range(positions), len(column)) if search else ():
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
    return slot, route(frame, level, slot, graph, label_sizes, static)[0]
