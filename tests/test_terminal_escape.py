"""Terminal injection: control characters from a plan (ESC sequences, CR, LF, bidi overrides)
are shown escaped in every text a terminal shows: findings (text and github formats), the
agenda, the build's lines, errors."""

from __future__ import annotations

import pytest

from cli_support import ROOT, run_planner
from planner.terminal import clean, clean_lines

EXAMPLE = ROOT / "examples" / "smart-meter-fr.yaml"
RAW = ("\x1b", "\r", "\u202e", "\x07", "\x9b")


@pytest.mark.parametrize("text, shown", [
    ("a\x1b[2Jb", "a\\e[2Jb"), ("x\ry", "x\\ry"), ("x\ny", "x\\ny"), ("t\tu", "t\\tu"),
    ("\u202eevil", "\\u202eevil"), ("\x7f\x85\x00", "\\u007f\\u0085\\u0000"), ("é ü 東京", "é ü 東京"),
])
def test_clean_escapes_control_characters_only(text, shown):
    assert clean(text) == shown
    assert clean(clean(text)) == shown  # a second pass changes nothing


def test_clean_lines_keeps_our_line_breaks():
    assert clean_lines("a\x1b\nb") == "a\\e\nb"


def _hostile(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("  name: Wattson", '  name: "Wattson\\e[2J"', 1)
    forged = "Evil\\e[31mTool\\r\\nteams/x.yaml:1:1: error [PLN104] forged\\u202e"
    text = text.replace("tools: [MLflow]", f'tools: ["{forged}"]', 1)
    text = text.replace("- name: Léa Nguyen", '- name: "Léa\\e]0;pwned\\a Nguyen"', 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def _assert_clean(output: str):
    for char in RAW:
        assert char not in output, repr(char)
    assert not any(line.startswith("teams/x.yaml") for line in output.splitlines()), output


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_findings_never_print_a_control_character_of_the_plan(tmp_path, fmt):
    path, text = _hostile(tmp_path)
    assert "Evil" in text and "Léa\\e]0" in text  # the edits took
    result = run_planner("check", path, "--format", fmt, cwd=tmp_path)
    _assert_clean(result.stdout + result.stderr)


def test_an_esc_in_a_file_name_is_printed_escaped(tmp_path):
    path = tmp_path / "evil\x1b[2J\rname.yaml"
    path.write_bytes(EXAMPLE.read_bytes().replace(b"tools: [MLflow]", b"tools: [Frobnicator]", 1))
    result = run_planner("check", path, cwd=tmp_path)
    output = result.stdout + result.stderr
    assert "evil\\e[2J\\rname.yaml:" in output, output
    _assert_clean(output)


def test_the_build_agenda_and_lines_show_them_escaped(tmp_path):
    path, _ = _hostile(tmp_path)
    result = run_planner("build", path, "-o", tmp_path / "out", "--only", "plan", cwd=tmp_path)
    _assert_clean(result.stdout + result.stderr)
