"""A layered data-flow drawing: boxes on a grid, orthogonal arrows that never cross a box.

Pure geometry (EMU integers, no drawing library), so that every renderer draws the same
picture. A Sugiyama scheme fitted to a slide, linear-ish in the drawing's size:

1. layers: each node's layer is its longest path from a source, cycles broken
   (archlayout.layers), sources moved next to what they feed (tighten); a layer taller
   than the slide spreads over two columns, and consecutive layers share a column when
   there are more layers than the slide's width holds (fit_columns: as many columns as
   fit, the shortest columns that fit): a flow between two boxes of one column runs down it;
2. the order in each column is chosen by barycentre sweeps (fewer crossings), then each
   node gets a row of the grid near its neighbours' rows, then moves within its column
   while that lowers the crossings and the rows its flows climb (improve_rows);
3. each flow is routed orthogonally on the grid: straight along a row when the cells
   between are empty, else a bend in the gap between two columns (a track of its own)
   and, across columns, along an empty row or the channel between two rows. Every
   segment lies in a gap, a channel or an empty cell: no arrow crosses a box;
4. the gaps get the width their tracks need, the boxes the rest (arrange, then place);
5. each label sits on or beside a segment of its own arrow, where it covers no box, no
   other label and no other arrow when such a place exists (the nearest such place).

Every arrow is a chain of points: its two ends on box sides (TOP, LEFT, BOTTOM, RIGHT,
the connection sites a renderer glues to) and its corners between.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TOP, LEFT, BOTTOM, RIGHT = 0, 1, 2, 3   # sides of a box: PowerPoint's connection sites of a rectangle


@dataclass
class Route:
    edge: object                 # archlayout.Edge
    nodes: list                  # the chain: source node, corner ids..., target node
    points: list                 # (x, y) of each: the ends on their boxes' sides, the corners
    reverse: bool = False        # False: the points run from the flow's source to its target (head at the end)
    label: tuple | None = None   # (x, y, w, h) of its label
    sites: tuple = (RIGHT, LEFT)  # the sides of its two end boxes it leaves and enters


@dataclass
class Drawing:
    boxes: dict                  # node -> (x, y, w, h)
    waypoints: dict              # corner id -> (x, y, 0): where an arrow bends
    routes: list
    columns: int
    rows: int
    gaps: list = field(default_factory=list)  # (x0, x1) of the empty band right of each column


# --- 1. columns ----------------------------------------------------------------

def tighten(level: list, edges) -> list:
    """Sources (no edge in) move right, next to the first box they feed: shorter arrows."""
    level = list(level)
    into = [0] * len(level)
    out: dict = {}
    for a, b in edges:
        into[b] += 1
        out.setdefault(a, []).append(b)
    for node in range(len(level)):
        if not into[node] and node in out:
            level[node] = max(level[node], min(level[b] for b in out[node]) - 1)
    return level


def fit_columns(level: list, need: list, width: int, gap: int, max_rows: int, max_columns: int):
    """Each node's column: its layer, a layer of more than max_rows boxes spread over two
    columns, then consecutive layers share a column (as many columns as fit: a long
    pipeline reads left to right, two steps a column where it must), grouped so that the
    tallest column is the shortest whose columns' widths (need: each node's least box
    width) and gaps fit. Yields the choices, best first (the most columns); none when
    nothing fits: the graph does not fit one drawing."""
    column = list(level)
    count = max(column) + 1 if column else 0
    index = 0
    while index < count:  # spread: layers too tall move their lower half one column right
        layer = [n for n in range(len(column)) if column[n] == index]
        if len(layer) > max_rows:
            moved = set(layer[-(-len(layer) // 2):])
            column = [c + 1 if (c > index or n in moved) else c for n, c in enumerate(column)]
            count += 1
        index += 1
    members: list = [[] for _ in range(count)]
    for n, c in enumerate(column):
        members[c].append(n)
    tallest = max(len(m) for m in members) if members else 0
    for columns in range(min(count, max_columns), 0, -1):
        # The fewest rows this many columns allow: short columns leave channels for labels.
        for rows in range(tallest, max_rows + 1):
            cut = _share(members, need, columns, rows)
            if cut is not None and cut[0] + columns * gap <= width:
                first = cut[1]
                yield [first[c] for c in column]
                break


def _share(members: list, need: list, columns: int, max_rows: int):
    """Consecutive layers grouped into `columns` columns of at most max_rows boxes, the sum
    of the columns' widths (each its widest box) the least: (width, layer -> column), or
    None. Dynamic programming over the cut points: layers² x columns, a few thousand steps."""
    count = len(members)
    inf = float("inf")
    # best[k][i]: least width of layers[:i] in k columns; back[k][i]: where the last column starts
    best = [[inf] * (count + 1) for _ in range(columns + 1)]
    back = [[0] * (count + 1) for _ in range(columns + 1)]
    best[0][0] = 0
    for k in range(1, columns + 1):
        for i in range(1, count + 1):
            rows, widest = 0, 0
            for j in range(i - 1, -1, -1):  # the last column holds layers j..i-1
                rows += len(members[j])
                if rows > max_rows:
                    break
                widest = max([widest] + [need[n] for n in members[j]])
                if best[k - 1][j] + widest < best[k][i]:
                    best[k][i] = best[k - 1][j] + widest
                    back[k][i] = j
    if best[columns][count] == inf:
        return None
    first = [0] * count
    i = count
    for k in range(columns, 0, -1):
        j = back[k][i]
        for layer in range(j, i):
            first[layer] = k - 1
        i = j
    return best[columns][count], first


# --- 2. order and rows ------------------------------------------------------------

def order(column: list, edges, sweeps: int = 8) -> list:
    """Columns of node ids, ordered by barycentre sweeps (all flows, whatever their span)."""
    count = max(column) + 1 if column else 0
    columns: list = [[] for _ in range(count)]
    for node, c in enumerate(column):
        columns[c].append(node)
    left: dict = {}
    right: dict = {}
    for a, b in edges:
        if column[a] == column[b]:
            continue
        lo, hi = (a, b) if column[a] < column[b] else (b, a)
        right.setdefault(lo, []).append(hi)
        left.setdefault(hi, []).append(lo)
    for sweep in range(sweeps):
        rank = {n: i / max(1, len(col) - 1) for col in columns for i, n in enumerate(col)}
        forward = sweep % 2 == 0
        span = range(1, count) if forward else range(count - 2, -1, -1)
        for c in span:
            near = left if forward else right

            def key(n, near=near, rank=rank):
                others = near.get(n, ())
                return (sum(rank[m] for m in others) / len(others), rank[n]) if others else (rank[n], rank[n])

            columns[c] = sorted(columns[c], key=key)
            rank.update({n: i / max(1, len(columns[c]) - 1) for i, n in enumerate(columns[c])})
    return columns


def _rows_near(wanted: list, rows: int) -> list:
    """Distinct increasing rows in [0, rows), each near its wanted (fractional) row."""
    out: list = []
    for w in wanted:
        r = min(max(0, round(w)), rows - 1)
        out.append(max(r, out[-1] + 1) if out else r)
    for i in range(len(out) - 1, -1, -1):  # pushed past the last row: back up
        limit = rows - 1 if i == len(out) - 1 else out[i + 1] - 1
        out[i] = min(out[i], limit)
    return out


def assign_rows(columns: list, edges, rows: int) -> dict:
    """node -> row: each column centred first, then near its neighbours' mean row."""
    row: dict = {}
    for col in columns:
        start = (rows - len(col)) // 2
        for i, n in enumerate(col):
            row[n] = start + i
    near: dict = {}
    for a, b in edges:
        near.setdefault(a, []).append(b)
        near.setdefault(b, []).append(a)
    for sweep in range(6):
        span = columns if sweep % 2 == 0 else list(reversed(columns))
        for col in span:
            wanted = []
            for n in col:
                others = near.get(n, ())
                wanted.append(sum(row[m] for m in others) / len(others) if others else row[n])
            for n, r in zip(col, _rows_near(wanted, rows)):
                row[n] = r
    return row


