"""--template fully applied: theme fonts and colours, readable text on a dark or light
template, slide-number fields, the template's slide size; checked on LibreOffice's rendering."""

from __future__ import annotations

import io
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Inches
from tests.deck_support import EXAMPLES, FIXTURES, deck_bytes
from tests.office_support import convert, needs_soffice
from tests.templates_support import school_theme, word_contrasts

PLAN = next(p for p in EXAMPLES if "smart-meter" in p.name)
LONG = next(p for p in FIXTURES if p.stem == "long-en")
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MONO = {"Courier New"}


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    return {"dark": school_theme(folder / "dark.pptx", dark=True, widescreen=False),
            "light": school_theme(folder / "light.pptx", dark=False, widescreen=True,
                                  names=("Diapositive de titre", "Mise en page libre"))}


def slide_parts(blob: bytes):
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                if name.startswith("ppt/slides/slide") and name.endswith(".xml")}


@pytest.mark.parametrize("kind", ["builtin", "dark", "light"])
def test_no_run_forces_a_face_or_an_rgb_colour_over_the_theme(kind, templates):
    from lxml import etree
    blob = deck_bytes(str(PLAN), None, None if kind == "builtin" else str(templates[kind]))
    for name, xml in slide_parts(blob).items():
        root = etree.fromstring(xml.encode("utf-8"))
        for props in root.iter(f"{A}rPr", f"{A}endParaRPr"):
            latin = props.find(f"{A}latin")
            if latin is not None:
                assert latin.get("typeface") in {"+mn-lt", "+mj-lt"} | MONO, (name, latin.get("typeface"))
            assert props.find(f"{A}solidFill/{A}srgbClr") is None, (name, etree.tostring(props)[:200])


@pytest.mark.parametrize("kind", ["builtin", "dark", "light"])
def test_speaker_notes_and_bullets_take_theme_colours_not_rgb(kind, templates):
    """The notes follow the notes master's theme (no fixed RGB), and so do the slides' bullets."""
    blob = deck_bytes(str(PLAN), None, None if kind == "builtin" else str(templates[kind]))
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        notes = [name for name in archive.namelist() if name.startswith("ppt/notesSlides/notesSlide")]
        assert len(notes) >= 12
        for name in notes:
            xml = archive.read(name).decode("utf-8")
            assert "a:srgbClr" not in xml, name
            assert "<a:buClr><a:schemeClr" in xml or "a:buClr" not in xml, name
    for name, xml in slide_parts(blob).items():
        assert "<a:buClr><a:srgbClr" not in xml, name


@pytest.mark.parametrize("kind", ["builtin", "dark", "light"])
def test_every_content_slide_has_a_slide_number_field(kind, templates):
    blob = deck_bytes(str(PLAN), None, None if kind == "builtin" else str(templates[kind]))
    prs = Presentation(io.BytesIO(blob))
    for number, slide in enumerate(prs.slides, start=1):
        fields = slide._element.findall(f".//{A}fld[@type='slidenum']")
        if number == 1:
            continue  # the title slide
        assert len(fields) == 1, number
        assert fields[0].findtext(f"{A}t") == str(number)


def test_slide_size_and_its_type_come_from_the_template(templates):
    builtin = Presentation(io.BytesIO(deck_bytes(str(PLAN))))
    size = builtin.part._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz")
    assert size.get("type") is None and builtin.slide_width == 12192000
    dark = Presentation(io.BytesIO(deck_bytes(str(PLAN), None, str(templates["dark"]))))
    assert dark.slide_width == Inches(10) and dark.slide_height == Inches(7.5)
    size = dark.part._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz")
    assert size.get("type") == "screen4x3"
    light = Presentation(io.BytesIO(deck_bytes(str(PLAN), None, str(templates["light"]))))
    assert light.slide_width == 12192000


