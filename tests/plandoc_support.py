"""Helpers of the plandoc tests: build the render input of a plan, parse Markdown."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "plandoc"
EXAMPLES = ROOT / "examples"


def plan_files() -> list[Path]:
    """The examples (when they exist) and the plandoc fixture plans."""
    return sorted(EXAMPLES.glob("*.yaml")) + sorted(FIXTURES.glob("*.yaml"))


@cache
def course():
    from planner.course import load_course
    return load_course(None, cwd=FIXTURES)  # no course.yaml there: the built-in course


@cache
def catalog():
    from planner.catalog import load_catalog
    return load_catalog()


def render_input(path, lang=None):
    from planner.plans import check_plan
    from planner.rendering import render_input as build
    checked = check_plan(Path(path), course(), catalog=catalog())
    return build(checked, course(), catalog(), lang)


def markdown(path, lang=None, templates_dir=None) -> str:
    from planner.plandoc import render_markdown
    return render_markdown(render_input(path, lang), templates_dir)


def parser():
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def split_row(line: str) -> list[str]:
    """The cells of a GFM table row as GitHub splits them (a `\\|` is not a split)."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return re.split(r"(?<!\\)\|", line)


def headings(tokens) -> list[tuple[int, str]]:
    found = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found.append((int(token.tag[1]), tokens[index + 1].content))
    return found


def tables(tokens):
    """(line range, header cells, body rows) of every table, cells as Markdown source."""
    found, rows, row, where = [], None, None, None
    for token in tokens:
        if token.type == "table_open":
            rows, where = [], token.map
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        elif token.type == "tr_close":
            rows.append(row)
            row = None
        elif token.type == "table_close":
            found.append((where, rows[0], rows[1:]))
    return found