def _cross(p, q, r, s) -> bool:
    """Do segments p-q and r-s cross (sharing an end is no crossing)? Each pair of ends lies
    strictly on either side of the other segment: cross products of opposite signs (grid
    cells: whole numbers, exact). Written out, without helper calls: the row search asks it
    for every pair of flows, for every move it tries."""
    if p == r or p == s or q == r or q == s:
        return False
    (px, py), (qx, qy), (rx, ry), (sx, sy) = p, q, r, s
    dx, dy = qx - px, qy - py
    if (dx * (ry - py) - dy * (rx - px)) * (dx * (sy - py) - dy * (sx - px)) >= 0:
        return False
    dx, dy = sx - rx, sy - ry
    return (dx * (py - ry) - dy * (px - rx)) * (dx * (qy - ry) - dy * (qx - rx)) < 0


def improve_rows(column: list, row: dict, edges, rows: int, passes: int = 3) -> dict:
    """Moves within a column (to an empty row, or a swap with the box there) while they
    lower the crossings of the flows (drawn straight between cells, an estimate of the
    routes') and the rows the flows climb: level arrows are straight arrows. Each move
    is judged on the flows of the boxes it moves only (linear in the flows per try)."""
    row = dict(row)
    at = {(column[n], row[n]): n for n in row}
    touching: dict = {}
    for k, (a, b) in enumerate(edges):
        touching.setdefault(a, []).append(k)
        touching.setdefault(b, []).append(k)

    def cost(ks) -> float:
        ends = [((column[a], row[a]), (column[b], row[b])) for a, b in edges]  # where the flows are now
        total = 0.0
        for k in ks:
            p, q = ends[k]
            total += abs(p[1] - q[1]) + (2 if p[0] == q[0] and abs(p[1] - q[1]) > 1 else 0)
            total += 4 * sum(1 for j, (r, s) in enumerate(ends) if j != k and _cross(p, q, r, s))
        return total

    for _ in range(passes):
        moved = False
        for n in sorted(row):
            for r in range(rows):
                if r == row[n]:
                    continue
                other = at.get((column[n], r))
                ks = set(touching.get(n, ())) | (set(touching.get(other, ())) if other is not None else set())
                before = cost(ks)
                old = row[n]
                row[n] = r
                if other is not None:
                    row[other] = old
                if cost(ks) < before - 1e-9:
                    at[(column[n], r)] = n
                    if other is not None:
                        at[(column[n], old)] = other
                    else:
                        del at[(column[n], old)]
                    moved = True
                else:
                    row[n] = old
                    if other is not None:
                        row[other] = r
        if not moved:
            break
    return row


