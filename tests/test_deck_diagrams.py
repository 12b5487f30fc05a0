"""The architecture diagram on stress plans (issue 9): what a person checks by eye, measured.

Decks are built from the plans of tests/stressplans.py (18-20 components, 25-30 flows with
cycles and fan-in, 3 to 5 members, 10 to 20 minutes, French, English, a CJK name) and read
back with python-pptx: no arrow crosses a box that is not one of its ends, no label covers a
box, every component name is whole on one slide, names are never under 12 pt.
"""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deck_support import missing_items, render_data
from stressplans import stress, write

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PLANS = {
    "20-components-fr-15min": {},
    "18-components-en-10min-5-members-cjk": {"components": 18, "flows": 25, "lang": "en", "minutes": 10,
                                             "members": 5, "cjk": True},
    "12-components-fr-20min-3-members": {"components": 12, "flows": 16, "minutes": 20, "members": 3},
}


def _deck(tmp_path_factory, name):
    from planner.deck import render_deck
    path = write(stress(**PLANS[name]), tmp_path_factory.mktemp("stress") / f"{name}.yaml")
    data = render_data(str(path))
    return Presentation(io.BytesIO(render_deck(data))), data


@pytest.fixture(scope="module", params=sorted(PLANS))
def built(request, tmp_path_factory):
    return _deck(tmp_path_factory, request.param)


def _crosses(p, q, box, margin=12700) -> bool:
    """Does segment p-q pass through the inside of box (x0, y0, x1, y1), shrunk by margin?"""
    x0, y0, x1, y1 = box[0] + margin, box[1] + margin, box[2] - margin, box[3] - margin
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
    return t1 > t0


def _rect(shape):
    return (shape.left, shape.top, shape.left + shape.width, shape.top + shape.height)


def test_no_arrow_crosses_a_box_that_is_not_its_end(built):
    deck, _data = built
    for number, slide in enumerate(deck.slides, start=1):
        boxes = {s.shape_id: _rect(s) for s in slide.shapes if s.name.startswith("Component ")}
        for element in slide.shapes._spTree.iter(qn("p:cxnSp")):
            props = element.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
            ends = {int(props.find(qn("a:stCxn")).get("id")), int(props.find(qn("a:endCxn")).get("id"))}
            shape_id = int(element.find(qn("p:nvCxnSpPr")).find(qn("p:cNvPr")).get("id"))
            line = next(s for s in slide.shapes if s.shape_id == shape_id)
            p, q = (line.begin_x, line.begin_y), (line.end_x, line.end_y)
            for box_id, box in boxes.items():
                if box_id not in ends:
                    assert not _crosses(p, q, box), f"slide {number}: {line.name} crosses a box"


def test_no_label_covers_a_box(built):
    deck, _data = built
    for number, slide in enumerate(deck.slides, start=1):
        boxes = [_rect(s) for s in slide.shapes if s.name.startswith("Component ")]
        labels = [(s.name, _rect(s)) for s in slide.shapes if s.name.startswith("Label ") and " - " in s.name]
        for name, label in labels:
            for box in boxes:
                w = min(label[2], box[2]) - max(label[0], box[0])
                h = min(label[3], box[3]) - max(label[1], box[1])
                assert w <= 0 or h <= 0, f"slide {number}: {name} covers a box"


def test_every_component_is_drawn_whole_at_12_pt_or_more_and_nothing_is_lost(built):
    deck, data = built
    assert missing_items(deck, data.plan) == []
    drawn = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.name.startswith("Component "):
                drawn[shape.name[len("Component "):]] = shape
                sizes = [run.font.size.pt for para in shape.text_frame.paragraphs[:1] for run in para.runs]
                assert sizes and min(sizes) >= 12, shape.name
    listed = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                      if shape.has_text_frame)
    for component in data.plan.components:
        assert component.name in drawn or component.name in listed