def test_renamed_layouts_and_french_names_are_found(templates):
    dark = Presentation(io.BytesIO(deck_bytes(str(PLAN), None, str(templates["dark"]))))
    names = [slide.slide_layout.name for slide in dark.slides]
    assert names[0] == "Couverture" and set(names[1:]) == {"Titre seul"}
    light = Presentation(io.BytesIO(deck_bytes(str(PLAN), None, str(templates["light"]))))
    names = [slide.slide_layout.name for slide in light.slides]
    assert names[0] == "Diapositive de titre" and set(names[1:]) == {"Mise en page libre"}


@needs_soffice
@pytest.mark.parametrize("kind, plan", [("dark", PLAN), ("light", PLAN), ("builtin", PLAN)])
def test_every_drawn_word_reads_against_what_lies_behind_it(kind, plan, templates, tmp_path):
    """LibreOffice draws the deck; each word pdftotext finds is measured on the page."""
    source = tmp_path / "deck.pptx"
    source.write_bytes(deck_bytes(str(plan), None, None if kind == "builtin" else str(templates[kind])))
    pdf = convert(source, "pdf", tmp_path)
    measured = word_contrasts(pdf)
    assert len(measured) > 300
    low = [(page, word, round(value, 2)) for page, word, value in measured if value < 4.5]
    # Anti-aliasing blurs the thinnest glyphs (a comma, a dot) at 100 dpi: allow those a little.
    assert [entry for entry in low if len(entry[1].strip(".,;:!?()«»—–-·")) > 1 and entry[2] < 4.5] == [], low[:20]


def test_the_builtin_theme_styles_every_layout_a_team_may_add():
    from planner.deck.palette import contrast
    prs = Presentation(io.BytesIO(deck_bytes(str(PLAN))))
    styled = 0
    for layout in prs.slide_master.slide_layouts:
        names = {shape.name for shape in layout.shapes}
        title = next((p for p in layout.placeholders if p.placeholder_format.type == 1), None)  # TITLE
        if layout.name == "Title Slide" or title is None or title.height > title.width:
            continue
        styled += 1
        assert {"Title bar", "Title rule"} <= names, layout.name
        colour = title._element.find(f".//{A}lvl1pPr/{A}defRPr/{A}solidFill/{A}srgbClr").get("val")
        assert contrast(colour, "1F3A5F") >= 4.5
        for item in layout.placeholders:
            if item.placeholder_format.type not in (1, 3, 13, 15, 16) and item.top is not None:
                assert item.top >= title.top + title.height, (layout.name, item.name)
    assert styled >= 6


def test_a_dark_4x3_template_keeps_the_timeline_together_and_the_deck_short(templates):
    """A 4:3 slide is narrower: a milestone title then wraps on three lines. That once sent every
    milestone to a slide of its own (and the deck to 29 slides): each row is as tall as its title
    needs, and the theme's fonts are measured as they draw, not by their widest ratio. In DejaVu
    Sans (15 % wider than Arial) six milestones need 322 pt of rows at 14 pt where the slide has
    317: two slides of three."""
    deck = Presentation(io.BytesIO(deck_bytes(str(PLAN), None, str(templates["dark"]))))
    rows = [sum(1 for shape in slide.shapes if shape.name.startswith("Text milestone"))
            for slide in deck.slides]
    timeline = [count for count in rows if count]
    assert timeline == [3, 3], timeline
    assert len(deck.slides) <= 24


def test_role_cards_on_a_narrow_slide_keep_every_word_whole(templates):
    """Four role cards side by side on a 4:3 slide cut 'caractéristiques' between letters; the
    cards go two a row instead, and every word of every card fits its line."""
    from planner.deck import textfit
    from planner.deck.markdown_runs import Run
    from planner.deck.textfit import Para, splits_a_word
    from planner.deck.theme import INSET_X
    deck = Presentation(io.BytesIO(deck_bytes(str(PLAN), None, str(templates["dark"]))))
    checked = 0
    with textfit.measured_with("DejaVu Serif", "DejaVu Sans"):
        for slide in deck.slides:
            for shape in slide.shapes:
                if not shape.name.startswith("Text role"):
                    continue
                width = (shape.width - 2 * INSET_X) / 12700
                for paragraph in shape.text_frame.paragraphs:
                    runs = tuple(Run(run.text, bold=bool(run.font.bold)) for run in paragraph.runs)
                    if runs:
                        checked += 1
                        assert not splits_a_word(Para(runs, paragraph.runs[0].font.size.pt), width), runs
    assert checked >= 16