# --- 3. routes on the grid -------------------------------------------------------

@dataclass
class Path:
    """An arrow's route in grid terms, before any coordinate is known."""
    edge: object
    a: int                       # node it leaves (the flow's source)
    b: int                       # node it enters
    sites: tuple                 # sides of a and b
    legs: list                   # ("gap", g, key) vertical legs and ("row", r) / ("channel", k) runs, in order
    tracks: dict = field(default_factory=dict)  # leg index -> track number in its gap or channel


@dataclass
class Grid:
    column: list                 # node -> column
    row: dict                    # node -> row
    columns: int
    rows: int
    paths: list
    gap_tracks: list             # tracks each gap needs (gap g lies right of column g)
    channel_tracks: list         # tracks each channel needs (channel k lies above row k; k = rows: below)


def arrange(graph, column: list, rows: int | None = None) -> Grid:
    """The grid: each node's column and row, and each flow's route on it."""
    edges = [(e.source, e.target) for e in graph.edges]
    columns = order(column, edges)
    count = len(columns)
    rows = max(rows or 0, max((len(c) for c in columns), default=1))
    row = improve_rows(column, assign_rows(columns, edges, rows), edges, rows)
    occupied = {(column[n], row[n]) for n in range(len(column))}
    runs: dict = {}               # ("row", r) -> [(x0, x1, end)]: horizontal runs along a row line
    paths = []
    for edge in sorted(graph.edges, key=lambda e: (abs(column[e.source] - column[e.target]), e.source, e.target)):
        paths.append(_route(edge, column, row, occupied, runs, rows, count))
    gap_tracks = [0] * (count + 1)
    channel_tracks = [0] * (rows + 1)
    _tracks(paths, column, row, gap_tracks, channel_tracks)
    return Grid(column, row, count, rows, paths, gap_tracks, channel_tracks)


