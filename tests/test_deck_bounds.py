"""Bounded work (issue 16) and nothing lost (issue 9) on plans far past any real one.

The layout's cost must not follow the plan's size: a plan of thousands of components
and flows checks in a second, so it must build in seconds too. What one slide draws is
capped; the rest goes to an overview, detail diagrams and text lists, never dropped
silently.
"""

from __future__ import annotations

import pytest

from planner.deck.archlayout import (
    DETAIL_NODES,
    MAX_DIAGRAMS,
    MAX_EDGES,
    MAX_NODES,
    Edge,
    Graph,
    layers,
    views,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _graph(nodes: int, edges: int) -> Graph:
    graph = Graph([f"C{i}" for i in range(nodes)], [""] * nodes, [""] * nodes)
    seen = set()
    for i in range(edges):
        a, b = i % nodes, (i * 7 + 1) % nodes
        if a != b and (a, b) not in seen and (b, a) not in seen:
            seen.add((a, b))
            graph.edges.append(Edge(a, b, [(f"f{i}", True)]))
    return graph


def _label(section):
    return section or "other"


def _count(kind, count):
    return f"{count} {kind}"


@pytest.mark.parametrize("nodes, edges", [(20, 30), (21, 10), (100, 9900), (10_000, 10_000)])
def test_every_view_is_capped_and_every_component_and_flow_is_drawn_or_listed(nodes, edges):
    graph = _graph(nodes, edges)
    sections = [("data", "model", "operations", None)[i % 4] for i in range(nodes)]
    shown, listed_nodes, listed_edges = views(graph, sections, _label, _count)
    assert len(shown) <= MAX_DIAGRAMS
    for view in shown:
        assert len(view.graph.names) <= MAX_NODES and len(view.graph.edges) <= MAX_EDGES
    if nodes <= MAX_NODES and len(graph.edges) <= MAX_EDGES:
        assert len(shown) == 1 and not listed_nodes and not listed_edges
        return
    assert shown[0].part == "overview"
    drawn_nodes = {n for view in shown[1:] for n in view.nodes}
    assert drawn_nodes | set(listed_nodes) == set(range(nodes))
    # Detail diagrams are balanced runs of a section, never 14 + 1.
    for view in shown[1:]:
        assert len(view.nodes) <= DETAIL_NODES
    drawn_edges = sum(len(view.graph.edges) for view in shown[1:])
    assert drawn_edges + len(listed_edges) == len(graph.edges)


def test_layers_are_linear_on_a_long_chain_with_a_cycle():
    count = 20_000
    graph = Graph([str(i) for i in range(count)], [""] * count, [""] * count,
                  [Edge(i, i + 1, [("", True)]) for i in range(count - 1)] + [Edge(count - 1, 0, [("", True)])])
    level = layers(graph)  # the former relaxation took count x edges steps
    assert level[0] == 0 and level[count - 1] == count - 1


def test_risks_are_ordered_by_severity_in_linear_log_time():
    from planner.deck.riskmatrix import ordered
    from planner.model import Risk
    risks = [Risk(f"r{i}", ("low", "medium", "high")[i % 3], "high") for i in range(20_000)]
    result = ordered(risks)  # was sorted by risks.index(r): quadratic, 23 s for 10k risks
    assert [r.risk for r in result[:3]] == ["r2", "r5", "r8"]
    assert result[-1].risk == "r19998"


def test_a_plan_of_hundreds_of_flows_builds_an_overview_details_and_lists(tmp_path):
    from deck_support import backup_slides, missing_items, render_data, timed_slides
    from planner.deck import render_deck
    from stressplans import huge, write
    path = write(huge(60, 240), tmp_path / "dense.yaml")
    data = render_data(str(path))
    import io

    from pptx import Presentation
    deck = Presentation(io.BytesIO(render_deck(data)))
    titles = [slide.shapes.title.text for slide in deck.slides]
    architecture = data.labels["slides"]["architecture"]
    assert any(t.endswith(f"{architecture} · {data.labels['deck']['overview']}") for t in titles)
    assert missing_items(deck, data.plan) == []
    timed = timed_slides(deck, data)
    assert timed[-1].shapes.title.text == data.labels["slides"]["questions"]
    assert backup_slides(deck, data)
    for slide in deck.slides:
        boxes = [s for s in slide.shapes if s.name.startswith("Component ")]
        assert len(boxes) <= MAX_NODES


def test_build_reports_each_move_to_a_backup_slide_at_the_items_line(tmp_path):
    """A 10-minute talk of a long plan: what does not fit goes to backup slides, and build says
    where ('risques 6-10 : en annexe, diapositive 19') at the first moved item's line."""
    import io
    import re
    import subprocess
    import sys

    from pptx import Presentation

    from deck_support import ROOT, backup_slides, missing_items, render_data, slide_text
    from stressplans import stress, write
    path = write(stress(minutes=10), tmp_path / "ten.yaml")
    done = subprocess.run([sys.executable, "-m", "planner", "build", str(path), "-o", str(tmp_path / "out"),
                           "--only", "deck"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    moved = [line for line in done.stderr.splitlines() if "[PLN603]" in line]
    assert moved
    data = render_data(str(path))
    deck = Presentation(io.BytesIO((tmp_path / "out" / data.plan.slug / "deck.pptx").read_bytes()))
    assert missing_items(deck, data.plan) == []
    backup = backup_slides(deck, data)
    first_backup = len(deck.slides) - len(backup) + 1
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in moved:
        number = int(re.search(r"diapositive (\d+)", line)[1])
        assert first_backup <= number <= len(deck.slides)
        found = re.search(r"risques (\d+)-(\d+)", line)
        if found:  # the risks it names are on that slide, and the finding points at the first one
            text = slide_text(deck.slides[number - 1])
            for index in range(int(found[1]), int(found[2]) + 1):
                assert data.plan.risks[index - 1].risk in text
            at = int(line.split(":")[1])
            assert data.plan.risks[int(found[1]) - 1].risk.split(":")[0] in lines[at - 1]
    # 10 minutes: no timed slide under the course's 30 s.
    timed = len(deck.slides) - len(backup)
    assert all(s.seconds >= 30 for s in data.outline.slides) and timed <= 10 * 60 // 30


def test_a_list_continued_over_two_slides_is_balanced_not_8_plus_1():
    from planner.deck import layout
    from planner.deck.layout import Block
    from planner.deck.markdown_runs import Run
    words = {"continued": "(continued)", "more": "+ {count} more"}
    item = (Run("An objective long enough to take two lines of the column at the body size, or three"),)
    checked = 0
    for count in range(6, 30, 3):
        _size, pages = layout.flow([[Block("Objectives", (item,) * count)]], [(300, 330)], words, max_pages=1000)
        per_page = [sum(1 for para in page[0] if para.bullet) for page in pages]
        assert sum(per_page) == count  # nothing cut
        if len(per_page) > 1:
            checked += 1
            assert max(per_page) - min(per_page) <= 1, per_page
    assert checked >= 3
