"""--template: a user's .pptx, its layouts found by name, a clear error when one is missing."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from pptx import Presentation
from pptx.util import Inches

from deck_support import EXAMPLES, FIXTURES, cue_of, open_deck, render_data

PLAN = next(p for p in EXAMPLES if "smart-meter" in p.name)


def school_template(path, names=("Diapositive de titre", "Titre seul"), example_slides=2, widescreen=False):
    """A template as a school would make one: renamed (French) layouts and example slides."""
    prs = Presentation()
    if widescreen:
        prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    layouts["Title Slide"].name = names[0]
    layouts["Title Only"].name = names[1]
    layouts["Title and Content"].name = "Titre et texte"  # not one the deck looks for
    for number in range(example_slides):
        slide = prs.slides.add_slide(layouts["Title Slide"])
        slide.shapes.title.text = f"EXAMPLE SLIDE {number}"
    prs.save(path)
    return path


def test_a_school_template_is_used_by_layout_name_without_its_example_slides(tmp_path):
    template = school_template(tmp_path / "school.pptx", widescreen=True)
    deck = open_deck(PLAN, template=str(template))
    builtin = open_deck(PLAN)
    # The template's own placeholders give other text room: continuation pages may differ.
    def outline(d):
        return list(dict.fromkeys(s.shapes.title.text.removesuffix(" (suite)") for s in d.slides))
    assert outline(deck) == outline(builtin)
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert not any("EXAMPLE SLIDE" in text for text in texts)
    layouts = [slide.slide_layout.name for slide in deck.slides]
    assert layouts[0] == "Diapositive de titre"
    assert set(layouts[1:]) == {"Titre seul"}
    data = render_data(str(PLAN))
    assert deck.slides[0].shapes.title.text == data.plan.project.title
    # Same outline, same cues, whatever the template.
    def cues(d):
        return [(cue_of(s)[1], cue_of(s)[2], cue_of(s)[6]) for s in d.slides
                if cue_of(s) and " (suite)" not in s.shapes.title.text]
    assert cues(deck) == cues(builtin)  # each outline slide starts at the same time, same speaker


def test_a_template_deck_keeps_every_shape_on_its_4_by_3_slide(tmp_path):
    from deck_support import all_shapes, bounds, missing_items
    template = school_template(tmp_path / "school.pptx")
    path = next(p for p in FIXTURES if p.name.startswith("long"))
    deck = open_deck(path, template=str(template))
    assert deck.slide_width == Inches(10)  # the template's own size, not ours
    assert missing_items(deck, render_data(str(path)).plan) == []  # nothing lost on a smaller slide
    for slide in deck.slides:
        for shape in all_shapes(slide):
            left, top, right, bottom = bounds(shape)
            assert left >= 0 and top >= 0 and right <= deck.slide_width and bottom <= deck.slide_height, shape.name


def test_renamed_layouts_are_found_by_their_placeholder_types(tmp_path):
    template = school_template(tmp_path / "odd.pptx", names=("Couverture", "Contenu libre"))
    deck = open_deck(PLAN, template=str(template))
    layouts = [slide.slide_layout.name for slide in deck.slides]
    assert layouts[0] == "Couverture"  # centred title and subtitle
    assert set(layouts[1:]) == {"Contenu libre"}  # a title and nothing else: the renamed "Title Only"


def titleless_template(path):
    """Every layout without its title placeholder: no layout can hold a slide's title."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        for item in list(layout.placeholders):
            if item.placeholder_format.type in (1, 3):  # TITLE, CENTER_TITLE
                item._element.getparent().remove(item._element)
    prs.save(path)
    return path


def test_a_missing_layout_is_a_clear_error_listing_the_templates_layouts(tmp_path):
    from planner.deck import render_deck
    from planner.errors import TemplateError
    template = titleless_template(tmp_path / "odd.pptx")
    with pytest.raises(TemplateError) as caught:
        render_deck(render_data(str(PLAN)), str(template))
    message = str(caught.value)
    assert "'Title Slide'" in message and "nor any other layout" in message and "'Blank'" in message
    assert str(template) in message