def _free_row(r, lo, hi, occupied, runs, span, end) -> bool:
    """Row r has no box in columns lo..hi (exclusive) and no other run along it over `span`
    (in column units), unless that run leaves from or enters the same box side (`end`)."""
    if any((c, r) in occupied for c in range(lo + 1, hi)):
        return False
    return all(x1 <= span[0] or span[1] <= x0 or other in end for x0, x1, other in runs.get(r, ()))


def _route(edge, column, row, occupied, runs, rows, count) -> Path:
    a, b = edge.source, edge.target
    ca, cb, ra, rb = column[a], column[b], row[a], row[b]
    if ca == cb:
        lo, hi = sorted((ra, rb))
        if all((ca, r) not in occupied for r in range(lo + 1, hi)):  # straight down (or up) the column
            return Path(edge, a, b, (BOTTOM, TOP) if ra < rb else (TOP, BOTTOM), [])
        return Path(edge, a, b, (RIGHT, RIGHT), [("gap", ca, None)])  # out right, along the gap, back in
    forward = ca < cb
    sites = (RIGHT, LEFT) if forward else (LEFT, RIGHT)
    lo, hi = min(ca, cb), max(ca, cb)
    first_gap, last_gap = (ca, cb - 1) if forward else (ca - 1, cb)   # the gaps next to a and to b
    ends = {(a, sites[0]), (b, sites[1])}
    span_all = (lo + 0.3, hi - 0.3)
    if ra == rb and _free_row(ra, lo, hi, occupied, runs, span_all, ends):
        runs.setdefault(ra, []).append((*span_all, (a, sites[0])))
        return Path(edge, a, b, sites, [])
    if hi == lo + 1:  # neighbouring columns: one bend in the gap between them
        return Path(edge, a, b, sites, [("gap", first_gap, None)])
    # along a's row to the gap next to b, or along b's row from the gap next to a
    near_b = (lo + 0.3, last_gap + 0.5) if forward else (last_gap + 0.5, hi - 0.3)
    near_a = (first_gap + 0.5, hi - 0.3) if forward else (lo + 0.3, first_gap + 0.5)
    if _free_row(ra, lo, hi, occupied, runs, near_b, {(a, sites[0])}):
        runs.setdefault(ra, []).append((*near_b, (a, sites[0])))
        return Path(edge, a, b, sites, [("gap", last_gap, None)])
    if _free_row(rb, lo, hi, occupied, runs, near_a, {(b, sites[1])}):
        runs.setdefault(rb, []).append((*near_a, (b, sites[1])))
        return Path(edge, a, b, sites, [("gap", first_gap, None)])
    # else across the columns between, along an empty row or a channel between two rows
    middle = (ra + rb) / 2
    inner = (first_gap + 0.5, last_gap + 0.5) if forward else (last_gap + 0.5, first_gap + 0.5)
    free = [r for r in range(rows) if r not in (ra, rb)
            and _free_row(r, lo, hi, occupied, runs, inner, set())]
    channel = min(range(rows + 1), key=lambda k: (abs(k - 0.5 - middle), k))
    if free:
        best = min(free, key=lambda r: (abs(r - middle), r))
        if abs(best - middle) <= abs(channel - 0.5 - middle) + 0.5:
            runs.setdefault(best, []).append((*inner, None))
            return Path(edge, a, b, sites, [("gap", first_gap, None), ("row", best), ("gap", last_gap, None)])
    return Path(edge, a, b, sites, [("gap", first_gap, None), ("channel", channel), ("gap", last_gap, None)])


def _intervals_tracks(items: list) -> tuple[dict, int]:
    """Greedy interval colouring: items (lo, hi, key) -> {key: track}, tracks used."""
    ends: list = []           # last hi of each track
    out = {}
    for lo, hi, key in sorted(items, key=lambda item: (item[0], item[1])):
        for t, end in enumerate(ends):
            if end < lo:
                ends[t] = hi
                out[key] = t
                break
        else:
            out[key] = len(ends)
            ends.append(hi)
    return out, len(ends)


