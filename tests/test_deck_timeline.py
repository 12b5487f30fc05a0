"""The milestone timeline (issue 9): every milestone shown, the final-date marker touches no label.

A stress plan of 12 overlapping milestones due on and just before the final date (the worst
case for the marker, some without a start date), in French and English: measured on the
geometry (planner.diagrams.timeline), read back from the deck, and as LibreOffice draws it
(`pdftotext -bbox` word boxes against the marker's position on the page).
"""

from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from pptx import Presentation

from deck_support import render_data
from stressplans import stress, write

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def crowded(lang: str = "fr") -> dict:
    """12 milestones, overlapping, due within four days of the final date (some on it)."""
    data = stress(components=6, flows=6, milestones=12, lang=lang)
    final = dt.date(2026, 12, 15)
    data["presentation"]["demo"] = final
    for i, milestone in enumerate(data["milestones"]):
        milestone["due"] = final - dt.timedelta(days=i % 5)
        if i % 3 == 2:
            milestone.pop("start", None)  # a diamond
        else:
            milestone["start"] = milestone["due"] - dt.timedelta(days=10 + 3 * i)
    return data


@pytest.fixture(scope="module", params=["fr", "en"])
def built(request, tmp_path_factory):
    from planner.deck import render_deck
    path = write(crowded(request.param), tmp_path_factory.mktemp("timeline") / f"crowded-{request.param}.yaml")
    data = render_data(str(path))
    blob = render_deck(data)
    return data, blob, Presentation(io.BytesIO(blob))


def _timeline_slides(deck):
    return [slide for slide in deck.slides if any(s.name == "Final due" for s in slide.shapes)]


def test_the_geometry_keeps_every_date_label_clear_of_the_marker(built):
    from planner.deck.context import Context
    from planner.deck.theme import Geometry
    from planner.diagrams import timeline
    from planner.facts import milestones_by_date
    data, _blob, _deck = built
    ctx = Context(data, Geometry.builtin(), True)
    milestones = [m for m in milestones_by_date(data.plan.milestones) if m.due]
    days = timeline.span(ctx, milestones)
    for count in (len(milestones), 4, 1):  # all rows, a slide's page, one row
        scene = timeline.scene(ctx, ctx.geometry.content, milestones[:count], days)
        [marker] = scene.named("Final due")
        labels = scene.named("Label due")
        assert len(labels) == count
        for label in labels:
            clear = label.rect.right + timeline.CLEAR <= marker.rect.left or \
                label.rect.left >= marker.rect.right + timeline.CLEAR
            assert clear, label.name
            chart_left = ctx.geometry.content.left + timeline.label_width(ctx.geometry.content)
            assert chart_left <= label.rect.left and label.rect.right <= ctx.geometry.content.right


def test_every_milestone_is_on_a_timeline_slide_whole(built):
    data, _blob, deck = built
    slides = _timeline_slides(deck)
    assert slides
    titles = [shape.text_frame.text for slide in slides for shape in slide.shapes
              if shape.name.startswith("Text milestone")]
    assert len(titles) == len(data.plan.milestones) == 12
    for milestone in data.plan.milestones:
        assert any(t.startswith(milestone.title) for t in titles), milestone.title
    assert not any("…" in t for t in titles)
    marks = [s for slide in slides for s in slide.shapes if s.name.startswith(("Bar ", "Milestone "))]
    assert len(marks) == 12


def test_no_date_label_touches_the_marker_on_the_slides(built):
    from planner.deck.textfit import text_width
    _data, _blob, deck = built
    for slide in _timeline_slides(deck):
        marker = next(s for s in slide.shapes if s.name == "Final due")
        for shape in slide.shapes:
            if shape.name.startswith("Label due"):
                text = shape.text_frame.text
                size = shape.text_frame.paragraphs[0].runs[0].font.size.pt
                left = shape.left + 6 * 12700  # the text frame's inset
                right = left + text_width(text, size) * 12700
                assert right < marker.left or left > marker.left + marker.width, shape.name


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice and poppler are needed")
def test_as_libreoffice_draws_it_no_word_touches_the_marker(built, tmp_path):
    from test_deck_pdf import WORD, _pdf
    _data, blob, deck = built
    pages = _pdf(blob, tmp_path)
    assert len(pages) == len(deck.slides)
    checked = 0
    for (width, _height, words), slide in zip(pages, deck.slides):
        marker = next((s for s in slide.shapes if s.name == "Final due"), None)
        if marker is None:
            continue
        scale = float(width) / deck.slide_width
        x0, x1 = marker.left * scale - 1.0, (marker.left + marker.width) * scale + 1.0
        y0, y1 = marker.top * scale, (marker.top + marker.height) * scale
        dates = 0
        for wx0, wy0, wx1, wy1, text in WORD.findall(words):
            wx0, wy0, wx1, wy1 = float(wx0), float(wy0), float(wx1), float(wy1)
            if wy1 > y0 and wy0 < y1:  # beside the marker's height: the rows
                assert wx1 < x0 or wx0 > x1, f"{text!r} touches the final-date marker"
                dates += 1
        assert dates
        checked += 1
    assert checked >= 1


def test_long_titles_on_a_narrow_4_by_3_template_share_a_few_slides(tmp_path):
    """Titles that need rows taller than the usual tallest row (three lines in the 4:3 label
    column of a template whose font is wider) used to leave one milestone a slide: twelve
    slides. Rows then share the slide's height instead; no title is cut."""
    from planner.deck import render_deck
    from templates_support import school_theme
    template = school_theme(tmp_path / "dark.pptx", dark=True, widescreen=False)
    data = stress(components=6, flows=6, milestones=12, lang="en")
    for milestone in data["milestones"]:
        milestone["title"] += " and its acceptance tests"
    data = render_data(str(write(data, tmp_path / "long.yaml")))
    deck = Presentation(io.BytesIO(render_deck(data, str(template))))
    slides = _timeline_slides(deck)
    titles = [shape.text_frame.text for slide in slides for shape in slide.shapes
              if shape.name.startswith("Text milestone")]
    assert len(titles) == 12 and not any("…" in t for t in titles)
    assert len(slides) <= 4, f"{len(slides)} timeline slides for 12 milestones"
