"""The diagrams of the HTML page (issue 9): inline SVG drawn from the deck's own geometry.

Each SVG of plan.html is parsed (xml.etree): no script, no link, no external address;
every component, flow label, milestone and risk of a stress plan is in it; no line of
text overlaps a shape or a text it does not belong to (measured with the deck's font
metrics, as the deck's geometry tests do); the same plan gives the same bytes; a hostile
plan's text stays text.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deck_support import render_data
from stressplans import stress, write

SVG = "{http://www.w3.org/2000/svg}"
PLANS = {
    "20-components-fr": {},
    "18-components-en-cjk": {"components": 18, "flows": 25, "lang": "en", "members": 5, "cjk": True},
    "12-components-fr-3-members": {"components": 12, "flows": 16, "members": 3},
}


def _page(tmp_path_factory, data: dict, name: str):
    from planner.plandoc import render_html, render_markdown
    path = write(data, tmp_path_factory.mktemp("svg") / f"{name}.yaml")
    rendered = render_data(str(path))
    return rendered, render_html(rendered, render_markdown(rendered))


@pytest.fixture(scope="module", params=sorted(PLANS))
def page(request, tmp_path_factory):
    return _page(tmp_path_factory, stress(**PLANS[request.param]), request.param)


def figures(html: str) -> dict:
    """{diagram name: [parsed svg]} from the page's <figure> elements, in order."""
    out: dict = {}
    for body in re.findall(r'<figure class="diagram">\n(.*?)</figure>', html, re.S):
        for svg in re.findall(r"<svg.*?</svg>", body, re.S):
            root = ET.fromstring(svg)
            out.setdefault(_kind(root), []).append(root)
    return out


def _kind(root) -> str:
    names = [g.findtext(f"{SVG}desc") or "" for g in root.iter(f"{SVG}g")]
    for prefix, kind in (("Component ", "architecture"), ("Stage ", "stack"), ("Text milestone", "milestones"),
                         ("Cell ", "risks")):
        if any(n.startswith(prefix) for n in names):
            return kind
    return "?"


def groups(root) -> list:
    """(name, [shape boxes], [text lines as (text, box)], rotated) for each named group."""
    out = []
    for g in root.iter(f"{SVG}g"):
        name = g.findtext(f"{SVG}desc")
        if name is None:
            continue
        shapes, lines = [], []
        rotated = any(child.get("transform") for child in g.iter(f"{SVG}g"))
        for child in g:
            shapes += [_shape_box(child)] if child.tag in (f"{SVG}rect", f"{SVG}ellipse", f"{SVG}polygon") else []
        for text in g.iter(f"{SVG}text"):
            lines.append(("".join(text.itertext()), _text_box(text)))
        out.append((name, shapes, lines, rotated))
    return out


def _shape_box(element):
    tag = element.tag[len(SVG):]
    if tag == "rect":
        x, y, w, h = (float(element.get(k)) for k in ("x", "y", "width", "height"))
        return (x, y, x + w, y + h)
    if tag == "ellipse":
        cx, cy, rx, ry = (float(element.get(k)) for k in ("cx", "cy", "rx", "ry"))
        return (cx - rx, cy - ry, cx + rx, cy + ry)
    points = [tuple(map(float, p.split(","))) for p in element.get("points").split()]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _text_box(text):
    """The ink box of one line of text: measured with the deck's metrics (Liberation Sans)."""
    from planner.deck.textfit import text_width
    size = float(text.get("font-size"))
    width = 0.0
    for piece in [text] + list(text):
        bold = piece.get("font-weight") == "bold"
        italic = piece.get("font-style") == "italic"
        content = (piece.text or "") if piece is text else (piece.text or "")
        width += text_width(content, size, bold=bold, italic=italic)
    x, baseline = float(text.get("x")), float(text.get("y"))
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text.get("text-anchor")]
    return (left, baseline - 0.905 * size, left + width, baseline + 0.212 * size)


def _overlap(a, b, margin=0.5) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > margin and min(a[3], b[3]) - max(a[1], b[1]) > margin


# A text may lie on these: the backgrounds of rows, cells and grid lines, and its own card.
# (Arrows and their heads are the architecture's label placement, tested on the deck.)
BACKGROUND = ("Row ", "Grid ", "Cell ", "Flow ")
PARTNER = {"Label stage ": "Stage ", "Label lane ": "Lane "}


def _belongs(text_group: str, shape_group: str) -> bool:
    if text_group == shape_group or shape_group.startswith(BACKGROUND):
        return True
    return any(text_group.startswith(a) and shape_group == b + text_group[len(a):] for a, b in PARTNER.items())


