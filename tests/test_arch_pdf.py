"""The architecture slide as LibreOffice draws it (issue 9), on 16:9 and on a 4:3 template.

The 20-component, 28-flow stress plan (cycles, fan-in, a long unbreakable name) is built,
its architecture slide alone converted to PDF by LibreOffice, and `pdftotext -bbox` gives
each word's box: every word lies inside a shape of the slide (no text spills out of a box
or a label), and every word of every component's name is found whole inside its own box
(never cut inside a word, never under 12 pt: tests/test_deck_diagrams.py reads the sizes).
Skipped where LibreOffice or poppler is not installed.
"""

from __future__ import annotations

import io
import shutil
from html import unescape

import pytest
from pptx import Presentation

from deck_support import all_shapes, render_data
from stressplans import stress, write
from templates_support import school_theme
from test_deck_pdf import SLACK, WORD, _box, _pdf

pytestmark = [pytest.mark.filterwarnings("ignore::DeprecationWarning"),
              pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                                 reason="LibreOffice and poppler are needed")]


def _architecture_only(blob: bytes) -> bytes:
    """The deck with only its architecture slide: one page to convert instead of twenty."""
    prs = Presentation(io.BytesIO(blob))
    slides = prs.slides._sldIdLst
    for entry, slide in zip(list(slides), list(prs.slides)):
        if not any(shape.name.startswith("Component ") for shape in slide.shapes):
            prs.part.drop_rel(entry.rId)
            slides.remove(entry)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


@pytest.mark.parametrize("narrow", [False, True], ids=["16:9", "4:3"])
def test_every_word_of_the_architecture_lies_in_a_shape_and_names_are_whole(narrow, tmp_path):
    from planner.deck import render_deck
    data = render_data(str(write(stress(), tmp_path / "plan.yaml")))
    template = str(school_theme(tmp_path / "school43.pptx", dark=False, widescreen=False)) if narrow else None
    blob = _architecture_only(render_deck(data, template))
    deck = Presentation(io.BytesIO(blob))
    (slide,) = deck.slides
    ((width, _height, words),) = _pdf(blob, tmp_path)
    scale = float(width) / deck.slide_width  # pt per EMU
    boxes = [_box(s, scale) for s in all_shapes(slide) if s.width and s.height is not None]
    found = [(float(x0), float(y0), float(x1), float(y1), unescape(text))
             for x0, y0, x1, y1, text in WORD.findall(words)]
    outside = [text for x0, y0, x1, y1, text in found
               if not any(b[0] - SLACK <= x0 and x1 <= b[2] + SLACK and b[1] - SLACK <= y0 and y1 <= b[3] + SLACK
                          for b in boxes)]
    assert outside == []
    broken = []
    for shape in slide.shapes:
        if not shape.name.startswith("Component "):
            continue
        b = _box(shape, scale)
        inside = {text for x0, y0, x1, y1, text in found
                  if b[0] - SLACK <= x0 and x1 <= b[2] + SLACK and b[1] - SLACK <= y0 and y1 <= b[3] + SLACK}
        broken += [(shape.name, word) for word in shape.name[len("Component "):].split() if word not in inside]
    assert broken == []
