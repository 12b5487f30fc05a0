"""The output registry (planner/outputs.py) drives build_one, the batch's preloads and --only."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from cli_support import run_planner
from planner import outputs
from planner.build import BuildOptions, build_one, parse_only
from planner.course import load_course
from planner.errors import UsageError

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "tests/fixtures/check/clean.yaml"


def test_every_output_names_its_files_and_preloads_real_modules():
    assert set(outputs.default_outputs()) == {"deck", "plan"}
    for output in outputs.OUTPUTS.values():
        assert output.files and all("/" not in name for name in output.files)
        for module in output.preload:
            importlib.import_module(module)


@pytest.mark.parametrize("text, wanted", [(None, ("plan", "deck")), ("plan", ("plan",)),
                                          (" html , plan,html", ("html", "plan"))])
def test_only_takes_registered_names(text, wanted):
    assert set(parse_only(text)) == set(wanted)


@pytest.mark.parametrize("text", [",", "", "slides", "plan,slides"])
def test_only_refuses_an_unknown_or_empty_list(text):
    with pytest.raises(UsageError) as caught:
        parse_only(text)
    assert ", ".join(outputs.OUTPUTS) in str(caught.value)


@pytest.mark.parametrize("only", [",", "plan,slides"])
def test_only_errors_are_usage_errors_on_the_command_line(tmp_path, only):
    done = run_planner("build", PLAN, "-o", tmp_path / "out", "--only", only)
    assert done.returncode == 2 and "--only" in done.stderr
    assert not (tmp_path / "out").exists()


def test_help_lists_the_registered_outputs():
    done = run_planner("build", "--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert ", ".join(outputs.OUTPUTS) in text


def test_a_registered_output_is_built_by_build_one(tmp_path, monkeypatch):
    """Adding an output is one register() call: build_one and --only follow the registry."""
    monkeypatch.setattr(outputs, "OUTPUTS", dict(outputs.OUTPUTS))

    def agenda(job):
        lines = [f"{slide.start // 60:02d}:{slide.start % 60:02d} {slide.id}" for slide in job.data.outline.slides]
        job.write_text("agenda.txt", "\n".join(lines) + "\n")

    import planner.build
    monkeypatch.setattr(planner.build, "OUTPUTS", outputs.OUTPUTS)
    outputs.register(outputs.Output("agenda", ("agenda.txt",), (), agenda))
    options = BuildOptions(tmp_path, parse_only("agenda,plan"))
    result = build_one(PLAN, load_course(), options)
    folder = tmp_path / result.checked.plan.slug
    assert [Path(p).name for p in result.written] == ["plan.md", "agenda.txt"]
    assert (folder / "agenda.txt").read_text(encoding="utf-8").startswith("00:00 title\n")
    assert not (folder / "deck.pptx").exists()


def test_the_pdf_reuses_the_deck_it_needs(tmp_path, monkeypatch):
    """--only pdf renders the deck once, hands its bytes to the converter, and writes and lists
    the PDF only (deck.pptx is not asked for)."""
    import planner.pdf
    made = []

    def convert(deck, pdf_path):
        made.append(deck[:2])
        Path(pdf_path).parent.mkdir(parents=True, exist_ok=True)
        Path(pdf_path).write_bytes(b"%PDF-1.4\n")
        return pdf_path, None

    monkeypatch.setattr(planner.pdf, "convert_to_pdf", convert)
    result = build_one(PLAN, load_course(), BuildOptions(tmp_path, ("pdf",)))
    assert made == [b"PK"]
    assert [Path(p).name for p in result.written] == ["deck.pdf"]
    assert not list(tmp_path.rglob("deck.pptx"))
