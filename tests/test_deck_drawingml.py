"""The text boxes and connectors planner.deck.frames writes as DrawingML are, element for
element, what python-pptx's own calls make (so decks stay the same, only made faster)."""

from __future__ import annotations

import io
import itertools

import pytest

pytest.importorskip("pptx")

from lxml import etree  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.dml.color import RGBColor  # noqa: E402
from pptx.enum.dml import MSO_LINE_DASH_STYLE  # noqa: E402
from pptx.enum.shapes import MSO_CONNECTOR  # noqa: E402
from pptx.oxml.ns import qn  # noqa: E402
from pptx.util import Pt  # noqa: E402

from planner.deck import frames, template, theme  # noqa: E402
from planner.deck.markdown_runs import Run  # noqa: E402
from planner.deck.textfit import Para  # noqa: E402


def _slide():
    prs = Presentation(io.BytesIO(template.builtin_package()))
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.turbo_add_enabled = True
    return slide


def _xml(element) -> bytes:
    return etree.tostring(element)


PARAS = [Para((Run("Kafka & <Spark>", bold=True), Run(" \"quoted\"", code=True)), 14, align="center"),
         Para((Run("see "), Run("the docs", link="https://example.org/a?b=1&c=2")), 11, bullet="•", indent=14,
              space_before=6, color=theme.MUTED),
         Para((Run("ligne trois", italic=True),), 10)]


@pytest.mark.parametrize("options", [
    {},
    {"anchor": "middle", "fill": theme.PAPER, "inset_x": 25400, "inset_y": 12700},
    {"anchor": None, "inset_x": None, "inset_y": None, "colour": None, "font": None},
    {"paras": []},
])
def test_a_text_box_is_what_add_textbox_and_write_make(options):
    options = dict(options)
    paras = options.pop("paras", PARAS)
    fill = options.pop("fill", None)
    rect = theme.Rect(457200, 1188720, 5455920, 2212080)
    fast_slide, slow_slide = _slide(), _slide()
    fast = frames.textbox(fast_slide, rect, paras, "fr-CA", name='Text "scope" <1>', fill=fill, **options)
    slow = slow_slide.shapes.add_textbox(rect.left, rect.top, rect.width, rect.height)
    slow.name = 'Text "scope" <1>'
    frames.write(slow.text_frame, paras, "fr-CA", **{"anchor": "top", **options})
    if fill:
        slow.fill.solid()
        slow.fill.fore_color.rgb = RGBColor.from_string(fill)
    assert _xml(fast.element) == _xml(slow.element)
    assert type(fast) is type(slow) and fast.shape_id == slow.shape_id  # the shape python-pptx's factory makes
    assert fast_slide.part.rels.keys() == slow_slide.part.rels.keys()  # the link's relationship


SITES = range(4)
RECTS = [theme.Rect(1000000, 2000000, 900000, 400000), theme.Rect(3000000, 2000000, 900000, 400000),
         theme.Rect(1000000, 4000000, 900000, 600000), theme.Rect(2450000, 2200000, 0, 0),
         theme.Rect(1450000, 1000000, 0, 0), theme.Rect(0, 0, 0, 0), theme.Rect(0, 500000, 0, 0)]


@pytest.mark.parametrize("a, b", [(a, b) for a, b in itertools.permutations(range(len(RECTS)), 2)])
def test_a_connector_is_what_python_pptx_makes_for_every_direction_and_site(a, b):
    for begin_site, end_site, (dashed, head, tail) in zip(SITES, reversed(SITES),
                                                          [(False, False, True), (True, True, True),
                                                           (False, True, False), (True, False, False)]):
        fast_slide, slow_slide = _slide(), _slide()
        glued = []
        for slide in (fast_slide, slow_slide):
            shapes = [frames.shape(slide, RECTS[index], name=f"Box {index}") for index in (a, b)]
            glued.append(shapes)
        colour = theme.TEAL if dashed else theme.MUTED
        frames.connector(fast_slide, (glued[0][0].shape_id, RECTS[a], begin_site),
                         (glued[0][1].shape_id, RECTS[b], end_site), colour, 1.5, "dash" if dashed else None,
                         head=head, tail=tail, name="Flow A -> B")
        line = slow_slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, 0, 0, 0, 0)
        line.begin_connect(glued[1][0], begin_site)
        line.end_connect(glued[1][1], end_site)
        line.line.color.rgb = RGBColor.from_string(colour)
        line.line.width = Pt(1.5)
        if dashed:
            line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
        ln = line.element.spPr.get_or_add_ln()
        if head:
            ln.append(ln.makeelement(qn("a:headEnd"), {"type": "triangle", "w": "med", "len": "med"}))
        if tail:
            ln.append(ln.makeelement(qn("a:tailEnd"), {"type": "triangle", "w": "med", "len": "med"}))
        line.element.remove(line.element.find(qn("p:style")))  # the theme's shadow
        line.name = "Flow A -> B"
        fast_tree, slow_tree = (slide.shapes.element for slide in (fast_slide, slow_slide))
        assert _xml(fast_tree[-1]) == _xml(slow_tree[-1])