def _tracks(paths, column, row, gap_tracks, channel_tracks) -> None:
    """A track of its own for each vertical leg in a gap and each run along a channel
    (legs whose extents overlap never share one)."""
    by_gap: dict = {}
    by_channel: dict = {}
    for p, path in enumerate(paths):
        rows_at = [row[path.a]] + [leg[1] - 0.5 if leg[0] == "channel" else leg[1]
                                   for leg in path.legs if leg[0] != "gap"] + [row[path.b]]
        k = 0
        for i, leg in enumerate(path.legs):
            if leg[0] == "gap":
                y0, y1 = sorted((rows_at[k], rows_at[k + 1]))
                by_gap.setdefault(leg[1], []).append((y0 - 0.2, y1 + 0.2, (p, i)))
                k += 1
            elif leg[0] == "channel":
                g0, g1 = path.legs[i - 1][1], path.legs[i + 1][1]
                by_channel.setdefault(leg[1], []).append((min(g0, g1) - 0.1, max(g0, g1) + 0.1, (p, i)))
    for g, items in by_gap.items():
        found, used = _intervals_tracks(items)
        gap_tracks[g] = used
        for (p, i), t in found.items():
            paths[p].tracks[i] = t
    for k, items in by_channel.items():
        found, used = _intervals_tracks(items)
        channel_tracks[k] = used
        for (p, i), t in found.items():
            paths[p].tracks[i] = t


# --- 4. coordinates -----------------------------------------------------------------

TRACK = 80000   # EMU between two parallel tracks (about 6 pt)
MARGIN = 200000  # EMU above the first row and below the last: a one-line label (about 16 pt)


