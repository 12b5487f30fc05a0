"""A layered data-flow drawing: boxes in columns, arrows that never pass through a box.

Pure geometry (EMU integers, no drawing library), so that every renderer draws the same
picture. The classic Sugiyama scheme, kept simple and linear in the drawing's size:

1. layers: the longest path from a source, cycles broken (archlayout.layers), wide layers
   spread over the next columns (archlayout.spread);
2. an edge that spans several layers gets a waypoint in each layer it crosses: an empty
   slot of that column, as tall as a row;
3. the order in each column is chosen by barycentre sweeps (fewer crossings);
4. each column is packed vertically near its neighbours' mean height, one row apart.

Then every arrow is a chain of straight segments, each of which lies either in the empty
gap between two columns or across its own waypoint's empty slot: no arrow can cross a
box. Labels sit on a segment in a gap, clamped to the gap, so no label covers a box.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Route:
    edge: object                 # archlayout.Edge
    nodes: list                  # the chain: real node, waypoint ids..., real node (left to right)
    points: list                 # (x, y) corners, left to right
    reverse: bool = False        # drawn right to left (a feedback edge): the arrow points at nodes[0]
    label: tuple | None = None   # (x, y, w, h) of its label


@dataclass
class Drawing:
    boxes: dict                  # node -> (x, y, w, h)
    waypoints: dict              # waypoint id -> (x, y, w): a horizontal run across an empty slot
    routes: list
    columns: int
    rows: int
    gaps: list = field(default_factory=list)  # (x0, x1) of the empty band right of each column


def chains(graph, level):
    """Each edge's chain of nodes, left to right, with waypoint ids (from len(names) on)."""
    next_id = len(graph.names)
    level = list(level)
    out = []
    for edge in graph.edges:
        a, b = (edge.target, edge.source) if edge.feedback else (edge.source, edge.target)
        chain = [a]
        for column in range(level[a] + 1, level[b]):
            level.append(column)
            chain.append(next_id)
            next_id += 1
        chain.append(b)
        out.append((edge, chain, bool(edge.feedback)))
    return out, level


def order(level, chain_list, sweeps: int = 8):
    """Columns of node ids, ordered by barycentre sweeps over the chains' adjacent pairs."""
    count = max(level) + 1 if level else 0
    columns: list = [[] for _ in range(count)]
    for node, column in enumerate(level):
        columns[column].append(node)
    left: dict = {}
    right: dict = {}
    for _edge, chain, _rev in chain_list:
        for a, b in zip(chain, chain[1:]):
            right.setdefault(a, []).append(b)
            left.setdefault(b, []).append(a)
    for sweep in range(sweeps):
        rank = {n: i for column in columns for i, n in enumerate(column)}
        forward = sweep % 2 == 0
        span = range(1, count) if forward else range(count - 2, -1, -1)
        for c in span:
            near = left if forward else right

            def key(n, near=near, rank=rank):
                others = near.get(n, ())
                return (sum(rank[m] for m in others) / len(others), rank[n]) if others else (rank[n], rank[n])

            columns[c] = sorted(columns[c], key=key)
            rank.update({n: i for i, n in enumerate(columns[c])})
    return columns


def pack(wanted: list, pitch: float, low: float, high: float) -> list:
    """Centres in order, each at least `pitch` after the previous, within [low, high], near `wanted`."""
    out = []
    for y in wanted:
        out.append(max(y, out[-1] + pitch) if out else max(y, low))
    if out and out[-1] > high:
        out[-1] = high
        for i in range(len(out) - 2, -1, -1):
            out[i] = min(out[i], out[i + 1] - pitch)
    if out and out[0] < low:  # more than fits: spread evenly
        step = (high - low) / max(1, len(out) - 1)
        out = [low + i * step for i in range(len(out))]
    return out