@pytest.mark.parametrize("kind", ["builtin", "light", "light-4x3"])
def test_the_timeline_holds_six_milestones_on_one_slide(kind, templates, tmp_path):
    """Rows as tall as their own titles: one slide on the 16:9 templates and a 4:3 one in Arial
    metrics (every row as tall as the tallest made it two)."""
    if kind == "light-4x3":
        templates = {kind: school_theme(tmp_path / "light43.pptx", dark=False, widescreen=False)}
    deck = Presentation(io.BytesIO(deck_bytes(str(PLAN), None, None if kind == "builtin" else str(templates[kind]))))
    rows = [sum(1 for shape in slide.shapes if shape.name.startswith("Text milestone")) for slide in deck.slides]
    assert [count for count in rows if count] == [6]


def test_a_text_takes_the_colour_that_reads_on_what_was_drawn_under_it_before():
    """Colours are chosen as each text is written (deck.palette.Drawing): a text box over a
    dark card drawn before it reads light; one written before the card (so drawn under it),
    or beside it, reads on the slide; a card's own text on its fill."""
    from planner.deck import frames, palette, template, theme
    from planner.deck.markdown_runs import Run
    from planner.deck.textfit import Para

    found = template.load(None)
    layout = found.layouts["content"]
    colours = palette.from_presentation(found.prs, layout)
    slide = found.prs.slides.add_slide(layout)
    token = palette.DRAWING.set(palette.Drawing(colours, slide))
    try:
        para = [Para((Run("Kafka"),), 14)]
        card = theme.Rect(Inches(1), Inches(1), Inches(4), Inches(2))
        under = frames.textbox(slide, card.inset(Inches(0.2)), para, "en", name="under")
        dark = frames.shape(slide, card, fill="111111")
        frames.write(dark.text_frame, para, "en")
        over = frames.textbox(slide, card.inset(Inches(0.2)), para, "en", name="over")
        beside = frames.textbox(slide, theme.Rect(Inches(6), Inches(1), Inches(2), Inches(1)), para, "en",
                                name="beside")
    finally:
        palette.DRAWING.reset(token)
    outside = frames.textbox(slide, card, para, "en", name="no drawing")

    def written(shape):
        return [(fill[0].tag.split("}")[1], fill[0].get("val"))
                for fill in shape.element.iter(f"{A}solidFill") if fill.getparent().tag == f"{A}rPr"]

    light, dark_text = colours.slot_for("111111"), colours.slot_for(None)
    assert light != dark_text
    assert written(under) == written(beside) == [("schemeClr", dark_text)]
    assert written(dark) == written(over) == [("schemeClr", light)]
    assert written(outside) == [("srgbClr", theme.INK)]  # no slide being drawn: the deck's RGB


def test_speaker_notes_leave_the_main_text_colour_to_the_notes_master():
    """The notes' main text colour is left out (the notes master's text style draws it); a
    bullet keeps its colour, muted text reads on the notes page, a theme without colours
    leaves every colour out."""
    from planner.deck import palette, theme

    notes = palette.Palette({"dk1": "000000", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "E7E6E6"})
    assert notes.notes_slot(theme.INK, "solidFill") is None
    assert notes.notes_slot(theme.INK, "buClr") == "dk1"
    assert notes.notes_slot(theme.MUTED, "solidFill") == "dk2"
    assert palette.Palette().notes_slot(theme.MUTED, "buClr") is None