def place(graph, grid: Grid, left: int, top: int, width: int, height: int, widths: list, gaps: list,
          box_h: list, label_size) -> Drawing:
    """The drawing in the rectangle (EMU): widths[c] the boxes' width of column c, gaps[g] the
    gap right of column g, box_h[n] the height of node n's box; label_size(edge, max_width)
    -> (w, h) of its label, or None."""
    count, rows = grid.columns, grid.rows
    spare = width - sum(widths) - sum(gaps[:count])
    xs = []
    x = left + max(0, spare) / 2
    for c in range(count):
        xs.append(x)
        x += widths[c] + gaps[c]
    # Rows between margins as tall as a label: the outer rows' arrows get room for theirs.
    area_top, area_height = top, height
    top, height = top + MARGIN, height - 2 * MARGIN
    pitch = height / max(1, rows)
    tallest = max(box_h, default=0)
    boxes = {}
    for n in range(len(graph.names)):
        c, r = grid.column[n], grid.row[n]
        # Even sizes, so that a side's middle (where an arrow is glued) is a whole EMU and
        # arrows between boxes of one row are exactly horizontal.
        h, w = int(box_h[n]) // 2 * 2, int(widths[c]) // 2 * 2
        boxes[n] = (int(xs[c]), int(top + (r + 0.5) * pitch) - h // 2, w, h)

    def gap_x(g, track):
        x0 = xs[g] + widths[g]
        span = gaps[g]
        used = max(1, grid.gap_tracks[g])
        return int(x0 + span * (track + 1) / (used + 1))

    def run_y(leg, track):
        if leg[0] == "row":
            return int(top + (leg[1] + 0.5) * pitch)
        k = leg[1]
        used = max(1, grid.channel_tracks[k])
        band = pitch - tallest if 0 < k < rows else (pitch - tallest) / 2
        y0 = top + k * pitch - band / 2 if 0 < k < rows else (top if k == 0 else top + height - band)
        return int(y0 + band * (track + 1) / (used + 1))

    def side(n, s):
        x, y, w, h = boxes[n]
        return {TOP: (x + w // 2, y), LEFT: (x, y + h // 2), BOTTOM: (x + w // 2, y + h), RIGHT: (x + w, y + h // 2)}[s]

    waypoints: dict = {}
    routes = []
    next_id = len(graph.names)
    for path in grid.paths:
        start, end = side(path.a, path.sites[0]), side(path.b, path.sites[1])
        points = [start]
        y = start[1]
        for i, leg in enumerate(path.legs):
            if leg[0] == "gap":
                x = gap_x(leg[1], path.tracks.get(i, 0))
                following = path.legs[i + 1] if i + 1 < len(path.legs) else None
                y_next = run_y(following, path.tracks.get(i + 1, 0)) if following else end[1]
                points += [(x, y), (x, y_next)]
                y = y_next
        points.append(end)
        points = _simplify(points)
        chain = [path.a]
        for point in points[1:-1]:
            waypoints[next_id] = (point[0], point[1], 0)
            chain.append(next_id)
            next_id += 1
        chain.append(path.b)
        routes.append(Route(path.edge, chain, points, False, None, path.sites))
    gap_bands = [(int(xs[c] + widths[c]), int(xs[c] + widths[c] + gaps[c])) for c in range(count)]
    lanes = ([(a + b) // 2 for a, b in gap_bands],
             [int(top + k * pitch) for k in range(1, rows)] + [area_top + MARGIN // 2, top + height + MARGIN // 2])
    _place_labels(routes, list(boxes.values()), (left, area_top, left + width, area_top + area_height), label_size,
                  lanes)
    return Drawing(boxes, waypoints, routes, count, rows, gap_bands)


def _simplify(points: list) -> list:
    """Drop repeated points and corners that do not turn (a straight run stays one segment)."""
    out: list = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
            continue
        out.append(p)
    if len(out) == 1:
        out.append(out[0])
    return out


# --- 5. labels ---------------------------------------------------------------------

def _overlap(a, b) -> bool:
    return (min(a[0] + a[2], b[0] + b[2]) > max(a[0], b[0])
            and min(a[1] + a[3], b[1] + b[3]) > max(a[1], b[1]))


def _hits(rect, segment) -> bool:
    """Does an axis-parallel segment pass through the rectangle?"""
    (x0, y0), (x1, y1) = segment
    if x0 == x1:
        return rect[0] < x0 < rect[0] + rect[2] and min(y0, y1) < rect[1] + rect[3] and max(y0, y1) > rect[1]
    if y0 == y1:
        return rect[1] < y0 < rect[1] + rect[3] and min(x0, x1) < rect[0] + rect[2] and max(x0, x1) > rect[0]
    return _overlap(rect, (min(x0, x1), min(y0, y1), abs(x1 - x0) or 1, abs(y1 - y0) or 1))


def _axis(p, q) -> tuple:
    """A segment as _hits reads it: ("|", x, y low, y high) upright (a point counts as one),
    ("-", y, x low, x high) level, else ("/", ...)."""
    if p[0] == q[0]:
        return "|", p[0], min(p[1], q[1]), max(p[1], q[1])
    if p[1] == q[1]:
        return "-", p[1], min(p[0], q[0]), max(p[0], q[0])
    return "/", 0, 0, 0


def _covered(rect, p, q) -> float:
    """The share of an axis-parallel segment under the rectangle."""
    if p[0] == q[0]:
        lo, hi, a, b = min(p[1], q[1]), max(p[1], q[1]), rect[1], rect[1] + rect[3]
    else:
        lo, hi, a, b = min(p[0], q[0]), max(p[0], q[0]), rect[0], rect[0] + rect[2]
    return max(0, min(hi, b) - max(lo, a)) / max(1, hi - lo)


CLEAR = 12700    # EMU: a label keeps this far from boxes
TOUCH = 25400    # EMU: a label beside its segment sits this far from it
BUMPS = 6        # places a far label tries to take from another label
GOOD = 1.0       # a score this low: free of boxes, labels and arrows, within 0.33 in of its own
NEAR = 0.3       # inches: a label further from its arrow reads as another arrow's (a heavy cost)


def _scan(own, w, h, reach: int = 3 * 914400, step: int = 91440):
    """Label centres on a step grid within `reach` of the segments, nearest first, each with
    a lower bound of its distance (inches) to the segments: the last resort when no place
    near the arrow is free."""
    out = []
    for p, q in own:
        x0, x1 = min(p[0], q[0]), max(p[0], q[0])
        y0, y1 = min(p[1], q[1]), max(p[1], q[1])
        for y in range(int(y0 - reach), int(y1 + reach) + 1, step):
            for x in range(int(x0 - reach), int(x1 + reach) + 1, step):
                dx = max(x0 - x, x - x1, 0) - w / 2
                dy = max(y0 - y, y - y1, 0) - h / 2
                out.append((max(dx, dy, 0) / 914400, x, y))
    out.sort()
    return out


def _spots(p, q, w, h, lanes):
    """Where a w x h label may sit along segment p-q: its middle first, then further along,
    over the segment, beside it; then in the middle of a nearby channel between two rows
    or gap between two columns (lanes: their x and y); then a step further out."""
    horizontal = p[1] == q[1]
    for t in (0.5, 0.3, 0.7, 0.12, 0.88):
        cx, cy = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
        if horizontal:
            near = ((0, 0), (0, -(h / 2 + TOUCH)), (0, h / 2 + TOUCH))
        else:
            near = ((w / 2 + TOUCH, 0), (-(w / 2 + TOUCH), 0), (0, 0))
        for dx, dy in near:
            yield cx + dx, cy + dy
    xs, ys = lanes
    for t in (0.5, 0.3, 0.7, 0.1, 0.9):
        cx, cy = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
        for y in sorted((y for y in ys if abs(y - cy) < 2 * h + TOUCH), key=lambda y: abs(y - cy)):
            yield cx, y
        for x in sorted((x for x in xs if abs(x - cx) < w), key=lambda x: abs(x - cx)):
            yield x, cy
    for t in (0.5, 0.2, 0.8, 0.0, 1.0):
        cx, cy = p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t
        for fx in (0, -0.5, 0.5, -1, 1):
            for fy in (-1.5, 1.5, -1, 1, 0, -2.5, 2.5):
                yield cx + fx * w, cy + fy * h


def _place_labels(routes, boxes, area, label_size, lanes=((), ())) -> None:
    """Each label on or beside a segment of its own arrow: covering no box and no other label,
    crossing no other arrow where it can; the nearest such place to its arrow. Only when no
    place near the arrow is free does a wider search look for the nearest free one, and may
    a label far from its arrow take the place of a label that can move near its own."""
    left, top, right, bottom = area
    segments = [(r, p, q) for r, route in enumerate(routes) for p, q in zip(route.points, route.points[1:])]
    # The tests below run some ten thousand times a diagram: boxes as (x0, y0, x1, y1), each
    # segment by its orientation with its ends in order, worked out once.
    grown = [(x - CLEAR, y - CLEAR, x + w + CLEAR, y + h + CLEAR) for x, y, w, h in boxes]
    crossing = [(r, _axis(p, q), p, q) for r, p, q in segments]
    own: dict = {}
    spans: dict = {}
    sizes: dict = {}
    for index, route in enumerate(routes):
        pieces = [(p, q) for p, q in zip(route.points, route.points[1:]) if p != q]
        pieces.sort(key=lambda s: -(abs(s[1][0] - s[0][0]) + abs(s[1][1] - s[0][1])))  # longest first
        found = []
        for wanted in (1.3, 0.9, 0.6):
            size = label_size(route.edge, int(wanted * 914400))
            if size is not None and size not in found:
                found.append(size)
        if pieces and found:
            own[index], sizes[index] = pieces, found
            spans[index] = [(min(p[0], q[0]), max(p[0], q[0]), min(p[1], q[1]), max(p[1], q[1])) for p, q in pieces]

    def away(index, rect) -> float:
        """Inches from the rectangle to the nearest of its own segments (0 when they touch)."""
        x0, y0, w, h = rect
        x1, y1 = x0 + w, y0 + h
        nearest = None
        for lx, hx, ly, hy in spans[index]:
            dx = x0 - hx if x0 > hx else lx - x1 if lx > x1 else 0
            dy = y0 - hy if y0 > hy else ly - y1 if ly > y1 else 0
            squared = dx * dx + dy * dy
            if nearest is None or squared < nearest:
                nearest = squared
        return nearest ** 0.5 / 914400

    def on_box(rect) -> bool:
        x0, y0, w, h = rect
        if w <= 0 or h <= 0:
            return False
        x1, y1 = x0 + w, y0 + h
        for bx0, by0, bx1, by1 in grown:
            if bx0 < x1 and x0 < bx1 and by0 < y1 and y0 < by1:
                return True
        return False

    def cost(index, rect, placed, bound=None) -> float:
        gone = away(index, rect)
        score = 3 * gone + 20 * max(0.0, gone - NEAR) + rect[2] * rect[3] / 1e13
        if bound is not None and score >= bound:
            return score
        if on_box(rect):
            score += 1000
        elif any(_overlap(rect, other) for other in placed.values()):
            score += 100
        if bound is not None and score >= bound:
            return score
        x0, y0, w, h = rect
        x1, y1 = x0 + w, y0 + h
        for r, (kind, at, lo, hi), s0, s1 in crossing:
            if r == index:
                continue
            if kind == "|":
                hit = x0 < at < x1 and lo < y1 and hi > y0
            elif kind == "-":
                hit = y0 < at < y1 and lo < x1 and hi > x0
            else:
                hit = _hits(rect, (s0, s1))
            if hit:
                # crossing another arrow costs some distance; hiding a whole piece of it, much more
                score += 4 + (50 if _covered(rect, s0, s1) > 0.5 else 0)
        return score

    def rect_at(cx, cy, w, h):
        return (int(min(max(cx - w / 2, left), right - w)), int(min(max(cy - h / 2, top), bottom - h)), int(w), int(h))

    def near_spots(index):
        # rect_at written out: the search makes thousands of these a diagram.
        for w, h in sizes[index]:
            half_w, half_h, last_x, last_y, size = w / 2, h / 2, right - w, bottom - h, (int(w), int(h))
            for p, q in own[index]:
                for cx, cy in _spots(p, q, w, h, lanes):
                    x, y = cx - half_w, cy - half_h
                    x = left if x < left else x
                    y = top if y < top else y
                    yield (int(last_x if x > last_x else x), int(last_y if y > last_y else y)) + size

    def search(index, placed) -> tuple:
        best: list = [float("inf"), None]
        seen: set = set()
        for rect in near_spots(index):
            if rect not in seen:
                seen.add(rect)
                score = cost(index, rect, placed, best[0])
                if score < best[0]:
                    best[:] = [score, rect]
                    if score < GOOD:  # free, near its arrow, crossing none: look no further
                        return tuple(best)
        for w, h in sizes[index]:
            if best[0] < 100:
                break
            for gone, cx, cy in _scan(own[index], w, h):
                if 3 * gone + 20 * max(0.0, gone - NEAR) >= best[0]:
                    break  # the rest are further away: none can beat the best
                rect = rect_at(cx, cy, w, h)
                score = cost(index, rect, placed, best[0])
                if score < best[0]:
                    best[:] = [score, rect]
        return tuple(best)

    def length(route):
        return sum(abs(q[0] - p[0]) + abs(q[1] - p[1]) for p, q in zip(route.points, route.points[1:]))

    placed: dict = {}
    # The shortest arrows first: they have the least room for a label near them.
    for index in sorted(own, key=lambda r: (length(routes[r]), r)):
        placed[index] = search(index, placed)[1]

    def clean(index, rect, others) -> bool:
        return (away(index, rect) <= NEAR and not on_box(rect)
                and not any(_overlap(rect, o) for k, o in others.items() if k != index))

    free: dict = {}

    def near_and_free(index) -> list:
        """The places near its arrow that cover no box, in near_spots' order (each once):
        they do not depend on where the other labels are, so each label's are found once."""
        if index not in free:
            free[index] = [rect for rect in dict.fromkeys(near_spots(index))
                           if away(index, rect) <= NEAR and not on_box(rect)]
        return free[index]

    # A label left far from its arrow takes a place near it from one label that has another
    # place near its own arrow (a few tries each: bounded work).
    for index in sorted(own):
        if clean(index, placed[index], placed):
            continue
        tries = 0
        for rect in near_and_free(index):
            blocking = [k for k, o in placed.items() if k != index and _overlap(rect, o)]
            if len(blocking) != 1:
                continue
            tries += 1
            if tries > BUMPS:
                break
            other = blocking[0]
            trial = {k: o for k, o in placed.items() if k != other}
            trial[index] = rect
            moved = next((spot for spot in near_and_free(other)
                          if not any(_overlap(spot, o) for k, o in trial.items() if k != other)), None)
            if moved is not None:
                trial[other] = moved
                placed = trial
                break
    for index, rect in placed.items():
        routes[index].label = rect
