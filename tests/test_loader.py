"""The YAML loader: positions of keys and values, duplicates, refused tags, aliases, limits."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from planner import yamlsource
from planner.errors import InputError


def parse(text: str):
    return yamlsource.parse(text, "plan.yaml")


def fault(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        parse(text)
    return info.value


def load_bytes(tmp_path, data: bytes, name="plan.yaml"):
    path = tmp_path / name
    path.write_bytes(data)
    return yamlsource.load(path)


def load_fault(tmp_path, data: bytes) -> InputError:
    with pytest.raises(InputError) as info:
        load_bytes(tmp_path, data)
    return info.value


# --- positions -----------------------------------------------------------------------------

TEXT = """\
# a comment
team:
  name: r00tAI
  members:
    - name: Ada
      role: data
    - {name: Alan, role: ml}
stack:
  data-storage: {kind: lake, tools: [HDFS, "Delta Lake"]}
"""


def test_values_and_keys_have_their_line_and_column():
    doc = parse(TEXT)
    assert doc.data["team"]["members"][1] == {"name": "Alan", "role": "ml"}
    assert doc.where(("team",), key=True) == (2, 1)
    assert doc.where(("team", "name"), key=True) == (3, 3)
    assert doc.where(("team", "name")) == (3, 9)
    assert doc.where(("team", "members", 0, "role")) == (6, 13)
    assert doc.where(("team", "members", 1)) == (7, 7)
    assert doc.where(("team", "members", 1, "role"), key=True) == (7, 20)
    assert doc.where(("stack", "data-storage", "tools", 1)) == (9, 44)


def test_every_position_points_at_its_text():
    doc = parse(TEXT)
    lines = TEXT.splitlines()
    for path, (line, column) in doc.key_marks.items():
        assert lines[line - 1][column - 1:].startswith(str(path[-1])), path
    for path, raw in doc.raw.items():
        line, column = doc.marks[path]
        written = lines[line - 1][column - 1:]
        assert written.lstrip('"').startswith(raw), (path, raw, written)


def test_where_falls_back_to_the_nearest_ancestor():
    doc = parse(TEXT)
    assert doc.where(("team", "members", 0, "email")) == doc.where(("team", "members", 0))
    assert doc.where(("nothing", "here")) == doc.where(()) == (2, 1)


def test_where_of_a_missing_key_is_its_parent():
    doc = parse(TEXT)
    assert doc.where(("team", "email")) == doc.marks[("team",)]
    assert doc.where(("absent",), key=True) == doc.where(())


def test_raw_keeps_scalars_as_written():
    # YAML 1.1 reads 00123 as octal and yes as true; the validator uses the raw text
    # wherever the plan expects text, so a student id "00123" stays "00123".
    doc = parse("id: 00123\nflag: yes\nwhen: 2024-11-26\nn: 1_000\n")
    assert doc.data == {"id": 83, "flag": True, "when": dt.date(2024, 11, 26), "n": 1000}
    assert doc.raw[("flag",)] == "yes"
    assert doc.raw[("id",)] == "00123"
    assert doc.raw[("when",)] == "2024-11-26"


def test_quoted_scalars_are_text():
    doc = parse("a: 'yes'\nb: \"00123\"\nc: '2024-01-01'\nd: !!str true\n")
    assert doc.data == {"a": "yes", "b": "00123", "c": "2024-01-01", "d": "true"}


def test_keys_are_text():
    doc = parse("1: a\ntrue: b\n~: c\n2024-01-01: d\n")
    assert list(doc.data) == ["1", "true", "~", "2024-01-01"]


@pytest.mark.parametrize("text, where", [("? [a, b]\n: 1\n", (1, 3)), ("{a: 1}: 2\n", (1, 1)),
                                          ("? {a: 1}\n: 2\n", (1, 3))])
def test_a_mapping_or_list_as_a_key_is_refused(text, where):
    error = fault(text)
    assert "a key must be plain text" in error.message
    assert (error.line, error.column) == where


# --- duplicates ----------------------------------------------------------------------------

def test_duplicate_keys_are_recorded_with_both_places_and_the_first_value_wins():
    doc = parse("team:\n  name: A\n  name: B\nother: 1\nteam: 2\n")
    assert doc.data == {"team": {"name": "A"}, "other": 1}
    assert doc.duplicates == [(("team", "name"), (3, 3), (2, 3)), (("team",), (5, 1), (1, 1))]
    assert doc.where(("team", "name")) == (2, 9)


def test_duplicate_keys_in_flow_mappings_and_lists():
    doc = parse("items:\n  - {a: 1, a: 2}\n  - {a: 3}\n")
    assert doc.data == {"items": [{"a": 1}, {"a": 3}]}
    assert doc.duplicates == [(("items", 0, "a"), (2, 12), (2, 6))]


def test_same_key_in_different_mappings_is_not_a_duplicate():
    assert parse("a: {x: 1}\nb: {x: 2}\n").duplicates == []


# --- tags ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['touch /tmp/planner-pwned']\n",
    "a: !!python/object/new:os.system ['touch /tmp/planner-pwned']\n",
    "a: !!python/name:os.system\n",
    "a: !!python/module:os\n",
    "!!python/object:collections.OrderedDict {a: 1}\n",
    "a: !!python/tuple [1, 2]\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\n",
    "a: !!omap [{x: 1}]\n",
    "a: !custom 3\n",
    "a: !<tag:example.com,2000:thing> {b: 1}\n",
])
def test_tags_that_construct_objects_are_refused(text):
    error = fault(text)
    assert "is not allowed in a plan" in error.message
    assert error.line == 1 and error.column in (1, 4)
    assert not os.path.exists("/tmp/planner-pwned")


@pytest.mark.parametrize("text, value", [
    ("a: !!str 00123\n", "00123"), ("a: !!int '7'\n", 7), ("a: !!float 1\n", 1.0),
    ("a: !!bool true\n", True), ("a: !!null ''\n", None), ("a: !!timestamp 2024-01-02\n", dt.date(2024, 1, 2)),
    ("a: !!map {b: 1}\n", {"b": 1}), ("a: !!seq [1]\n", [1]),
])
def test_standard_tags_are_accepted(text, value):
    assert parse(text).data == {"a": value}


def test_merge_keys_are_refused_with_a_clear_message():
    error = fault("base: &b {k: 1}\nx:\n  <<: *b\n  j: 2\n")
    assert "merge keys (<<)" in error.message and (error.line, error.column) == (3, 3)


def test_an_impossible_plain_date_stays_text():
    assert parse("due: 2024-02-30\n").data == {"due": "2024-02-30"}
    error = fault("due: !!timestamp 2024-02-30\n")
    assert "2024-02-30" in error.message and error.line == 1


# --- aliases -------------------------------------------------------------------------------

def test_aliases_repeat_their_anchor():
    doc = parse("tools: &t [MLflow, DVC]\nagain: *t\nname: &n Ada\nowner: *n\n")
    assert doc.data == {"tools": ["MLflow", "DVC"], "again": ["MLflow", "DVC"], "name": "Ada",
                        "owner": "Ada"}


def test_an_alias_as_a_key_is_text():
    assert parse("k: &k name\n*k : 2\n").data == {"k": "name", "name": 2}


def test_an_alias_to_a_collection_cannot_be_a_key():
    assert "plain text" in fault("k: &k [a]\n? *k\n: 2\n").message


def test_unknown_alias():
    error = fault("a: 1\nb: *nope\n")
    assert "unknown alias *nope" in error.message and (error.line, error.column) == (2, 4)


def billion_laughs(levels=10):
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join(["*" + prev] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_stops_early_at_the_alias_that_overflows():
    error = fault(billion_laughs())
    assert "alias bomb" in error.message
    assert error.line == 6 and error.column > 1


def test_many_aliases_below_the_limit_are_fine():
    doc = parse(billion_laughs(levels=4))
    assert len(doc.data["d"]) == 9
    assert doc.data["d"][8][8][8] == doc.data["a"] == ["lol"] * 9


# --- limits --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "[" * 20_000 + "]" * 20_000, "[" * 20_000, "{a: " * 20_000 + "1" + "}" * 20_000,
    "- " * 20_000 + "x\n", "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 100)),
])
def test_deep_nesting_is_refused_at_the_limit(text):
    error = fault(text)
    assert f"deeper than {yamlsource.MAX_DEPTH} levels" in error.message
    assert error.line and error.column


def test_nesting_up_to_the_limit_is_fine():
    depth = yamlsource.MAX_DEPTH
    assert parse("[" * depth + "]" * depth).data is not None


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as handle:  # sparse: the loader must refuse on size alone
        handle.truncate(yamlsource.MAX_BYTES + 1)
    with pytest.raises(InputError) as info:
        yamlsource.load(path)
    assert "too large" in info.value.message and info.value.path == str(path)


def test_more_than_one_document_is_refused():
    error = fault("a: 1\n---\nb: 2\n")
    assert "more than one YAML document" in error.message and error.line == 2


def test_one_document_with_markers_is_fine():
    assert parse("---\na: 1\n...\n").data == {"a": 1}


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n   \n", "---\n", "~\n"])
def test_empty_documents_load_as_nothing(text):
    assert parse(text).data is None


# --- syntax --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, where, words", [
    ("a: [1, 2\nb: 3\n", (2, 2), "expected ',' or ']'"),
    ("a:\n\tb: 1\n", (2, 1), "indent with spaces, not tabs"),
    ("a: 1\n  b: 2\n", (2, 4), "mapping values are not allowed"),
    ("a: 'open\n", (2, 1), "unexpected end of stream"),
    ("- a\nb: 1\n", (2, 1), "did not find expected '-' indicator"),
    ("a: @x\n", (1, 4), "cannot start any token"),
])
def test_syntax_errors_say_where(text, where, words):
    error = fault(text)
    assert error.message.startswith("YAML syntax:") and words in error.message
    assert (error.line, error.column) == where
    assert str(error).startswith(f"plan.yaml:{where[0]}:{where[1]}: error: YAML syntax:")


# --- bytes and encodings -------------------------------------------------------------------

def test_utf8_with_a_byte_order_mark_is_fine(tmp_path):
    doc = load_bytes(tmp_path, "\ufeffteam: {name: Équipe}\n".encode("utf-8"))
    assert doc.data == {"team": {"name": "Équipe"}}
    assert doc.where(("team",), key=True) == (1, 1)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_named(tmp_path, encoding):
    error = load_fault(tmp_path, "team: {name: Équipe}\n".encode(encoding))
    assert "UTF-16" in error.message and "UTF-8" in error.message


def test_latin1_is_pointed_at_the_first_bad_character(tmp_path):
    error = load_fault(tmp_path, "a: 1\ntitle: Électricité\n".encode("latin-1"))
    assert "not UTF-8" in error.message and "Latin-1" in error.hint
    assert (error.line, error.column) == (2, 8)


def test_columns_count_characters_not_bytes(tmp_path):
    error = load_fault(tmp_path, "title: Été ".encode() + b"\xe9t\xe9\n")
    assert (error.line, error.column) == (1, 12)


def test_a_nul_byte_is_binary(tmp_path):
    error = load_fault(tmp_path, b"a: 1\nb: x\x00y\n")
    assert "NUL byte" in error.message and (error.line, error.column) == (2, 5)


def test_binary_junk(tmp_path):
    error = load_fault(tmp_path, bytes(range(256)) * 4)
    assert error.path == str(tmp_path / "plan.yaml")


def test_a_folder_and_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        yamlsource.load(tmp_path)
    with pytest.raises(InputError, match="no such file"):
        yamlsource.load(tmp_path / "missing.yaml")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        yamlsource.load(path)


def test_the_shown_name_is_used_in_messages(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("a: [\n")
    with pytest.raises(InputError) as info:
        yamlsource.load(path, shown="teams/plan.yaml")
    assert str(info.value).startswith("teams/plan.yaml:2:1: error:")


def test_the_safe_loader_is_the_c_one_when_available():
    import yaml
    assert yamlsource._Loader is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# --- the cache of built-in data files ------------------------------------------------------

def _cache_file(resources, name):
    import sys
    return resources.CACHE / f"{name}.{sys.implementation.cache_tag}.marshal"


def test_cached_data_files_equal_their_yaml(tmp_path, monkeypatch):
    import yaml

    from planner import resources
    names = [str(p.relative_to(resources.DATA)) for p in resources.DATA.rglob("*.yaml")]
    monkeypatch.setattr(resources, "CACHE", tmp_path / "cache")
    for name in names:
        with open(resources.DATA / name, encoding="utf-8") as handle:
            expected = yaml.safe_load(handle)
        resources.data_file.cache_clear()
        first = resources.data_file(name)       # parses the YAML, writes the cache
        assert _cache_file(resources, name).is_file(), name
        resources.data_file.cache_clear()
        second = resources.data_file(name)      # reads the cache
        assert first == second == expected, name
        # The same types too (dates are dates, keys keep their types), not only equal values.
        assert repr(second) == repr(expected), name
    resources.data_file.cache_clear()


def test_dates_come_back_from_the_cache_as_dates(tmp_path, monkeypatch):
    import datetime as dt
    import marshal

    from planner import resources
    monkeypatch.setattr(resources, "DATA", tmp_path)
    monkeypatch.setattr(resources, "CACHE", tmp_path / "cache")
    (tmp_path / "dated.yaml").write_text(
        "due: 2026-04-28\nat: 2026-04-28 10:30:00\nlist: [2026-01-02, text]\nplain: 3\n",
        encoding="utf-8")
    (tmp_path / "plain.yaml").write_text("a: [1, two]\n", encoding="utf-8")
    for name in ("dated.yaml", "plain.yaml"):
        resources.data_file.cache_clear()
        first = resources.data_file(name)
        resources.data_file.cache_clear()
        assert resources.data_file(name) == first
    assert first == {"a": [1, "two"]}
    dated = resources.data_file("dated.yaml")
    assert dated["due"] == dt.date(2026, 4, 28) and dated["at"] == dt.datetime(2026, 4, 28, 10, 30)
    assert dated["list"] == [dt.date(2026, 1, 2), "text"]
    _stamp, marked, _data = marshal.loads(_cache_file(resources, "plain.yaml").read_bytes())
    assert marked is False  # read back as it is, without a walk for dates
    resources.data_file.cache_clear()


def test_a_stale_or_broken_cache_is_ignored(tmp_path, monkeypatch):
    import marshal

    from planner import resources
    monkeypatch.setattr(resources, "CACHE", tmp_path)
    resources.data_file.cache_clear()
    real = resources.data_file("course.yaml")
    cached = _cache_file(resources, "course.yaml")
    stamp, dated, data = marshal.loads(cached.read_bytes())
    cached.write_bytes(marshal.dumps(((0, *stamp[1:]), dated, {"stale": True})))
    resources.data_file.cache_clear()
    assert resources.data_file("course.yaml") == real
    for junk in (b"not marshal", marshal.dumps([]), marshal.dumps((1, 2)), b""):
        cached.write_bytes(junk)
        resources.data_file.cache_clear()
        assert resources.data_file("course.yaml") == real
    resources.data_file.cache_clear()


def test_an_unwritable_cache_is_no_error(tmp_path, monkeypatch):
    from planner import resources
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(resources, "CACHE", blocker / "cache")
    resources.data_file.cache_clear()
    assert resources.data_file("course.yaml")["team_size"] == {"min": 3, "max": 4}
    resources.data_file.cache_clear()


# --- what the fast paths keep exactly as PyYAML does ---------------------------------------

CORPUS_TEXTS = sorted(
    path for folder in ("corpus", "fixtures") for path in
    (Path(__file__).parent / folder).rglob("*.yaml")) + sorted(
    (Path(__file__).parent.parent / "examples").glob("*.yaml"))


def test_untagged_scalars_get_the_tags_pyyaml_gives_them():
    """The loader's own lookup of implicit tags (int, float, bool, null, timestamp, str)
    gives PyYAML's Resolver's answer for every scalar of the corpus, the fixtures and the
    examples, and for the edge cases written here."""
    import yaml
    resolver = yaml.resolver.Resolver()
    edge = "\n".join(f"- {value}" for value in (
        "", "~", "null", "Null", "NULL", "yes", "No", "on", "OFF", "y", "true", "0x1F", "0o17",
        "017", "+1", "-1_000", ".5", "-.inf", ".NaN", "1e3", "2024-11-26", "2024-11-26 10:00",
        "12:30:00", "=", "<<", "!x", "&x", "*x", "text", "'1'", '"true"', "|\n    12\n"))
    compared = 0
    for text in [edge] + [path.read_text("utf-8", errors="replace") for path in CORPUS_TEXTS]:
        try:
            events = list(yaml.parse(text, Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            continue
        for event in events:
            if isinstance(event, yaml.ScalarEvent) and event.tag in (None, "!"):
                expected = resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
                assert yamlsource._implicit_tag(event.value, event.implicit) == expected, event.value
                compared += 1
    assert compared > 1000


def test_plain_text_is_loaded_as_pyyaml_loads_it():
    """Text scalars skip PyYAML's constructor: the values are those of yaml.safe_load."""
    import yaml
    for path in sorted((Path(__file__).parent.parent / "examples").glob("*.yaml")):
        text = path.read_text("utf-8")
        assert parse(text).data == yaml.safe_load(text)


