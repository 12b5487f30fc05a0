"""`planner rehearse`: rehearsed timings saved in a deck, read back against its cues."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from pptx import Presentation
from tests.cli_support import run_planner
from tests.deck_support import EXAMPLES, cue_of, deck_bytes, seconds
from tests.office_support import convert, needs_soffice

SMART_METER = next(p for p in EXAMPLES if p.stem == "smart-meter-fr")
GENAI = next(p for p in EXAMPLES if p.stem == "genai-assistant-en")
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def plain_transition(ms: int) -> str:
    """What PowerPoint writes after Rehearse Timings on a slide without a transition effect."""
    return f'<p:transition advTm="{ms}"/>'


def fade_transition(ms: int) -> str:
    """PowerPoint 2010+ on a slide with a Fade transition: a p14 choice and its fallback."""
    return (f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice xmlns:p14="{P14}" Requires="p14">'
            f'<p:transition spd="slow" p14:dur="2000" advTm="{ms}"><p:fade/></p:transition></mc:Choice>'
            f'<mc:Fallback><p:transition spd="slow" advTm="{ms}"><p:fade/></p:transition></mc:Fallback>'
            f'</mc:AlternateContent>')


def with_timings(blob: bytes, timings: dict, style=plain_transition) -> bytes:
    """The deck with slide N shown timings[N] milliseconds, saved where PowerPoint saves it:
    after p:clrMapOvr, before p:timing (CT_Slide's order)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            found = re.fullmatch(r"ppt/slides/slide(\d+)\.xml", info.filename)
            if found and int(found.group(1)) in timings:
                text = data.decode("utf-8")
                assert "</p:clrMapOvr>" in text and "<p:transition" not in text
                text = text.replace("</p:clrMapOvr>",
                                    "</p:clrMapOvr>" + style(timings[int(found.group(1))]), 1)
                data = text.encode("utf-8")
            target.writestr(info, data)
    return out.getvalue()


def planned(blob: bytes) -> list[tuple[str, int]]:
    prs = Presentation(io.BytesIO(blob))
    result = []
    for slide in prs.slides:
        cue = cue_of(slide)
        result.append((cue.group(6), seconds(*cue.group(3, 4)) - seconds(*cue.group(1, 2))))
    return result


def rehearsed_ms(plan: list, factor=1.0, extra=0) -> dict:
    """A rehearsal: each slide `factor` times its budget plus a few odd milliseconds."""
    return {n: int(budget * 1000 * factor) + extra + 37 * n for n, (_s, budget) in enumerate(plan, start=1)}


@pytest.mark.parametrize("style", [plain_transition, fade_transition])
def test_powerpoint_timings_read_per_slide_and_speaker(tmp_path, style):
    from planner import rehearse
    blob = deck_bytes(str(SMART_METER))
    plan = planned(blob)
    timings = rehearsed_ms(plan, factor=1.1)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(with_timings(blob, timings, style))
    result = rehearse.read(deck)
    assert result.lang == "fr"
    assert result.talk == 15 * 60 == sum(budget for _s, budget in plan)
    assert [s.actual for s in result.slides] == [timings[n] / 1000 for n in range(1, len(plan) + 1)]
    assert [(s.speaker, s.planned) for s in result.slides] == plan
    for speaker in result.speakers:
        mine = [n for n, (name, _b) in enumerate(plan, start=1) if name == speaker.name]
        assert speaker.planned == sum(plan[n - 1][1] for n in mine)
        assert speaker.actual == pytest.approx(sum(timings[n] for n in mine) / 1000)
        assert speaker.delta == pytest.approx(speaker.actual - speaker.planned)
        assert speaker.delta > 0  # everyone ran 10 % over
    assert {s.name for s in result.speakers} == {name for name, _b in plan}
    assert result.delta == pytest.approx(sum(timings.values()) / 1000 - 900)
    assert not result.untimed


def test_cli_text_and_json(tmp_path):
    blob = deck_bytes(str(GENAI))
    plan = planned(blob)
    timings = rehearsed_ms(plan)
    first_speaker = plan[0][0]
    timings[1] += 95_000  # the first speaker overruns the title slide by 1:35
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(with_timings(blob, timings))
    text = run_planner("rehearse", deck)
    assert text.returncode == 0, text.stderr
    assert "By speaker:" in text.stdout and "Over/under" in text.stdout
    assert f"Longest overrun: {first_speaker} (+1:35)" in text.stdout
    rows = [line for line in text.stdout.splitlines() if re.match(r"^\s*\d+\s", line)]
    assert len(rows) == len(plan)
    result = run_planner("rehearse", deck, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["language"] == "en" and data["talk_seconds"] == sum(b for _s, b in plan)
    assert [s["planned"] for s in data["slides"]] == [b for _s, b in plan]
    assert data["slides"][0]["delta"] == pytest.approx(95 + 0.037)
    assert data["total"]["untimed_slides"] == []
    speaker = next(s for s in data["speakers"] if s["name"] == first_speaker)
    assert speaker["delta"] == pytest.approx(sum(timings[n] for n, (name, _b) in enumerate(plan, start=1)
                                                 if name == first_speaker) / 1000 - speaker["planned"])


def test_slides_without_a_cue_are_backup_and_partial_timings_are_reported(tmp_path):
    from pptx.util import Inches

    from planner import rehearse
    prs = Presentation(io.BytesIO(deck_bytes(str(GENAI))))
    extra = prs.slides.add_slide(prs.slide_layouts[5])
    extra.shapes.add_textbox(Inches(1), Inches(2), Inches(3), Inches(1)).text_frame.text = "Backup"
    buffer = io.BytesIO()
    prs.save(buffer)
    count = len(prs.slides)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(with_timings(buffer.getvalue(), {1: 30_000, 3: 61_000, count: 42_000}))
    result = rehearse.read(deck)
    assert result.slides[-1].speaker is None and result.slides[-1].actual == 42
    assert result.backup == 42
    assert result.untimed == [n for n in range(2, count) if n != 3]
    assert result.compared == result.slides[0].planned + result.slides[2].planned
    text = rehearse.render_text(result)
    assert "(backup)" in text and "No saved timing on slide(s) 2, 4," in text
    assert "Time spent on backup slides: 0:42." in text


def test_a_deck_without_timings_or_not_made_by_planner_exits_2(tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(deck_bytes(str(GENAI)))
    result = run_planner("rehearse", deck)
    assert result.returncode == 2
    assert "no rehearsed timings" in result.stderr and "Rehearse Timings" in result.stderr
    other = Presentation()
    slide = other.slides.add_slide(other.slide_layouts[1])
    slide.notes_slide.notes_text_frame.text = "Remember to smile"
    foreign = tmp_path / "foreign.pptx"
    other.save(foreign)
    foreign.write_bytes(with_timings(foreign.read_bytes(), {1: 10_000}))
    result = run_planner("rehearse", foreign)
    assert result.returncode == 2 and "not made by `planner build`" in result.stderr
    for bad, words in ((tmp_path / "notes.txt", "not a PowerPoint deck"), (tmp_path, "not a regular file"),
                       (tmp_path / "missing.pptx", "no such file")):
        if bad.suffix == ".txt":
            bad.write_text("hello")
        result = run_planner("rehearse", bad)
        assert result.returncode == 2 and words in result.stderr, result.stderr


@needs_soffice
def test_timings_survive_a_libreoffice_round_trip(tmp_path):
    """LibreOffice keeps an advance time as whole seconds, and (7.x) saves it only on slides
    with a transition effect: a deck rehearsed with Fade transitions keeps every timing."""
    from planner import rehearse
    blob = deck_bytes(str(SMART_METER))
    plan = planned(blob)
    timings = rehearsed_ms(plan, factor=0.9)
    source = tmp_path / "rehearsed.pptx"
    source.write_bytes(with_timings(blob, timings, fade_transition))
    converted = convert(source, "pptx", tmp_path / "lo")
    result = rehearse.read(converted)
    assert [(s.speaker, s.planned) for s in result.slides] == plan
    for slide in result.slides:
        assert slide.actual == pytest.approx(timings[slide.number] / 1000, abs=1.0)
    assert not result.untimed and result.lang == "fr"
    result = run_planner("rehearse", converted, "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["total"]["delta"] < 0
