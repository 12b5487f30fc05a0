"""Safe links: only http(s), mailto and #anchors become links, in the deck, plan.md and
plan.html; every other address (file:, smb:, ms-msdt:, search-ms:, \\\\host\\share, //host)
stays plain text and is a PLN503 finding at its line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cli_support import ROOT, run_planner
from planner.links import is_safe

EXAMPLE = ROOT / "examples" / "genai-assistant-en.yaml"
HOSTILE = [
    "file:///C:/Windows/System32/calc.exe", "\\\\host\\share", "ms-msdt:/id PCWDiagnostic",
    "smb://host/share", "search-ms:query=x", "//host/x", "javascript:alert(1)",
    "FILE:///etc/passwd", "docs/x.md", "http:evil", "https://", "vbscript:x",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_other_addresses_are_not_links(url):
    assert not is_safe(url)


@pytest.mark.parametrize("url", ["https://github.com/team/repo", "http://example.org/a?b#c",
                                 "HTTPS://EXAMPLE.ORG", "mailto:team@example.org", "#risks"])
def test_web_mail_and_anchors_are_links(url):
    assert is_safe(url)


def _hostile_plan(tmp_path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("  repository: https://github.com/sherpa-team/sherpa",
                        "  repository: file:///C:/Windows/System32/calc.exe")
    text = text.replace(
        '    - Say "I don\'t know" and open a registrar ticket instead of guessing',
        "    - Open [the share](smb://host/share), [help](ms-msdt:/id x), <search-ms:query=x>,"
        " [unc](\\\\host\\share), [rel](//host/x) and [the site](https://example.org)")
    path = tmp_path / "sherpa.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _line(path: Path, words: str) -> int:
    return next(number for number, line in enumerate(path.read_text().splitlines(), 1) if words in line)


def test_check_reports_each_unsafe_link_at_its_line(tmp_path):
    plan = _hostile_plan(tmp_path)
    result = run_planner("check", plan, cwd=tmp_path)
    found = [line for line in result.stdout.splitlines() if "[PLN503]" in line]
    repo, item = _line(plan, "repository:"), _line(plan, "[the share]")
    assert any(f"{plan}:{repo}:" in line and "file:///C:/Windows/System32/calc.exe" in line
               for line in found), result.stdout
    for target in ("smb://host/share", "ms-msdt:/id", "search-ms:query=x", "//host/x"):
        assert any(f"{plan}:{item}:" in line and target in line for line in found), (target, result.stdout)
    assert not any("example.org" in line for line in found)


def test_no_unsafe_link_in_the_deck_plan_or_page(tmp_path):
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    plan = _hostile_plan(tmp_path)
    result = run_planner("build", plan, "-o", tmp_path / "out", "--only", "deck,plan,html", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    folder = tmp_path / "out" / "sherpa"
    deck = Presentation(str(folder / "deck.pptx"))
    targets = [rel.target_ref for slide in deck.slides for rel in slide.part.rels.values()
               if rel.reltype == RT.HYPERLINK]
    assert "https://example.org" in targets
    assert all(is_safe(target) for target in targets), targets
    texts = " ".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes
                     if shape.has_text_frame)
    assert "file:///C:/Windows/System32/calc.exe" in texts  # still shown, as text
    html = (folder / "plan.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert "https://example.org" in hrefs
    assert all(is_safe(href) or href.startswith("https://") for href in hrefs), hrefs
    assert not any(word in href for href in hrefs for word in ("smb", "ms-msdt", "search-ms", "file", "//host"))
    markdown = (folder / "plan.md").read_text(encoding="utf-8")
    assert "[the share]\\(smb://host/share)" in markdown
    assert "\\<search-ms:query=x>" in markdown
    assert "[the site](https://example.org)" in markdown