def test_texts_are_every_string_value_in_file_order():
    doc = parse("a: x\nb: [y, {c: z, d: 1}]\ne: {f: w}\ng: null\n")
    assert doc.texts == [(("a",), "x"), (("b", 0), "y"), (("b", 1, "c"), "z"), (("e", "f"), "w")]


@pytest.mark.parametrize("text, maybe", [
    ("a: plain text, accents éà and emoji 🙂\n", False),
    ('a: "an escape \\x01"\n', True),
    ('a: "a harmless escape \\n"\n', True),        # any backslash: the values are looked at
    ("a: a next-line character \x85 here\n", True),  # YAML allows it; it is not text
    ("a: a non-character \ufdd0\n", True),
])
def test_a_file_says_whether_its_values_may_hold_what_is_not_text(text, maybe):
    assert parse(text).maybe_not_text is maybe


def test_no_value_holds_what_is_not_text_when_the_file_says_so():
    """The flag that lets the model skip cleaning the values is never wrong (corpus)."""
    from planner.characters import not_text
    pattern = not_text()
    for path in CORPUS_TEXTS:
        try:
            doc = yamlsource.load(path)
        except InputError:
            continue
        if not doc.maybe_not_text:
            assert not any(pattern.search(text) for _path, text in doc.texts), path
            assert not any(pattern.search(str(key[-1])) for key in doc.key_marks), path


def test_the_built_in_course_holds_nothing_that_is_not_text():
    """The built-in course is built without cleaning its texts (planner.course.load_course)."""
    from planner import resources
    from planner.characters import clean
    data = resources.data_file("course.yaml")
    assert clean(data) == data


def test_holds_not_text_agrees_with_the_pattern():
    from planner.characters import holds_not_text, not_text
    pattern = not_text()
    for text in ("", "plain", "é\x85", "\x00", "a\ud800", "\U0001fffe", "\ufdef", "\ufdf0",
                 "tab\tnewline\n", "\x7f"):
        assert holds_not_text(text) == (pattern.search(text) is not None), repr(text)
    # Every code point, one at a time: the test without the pattern is the pattern.
    for start in range(0, 0x110000, 0x1000):
        block = [chr(code) for code in range(start, start + 0x1000)]
        expected = [pattern.match(char) is not None for char in block]
        assert [holds_not_text(char) for char in block] == expected, hex(start)
