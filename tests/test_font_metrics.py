"""Text measured as the renderer draws it (issues 9 and 10): the theme's fonts, glyph by glyph.

Calibri, Cambria, Arial, Times New Roman and Courier New are measured with the shipped width
tables of their metric-compatible twins; CJK and emoji with those of the fallback fonts
LibreOffice draws them with; any other font from the system's file, or as Liberation Sans
made wider, with a note. Checked against the word boxes of LibreOffice's PDF.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys

import pytest
from pptx import Presentation
from pptx.util import Emu, Pt
from tests.deck_support import EXAMPLES, ROOT, render_data
from tests.office_support import convert, needs_soffice
from tests.templates_support import school_theme

from planner.deck import fonts, textfit
from planner.deck.markdown_runs import Run
from planner.deck.textfit import Para, text_width

WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
OFFICE = ["Calibri", "Cambria", "Arial", "Times New Roman", "Courier New"]
# Words without kerning pairs: LibreOffice draws them exactly as wide as their advances.
PLAIN = ["Prévision", "consommation", "Kubernetes", "déploiement", "Überwachung", "Wattson·équipe",
         "李小龍", "田中さくら", "김민준", "🎉🚀"]
KERNED = ["AVAWAToTa", "MLflow,"]  # kerning narrows them: measured never narrower than drawn
TWINS_INSTALLED = all(fonts.system_font(family, "Regular") for family in ("Carlito", "Caladea", "Noto Sans CJK JP"))
needs_twins = pytest.mark.skipif(not TWINS_INSTALLED and "CI" not in __import__("os").environ,
                                 reason="Carlito, Caladea and Noto Sans CJK are not installed (CI installs them)")


def test_office_fonts_are_measured_with_their_metric_compatible_twins():
    expected = {"Calibri": "Carlito", "Cambria": "Caladea", "Arial": "Liberation Sans",
                "Times New Roman": "Liberation Serif", "Courier New": "Liberation Mono", "calibri": "Carlito"}
    for family, twin in expected.items():
        how = fonts.measure(family)
        assert (how.how, how.using, how.factor) == ("metric-compatible", twin, 1.0)
    with textfit.measured_with("Cambria", "Calibri"):
        # The body font (Calibri) measures text, the heading font (Cambria) titles: LibreOffice
        # draws "Prévision" 73.8 pt wide in Calibri and 76.0 pt in Cambria at 20 pt.
        assert text_width("Prévision", 20) / textfit.SAFETY == pytest.approx(73.8, abs=0.6)
        assert text_width("Prévision", 20, heading=True) / textfit.SAFETY == pytest.approx(76.0, abs=0.6)
    with textfit.measured_with("Arial", "Arial"):
        arial = text_width("consommation", 20)
    with textfit.measured_with("Calibri", "Calibri"):
        assert text_width("consommation", 20) < 0.95 * arial


def test_a_font_found_nowhere_is_measured_as_liberation_sans_made_wider():
    how = fonts.measure("No Such Font Planner")
    assert (how.how, how.using, how.factor) == ("fallback", "Liberation Sans", fonts.FALLBACK_FACTOR)
    with textfit.measured_with("Arial", "Arial"):
        arial = text_width("consommation", 20)
    with textfit.measured_with("No Such Font Planner", "No Such Font Planner"):
        assert text_width("consommation", 20) == pytest.approx(arial * fonts.FALLBACK_FACTOR)


def test_a_theme_deck_with_a_missing_font_says_so(tmp_path):
    from planner.deck import render_deck
    template = school_theme(tmp_path / "odd.pptx", dark=False, widescreen=True,
                            fonts=("No Such Font Planner", "Calibri"))
    warnings: list = []
    render_deck(render_data(str(next(p for p in EXAMPLES if "genai" in p.name))), str(template), warnings)
    text = [str(w) for w in warnings if "No Such Font Planner" in str(w)]
    assert len(text) == 1 and "10" in text[0], warnings
    assert not [w for w in warnings if "Calibri" in str(w)]


@pytest.mark.skipif(shutil.which("fc-match") is None or fonts.system_font("DejaVu Sans", "Regular") is None,
                    reason="fontconfig or DejaVu Sans missing")
def test_another_installed_font_is_read_from_the_system():
    how = fonts.measure("DejaVu Sans")
    assert how.how == "system" and how.using.endswith(".ttf")
    with textfit.measured_with("DejaVu Sans", "DejaVu Sans"):
        # DejaVu Sans draws "consommation" 148.2 pt wide at 20 pt (LibreOffice's PDF).
        assert text_width("consommation", 20) / textfit.SAFETY == pytest.approx(148.2, abs=0.5)


@needs_twins
@pytest.mark.parametrize("family, style", [("Carlito", "Regular"), ("Caladea", "Bold"),
                                           ("Liberation Sans", "Italic"), ("Noto Sans CJK JP", "Regular")])
def test_the_shipped_tables_are_what_the_generator_reads_from_the_installed_fonts(family, style):
    """tools/font_metrics.py made them: a font update shows here (run it again)."""
    shipped = json.loads(fonts.table_file(family, style).read_text(encoding="utf-8"))
    path, index = fonts.system_font(family, style)
    fresh = fonts.read_table(path, index)
    assert (fresh["segments"], fresh["runs"], fresh["units_per_em"]) == \
        (shipped["segments"], shipped["runs"], shipped["units_per_em"])


@pytest.mark.parametrize("path", sorted(fonts.TABLES.glob("*.json")), ids=lambda path: path.stem)
def test_a_face_gives_every_advance_its_table_lists_and_none_for_the_others(path):
    """A face keeps the table's runs of one advance as ranges: every code point of a segment or
    a run has its advance, the ones around them have none (the fallback fonts measure them)."""
    table = json.loads(path.read_text(encoding="utf-8"))
    face = fonts._face(path.stem, table)
    upm = table["units_per_em"]
    listed = {start + offset: value / upm
              for start, *values in table["segments"] for offset, value in enumerate(values)}
    listed.update((code, value / upm) for start, count, value in table["runs"] for code in range(start, start + count))
    around = {code + step for code in listed for step in (-1, 1)} - set(listed)
    assert all(face.advance(chr(code)) == width for code, width in listed.items())
    assert all(face.advance(chr(code)) is None for code in around if 0 <= code <= 0x10FFFF)


def test_cjk_and_emoji_take_their_fallback_fonts_widths_and_calibri_its_line_height():
    with textfit.measured_with("Calibri", "Calibri"):
        assert text_width("東京", 20) / textfit.SAFETY == pytest.approx(40.0)      # Noto Sans CJK: 1 em
        assert text_width("🎉", 20) / textfit.SAFETY == pytest.approx(24.9, abs=0.1)  # Noto Color Emoji
        assert text_width("\u0301", 20) == 0  # a combining mark takes no room
        # PowerPoint spaces Calibri's lines 1.22 em apart, more than LINE (1.2).
        assert textfit.para_height(Para((Run("x"),), 20), 100, first=True) == pytest.approx(20 * 1.2207)
    with textfit.measured_with("Arial", "Arial"):
        assert textfit.para_height(Para((Run("x"),), 20), 100, first=True) == pytest.approx(20 * textfit.LINE)


@needs_soffice
@needs_twins
def test_measured_widths_agree_with_libreoffices_word_boxes(tmp_path):
    """Each word alone on a line, in each Office font, regular and bold: pdftotext's box of the
    word drawn by LibreOffice against the measured width (without the safety margin)."""
    words = PLAIN + KERNED
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    combos = [(family, bold) for bold in (False, True) for family in OFFICE]
    for family, bold in combos:
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        for row, word in enumerate(words):
            box = slide.shapes.add_textbox(Emu(100000), Emu(100000 + row * 520000), Emu(11000000), Emu(480000))
            box.text_frame.word_wrap = False
            run = box.text_frame.paragraphs[0].add_run()
            run.text, run.font.size, run.font.name, run.font.bold = word, Pt(20), family, bold
    source = tmp_path / "words.pptx"
    prs.save(source)
    pdf = convert(source, "pdf", tmp_path)
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout
    pitch = 520000 / 12700
    off = []
    for (family, bold), page in zip(combos, html.split("<page ")[1:], strict=True):
        lines: dict = {}
        for x0, y0, x1, y1, _text in WORD.findall(page):
            row = int(((float(y0) + float(y1)) / 2 - 100000 / 12700) // pitch)
            low, high = lines.get(row, (1e9, 0.0))
            lines[row] = (min(low, float(x0)), max(high, float(x1)))
        with textfit.measured_with(family, family):
            for row, word in enumerate(words):
                low, high = lines[row]
                drawn, measured = high - low, text_width(word, 20, bold=bold) / textfit.SAFETY
                if word in KERNED:
                    wrong = measured < drawn - 0.5
                else:
                    wrong = abs(measured - drawn) > max(0.6, 0.015 * drawn)
                if wrong:
                    off.append((family, bold, word, round(drawn, 2), round(measured, 2)))
    assert off == []


def test_check_template_says_how_each_theme_font_is_measured(tmp_path):
    template = school_theme(tmp_path / "office.pptx", dark=False, widescreen=False,
                            fonts=("Cambria", "Calibri"))
    odd = school_theme(tmp_path / "odd.pptx", dark=True, widescreen=True, fonts=("No Such Font Planner", "Arial"))
    env = {"PYTHONPATH": str(ROOT), "PATH": __import__("os").environ["PATH"]}

    def run(*args):
        done = subprocess.run([sys.executable, "-m", "planner", "build", "--check-template", *args],
                              capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        return done.stdout

    out = run("--template", str(template))
    assert "heading font Cambria: measured with Caladea's widths (metric-compatible" in out
    assert "body font Calibri: measured with Carlito's widths" in out
    out = run("--template", str(odd))
    assert "No Such Font Planner: not installed; measured as Liberation Sans (Arial's widths) made 10 % wider" in out
    assert "body font Arial: measured with Liberation Sans's widths" in out
    out = run("--template", str(odd), "--lang", "fr")
    assert "No Such Font Planner" in out and "non installée" in out


def test_a_template_title_keeps_its_placeholders_size_unless_it_must_shrink(tmp_path):
    from planner.deck import render_deck
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    template = school_theme(tmp_path / "dark.pptx", dark=True, widescreen=False)
    deck = Presentation(io.BytesIO(render_deck(render_data(str(next(p for p in EXAMPLES if "smart" in p.name))),
                                               str(template))))
    kept = shrunk = 0
    for slide in list(deck.slides)[1:]:
        sizes = {props.get("sz") for props in slide.shapes.title._element.iter(f"{a}rPr")}
        if sizes == {None}:
            kept += 1  # the template's 44 pt, inherited
        else:
            shrunk += 1
            assert all(int(size) < 4400 for size in sizes)
    assert kept >= 8 and shrunk >= 1


@needs_soffice
@needs_twins
def test_a_calibri_cambria_4x3_deck_with_a_cjk_team_spills_nowhere(tmp_path):
    """The stress plan (CJK team and member names, long justifications, 12 milestones, 10 risks)
    on a 4:3 school template in Calibri and Cambria, drawn by LibreOffice with Carlito and
    Caladea: every word pdftotext finds lies inside a shape of its slide."""
    from tests.deck_support import all_shapes
    from tests.stressplans import stress, write
    from tests.test_deck_pdf import PAGE, SLACK, _box

    from planner.deck import render_deck
    template = school_theme(tmp_path / "office.pptx", dark=False, widescreen=False, fonts=("Cambria", "Calibri"))
    data = render_data(str(write(stress(minutes=15, lang="en", members=4, cjk=True), tmp_path / "plan.yaml")))
    blob = render_deck(data, str(template))
    deck = Presentation(io.BytesIO(blob))
    source = tmp_path / "deck.pptx"
    source.write_bytes(blob)
    pdf = convert(source, "pdf", tmp_path)
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout
    pages = PAGE.findall(html)
    assert len(pages) == len(deck.slides)
    outside, cjk = [], 0
    for number, ((width, _height, words), slide) in enumerate(zip(pages, deck.slides), start=1):
        scale = float(width) / deck.slide_width
        boxes = [_box(s, scale) for s in all_shapes(slide) if s.width and s.height is not None]
        for x0, y0, x1, y1, text in WORD.findall(words):
            x0, y0, x1, y1 = float(x0), float(y0), float(x1), float(y1)
            cjk += any("\u3000" <= ch <= "\u9fff" for ch in text)
            if not any(b[0] - SLACK <= x0 and x1 <= b[2] + SLACK and b[1] - SLACK <= y0 and y1 <= b[3] + SLACK
                       for b in boxes):
                outside.append((number, text))
    assert cjk >= 3 and outside == []