def test_build_with_a_broken_template_exits_2_without_a_traceback(tmp_path):
    template = titleless_template(tmp_path / "odd.pptx")
    for layout_file in (template, tmp_path / "notes.txt"):
        if layout_file.suffix == ".txt":
            layout_file.write_text("not a deck", encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "planner", "build", str(PLAN), "-o", str(tmp_path / "out"),
                               "--only", "deck", "--template", str(layout_file)], capture_output=True, text=True)
        assert done.returncode == 2
        assert "Traceback" not in done.stderr
        assert str(layout_file) in done.stderr
    assert not (tmp_path / "out" / "wattson" / "deck.pptx").exists()


def test_check_template_lists_the_layouts_and_the_ones_used(tmp_path):
    template = school_template(tmp_path / "school.pptx")
    done = subprocess.run([sys.executable, "-m", "planner", "build", "--template", str(template),
                           "--check-template"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "'Diapositive de titre'" in out and "<- title slides" in out
    assert "'Titre seul'" in out and "<- content slides" in out
    assert "'Titre et texte'" in out


def test_a_potx_template_is_accepted(tmp_path):
    import zipfile
    pptx_file = school_template(tmp_path / "school.pptx", widescreen=True)
    potx = tmp_path / "school.potx"
    main = b"presentationml.presentation.main+xml"
    with zipfile.ZipFile(pptx_file) as source, zipfile.ZipFile(potx, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(main, b"presentationml.template.main+xml")
            target.writestr(info, data)
    deck = open_deck(PLAN, template=str(potx))
    assert deck.slide_width == Inches(13.333)
    assert deck.slides[1].slide_layout.name == "Titre seul"


def test_five_members_on_a_4_by_3_template_lose_nothing_of_their_cards(tmp_path):
    """Five role cards did not hold on a 4:3 slide: what each member presents, their speaking
    time and the stages they own were cut, leaving a bare 'Presents' heading. The cards now
    go on more slides (fewer members a slide), each card whole."""
    from stressplans import stress, write
    from templates_support import school_theme
    template = school_theme(tmp_path / "dark.pptx", dark=True, widescreen=False)
    path = write(stress(components=6, flows=6, members=5, lang="en"), tmp_path / "five.yaml")
    deck = open_deck(str(path), template=str(template))
    data = render_data(str(path))
    cards: dict = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.name.startswith("Text role "):
                cards.setdefault(shape.name.removeprefix("Text role "), []).append(shape.text_frame.text)
    assert sorted(cards) == sorted(member.name for member in data.plan.members)
    for texts in cards.values():
        text = "\n".join(texts)
        assert re.search(r"Speaking time: \d\d:\d\d", text), text
        for heading in ("Presents", "Owns"):
            lines = text.splitlines()
            assert all(lines[i + 1] and lines[i + 1] not in ("Presents", "Owns", "Speaking time")
                       for i, line in enumerate(lines) if line == heading), text
            assert lines[-1] != heading, text
    owner = data.plan.members[0].name  # the stress plan gives every stage to the first member
    assert "Orchestration and CI/CD" in "\n".join(cards[owner])


def test_the_shipped_built_in_theme_is_what_the_code_makes():
    """planner/data/theme/builtin.pptx is generated (python tools/builtin_theme.py) from
    python-pptx's default template and planner.deck.builtin_theme: a change of the look, of
    the theme's colours or of python-pptx shows here until the file is written again."""
    import zipfile

    from planner.deck import builtin_theme, template, theme
    shipped = template.BUILTIN.read_bytes()
    assert shipped == builtin_theme.package(), "run: python tools/builtin_theme.py"
    with zipfile.ZipFile(template.BUILTIN) as archive:
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}
        assert "ppt/theme/theme1.xml" in archive.namelist()
    prs = Presentation(str(template.BUILTIN))
    assert (prs.slide_width, prs.slide_height) == (theme.SLIDE_WIDTH, theme.SLIDE_HEIGHT)
    assert [layout.name for layout in prs.slide_layouts][:2] == ["Title Slide", "Title and Content"]
