"""The deck's inline Markdown (planner.deck.markdown_runs): what it reads without markdown-it
is what markdown-it reads, and an example's deck is drawn without importing markdown-it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.deck.markdown_runs import Run, _parsed, _simple, runs

ROOT = Path(__file__).resolve().parent.parent

# Letters and digits (ASCII and not), spaces, every character that can start inline Markdown,
# and punctuation around them: enough for hypothesis to reach each flanking case.
ALPHABET = "ab1é中 *_`&!]>[<\\#;.,()'-~:"


def one_line(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=24))
def test_read_without_the_parser_as_the_parser_reads(text):
    text = one_line(text)
    simple = _simple(text)
    assert simple is None or simple == _parsed(text), text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["word", "é", " ", "**", "*", "`", "_", ".", "(", ")", "&", "!", "x"]),
                max_size=14))
def test_emphasis_and_code_as_the_parser_reads(pieces):
    text = one_line("".join(pieces))
    simple = _simple(text)
    assert simple is None or simple == _parsed(text), text


@pytest.mark.parametrize("text, expected", [
    ("une base `DuckDB` et **S3** (*Spark*).",
     (Run("une base "), Run("DuckDB", code=True), Run(" et "), Run("S3", bold=True), Run(" ("),
      Run("Spark", italic=True), Run(")."))),
    ("Weights & Biases, max_mem_size !", (Run("Weights & Biases, max_mem_size !"),)),
    ("**a `b` c**", (Run("a ", bold=True), Run("b", bold=True, code=True), Run(" c", bold=True))),
])
def test_what_plans_write_is_read_without_the_parser(text, expected):
    assert _simple(text) == expected == _parsed(text)


@pytest.mark.parametrize("text", [
    "[Qdrant](https://qdrant.tech)", "<https://example.org>", r"\*not\*", "&amp;", "&#42;",
    "*a **b** c*", "**a*", "a*b*c", "``code``", "` padded `", "_under_", "**`vLLM`**", "*open",
])
def test_what_it_does_not_read_goes_to_the_parser(text):
    assert _simple(text) is None
    assert runs(text) == _parsed(text)


def test_an_example_deck_is_drawn_without_markdown_it():
    """The French examples' Markdown (bold, italics, code; no links) is all read without the
    parser, so their build's deck does not pay for importing it."""
    script = ("import sys\nfrom pathlib import Path\nfrom planner.build import BuildOptions, prepare\n"
              "from planner.course import load_course\nfrom planner.deck import render_deck\n"
              "for path in sys.argv[1:]:\n"
              "    render_deck(prepare(Path(path), load_course(), BuildOptions())[1])\n"
              "print('markdown_it' in sys.modules)\n")
    examples = [str(path) for path in sorted((ROOT / "examples").glob("*-fr.yaml"))]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script, *examples], capture_output=True, text=True,
                          env=env, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"
