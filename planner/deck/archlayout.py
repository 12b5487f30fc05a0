"""The architecture as a graph: its columns, and which diagrams show it (bounded work).

Components and flows become a graph (two opposite flows share one edge); cycles are broken
where a depth-first walk from the sources meets them (the arrows a reader sees going back)
and nodes get the column of their longest path from a source (linear). views() decides what one slide
can draw readably, else an overview by checklist section plus detail diagrams, and lists the
rest as text. Geometry is planner.diagrams.layered's job; nothing here draws.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.deck.markdown_runs import plain
from planner.identity import component_key

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
        key = component_key(plain(component.name))
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
            key = component_key(plain(end))
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
    """Column of each node: longest path from a source, after reversing back edges of cycles.

    The back edges are those a reader meets going back: a depth-first walk from the sources
    in the plan's order (a plan lists its components and flows roughly as data flows), so
    "the champion model goes back to the stream job" is the dashed arrow, not the flow that
    feeds the registry. Linear in the graph's size."""
    for edge in graph.edges:
        edge.feedback = False
    _dfs_feedback(graph)
    return _longest_path(graph)


def _dfs_feedback(graph: Graph) -> None:
    count = len(graph.names)
    out: dict = {i: [] for i in range(count)}
    into = [0] * count
    for edge in graph.edges:
        out[edge.source].append(edge)
        into[edge.target] += 1
    state = [0] * count  # 0 new, 1 on the stack, 2 done
    roots = [n for n in range(count) if not into[n]] + [n for n in range(count) if into[n]]
    for root in roots:
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


def _longest_path(graph: Graph) -> list:
    """Longest path from a source over the edges made acyclic, in topological order: linear."""
    count = len(graph.names)
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
MIN_GROUP = 3        # components of a section shown as a group of its own


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


def views(graph: Graph, sections: list, section_label, count_label, readable=None) -> tuple:
    """The diagrams to draw, and what no diagram shows (node indices, edges) to list as text.

    Up to MAX_NODES boxes and MAX_EDGES arrows: one diagram. Beyond: an overview with one box
    per group (a checklist section, cut into balanced runs of DETAIL_NODES), the flows between
    groups counted on its arrows, then one detail diagram per group. The work is bounded: at
    most MAX_DIAGRAMS diagrams of at most MAX_NODES boxes, whatever the plan's size.
    """
    count = len(graph.names)
    if readable is None:
        def readable(g):
            return len(g.names) <= MAX_NODES and len(g.edges) <= MAX_EDGES
    if readable(graph):
        return [View(graph, sections, "", list(range(count)))], [], []
    level = layers(graph)
    size: dict = {}
    for section in sections:
        size[section] = size.get(section, 0) + 1
    groups: dict = {}
    for n in sorted(range(count), key=lambda n: (level[n], n)):
        # A section of one or two components is no group to show apart: with the others.
        section = sections[n] if size[sections[n]] >= MIN_GROUP else None
        groups.setdefault(section, []).append(n)
    runs = [(section, run) for section, members in groups.items() for run in _chunks(members, DETAIL_NODES)]
    # A run whose diagram would not read (too long a chain, too many arrows through one
    # column) is halved until it does; only the runs that get a diagram are looked at.
    index = 0
    while index < min(len(runs), MAX_DIAGRAMS - 1):
        section, nodes = runs[index]
        if len(nodes) > 1 and not readable(subgraph(graph, nodes)[0]):
            half = len(nodes) // 2
            runs[index:index + 1] = [(section, nodes[:half]), (section, nodes[half:])]
            continue
        index += 1
    total = {section: sum(1 for s, _n in runs if s == section) for section, _n in runs}
    chunks, seen = [], {}  # (section, label, nodes)
    for section, nodes in runs:
        seen[section] = seen.get(section, 0) + 1
        suffix = f" ({seen[section]}/{total[section]})" if total[section] > 1 else ""
        chunks.append((section, section_label(section) + suffix, nodes))
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


# --- placement: planner.diagrams.layered ----------------------------------------

MAX_COLUMNS = 9       # columns of one diagram at most (16:9 fits 9 of short names at 12 pt)
