"""Speaker notes as a timed script: cue, key message, talking points that fit the slide's time."""

from __future__ import annotations

import re

import pytest
import yaml
from tests.cli_support import run_planner
from tests.deck_support import CUE, EXAMPLES, FIXTURES, course, notes_text, open_deck, seconds

from planner.deck.script import capacity

PLANS = EXAMPLES + FIXTURES
KEY = {"fr": "Message clé : ", "en": "Key message: "}


def script_lines(text: str, lang: str):
    """(key message, talking points) of a timed slide's notes."""
    lines = text.split("\n")
    assert CUE.match(lines[0]), lines[0]
    assert lines[1].startswith(KEY[lang]), lines[1]
    key = lines[1][len(KEY[lang]):]
    points = []
    if len(lines) > 2 and lines[2].startswith(("À dire", "Say")):
        for line in lines[3:]:
            if line.startswith(("(", "Passez", "Hand over", "Fin de", "End of")):
                break
            points.append(line)
    return key, points


@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_every_timed_slide_has_a_key_message_and_points_that_fit_its_time(path):
    deck = open_deck(path)
    lang = "fr" if "Orateur" in notes_text(deck.slides[0]) else "en"
    rate = course().speaking_rate(lang)
    timed = 0
    for slide in deck.slides:
        text = notes_text(slide)
        cue = CUE.match(text.split("\n", 1)[0])
        if cue is None:  # a backup slide: its own notes, no time
            assert text.split("\n")[1].startswith(KEY[lang])
            continue
        timed += 1
        budget = seconds(*cue.group(3, 4)) - seconds(*cue.group(1, 2))
        key, points = script_lines(text, lang)
        assert key.strip() and key.count(". ") <= 1  # one sentence
        said = len(key.split()) + sum(len(point.split()) for point in points)
        assert said <= capacity(budget, rate), (slide.shapes.title.text, said, budget)
    assert timed >= 10


def test_continuation_slides_have_their_own_notes():
    deck = open_deck(next(p for p in FIXTURES if p.stem == "long-en"))
    previous_notes, continued = None, 0
    for slide in deck.slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        text = notes_text(slide)
        if "(continued)" in title and CUE.match(text.split("\n", 1)[0]):
            continued += 1
            key, points = script_lines(text, "en")
            assert "continued" in key and text != previous_notes
            assert points or "(the rest" in text
        previous_notes = text
    assert continued >= 1


def test_the_speaking_rate_comes_from_the_course(tmp_path):
    source = yaml.safe_load((EXAMPLES[0].parent.parent / "planner/data/course.yaml").read_text(encoding="utf-8"))
    source["presentation"]["words_per_minute"] = {"fr": 60, "en": 60}
    slow = tmp_path / "course.yaml"
    slow.write_text(yaml.safe_dump(source, allow_unicode=True), encoding="utf-8")
    plan = next(p for p in EXAMPLES if p.stem == "genai-assistant-en")
    fast = run_planner("build", plan, "-o", tmp_path / "fast", "--only", "deck")
    slowed = run_planner("build", plan, "-o", tmp_path / "slow", "--only", "deck", "--course", slow)
    assert fast.returncode == 0 and slowed.returncode == 0, slowed.stderr
    wordy = [line for line in slowed.stderr.splitlines() if "[PLN701]" in line]
    assert len(wordy) > fast.stderr.count("[PLN701]")
    assert "at 60 words/min" in wordy[0] and " warning [PLN701] slide " in wordy[0]
    # Each finding points at the plan section its slide shows, not at the file's first line.
    lines = plan.read_text(encoding="utf-8").splitlines()
    for finding in wordy:
        where = re.match(re.escape(f"{plan}:") + r"(\d+):(\d+): ", finding)
        assert where, finding
        line, column = int(where[1]), int(where[2])
        assert line > 1 and re.match(r"\s*(- )?[a-z_-]+:", lines[line - 1][column - 1:]), finding
    from pptx import Presentation
    deck = Presentation(str(next((tmp_path / "slow").glob("*/deck.pptx"))))
    assert "at 60 words/min" in notes_text(deck.slides[1])


def test_a_wordy_slide_is_reported_in_french(tmp_path):
    plan = yaml.safe_load(next(p for p in EXAMPLES if p.stem == "smart-meter-fr").read_text(encoding="utf-8"))
    plan["presentation"] = {"minutes": 8}
    path = tmp_path / "court.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    result = run_planner("build", path, "-o", tmp_path / "out", "--only", "deck")
    assert result.returncode == 0, result.stderr
    wordy = [line for line in result.stderr.splitlines() if "[PLN701]" in line]
    assert wordy and "mots affichés, plus que les" in wordy[0] and "à 140 mots/min" in wordy[0]


def _words_as_python_pptx_reads_them(shapes) -> int:
    """The words of every text frame (in groups too) and table cell, through python-pptx,
    but the footer and legends, which nobody reads out."""
    from planner.deck.script import UNSPOKEN
    total = 0
    for shape in shapes:
        if shape.shape_type == 6:  # a group
            total += _words_as_python_pptx_reads_them(shape.shapes)
        elif shape.name.startswith(UNSPOKEN):
            continue
        elif shape.has_text_frame:
            total += len(shape.text_frame.text.split())
        elif getattr(shape, "has_table", False) and shape.has_table:
            total += sum(len(cell.text.split()) for row in shape.table.rows for cell in row.cells)
    return total


def test_shown_words_counts_what_python_pptx_reads():
    """shown_words reads the XML: the same count as python-pptx's text frames, for text
    boxes, line breaks, fields, groups, tables and a shape without text."""
    from pptx import Presentation
    from pptx.util import Inches

    from planner.deck.script import shown_words
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(0, 0, Inches(3), Inches(1)).text_frame
    box.text = "three words here"
    para = box.add_paragraph()
    para.add_run().text = "split"
    para.add_line_break()
    para.add_run().text = "by a break"
    slide.shapes.add_shape(1, 0, 0, Inches(1), Inches(1))  # no text at all
    group = slide.shapes.add_group_shape()
    group.shapes.add_textbox(0, 0, Inches(1), Inches(1)).text_frame.text = "in a group"
    table = slide.shapes.add_table(2, 2, 0, Inches(2), Inches(3), Inches(1)).table
    table.cell(0, 0).text = "cell one"
    table.cell(1, 1).text = "cell\nfour words"
    expected = _words_as_python_pptx_reads_them(slide.shapes)
    assert expected == 3 + 4 + 3 + 5
    assert shown_words(slide) == expected


@pytest.mark.parametrize("plan", PLANS[:2], ids=lambda path: path.stem)
def test_shown_words_of_built_slides(plan):
    from planner.deck.script import shown_words
    deck = open_deck(plan)
    for slide in deck.slides:
        assert shown_words(slide) == _words_as_python_pptx_reads_them(slide.shapes)


@pytest.mark.parametrize("plan", PLANS[:1], ids=lambda path: path.stem)
def test_every_slide_has_its_own_notes_page(plan):
    """Notes pages copied from the first one: each is its own part, related to its slide and
    to the notes master, with the master's placeholders (slide image, notes, number)."""
    deck = open_deck(plan)
    names = set()
    for slide in deck.slides:
        assert slide.has_notes_slide
        notes = slide.notes_slide
        names.add(str(notes.part.partname))
        assert notes.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/"
                                          "relationships/slide") is slide.part
        assert notes.notes_placeholder is not None and notes.notes_text_frame.text
        assert len(notes.placeholders) == 3
    assert len(names) == len(deck.slides)
