"""The deck opened by a real client: LibreOffice converts each example deck, one page per slide."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from deck_support import EXAMPLES, deck_bytes, open_deck, plan_id
from planner.pdf import convert_to_pdf, find_soffice

needs_soffice = pytest.mark.skipif(find_soffice() is None and not os.environ.get("CI"),
                                   reason="LibreOffice (soffice) is not installed; CI installs it")


def pdf_pages(path) -> int:
    """Page count from the PDF itself: pdfinfo when present, else the page tree's /Count."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M)[1])
    data = path.read_bytes()
    return max(int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data))


@needs_soffice
@pytest.mark.parametrize("path", EXAMPLES, ids=plan_id)
def test_libreoffice_converts_each_example_deck_to_one_page_per_slide(path, tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(deck_bytes(str(path)))
    pdf, note = convert_to_pdf(deck, tmp_path / "out" / "deck.pdf")
    assert note is None and pdf is not None
    assert pdf_pages(pdf) == len(open_deck(path).slides)
    if shutil.which("pdftotext"):
        _words_stay_on_their_page(pdf)


def _words_stay_on_their_page(pdf):
    """As LibreOffice lays it out, no word of the deck runs off a slide."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        width, height = float(page[1]), float(page[2])
        for word in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">',
                                page[3]):
            x0, y0, x1, y1 = map(float, word.groups())
            assert x0 >= -0.5 and y0 >= -0.5 and x1 <= width + 0.5 and y1 <= height + 0.5


@needs_soffice
def test_build_only_pdf_writes_the_deck_and_its_pdf(tmp_path):
    import sys
    path = next(p for p in EXAMPLES if "genai" in p.name)
    done = subprocess.run([sys.executable, "-m", "planner", "build", str(path), "-o", str(tmp_path),
                           "--only", "deck,pdf"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "sherpa" / "deck.pdf").is_file()
    assert pdf_pages(tmp_path / "sherpa" / "deck.pdf") == len(open_deck(path).slides)


def test_without_libreoffice_the_pdf_is_skipped_with_a_clear_note(tmp_path, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"not used")
    pdf, note = convert_to_pdf(deck, tmp_path / "deck.pdf")
    assert pdf is None
    assert "LibreOffice" in note and "soffice" in note and "apt install libreoffice-impress" in note
    assert not (tmp_path / "deck.pdf").exists()


@needs_soffice
def test_a_conversion_that_hangs_is_stopped_with_a_note(tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(deck_bytes(str(EXAMPLES[0])))
    pdf, note = convert_to_pdf(deck, tmp_path / "deck.pdf", timeout=0.01)
    assert pdf is None and "did not finish" in note
    assert not (tmp_path / "deck.pdf").exists()


def _build(tmp_path, *args, env=None):
    import sys
    path = next(p for p in EXAMPLES if "genai" in p.name)
    return subprocess.run([sys.executable, "-m", "planner", "build", str(path), "-o", str(tmp_path / "out"),
                           *args], capture_output=True, text=True, env=env, timeout=300)


def test_a_pdf_asked_for_without_libreoffice_exits_2_saying_what_to_install(tmp_path):
    from cli_support import ROOT
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": str(tmp_path / "no-soffice-here")}
    done = _build(tmp_path, "--only", "pdf", env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    pdf = tmp_path / "out" / "sherpa" / "deck.pdf"
    assert f"{pdf}: error: not written: LibreOffice is not installed" in done.stderr
    assert "apt install libreoffice-impress" in done.stderr
    assert not pdf.exists()
    assert not (tmp_path / "out" / "sherpa" / "deck.pptx").exists()  # not asked for


def test_with_deck_and_pdf_asked_for_the_deck_is_written_and_the_exit_is_still_2(tmp_path):
    from cli_support import ROOT
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": str(tmp_path / "no-soffice-here")}
    done = _build(tmp_path, "--only", "deck,pdf", env=env)
    assert done.returncode == 2, done.stdout + done.stderr
    assert (tmp_path / "out" / "sherpa" / "deck.pptx").is_file()


@needs_soffice
def test_only_pdf_writes_the_pdf_and_not_the_deck(tmp_path):
    done = _build(tmp_path, "--only", "pdf")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "sherpa").iterdir()) == ["deck.pdf"]


@needs_soffice
def test_ctrl_c_during_the_pdf_ends_libreoffice_and_leaves_nothing(tmp_path):
    """SIGINT while soffice converts: exit 130, no traceback, no soffice left, no temporary folder."""
    import signal
    import sys
    import time

    from cli_support import ROOT
    temp = tmp_path / "tmp"
    temp.mkdir()
    path = next(p for p in EXAMPLES if "genai" in p.name)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp)}
    child = subprocess.Popen([sys.executable, "-m", "planner", "build", str(path), "-o", str(tmp_path / "out"),
                              "--only", "pdf"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=env)
    deadline = time.monotonic() + 120
    while not _soffices(temp) and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.1)
    assert _soffices(temp), "soffice never started"
    time.sleep(1)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err
    assert "Traceback" not in err and "interrupted" in err
    time.sleep(0.5)
    assert _soffices(temp) == []
    assert list(temp.iterdir()) == []
    assert not (tmp_path / "out" / "sherpa" / "deck.pdf").exists()


def _soffices(folder) -> list[int]:
    """Processes whose command line names `folder` (soffice's profile lives there)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as handle:
                    if str(folder).encode() in handle.read():
                        found.append(int(entry))
            except OSError:
                pass
    return found
