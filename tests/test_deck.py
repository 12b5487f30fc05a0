"""The deck read back with python-pptx: slides, cues, speakers, native diagrams, language, bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from pptx.oxml.ns import qn

from deck_support import (
    EXAMPLES,
    FIXTURES,
    PLANS,
    all_shapes,
    bounds,
    course,
    cue_of,
    notes_text,
    open_deck,
    plan_id,
    render_data,
    run_props,
    seconds,
    timed_slides,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.mark.parametrize("path", EXAMPLES, ids=plan_id)
def test_example_decks_have_12_to_16_slides_from_title_to_questions(path):
    deck = open_deck(path)
    data = render_data(str(path))
    assert 12 <= len(deck.slides) <= 16
    first, last = deck.slides[0], deck.slides[-1]
    assert first.shapes.title.text == data.plan.project.title
    title_text = " ".join(shape.text_frame.text for shape in first.shapes if shape.has_text_frame)
    assert data.plan.team_name in title_text
    for member in data.plan.members:
        assert member.name in title_text
    assert last.shapes.title.text == data.labels["slides"]["questions"]


@pytest.mark.parametrize("path", PLANS, ids=plan_id)
def test_cues_run_from_zero_to_the_end_without_gap_and_every_member_speaks(path):
    deck = open_deck(path)
    data = render_data(str(path))
    end, speakers = 0, set()
    timed = timed_slides(deck, data)
    assert deck.slides[len(timed) - 1].shapes.title.text == data.labels["slides"]["questions"]
    for slide in timed:
        match = cue_of(slide)
        assert match, notes_text(slide)[:80]
        assert match[5] == data.labels["speaker"]
        start, stop = seconds(match[1], match[2]), seconds(match[3], match[4])
        assert start == end and stop > start
        end = stop
        speakers.add(match[6])
    assert end == (data.plan.presentation.minutes or course().minutes) * 60
    assert speakers == {member.name for member in data.plan.members}


@pytest.mark.parametrize("path", PLANS, ids=plan_id)
def test_notes_say_what_to_cover_beyond_the_cue(path):
    deck = open_deck(path)
    for slide in deck.slides:
        lines = [line for line in notes_text(slide).split("\n")[1:] if line.strip()]
        assert lines, f"slide '{slide.shapes.title.text}' has only its cue"


def test_stage_notes_give_the_why_and_the_alternatives_rejected_with_their_reason():
    path = next(p for p in EXAMPLES if "smart-meter" in p.name)
    deck = open_deck(path)
    data = render_data(str(path))
    data_slide = next(s for s in deck.slides if s.shapes.title.text == data.labels["slides"]["data"])
    notes = notes_text(data_slide)
    storage = data.plan.stack["data-storage"]
    assert "Pourquoi" in notes and "Alternatives écartées" in notes
    for alternative in storage.alternatives:
        assert alternative.tool in notes
    assert storage.alternatives[0].reason.split()[0] in notes


def test_pinned_speakers_present_their_slides():
    path = next(p for p in FIXTURES if "pinned" in p.name)
    deck = open_deck(path)
    data = render_data(str(path))
    titles = data.labels["slides"]
    expected = {titles["architecture"]: "David Morin", titles["stack"]: "David Morin",
                titles["risks"]: "Anne Roy", titles["timeline"]: "Chloé Pelletier"}
    seen = {slide.shapes.title.text: cue_of(slide)[6] for slide in deck.slides}
    for title, speaker in expected.items():
        assert seen[title] == speaker


@pytest.mark.parametrize("path", PLANS, ids=plan_id)
def test_every_shape_is_inside_the_slide(path):
    deck = open_deck(path)
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        for shape in all_shapes(slide):
            left, top, right, bottom = bounds(shape)
            assert left >= 0 and top >= 0 and right <= width and bottom <= height, \
                f"slide {number}: {shape.name} at {(left, top, right, bottom)}"


def _connection_point(shape, index):
    x, y, cx, cy = shape.left, shape.top, shape.width, shape.height
    return {0: (x + cx // 2, y), 1: (x, y + cy // 2), 2: (x + cx // 2, y + cy), 3: (x + cx, y + cy // 2)}[index]


@pytest.mark.parametrize("path", PLANS, ids=plan_id)
def test_connectors_are_glued_to_existing_shapes_at_their_connection_points(path):
    deck = open_deck(path)
    for slide in deck.slides:
        by_id = {shape.shape_id: shape for shape in slide.shapes}
        for element in slide.shapes._spTree.iter(qn("p:cxnSp")):
            props = element.find(qn("p:nvCxnSpPr")).find(qn("p:cNvCxnSpPr"))
            begin, end = props.find(qn("a:stCxn")), props.find(qn("a:endCxn"))
            assert begin is not None and end is not None, "a connector not attached at both ends"
            connector = by_id[int(element.find(qn("p:nvCxnSpPr")).find(qn("p:cNvPr")).get("id"))]
            for glue, point in ((begin, (connector.begin_x, connector.begin_y)),
                                (end, (connector.end_x, connector.end_y))):
                target = by_id.get(int(glue.get("id")))
                assert target is not None, "a connector glued to a shape that does not exist"
                expected = _connection_point(target, int(glue.get("idx")))
                assert abs(point[0] - expected[0]) <= 1 and abs(point[1] - expected[1]) <= 1


def _slide(deck, data, slide_id):
    title = data.labels["slides"][slide_id]
    return next(s for s in deck.slides if s.shapes.title.text == title)


@pytest.mark.parametrize("path", EXAMPLES, ids=plan_id)
def test_architecture_is_native_boxes_and_one_arrow_per_flow_pair_left_to_right(path):
    deck = open_deck(path)
    data = render_data(str(path))
    slide = _slide(deck, data, "architecture")
    boxes = {s.name[len("Component "):]: s for s in slide.shapes if s.name.startswith("Component ")}
    plan = data.plan
    assert set(boxes) == {c.name for c in plan.components}
    pairs = {frozenset((f.source, f.target)) for f in plan.flows}
    # One arrow per pair of components: a long arrow is several connectors glued end to end
    # (through invisible waypoints where it crosses a column), all named after its flow.
    connectors = list(slide.shapes._spTree.iter(qn("p:cxnSp")))
    arrows = {c.find(qn("p:nvCxnSpPr")).find(qn("p:cNvPr")).get("name") for c in connectors}
    assert len(arrows) == len(pairs)
    ends = [c.find(qn("p:spPr")).find(qn("a:ln")) for c in connectors]
    heads = sum(len(ln.findall(qn("a:headEnd"))) + len(ln.findall(qn("a:tailEnd"))) for ln in ends)
    directed = {(f.source, f.target) for f in plan.flows}
    both = sum(1 for a, b in directed if (b, a) in directed) // 2
    assert heads == len(pairs) + both  # one arrowhead per arrow, two on a double-headed one
    # Left to right: most flows go rightwards (cycles may go back).
    forward = sum(1 for f in plan.flows if boxes[f.source].left < boxes[f.target].left)
    assert forward >= len(plan.flows) * 0.6
    labels = " ".join(s.text_frame.text for s in slide.shapes if s.name.startswith("Label "))
    for flow in plan.flows:
        assert flow.label in labels
    assert not list(slide.shapes._spTree.iter(qn("p:pic")))


def test_no_slide_holds_a_picture():
    for path in PLANS:
        for slide in open_deck(path).slides:
            assert not list(slide.shapes._spTree.iter(qn("p:pic")))


def test_stack_map_marks_missing_required_stages_and_not_applicable_ones():
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    path = next(p for p in FIXTURES if "pinned" in p.name)
    deck = open_deck(path)
    data = render_data(str(path))
    slide = _slide(deck, data, "stack")
    stages = {s.name[len("Stage "):]: s for s in slide.shapes if s.name.startswith("Stage ")}
    monitoring = stages["monitoring"]
    assert monitoring.line.dash_style == MSO_LINE_DASH_STYLE.DASH
    assert str(monitoring.line.color.rgb) == "C62828"
    label = next(s for s in slide.shapes if s.name == "Label stage monitoring").text_frame.text
    assert "MANQUANT" in label
    feature = next(s for s in slide.shapes if s.name == "Label stage feature-store").text_frame.text
    assert "sans objet" in feature
    undecided = next(s for s in slide.shapes if s.name == "Label stage experiment-tracking").text_frame.text
    assert "À DÉCIDER" in undecided
    chosen = next(s for s in slide.shapes if s.name == "Label stage data-storage").text_frame.text
    assert "PostgreSQL" in chosen


@pytest.mark.parametrize("path", EXAMPLES, ids=plan_id)
def test_timeline_has_a_bar_or_diamond_per_milestone_and_the_final_due_date(path):
    deck = open_deck(path)
    data = render_data(str(path))
    slide = _slide(deck, data, "timeline")
    names = [s.name for s in slide.shapes]
    marks = [n for n in names if n.startswith(("Bar ", "Milestone "))]
    assert len(marks) == len(data.plan.milestones)
    assert "Final due" in names
    final = next(s for s in slide.shapes if s.name == "Final due")
    due_sorted = sorted(data.plan.milestones, key=lambda m: m.due)
    first_bar = next(s for s in slide.shapes if s.name in ("Bar 1", "Milestone 1"))
    assert first_bar.left < final.left  # the axis runs forward in time
    assert due_sorted[-1].due <= course().final_due


@pytest.mark.parametrize("path", EXAMPLES, ids=plan_id)
def test_risk_matrix_places_each_risk_in_its_cell(path):
    deck = open_deck(path)
    data = render_data(str(path))
    slide = _slide(deck, data, "risks")
    cells = {s.name[len("Cell "):]: s for s in slide.shapes if s.name.startswith("Cell ")}
    assert len(cells) == 9
    ordered = sorted(data.plan.risks, key=lambda r: (-r.severity, list(data.plan.risks).index(r)))
    for number, risk in enumerate(ordered, start=1):
        chip = next(s for s in slide.shapes if s.name == f"Risk R{number}")
        cell = cells[f"{risk.likelihood} {risk.impact}"]
        assert cell.left <= chip.left and chip.left + chip.width <= cell.left + cell.width
        assert cell.top <= chip.top and chip.top + chip.height <= cell.top + cell.height


def test_slides_of_stages_all_not_applicable_are_folded_into_the_stack_slide(tmp_path):
    import yaml
    source = next(p for p in EXAMPLES if "smart-meter" in p.name)
    plan = yaml.safe_load(source.read_text(encoding="utf-8"))
    for stage in ("model-deployment", "monitoring", "orchestration"):
        plan["stack"][stage] = {"status": "not-applicable", "reason": "batch study only, nothing served"}
    folded = tmp_path / "folded.yaml"
    folded.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    deck = open_deck(folded)
    data = render_data(str(folded))
    titles = [s.shapes.title.text for s in deck.slides]
    assert data.labels["slides"]["operations"] not in titles
    stack = _slide(deck, data, "stack")
    assert "repliées" in notes_text(stack)


@pytest.mark.parametrize("path, expected", [(EXAMPLES[0], None), (FIXTURES[0], None)], ids=["example", "fixture"])
def test_every_run_is_tagged_with_the_deck_language(path, expected):
    data = render_data(str(path))
    locale = data.labels["deck"]["locale"]
    deck = open_deck(path)
    for slide in deck.slides:
        for shape in all_shapes(slide):
            if shape.has_text_frame:
                for *_rest, lang in run_props(shape):
                    assert lang == locale, shape.name
        for *_rest, lang in run_props(slide.notes_slide.notes_placeholder):
            assert lang == locale


def test_lang_option_translates_the_labels_and_the_tags():
    path = next(p for p in EXAMPLES if "smart-meter" in p.name)
    deck = open_deck(path, lang="en")
    titles = [s.shapes.title.text for s in deck.slides]
    assert "Tools by ML lifecycle stage" in titles and "Risks" in titles
    assert cue_of(deck.slides[1])[5] == "Speaker"
    langs = {lang for s in deck.slides for shape in all_shapes(s) if shape.has_text_frame
             for *_r, lang in run_props(shape)}
    assert langs == {"en-US"}


def test_inline_markdown_becomes_formatted_runs():
    path = next(p for p in EXAMPLES if "smart-meter" in p.name)
    deck = open_deck(path)
    data = render_data(str(path))
    problem = _slide(deck, data, "problem")
    runs = [r for shape in problem.shapes if shape.has_text_frame for r in run_props(shape)]
    assert any(text == "10 000 compteurs simulés" and bold for text, _s, bold, *_r in runs)
    infra = [r for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
             for r in run_props(shape)]
    assert any(text == "docker compose" and font == "Courier New" for text, _s, _b, _i, font, _l in infra)
    assert any(text == "Spark Structured Streaming" and italic for text, _s, _b, italic, *_r in infra)
    assert not any("**" in text or "`" in text for text, *_r in infra)
    pinned = next(p for p in FIXTURES if "pinned" in p.name)
    links = [run.hyperlink.address for slide in open_deck(pinned).slides for shape in slide.shapes
             if shape.has_text_frame for paragraph in shape.text_frame.paragraphs for run in paragraph.runs
             if run.hyperlink.address]
    assert "https://example.org/reglement" in links


def test_two_builds_give_the_same_bytes(monkeypatch):
    from planner.deck import render_deck
    path = next(p for p in EXAMPLES if "genai" in p.name)
    data = render_data(str(path))
    first, second = render_deck(data), render_deck(data)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    day = data.plan.presentation.date
    assert stamps == {(day.year, day.month, day.day, 0, 0, 0)}
    deck = open_deck(path)
    assert deck.core_properties.created == dt.datetime(day.year, day.month, day.day)
    assert deck.core_properties.author == data.plan.team_name


def test_source_date_epoch_dates_the_files(monkeypatch):
    from planner.deck import render_deck
    path = next(p for p in EXAMPLES if "genai" in p.name)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC
    data = render_data.__wrapped__(str(path))
    blob = render_deck(data)
    assert blob == render_deck(data)
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert b"2023-11-14T22:13:20Z" in archive.read("docProps/core.xml")


def test_building_a_deck_is_the_only_thing_that_imports_python_pptx():
    import subprocess
    import sys
    code = (f"import sys\nfrom planner.cli import main\nsys.argv = ['planner', 'check', {str(EXAMPLES[0])!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('pptx' in sys.modules, 'PIL' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False False"


def test_build_prints_the_agenda_and_each_members_total(tmp_path):
    import subprocess
    import sys
    path = next(p for p in EXAMPLES if "smart-meter" in p.name)
    done = subprocess.run([sys.executable, "-m", "planner", "build", str(path), "-o", str(tmp_path),
                           "--only", "deck"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].strip().startswith("[00:00–") and "Orateur·rice:" in lines[0]
    assert any(line.strip().startswith("[") and "–15:00]" in line for line in lines)
    data = render_data(str(path))
    totals = next(line for line in lines if all(m.name in line for m in data.plan.members))
    assert sum(seconds(*part.rsplit(" ", 1)[1].split(":")) for part in totals.strip().split(", ")) == 900
    assert (tmp_path / data.plan.slug / "deck.pptx").is_file()
