"""Text never overflows: every text frame of every deck is measured with the real font metrics.

The built-in theme names Arial and Courier New; the measurement uses the width tables of
Liberation Sans and Mono shipped in planner/data/fonts/metrics, which have the same advance
widths (tests/test_font_metrics.py checks them, and a template's fonts, against LibreOffice).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx.oxml.ns import qn

from deck_support import (
    FIXTURES,
    PLANS,
    all_shapes,
    backup_slides,
    missing_items,
    open_deck,
    plan_id,
    render_data,
    timed_slides,
)
from planner.deck.markdown_runs import Run
from planner.deck.textfit import Para, height, line_count, text_width

EMU_PER_PT = 12700


def _insets(shape):
    body = shape.text_frame._txBody.find(qn("a:bodyPr"))
    get = lambda name, default: int(body.get(name, default))  # noqa: E731
    return get("lIns", 91440), get("rIns", 91440), get("tIns", 45720), get("bIns", 45720)


def _text_area(shape):
    """Width and height (pt) where the text goes, as PowerPoint computes it."""
    left, right, top, bottom = _insets(shape)
    width, tall = shape.width - left - right, shape.height - top - bottom
    geometry = shape._element.find(f".//{qn('a:prstGeom')}")
    if geometry is not None and geometry.get("prst") == "roundRect":
        # A rounded rectangle's text box is inset by 29.3 % of its corner radius.
        radius = shape.adjustments[0] * min(shape.width, shape.height)
        width -= 2 * radius * 0.29289
        tall -= 2 * radius * 0.29289
    return width / EMU_PER_PT, tall / EMU_PER_PT


def _paras(shape):
    out = []
    for paragraph in shape.text_frame.paragraphs:
        ppr = paragraph._p.find(qn("a:pPr"))
        runs, sizes = [], set()
        for run in paragraph.runs:
            if run.font.size is None:
                continue
            sizes.add(run.font.size.pt)
            runs.append(Run(run.text, bold=bool(run.font.bold), italic=bool(run.font.italic),
                            code=run.font.name == "Courier New"))
        if not runs:
            continue
        assert len(sizes) == 1, f"{shape.name}: one size per paragraph"
        bullet = ppr is not None and ppr.find(qn("a:buChar")) is not None
        before = ppr.find(f"{qn('a:spcBef')}/{qn('a:spcPts')}") if ppr is not None else None
        out.append(Para(tuple(runs), sizes.pop(), bullet="•" if bullet else "",
                        indent=int(ppr.get("marL", 0)) / EMU_PER_PT if bullet else 0.0,
                        space_before=int(before.get("val")) / 100 if before is not None else 0.0))
    return out


@pytest.mark.parametrize("path", PLANS, ids=plan_id)
def test_every_text_frame_holds_its_text(path):
    deck = open_deck(path)
    for number, slide in enumerate(deck.slides, start=1):
        for shape in all_shapes(slide):
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            paras = _paras(shape)
            width, tall = _text_area(shape)
            need = height(paras, width)
            assert need <= tall + 0.5, f"slide {number}, {shape.name!r}: {need:.1f} pt of text in {tall:.1f} pt"


@pytest.mark.parametrize("path", PLANS, ids=plan_id)
def test_body_text_is_never_under_14_pt_and_diagram_labels_never_under_10(path):
    deck = open_deck(path)
    for slide in deck.slides:
        for shape in all_shapes(slide):
            if not shape.has_text_frame:
                continue
            sizes = [run.font.size.pt for p in shape.text_frame.paragraphs for run in p.runs if run.font.size]
            if shape.name.startswith("Text ") or shape.name == "Title":
                floor = 20 if shape.name == "Title" else 14
                assert min(sizes, default=floor) >= floor, shape.name
            else:
                assert min(sizes, default=10) >= 10, shape.name


@pytest.mark.parametrize("path", PLANS, ids=plan_id)
def test_one_line_labels_stay_on_one_line(path):
    """Month names, dates and legends are sized to their measured text: no wrapping."""
    deck = open_deck(path)
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.name.startswith(("Label month", "Label due", "Legend text", "Label final",
                                          "Label likelihood", "Label impact")):
                continue
            width, _tall = _text_area(shape)
            for para in _paras(shape):
                assert line_count(para, width) == 1, shape.name


def test_a_long_plan_loses_nothing_continuing_on_timed_then_backup_slides():
    path = next(p for p in FIXTURES if p.name.startswith("long"))
    deck = open_deck(path)
    data = render_data(str(path))
    assert missing_items(deck, data.plan) == []
    titles = [slide.shapes.title.text for slide in deck.slides]
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert not any("see the plan" in text or "voir le plan" in text for text in texts)
    assert any(title.endswith("(continued)") for title in titles)
    # The talk ends on the closing slide; what it has no time for follows as appendix.
    timed = timed_slides(deck, data)
    assert timed[-1].shapes.title.text == data.labels["slides"]["questions"]
    assert backup_slides(deck, data) == list(deck.slides)[len(timed):]
    # Every outline slide is still there, in order.
    outline_titles = [data.labels["slides"][s.id] for s in data.outline.slides[1:]]
    shown = [t.removesuffix(" (continued)").split(" · ")[0] for t in titles[1:len(timed)]]
    assert list(dict.fromkeys(shown)) == outline_titles


# Latin, hyphens, dashes and slashes, CJK with its kinsoku punctuation, emoji, then anything.
BREAKING = (st.text(st.sampled_from(list("aZé9-‐–—/.,「」『』（）、。ー々東京チム😀🎉’«» ")), max_size=24)
            | st.text(max_size=24))


@settings(max_examples=300, deadline=None)
@given(BREAKING, st.booleans())
def test_a_word_breaks_exactly_where_the_rule_allows_character_by_character(text, slashes):
    """pieces() only looks at the characters a line may break after (a regex finds them);
    it breaks where breakable_after() says so for each pair, as the rule is written."""
    from planner.deck.textfit import breakable_after, pieces
    text = text.replace(" ", "")
    cuts = [i for i in range(1, len(text))
            if breakable_after(text[i - 1], text[i]) and (slashes or text[i - 1] != "/")
            and not (text[i - 1] == "-" and not (i >= 2 and text[i - 2].isalnum()))]
    assert pieces(text, slashes) == [text[a:b] for a, b in zip([0] + cuts, cuts + [len(text)]) if a < b]


def test_a_layout_asked_again_is_the_same_and_the_callers_own_to_change():
    """layout.flow and balanced remember what they laid out (a rebuild by --watch asks again
    for the slides that did not change): equal blocks give the pages a fresh layout gives,
    in lists the caller may change, and another theme font is another layout."""
    from planner.deck import layout, textfit, theme
    from planner.deck.layout import Block
    words = {"continued": "(continued)", "more": "+ {count} more"}
    box = (300, 330)

    def blocks():
        item = (Run("Prévoir la consommation de chaque foyer heure par heure, sept jours à l'avance"),)
        return [Block("Objectifs", (item,) * 7, sources=tuple(("project", "objectives", i) for i in range(7))),
                Block("Indicateurs", (item,) * 5)]

    first = layout.flow([blocks()], [box], words, max_pages=3)
    first[1][0][0].clear()
    again = layout.flow([blocks()], [box], words, max_pages=3)
    assert again == layout._flow([blocks()], [box], words, theme.SIZES.body_max, theme.SIZES.body_min, 3, {})
    assert [para.source for para in again[1][0][0] if para.bullet][:2] == [("project", "objectives", 0),
                                                                           ("project", "objectives", 1)]
    laid = layout.balanced(blocks(), 2, [box, box], words, preferred=1)
    assert laid == layout.balanced(blocks(), 2, [box, box], words, preferred=1)
    with textfit.measured_with("Courier New", "Courier New"):  # wider: the same blocks lay out otherwise
        wide = layout.flow([blocks()], [box], words, max_pages=3)
        assert wide == layout._flow([blocks()], [box], words, theme.SIZES.body_max, theme.SIZES.body_min, 3, {})
        assert wide != again


def test_measurement_uses_the_shipped_metrics():
    # Liberation Sans has Arial's widths: "Hello world" at 10 pt is 50.0 pt wide in Arial.
    assert abs(text_width("Hello world", 10) / 1.03 - 49.46) < 0.2
    assert text_width("W", 20, bold=True) > text_width("i", 20, bold=True) * 3
    assert text_width("iii", 12, code=True) == pytest.approx(text_width("WWW", 12, code=True))


def test_lines_break_like_the_renderer_after_hyphens_and_between_cjk_characters():
    from planner.deck.textfit import line_count, pieces
    assert pieces("temps-réel") == ["temps-", "réel"]
    assert pieces("-5") == ["-5"] and pieces("2024-2025") == ["2024-", "2025"]
    # After a slash before a letter, as LibreOffice breaks 'Spark/Flink'; '2024/2025' stays whole.
    assert pieces("Spark/Flink") == ["Spark/", "Flink"] and pieces("2024/2025") == ["2024/2025"]
    assert pieces("Kafka—Spark") == ["Kafka—", "Spark"]
    assert pieces("東京チーム") == ["東", "京", "チ", "ー", "ム"]
    # Kinsoku: no line starts with closing punctuation, none ends with an opening bracket.
    assert pieces("日本語。テスト") == ["日", "本", "語。", "テ", "ス", "ト"]
    assert pieces("「東京」大阪") == ["「東", "京」", "大", "阪"]
    # A CJK title wraps between characters instead of overflowing as one long word.
    title = Para((Run("東京チームの開発計画と機械学習基盤の設計"),), 20)
    assert line_count(title, text_width("東京チームの開発", 20) + 1) == 3
    # CJK characters are one em wide and emoji wider than any Latin letter (fallback fonts).
    assert text_width("東", 20) == pytest.approx(20 * 1.03)
    assert text_width("😀", 20) > text_width("W", 20)
