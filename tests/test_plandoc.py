"""The Markdown plan of every example and fixture, parsed back with markdown-it-py:
tables keep their columns, headings come in order, Mermaid fences close, the
members come first, the stack, risks and agenda say what the plan says."""

from __future__ import annotations

import re

import pytest

from plandoc_support import FIXTURES, headings, markdown, parser, plan_files, render_input, split_row, tables
from planner.labels import labels

PLANS = plan_files()
IDS = [path.stem for path in PLANS]
SECTIONS = ("project", "architecture", "stack", "infrastructure", "milestones", "roles", "risks",
            "checklist", "agenda")


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.fixture(scope="module", params=[(p, lang) for p in PLANS for lang in ("fr", "en")],
                ids=[f"{i}-{lang}" for i in IDS for lang in ("fr", "en")])
def document(request):
    path, lang = request.param
    text = markdown(path, lang)
    return path, lang, text, parser().parse(text)


def test_every_table_row_has_the_header_column_count(document):
    _path, _lang, text, tokens = document
    lines = text.splitlines()
    found = tables(tokens)
    assert len(found) >= 4
    for (start, end), header, rows in found:
        width = len(header)
        for number in range(start, end):
            # Split as GitHub does: an unescaped | inside a cell would add a column.
            assert len(split_row(lines[number])) == width, lines[number]
        assert all(len(row) == width for row in rows)


def test_headings_are_in_order(document):
    _path, lang, _text, tokens = document
    found = headings(tokens)
    assert found[0][0] == 1 and [level for level, _ in found].count(1) == 1
    for (before, _), (after, _) in zip(found, found[1:]):
        assert after <= before + 1, found
    words = labels(lang)["plan"]["headings"]
    assert [text for level, text in found if level == 2] == [words[key] for key in SECTIONS]


def test_mermaid_fences_are_closed(document):
    _path, _lang, text, tokens = document
    lines = text.splitlines()
    fences = [t for t in tokens if t.type == "fence"]
    mermaid = [t for t in fences if t.info.strip() == "mermaid"]
    assert len(mermaid) == sum(1 for line in lines if line == "```mermaid")
    assert {t.content.split("\n")[0] for t in mermaid} <= {"flowchart LR", "gantt"}
    for token in fences:
        start, end = token.map
        assert lines[end - 1].startswith(token.markup), "fence not closed"
    assert any(t.content.startswith("gantt") for t in mermaid)


def test_members_come_first(document):
    path, lang, _text, tokens = document
    data = render_input(path, lang)
    blocks = [t.type for t in tokens if t.level == 0 and t.nesting == 1]
    if not data.plan.members:
        assert blocks[:2] == ["heading_open", "paragraph_open"]
        assert tokens[4].content == labels(lang)["plan"]["no_members"]
        return
    assert blocks[:2] == ["heading_open", "table_open"]
    _where, header, rows = tables(tokens)[0]
    assert header[0] == labels(lang)["plan"]["columns"]["name"]
    names = [re.sub(r"[*\\]", "", row[0]) for row in rows]
    assert names == [re.sub(r"[*\\]", "", m.name) for m in data.plan.members]


def test_the_stack_table_has_one_row_per_counted_stage_with_its_state(document):
    path, lang, _text, tokens = document
    data = render_input(path, lang)
    words = labels(lang)
    stack = next(t for t in tables(tokens) if t[1][0] == words["plan"]["columns"]["stage"])
    counted = [s for s in data.states if s.counted]
    assert [row[0].strip("*") for row in stack[2]] == [s.stage.label[lang] for s in counted]
    for row, state in zip(stack[2], counted):
        if state.choice.covered_by:
            assert words["plan"]["marks"]["covered"] in row[-1]
        else:
            assert row[-1].endswith(words["states"][state.state])


def test_risks_are_sorted_by_severity(document):
    path, lang, _text, tokens = document
    data = render_input(path, lang)
    words = labels(lang)["plan"]
    risks = [t for t in tables(tokens) if t[1][1] == words["columns"]["risk"]]
    if not data.plan.risks:
        assert not risks
        return
    shown = [int(row[4].split("/")[0]) for row in risks[0][2]]
    assert shown == sorted((r.severity for r in data.plan.risks), reverse=True)


def test_the_agenda_is_the_outline(document):
    path, lang, _text, tokens = document
    data = render_input(path, lang)
    words = labels(lang)
    agenda = next(t for t in tables(tokens) if t[1][1] == words["plan"]["columns"]["cue"])
    rows = agenda[2]
    assert len(rows) == len(data.outline.slides)
    for row, slide in zip(rows, data.outline.slides):
        cue = slide.cue(words["speaker"])
        assert cue.startswith(row[1] + " ")  # the same [mm:ss–mm:ss] as the deck's notes
        assert row[2] == words["slides"][slide.id]
        assert re.sub(r"\\", "", row[3]) == slide.speaker
    totals = next(t for t in tables(tokens) if t[1][1] == words["plan"]["columns"]["time"]
                  and t[1][0] == words["plan"]["columns"]["speaker"])
    seconds = [int(m) * 60 + int(s) for m, s in (row[1].split(":") for row in totals[2])]
    assert seconds == list(data.outline.totals().values())
    assert sum(seconds) == data.outline.seconds


