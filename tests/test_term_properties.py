"""Properties of the instructor's-term outputs: no cell a spreadsheet runs, sheets read back."""

from __future__ import annotations

import csv
import io

from hypothesis import example, given, settings
from hypothesis import strategies as st

from planner.export import FORMATS, Options, clean, export
from planner.grade.sheet import parse, render_value

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_clean_never_leaves_a_formula_or_a_line_break(value):
    cleaned = clean(value)
    assert not cleaned.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert "\n" not in cleaned and "\r" not in cleaned


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT, TEXT), min_size=1, max_size=6))
def test_every_student_once_and_every_csv_parses(people):
    roster: dict = {}
    for number, (team, name, student_id) in enumerate(people):
        roster.setdefault(team or "T", []).append(
            {"name": name or "X", "email": f"s{number}@example.org", "student_id": student_id})
    for fmt in ("moodle", "canvas"):
        result = export(roster, fmt, Options())
        rows = list(csv.reader(io.StringIO(result.text, newline="")))
        assert rows[0] == list(FORMATS[fmt].header(Options()))
        assert len(rows) - 1 == result.rows == len(people)
        for row in rows[1:]:
            assert all(not cell.startswith(("=", "+", "-", "@")) for cell in row)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_as_a_sheet_without_crashing(text):
    sheet = parse(text, "x.md")
    for block in sheet.blocks:
        for line, column in block.where.values():
            assert line >= 1 and column >= 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="`\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
                                      blacklist_categories=("Cs",)), max_size=80)
       .map(lambda text: "\n".join(part.strip() for part in text.split("\n")).strip()))
@example("Bon travail.\n\nÀ revoir : les risques.")  # paragraphs: the blank line was lost
def test_a_comment_written_back_reads_the_same(comment):
    text = f"```grade stack\nscore: 2\ncomment: {render_value(comment)}\n```\n"
    block = parse(text, "x.md").blocks[0]
    assert block.values["score"] == "2"
    got = block.values.get("comment", "")
    assert got == "\n".join(line for line in comment.split("\n")) or not comment