def layout(graph, level, left: int, top: int, width: int, height: int, widths: list, box_h: int,
           label_size) -> Drawing:
    """The drawing in the rectangle (EMU). widths[c]: box width of column c; label_size(edge,
    max_width) -> (w, h) of its label (None for no label)."""
    chain_list, all_level = chains(graph, level)
    columns = order(all_level, chain_list)
    count = len(columns)
    rows = max((len(c) for c in columns), default=1)
    gap = (width - sum(widths)) / max(1, count) if count else 0
    xs = []
    x = left + gap / 2
    for w in widths:
        xs.append(x)
        x += w + gap
    pitch = height / max(1, rows)
    low, high = top + pitch / 2, top + height - pitch / 2
    y: dict = {}
    neighbours: dict = {}
    for _edge, chain, _rev in chain_list:
        for a, b in zip(chain, chain[1:]):
            neighbours.setdefault(a, []).append(b)
            neighbours.setdefault(b, []).append(a)
    middle = top + height / 2
    for column in columns:  # start: each column centred
        span = (len(column) - 1) * pitch
        for i, n in enumerate(column):
            y[n] = middle - span / 2 + i * pitch
    for sweep in range(4):  # then near the neighbours' mean height, alternating directions
        span = columns if sweep % 2 == 0 else list(reversed(columns))
        for column in span:
            wanted = []
            for n in column:
                near = [y[m] for m in neighbours.get(n, ())]
                wanted.append(sum(near) / len(near) if near else y[n])
            for n, centre in zip(column, pack(wanted, pitch, low, high)):
                y[n] = centre
    real = len(graph.names)
    boxes = {n: (int(xs[all_level[n]]), int(y[n] - box_h / 2), int(widths[all_level[n]]), int(box_h))
             for n in range(real)}
    waypoints = {n: (int(xs[all_level[n]]), int(y[n]), int(widths[all_level[n]]))
                 for n in range(real, len(all_level))}
    gaps = [(int(xs[c] + widths[c]), int(xs[c + 1]) if c + 1 < count else int(left + width))
            for c in range(count)]
    routes = []
    for edge, chain, reverse in chain_list:
        points = []
        for i, n in enumerate(chain):
            if n < real:
                bx, by, bw, bh = boxes[n]
                points.append((bx + bw, by + bh // 2) if i == 0 else (bx, by + bh // 2))
            else:
                wx, wy, ww = waypoints[n]
                points += [(wx, wy), (wx + ww, wy)]
        routes.append(Route(edge, chain, points, reverse))
    _place_labels(routes, boxes.values(), (left, top, left + width, top + height), label_size)
    return Drawing(boxes, waypoints, routes, count, rows, gaps)


def _overlap(a, b) -> float:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return float(w) * float(h) if w > 0 and h > 0 else 0.0


def _place_labels(routes, boxes, area, label_size, margin: int = 25400):
    """Each label on (or just beside) a segment of its arrow, where it covers no box and the
    fewest other labels: first as wide as it likes, then wrapped to the segment's own width
    (a segment between two columns lies in a gap, which holds no box)."""
    left, top, right, bottom = area
    placed: list = []
    boxes = list(boxes)
    for route in routes:
        best = None
        for p, q in zip(route.points, route.points[1:]):
            room = abs(q[0] - p[0]) - 2 * margin
            for wanted in (max(room, MIN_LABEL), room):
                size = label_size(route.edge, wanted) if wanted > 0 else None
                if size is None:
                    continue
                w, h = size
                for t in (0.5, 0.35, 0.65, 0.2, 0.8):
                    cx = p[0] + (q[0] - p[0]) * t
                    cy = p[1] + (q[1] - p[1]) * t
                    for shift in SHIFTS:
                        x = min(max(cx - w / 2, left), right - w)
                        y = min(max(cy - h / 2 + shift * h, top), bottom - h)
                        rect = (int(x), int(y), int(w), int(h))
                        score = (sum(_overlap(rect, box) for box in boxes) * 1000
                                 + sum(_overlap(rect, o) for o in placed) * 10
                                 + (abs(t - 0.5) + abs(shift)) * w * h * 0.05)
                        if best is None or score < best[0]:
                            best = (score, rect)
        if best is not None:
            route.label = best[1]
            placed.append(best[1])


SHIFTS = (0, -0.6, 0.6, -1.2, 1.2, -2.0, 2.0, -3.0, 3.0)  # label heights off its segment, tried in turn
MIN_LABEL = 914400  # EMU: a label may be wider than a narrow gap, then placed clear of the boxes