def test_gantt_has_every_dated_milestone_and_the_final_due_date(document):
    path, lang, _text, tokens = document
    data = render_input(path, lang)
    gantt = next(t.content for t in tokens if t.type == "fence" and t.content.startswith("gantt"))
    assert f"milestone, final, {data.course.final_due.isoformat()}, 0d" in gantt
    text = r"(?:[^:;#\n]|#\w+;)+"  # entity codes (#58;) stand for : ; # in names
    statement = re.compile(r"    (dateFormat YYYY-MM-DD|axisFormat %[dm]/%[dm]|todayMarker off|section " + text
                           + "|" + text + r" : (milestone, \w+, [\d-]+, 0d|\w+, [\d-]+, [\d-]+))")
    lines = gantt.splitlines()
    assert lines[0] == "gantt" and all(statement.fullmatch(line) for line in lines[1:]), gantt
    assert sum(line.startswith("    section ") for line in lines) == 1  # long names overlap tasks
    dated = [m for m in data.plan.milestones if m.due]
    assert len(re.findall(r" : (?:milestone, )?m\d+, ", gantt)) == len(dated)
    for milestone in dated:
        assert milestone.due.isoformat() in gantt


def test_flowchart_has_every_component_and_flow(document):
    path, lang, _text, tokens = document
    data = render_input(path, lang)
    flow = [t.content for t in tokens if t.type == "fence" and t.content.startswith("flowchart")]
    if not data.plan.components:
        return
    lines = flow[0].splitlines()[1:]
    nodes = [line for line in lines if "-->" not in line]
    edges = [line for line in lines if "-->" in line]
    assert len(edges) == len(data.plan.flows)
    assert len(nodes) >= len({c.name.casefold() for c in data.plan.components})
    for line in nodes:
        assert re.fullmatch(r'    c_[a-z0-9_]+\["[^"]*"\]', line), line
    for line in edges:
        assert re.fullmatch(r'    c_[a-z0-9_]+ -->(\|"[^"]*"\|)? c_[a-z0-9_]+', line), line


def test_same_input_same_bytes():
    path = FIXTURES / "hostile-en.yaml"
    assert markdown(path) == markdown(path)


def test_the_date_comes_from_the_plan_or_source_date_epoch(monkeypatch):
    path = FIXTURES / "hostile-en.yaml"
    assert "— 2026-10-20*" in markdown(path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    assert "— 2026-09-21*" in markdown(path)


def test_hostile_text_reaches_the_page_as_typed():
    from planner.plandoc.html import markdown_to_html
    text = markdown(FIXTURES / "hostile-en.yaml")
    page = markdown_to_html(text)
    tokens = parser().parse(text)
    assert headings(tokens)[0][1].startswith("\\<script>")
    for typed in ("Ada | Lovelace", "Data | ML<br />\nsecond line of role",
                  "&lt;script&gt;alert('team')&lt;/script&gt; | Pipes #1",
                  "<code>code | pipe</code> #hash #", "Why with | pipe<br />\nand a newline",
                  "<code>df[df.x | df.y]</code>", "# not a heading", "$0 | free tier",
                  "&lt;img src=x onerror=alert(1)&gt;",
                  # "Mongo|DB" is shown by its catalog name, like every tool (planner.facts).
                  "MongoDB</strong>: reason with | pipe"):
        assert typed in page, typed
    assert "<script" not in page and "<img" not in page and "<div" not in page
    assert 'href="javascript:' not in page and '<a href="https://example.org">link</a>' in page
    # The unclosed fence in `problem` did not swallow the rest of the document.
    assert [level for level, _ in headings(tokens)].count(2) == len(SECTIONS)


def test_a_platform_covers_stages_and_gaps_are_marked():
    text = markdown(FIXTURES / "gaps-fr.yaml")
    words = labels("fr")
    assert "↳\u00a0couvert par Databricks" in text
    for state in ("missing", "undecided", "partial", "not-applicable"):
        assert f"{words['plan']['marks'][state]}\u00a0{words['states'][state]}" in text, state
    todo = text.split(words["plan"]["to_complete"])[1].split("\n\n")[1]
    assert "**Service de LLM**" in todo and "**Surveillance**" in todo


def test_every_fixed_label_exists_in_both_languages():
    from planner import resources

    def keys(tree, prefix=()):
        for key, value in tree.items():
            if isinstance(value, dict):
                yield from keys(value, prefix + (key,))
            else:
                yield prefix + (key,)

    for name in ("plan.yaml", "common.yaml"):
        data = resources.data_file(f"labels/{name}")
        assert sorted(keys(data["fr"])) == sorted(keys(data["en"])), name


def _strings(tree):
    for value in tree.values():
        if isinstance(value, dict):
            yield from _strings(value)
        elif isinstance(value, str):
            yield value


@pytest.mark.parametrize("lang, other", [("fr", "en"), ("en", "fr")])
def test_no_label_of_the_other_language_is_left(lang, other):
    mine = set(_strings(labels(lang)))
    foreign = {text for text in _strings(labels(other)) if text not in mine and len(text) > 3}
    for path in PLANS:
        text = markdown(path, lang)
        tokens = parser().parse(text)
        skeleton = [title for _level, title in headings(tokens)]
        for _where, header, _rows in tables(tokens):
            skeleton.extend(header)
        for piece in skeleton:
            assert piece not in foreign, (path.name, piece)
        # Longer fixed phrases anywhere, when the team wrote in this language too
        # (its own text does not repeat them by chance).
        if render_input(path).plan.language == lang:
            for phrase in foreign:
                if len(phrase) >= 12 and "{" not in phrase:
                    assert phrase not in text, (path.name, phrase)
        fixed = labels(lang)["plan"]
        assert fixed["headings"]["stack"] in text and fixed["columns"]["alternatives"] in text