def overlaps(root) -> list:
    found = []
    drawn = groups(root)
    for name, _shapes, lines, rotated in drawn:
        if rotated:
            continue
        for text, box in lines:
            for other, shapes, other_lines, other_rotated in drawn:
                if not _belongs(name, other):
                    found += [f"{name!r} ({text}) on the shape of {other!r}" for shape in shapes
                              if _overlap(box, shape)]
                if other != name and not other_rotated:
                    found += [f"{name!r} ({text}) on {other!r} ({t})" for t, b in other_lines if _overlap(box, b)]
    return found


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_page_has_its_four_diagrams_and_no_script_link_or_external_address(page):
    _data, html = page
    found = figures(html)
    assert sorted(found) == ["architecture", "milestones", "risks", "stack"]
    assert "<script" not in html and "mermaid.esm" not in html and "<pre class=\"mermaid\">" not in html
    for roots in found.values():
        for root in roots:
            for element in root.iter():
                assert element.tag[len(SVG):] not in ("script", "a", "image", "foreignObject", "use", "style")
                for key, value in element.attrib.items():
                    assert "href" not in key and "url(" not in value and "://" not in value, (key, value)


def test_every_component_flow_milestone_and_risk_is_drawn(page):
    data, html = page
    found = figures(html)
    architecture = "".join(_squeezed("".join(root.itertext())) for root in found["architecture"])
    for component in data.plan.components:
        assert _squeezed(component.name) in architecture, component.name
    if len(found["architecture"]) == 1:  # one diagram: every flow's label is on it
        for flow in data.plan.flows:
            if flow.label:
                assert _squeezed(flow.label) in architecture, flow.label
    [timeline] = found["milestones"]
    titles = [" ".join(t for t, _b in lines) for name, _s, lines, _r in groups(timeline)
              if name.startswith("Text milestone")]
    assert len(titles) == len(data.plan.milestones)
    for milestone in data.plan.milestones:
        assert any(_squeezed(milestone.title) in _squeezed(t) for t in titles), milestone.title
    assert not any(t.endswith("…") for t in titles)
    [matrix] = found["risks"]
    chips = {name for name, _s, _l, _r in groups(matrix) if name.startswith("Risk ")}
    assert chips == {f"Risk R{n}" for n in range(1, len(data.plan.risks) + 1)}


def test_no_text_overlaps_a_shape_or_a_text_it_does_not_belong_to(page):
    _data, html = page
    for kind, roots in figures(html).items():
        for root in roots:
            assert overlaps(root) == [], kind


def test_the_final_date_marker_touches_no_date_label(page):
    _data, html = page
    [timeline] = figures(html)["milestones"]
    drawn = {name: (shapes, lines) for name, shapes, lines, _r in groups(timeline)}
    [marker] = drawn["Final due"][0]
    for name, (_shapes, lines) in drawn.items():
        if name.startswith("Label due"):
            for _text, box in lines:
                assert box[2] < marker[0] - 2 or box[0] > marker[2] + 2, name


def test_same_plan_same_bytes(tmp_path_factory):
    data = stress(components=14, flows=18)
    assert _page(tmp_path_factory, data, "a")[1] == _page(tmp_path_factory, copy.deepcopy(data), "a")[1]


def test_hostile_text_stays_text(tmp_path_factory):
    data = stress(components=6, flows=6, risks=3, milestones=3)
    evil = "<script>alert(1)</script> ]]> & \"q\" 'a' \u202eevil\x1b[2J"
    data["architecture"]["components"][0]["name"] = evil
    data["architecture"]["flows"][0]["from"] = evil
    data["architecture"]["flows"][0]["label"] = "</svg><img src=x onerror=alert(2)>"
    data["milestones"][0]["title"] = "</text><script>alert(3)</script>"
    data["team"]["name"] = "<svg onload=alert(4)>"
    # A team cannot place a figure: its text is escaped, the marker stays text.
    data["architecture"]["summary"] = "Voir :\n\n<!-- planner:diagram risks -->\n"
    data["risks"][0]["risk"] = "<!-- planner:diagram stack -->"
    rendered, html = _page(tmp_path_factory, data, "hostile")
    found = figures(html)
    assert html.count('<figure class="diagram">') == 4
    assert html.count("&lt;!-- planner:diagram risks --&gt;") == 1
    assert "<script" not in html and "<img" not in html and "<svg onload" not in html
    architecture = "".join("".join(root.itertext()) for root in found["architecture"])
    assert "<script>alert(1)</script>" in _spaced(architecture) or "alert(1)" in architecture
    svgs = "".join(re.findall(r"<svg.*?</svg>", html, re.S))
    assert "\u202e" not in svgs and "\x1b" not in svgs
    timeline = "".join(found["milestones"][0].itertext())
    assert "</text><script>alert(3)</script>" in timeline.replace("\n", "")


def _spaced(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.sampled_from([(False, False), (True, False), (False, True)]),
       st.sampled_from(["left", "center", "right"]))
