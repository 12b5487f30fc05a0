"""Titles and team names are never cut (issue 9): they wrap or step down within the theme.

Very long project titles and team names, in French and English, on the built-in 16:9
deck and on a 4:3 school template: the title slide shows the whole title and the whole
team name, no title or subtitle ends in "…", the text fits its box as measured, and the
size stays within the theme's bounds (the least body size at the smallest).
"""

from __future__ import annotations

import io
import shutil
from html import unescape

import pytest
from pptx import Presentation

from deck_support import render_data
from stressplans import stress, write

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

TITLES = {
    "fr": ("Prévision en temps réel de la consommation électrique résidentielle à partir de compteurs "
           "intelligents simulés, avec détection de dérive des données, réentraînement automatique "
           "hebdomadaire et déploiement hybride entre le serveur du laboratoire et Calcul Québec"),
    "en": ("Real-time forecasting of residential electricity consumption from simulated smart meters, "
           "with data drift detection, weekly automatic retraining, a feature store and a hybrid "
           "deployment between the laboratory's server and a national research computing cluster"),
}
TEAMS = {
    "fr": "Les Ingénieures et Ingénieurs Intrépides de l'Apprentissage Automatique Responsable de Montréal",
    "en": "The Fearless Engineers of Responsible and Reproducible Machine Learning at the Computing Lab",
}


def _deck(tmp_path, lang, template):
    from planner.deck import render_deck
    data = stress(components=8, flows=8, lang=lang)
    data["project"]["title"] = TITLES[lang]
    data["team"]["name"] = TEAMS[lang]
    path = write(data, tmp_path / f"long-{lang}.yaml")
    rendered = render_data(str(path))
    if template:
        from test_deck_template import school_template
        template_path = school_template(tmp_path / "school.pptx", example_slides=0)
        from deck_support import deck_bytes
        blob = deck_bytes(str(path), template=str(template_path))
    else:
        blob = render_deck(rendered)
    return Presentation(io.BytesIO(blob)), rendered


@pytest.mark.parametrize("template", [False, True], ids=["16x9", "4x3-template"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_long_titles_and_team_names_wrap_or_step_down_and_are_never_cut(tmp_path, lang, template):
    from planner.deck import fonts, textfit, theme
    from planner.deck.markdown_runs import Run
    from planner.deck.template import title_style
    from planner.deck.textfit import Para, fits
    deck, data = _deck(tmp_path, lang, template)
    families = fonts.theme_fonts(deck) if template else (textfit.SANS, textfit.SANS)
    assert (deck.slide_width == 12192000) != template  # 16:9 built in, 4:3 template
    first = deck.slides[0]
    title = first.shapes.title
    assert " ".join(title.text_frame.text.split()) == TITLES[lang]
    subtitle = " ".join(shape.text_frame.text for shape in first.placeholders if shape != title)
    assert TEAMS[lang] in " ".join(subtitle.split())
    for slide in deck.slides:
        holder = slide.shapes.title
        if holder is None:
            continue
        text = holder.text_frame.text
        assert not text.rstrip().endswith("…"), text
        # A template's title that fits at the template's own size is written without one (it
        # inherits it); the built-in theme's titles are bold, a template's as its title style says.
        kept, bold = title_style(slide) if template else (None, True)
        sizes = [run.font.size.pt for para in holder.text_frame.paragraphs for run in para.runs if run.font.size]
        sizes = sizes or ([kept] if kept else [])
        assert sizes and min(sizes) >= theme.SIZES.body_min, (text, sizes)
        # Measured as drawn, in the theme's heading font: the whole title fits its box at the size written.
        inset_x, inset_y = (theme.INSET_X, theme.INSET_Y) if not template else (91440, 45720)
        width = (holder.width - 2 * inset_x) / 12700
        height = (holder.height - 2 * inset_y) / 12700
        with textfit.measured_with(*families):
            assert fits([Para((Run(text),), sizes[0], bold=bold, heading=True)], width, height), text
    for shape in first.placeholders:
        assert not shape.text_frame.text.rstrip().endswith("…")
    del data


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")),
                    reason="LibreOffice and poppler are needed")
@pytest.mark.parametrize("template", [False, True], ids=["16x9", "4x3-template"])
def test_as_libreoffice_draws_it_the_whole_title_is_inside_its_box(tmp_path, template):
    """Every word of the title slide lies inside its placeholder, and the title's last words
    are there: wrapped, not cut (French, the longer of the two)."""
    from test_deck_pdf import SLACK, WORD, _box, _pdf
    deck, _data = _deck(tmp_path, "fr", template)
    buffer = io.BytesIO()
    deck.save(buffer)
    (width, _height, words), *_rest = _pdf(buffer.getvalue(), tmp_path)
    scale = float(width) / deck.slide_width
    boxes = [_box(shape, scale) for shape in deck.slides[0].placeholders]
    found = WORD.findall(words)
    for x0, y0, x1, y1, text in found:
        x0, y0, x1, y1 = float(x0), float(y0), float(x1), float(y1)
        assert any(b[0] - SLACK <= x0 and x1 <= b[2] + SLACK and b[1] - SLACK <= y0 and y1 <= b[3] + SLACK
                   for b in boxes), text
    page = " ".join(unescape(text) for *_xy, text in found)
    assert "Calcul Québec" in page and "Montréal" in page and "…" not in page
