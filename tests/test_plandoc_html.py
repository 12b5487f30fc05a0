"""The HTML page: standalone, the plan's text escaped, the diagrams inline SVG (no script)."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from plandoc_support import FIXTURES, ROOT, render_input


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.title, self._in_title = [], "", False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


@pytest.fixture(scope="module")
def hostile():
    from planner.plandoc import render_html, render_markdown
    data = render_input(FIXTURES / "hostile-en.yaml")
    page = render_html(data, render_markdown(data))
    parsed = _Tags()
    parsed.feed(page)
    return page, parsed


def test_no_tag_from_the_plan_reaches_the_page(hostile):
    page, parsed = hostile
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert scripts == []  # the diagrams are inline SVG: no script at all
    assert not [tag for tag, _ in parsed.tags if tag in ("img", "div", "b", "iframe")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "alert('team')" not in page.split("<main>")[0].split("<title>")[0]


def test_the_title_is_text(hostile):
    _page, parsed = hostile
    assert parsed.title == ("<script>alert('team')</script> | Pipes #1 — "
                            "<script>alert(1)</script> & code | pipe #hash #")


def test_the_diagrams_are_inline_svg_without_any_cdn(hostile):
    page, parsed = hostile
    figures = [attrs for tag, attrs in parsed.tags if tag == "figure"]
    assert len(figures) == 4 and all(attrs.get("class") == "diagram" for attrs in figures)
    assert '<pre class="mermaid">' not in page  # each SVG replaces its Mermaid block
    assert "planner:diagram" not in page  # the markers are consumed
    assert "language-mermaid" not in page
    assert "cdn.jsdelivr.net" not in page and "<script" not in page


def test_headings_have_github_anchors(hostile):
    page, _parsed = hostile
    assert '<h2 id="infrastructure">Infrastructure</h2>' in page
    assert 'href="#infrastructure"' in page
    assert '<h2 id="tools-by-ml-lifecycle-stage">' in page


def test_page_is_standalone_and_in_the_plan_language(hostile):
    page, parsed = hostile
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert not [attrs for tag, attrs in parsed.tags if tag == "link"]
    assert "<style>" in page and "</html>" in page


def test_build_writes_both_outputs_deterministically(tmp_path):
    def build(out):
        return subprocess.run([sys.executable, "-m", "planner", "build",
                               str(FIXTURES / "hostile-en.yaml"), "-o", str(out), "--only", "plan,html"],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    first, second = build(tmp_path / "a"), build(tmp_path / "b")
    for run in (first, second):
        assert run.returncode == 1 and "Traceback" not in run.stderr  # the plan has findings
    slug = "script-alert-team-script-pipes-1"
    for name in ("plan.md", "plan.html"):
        assert (tmp_path / "a" / slug / name).read_bytes() == (tmp_path / "b" / slug / name).read_bytes()
    assert not (tmp_path / "a" / slug / "deck.pptx").exists()


def test_dates_do_not_wrap(hostile):
    page, _parsed = hostile
    assert '<td><time datetime="2026-10-01">2026-10-01</time></td>' in page
    assert "time { white-space: nowrap; }" in page