def test_any_text_is_escaped_parses_and_reads_back(value, style, align):
    from planner.deck.markdown_runs import Run
    from planner.deck.textfit import Para
    from planner.deck.theme import Rect
    from planner.diagrams import svg
    from planner.diagrams.scene import Box, Scene
    bold, italic = style
    para = Para((Run(value, bold=bold, italic=italic), Run(" & <b>", code=True)), 12, align=align)
    scene = Scene(Rect(0, 0, 2_000_000, 1_000_000), title=value)
    scene.add(Box(Rect(0, 0, 1_500_000, 900_000), value, shape="rect", fill="FFFFFF", paras=(para,)))
    drawn = svg.render(scene)
    root = ET.fromstring(drawn)  # well-formed whatever the text
    assert not [e for e in root.iter() if e.tag[len(SVG):] in ("script", "a", "foreignObject")]
    expected = svg._DROP.sub("", value + " & <b>")
    texts = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert _squeezed(texts) == _squeezed(expected.replace("\t", " ").replace("\n", " ").replace("\r", " "))
    flat = value.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    assert (root.find(f"{SVG}g/{SVG}desc").text or "") == svg._DROP.sub("", flat)


def test_the_deck_draws_the_very_geometry_the_page_draws(tmp_path):
    """One model: the stack map's, the risk matrix's and the timeline's shapes on the slides
    sit exactly where the scenes the SVG is drawn from put them."""
    import io

    from pptx import Presentation

    from planner.deck import render_deck
    from planner.deck.context import Context
    from planner.deck.theme import Geometry
    from planner.diagrams import riskmatrix, stackmap, timeline
    from planner.facts import milestones_by_date, risks_by_severity
    data = render_data(str(write(stress(components=8, flows=8, milestones=4, risks=4), tmp_path / "p.yaml")))
    deck = Presentation(io.BytesIO(render_deck(data)))
    ctx = Context(data, Geometry.builtin(), True)
    milestones = [m for m in milestones_by_date(data.plan.milestones) if m.due]
    area = ctx.geometry.content
    matrix_w = min(int(area.width * 0.46), area.height + riskmatrix.AXIS_W + riskmatrix.LEVEL_W)
    gap = int(0.4 * 914400)  # as deck.riskmatrix lays the matrix beside the list
    risks_rect = area.columns([matrix_w, area.width - matrix_w - gap], gap)[0]
    scenes = {"Stage ": stackmap.scene(ctx, area, stackmap.columns(ctx)),
              "Bar ": timeline.scene(ctx, area, milestones, timeline.span(ctx, milestones)),
              "Cell ": riskmatrix.scene(ctx, risks_rect, risks_by_severity(list(data.plan.risks)))}
    for prefix, scene in scenes.items():
        slide = next(s for s in deck.slides if any(shape.name.startswith(prefix) for shape in s.shapes))
        drawn = {shape.name: (shape.left, shape.top, shape.width, shape.height) for shape in slide.shapes}
        for item in scene.items:
            if item.name.startswith(prefix):
                rect = item.rect
                assert drawn[item.name] == (rect.left, rect.top, rect.width, rect.height), item.name


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_long_section_name_wraps_or_steps_down_on_its_lane_never_cut(lang):
    """A course may name its checklist sections at length: the lane's heading wraps or steps
    down (never under the diagrams' least size) and stays whole; past that its score line
    gives way, never the name."""
    from planner.deck import frames, theme
    from planner.deck.context import Context
    from planner.deck.textfit import fits
    from planner.diagrams import stackmap
    data = render_data(str(stress.__globals__["BASE"]), lang)
    ctx = Context(data, theme.Geometry.builtin(), True)
    label = {"fr": "Opérations, déploiement continu et surveillance en production",
             "en": "Operations, continuous deployment and monitoring in production"}
    section = {"id": "operations", "label": label}
    score = next(s for s in data.scores if s.id == "operations")
    header = theme.Rect(0, 0, int(2.9 * theme.INCH), stackmap.HEADER)
    _lane, text = stackmap._header(ctx, section, score, header)
    written = "".join(run.text for run in text.paras[0].runs)
    assert written == label[data.lang] and not written.endswith("…")  # whole: the score gives way
    assert min(p.size for p in text.paras) >= theme.SIZES.diagram_min
    assert fits(list(text.paras), *frames.inner(header))
    medium = {"id": "operations", "label": {"fr": "Déploiement et surveillance", "en": "Deployment and monitoring"}}
    _lane, text = stackmap._header(ctx, medium, score, theme.Rect(0, 0, int(2.2 * theme.INCH), stackmap.HEADER))
    assert "".join(run.text for run in text.paras[0].runs) == medium["label"][data.lang]
    assert len(text.paras) == 2  # its score stays, the name stepped down
