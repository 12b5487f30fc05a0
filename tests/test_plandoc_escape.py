"""The escaping filters of the Markdown plan, checked by parsing their output with markdown-it-py."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plandoc_support import parser, split_row
from planner.plandoc import escape
from planner.plandoc.html import markdown_to_html

# Text with the characters that break Markdown structure, often.
NASTY = st.lists(st.sampled_from(list("ab #|`\n\\<>[]()*_-=:;\"'%&~!1.") + ["é", "\t", "```", "<br>",
                                                                          "</script>", "    "]),
                 max_size=30).map("".join)


def _cells(markdown: str):
    tokens = parser().parse(markdown)
    rows, row = [], None
    for token in tokens:
        if token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token)
        elif token.type == "tr_close":
            rows.append(row)
            row = None
    return rows


def _text(inline) -> str:
    out = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("hardbreak", "softbreak"):
            out.append("\n")
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(NASTY)
def test_md_cell_keeps_the_table_in_shape(text):
    cell = escape.md_cell(text)
    markdown = f"| h1 | h2 |\n|---|---|\n| {cell} | x |\n"
    rows = _cells(markdown)
    assert len(rows) == 2, markdown
    assert len(rows[1]) == 2 and _text(rows[1][1]) == "x", markdown
    assert len(split_row(markdown.splitlines()[2])) == 2, markdown
    assert "\n" not in cell


@settings(max_examples=300, deadline=None)
@given(NASTY)
def test_md_heading_makes_exactly_one_heading(text):
    markdown = f"## {escape.md_heading(text, empty='x')}\n\npara\n"
    tokens = parser().parse(markdown)
    types = [t.type for t in tokens if t.nesting >= 0 and t.type != "inline"]
    assert [t.type for t in tokens][:3] == ["heading_open", "inline", "heading_close"], markdown
    assert types.count("paragraph_open") == 1 and tokens[0].tag == "h2", markdown


@settings(max_examples=300, deadline=None)
@given(NASTY)
def test_md_block_cannot_add_headings_or_swallow_the_document(text):
    markdown = f"## A\n\n{escape.md_block(text)}\n\n## B\n"
    tokens = parser().parse(markdown)
    found = [(t.tag, tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert found == [("h2", "A"), ("h2", "B")], markdown


@settings(max_examples=300, deadline=None)
@given(NASTY, NASTY)
def test_md_item_stays_one_top_level_item(first, second):
    markdown = f"- {escape.md_item(first)}\n- {escape.md_item(second)}\n\n## End\n"
    tokens = parser().parse(markdown)
    top = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    assert len(top) == 2, markdown
    assert [t.type for t in tokens if t.type.startswith("heading_open")] == ["heading_open"], markdown
    assert tokens[-2].content == "End", markdown


@settings(max_examples=300, deadline=None)
@given(NASTY)
def test_md_inline_stays_on_one_line_and_opens_no_block(text):
    line = escape.md_inline(text, empty="x")
    assert "\n" not in line
    tokens = parser().parse(f"- {line}\n")
    assert [t.type for t in tokens if t.nesting == 1] == ["bullet_list_open", "list_item_open",
                                                         "paragraph_open"], line


def _decode_mermaid(label: str) -> str:
    def code(found):
        name = found.group(1)
        return chr(int(name)) if name.isdigit() else html.unescape(f"&{name};")
    return re.sub(r"#(\w+);", code, label)


@settings(max_examples=300, deadline=None)
@given(NASTY)
def test_mermaid_label_has_no_syntax_left_and_decodes_to_the_text(text):
    label = escape.mermaid_label(text)
    assert label.startswith('"') and label.endswith('"')
    inner = label[1:-1]
    # Outside entity codes, nothing Mermaid (or a Markdown fence) could read as syntax.
    assert not re.search(r'["`|<>:%&\n]', re.sub(r"#\w+;", "", inner)), label
    assert re.sub(r"#\w+;", "", inner).count("#") == 0 and ";" not in re.sub(r"#\w+;", "", inner)
    assert _decode_mermaid(inner) == (escape.plain(text) or " ")


@settings(max_examples=300, deadline=None)
@given(NASTY)
def test_gantt_text_has_no_separator_left(text):
    task = escape.gantt_text(text)
    bare = re.sub(r"#\w+;", "", task)
    assert not re.search(r"[:;#%\n`]", bare), task
    first = re.split(r"[^A-Za-z]", task, maxsplit=1)[0].lower()
    assert first not in ("title", "section", "dateformat", "axisformat", "excludes", "click")
    assert _decode_mermaid(task) == (escape.plain(text) or "—")


def test_md_cell_examples():
    assert escape.md_cell("a | b") == "a \\| b"
    assert escape.md_cell("already \\| escaped") == "already \\| escaped"
    assert escape.md_cell("line 1\nline 2\n\npara") == "line 1<br>line 2<br><br>para"
    assert escape.md_cell("`x | y`") == "`x \\| y`"
    assert escape.md_cell("**bold** and [link](https://example.org)") == \
        "**bold** and [link](https://example.org)"
    assert escape.md_cell("<script>alert(1)</script>") == "\\<script>alert(1)\\</script>"
    assert escape.md_cell("<https://example.org>") == "<https://example.org>"
    assert escape.md_cell("1 < 2") == "1 < 2"
    assert escape.md_cell("  ") == "—"
    assert escape.md_cell(None, empty="") == ""


def test_md_heading_examples():
    assert escape.md_heading("C# tools #") == "C\\# tools \\#"
    assert escape.md_heading("# title\nsecond") == "\\# title second"
    assert escape.md_heading("`#code`") == "`#code`"


def test_md_block_examples():
    assert escape.md_block("# heading\ntext") == "\\# heading\ntext"
    assert escape.md_block("text\n===") == "text\n\\==="
    assert escape.md_block("text\n---") == "text\n\\---"
    assert escape.md_block("```\nopen") == "\\```\nopen"
    closed = "```python\nprint(1)\n```"
    assert escape.md_block(closed) == closed
    assert escape.md_block("- a\n- b", indent="  ") == "- a\n  - b"
    assert escape.md_block("[ref]: https://x") == "\\[ref]: https://x"
    assert escape.md_block("<div>x</div>") == "\\<div>x\\</div>"


def test_mermaid_label_examples():
    assert escape.mermaid_label('Kafka "broker" [main]') == '"Kafka #quot;broker#quot; [main]"'
    assert escape.mermaid_label("**MLflow**", "Apache Spark") == '"MLflow<br/>Apache Spark"'
    assert escape.mermaid_label("") == '" "'


def test_gantt_text_examples():
    assert escape.gantt_text("title: x") == "#116;itle#58; x"
    assert escape.gantt_text("Plan; v2 #1") == "Plan#59; v2 #35;1"


def test_node_ids_are_safe_and_unique():
    taken: set = set()
    ids = [escape.node_id(name, taken) for name in ("end", "End", "API de prévision", "<>", "graph")]
    assert ids == ["c_end", "c_end_2", "c_api_de_prevision", "c_node", "c_graph"]
    assert all(re.fullmatch(r"c_[a-z0-9_]+", node) for node in ids)


@pytest.mark.parametrize("value, expected", [
    ("octocat", "[@octocat](https://github.com/octocat)"),
    ("@octocat", "[@octocat](https://github.com/octocat)"),
    ("https://github.com/octo-cat/", "[@octo-cat](https://github.com/octo-cat)"),
    ("bad user/name", "bad user/name"),
    ("a|b", "a\\|b"),
    ("", "—"),
])
def test_github_link(value, expected):
    assert escape.github_link(value) == expected


def test_email_link():
    assert escape.email_link("ada@example.org") == "<ada@example.org>"
    assert escape.email_link("not an email | <b>") == "not an email \\| \\<b>"


def test_html_shows_escaped_html_as_text_and_our_breaks_as_breaks():
    cell = escape.md_cell("a\nb <br> <script>x</script>")
    page = markdown_to_html(f"| h |\n|---|\n| {cell} |\n")
    assert "a<br />\nb &lt;br&gt; &lt;script&gt;x&lt;/script&gt;" in page
    assert "<script" not in page


@settings(max_examples=300, deadline=None)
@given(NASTY)
def test_plain_skips_the_parser_only_where_the_parser_changes_nothing(text):
    """plain() keeps texts without inline markup out of markdown-it: same result as parsing."""
    one_line = " ".join(text.split())
    assert escape.plain(text) == (escape._parsed_plain(one_line) if one_line else "")
