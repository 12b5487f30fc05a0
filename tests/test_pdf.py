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
    assert "LibreOffice" in note and "soffice" in note and str(tmp_path / "deck.pdf") in note
    assert not (tmp_path / "deck.pdf").exists()


@needs_soffice
def test_a_conversion_that_hangs_is_stopped_with_a_note(tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(deck_bytes(str(EXAMPLES[0])))
    pdf, note = convert_to_pdf(deck, tmp_path / "deck.pdf", timeout=0.01)
    assert pdf is None and "did not finish" in note
    assert not (tmp_path / "deck.pdf").exists()
