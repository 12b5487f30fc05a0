"""The JSON-Schema-subset validator: findings that point into the file, and cleaned data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from planner import yamlsource
from planner.course import load_course
from planner.errors import InputError
from planner.schema import plan_schema, validation_schema
from planner.validate import validate

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "count": {"type": "integer", "minimum": 1, "maximum": 10},
        "ratio": {"type": "number", "minimum": 0},
        "on": {"type": "boolean"},
        "kind": {"enum": ["database", "warehouse", "lake"]},
        "when": {"type": "string", "format": "date"},
        "email": {"type": "string", "format": "email"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "nested": {"$ref": "#/$defs/nested"},
        "free": {"type": "object", "additionalProperties": {"type": "integer"}},
        "named": {"type": "object", "additionalProperties": {"type": "string"},
                  "propertyNames": {"enum": ["title", "risks"]}},
        "either": {"type": "array", "items": {"anyOf": [
            {"type": "string"},
            {"type": "object", "additionalProperties": False, "required": ["tool"],
             "properties": {"tool": {"type": "string"}, "reason": {"type": "string"}}}]}},
        "loose": {},
    },
    "$defs": {"nested": {"type": "object", "properties": {"x": {"type": "string"}}}},
}


def run(text, schema=SCHEMA):
    doc = yamlsource.parse(text, "f.yaml")
    findings, cleaned = validate(doc, schema)
    return findings, cleaned


def only(text, schema=SCHEMA):
    findings, cleaned = run(text, schema)
    assert len(findings) == 1, [f.text for f in findings]
    return findings[0], cleaned


def test_a_valid_document_is_returned_whole():
    text = ("name: n\ncount: 3\nratio: 0.5\non: true\nkind: lake\nwhen: 2024-01-02\n"
            "email: a@b.org\ntags: [x, y]\nnested: {x: y}\nfree: {a: 1}\nnamed: {title: Ada}\n"
            "either: [MLflow, {tool: DVC, reason: r}]\nloose: [anything, {goes: 1}]\n")
    findings, cleaned = run(text)
    assert findings == []
    assert cleaned["when"] == dt.date(2024, 1, 2)
    assert cleaned["either"] == ["MLflow", {"tool": "DVC", "reason": "r"}]
    assert cleaned["loose"] == ["anything", {"goes": 1}]


@pytest.mark.parametrize("text, message, where", [
    ("name: [a]\n", "name should be text, not a list", (1, 7)),
    ("name: n\ncount: many\n", "count should be a whole number, not text", (2, 8)),
    ("name: n\ncount: 2.5\n", "count should be a whole number, not a number", (2, 8)),
    ("name: n\ncount: true\n", "count should be a whole number, not true/false", (2, 8)),
    ("name: n\nratio: x\n", "ratio should be a number, not text", (2, 8)),
    ("name: n\non: 'yes'\n", "on should be true or false, not text", (2, 5)),
    ("name: n\ntags: x\n", "tags should be a list, not text", (2, 7)),
    ("name: n\nnested: [1]\n", "nested should be a mapping (key: value), not a list", (2, 9)),
    ("name: n\nfree: {a: x}\n", "free.a should be a whole number, not text", (2, 11)),
    ("- a\n", "the document should be a mapping (key: value), not a list", (1, 1)),
])
def test_wrong_types(text, message, where):
    finding, _ = only(text)
    assert (finding.id, finding.message, (finding.line, finding.column)) == ("PLN011", message, where)


def test_wrong_values_are_dropped_from_the_cleaned_data():
    findings, cleaned = run("name: n\ncount: many\ntags: [a, [b], c]\nkind: lakes\n")
    assert [f.id for f in findings] == ["PLN011", "PLN011", "PLN012"]
    assert cleaned == {"name": "n", "tags": ["a", "c"]}
    assert findings[1].message == "tags[2] should be text, not a list"


def test_enum_suggests_the_closest_choice():
    finding, _ = only("name: n\nkind: datalake\n")
    assert finding.id == "PLN012" and (finding.line, finding.column) == (2, 7)
    assert finding.message == "kind is 'datalake'; expected one of: database, warehouse, lake"
    assert finding.hint == "did you mean 'database'?" or finding.hint == "did you mean 'lake'?"


def test_enum_compares_the_text_as_written():
    schema = {"type": "object", "properties": {"v": {"enum": ["1.0", "yes"]}}}
    assert run("v: 1.0\n", schema)[0] == []
    assert run("v: yes\n", schema)[1] == {"v": "yes"}


@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.Inf", "+.inf"])
def test_non_finite_numbers_are_refused(written):
    finding, cleaned = only(f"name: n\nratio: {written}\n")
    assert (finding.id, finding.message) == ("PLN012", f"ratio is {written}; expected a finite number")
    assert "ratio" not in cleaned


def test_range_and_empty_text():
    finding, _ = only("name: n\ncount: 11\n")
    assert (finding.id, finding.message) == ("PLN012", "count is 11; expected between 1 and 10")
    finding, _ = only("name: '   '\n")
    assert (finding.id, finding.message) == ("PLN012", "name is empty")


def test_unknown_keys_suggest_the_closest_known_key():
    finding, cleaned = only("name: n\ncuont: 3\n")
    assert finding.id == "PLN010" and (finding.line, finding.column) == (2, 1)
    assert finding.message == "unknown key 'cuont'" and finding.hint == "did you mean 'count'?"
    assert cleaned == {"name": "n"}


def test_unknown_nested_key_names_its_parent():
    finding, _ = only("name: n\neither: [{tool: a, reson: r}]\n")
    assert finding.message == "unknown key 'reson' in 'either[1]'"
    assert finding.hint == "did you mean 'reason'?"
    assert (finding.line, finding.column) == (2, 20)


def test_property_names():
    finding, cleaned = only("name: n\nnamed: {title: A, risk: B}\n")
    assert finding.id == "PLN010" and finding.hint == "did you mean 'risks'?"
    assert cleaned["named"] == {"title": "A"}


def test_missing_required_key_points_at_the_parent():
    schema = {"type": "object", "properties": {"team": {"type": "object", "required": ["name"],
                                                        "properties": {"name": {"type": "string"}}}}}
    (finding,) = run("x: 1\nteam:\n  size: 3\n", schema)[0]
    assert finding.id == "PLN013" and finding.message == "'team' is missing the required key 'name'"
    assert (finding.line, finding.column) == (2, 1)
    (finding,) = run("count: 1\n")[0]
    assert finding.message == "the file is missing the required key 'name'"


def test_dates():
    assert run("name: n\nwhen: '2024-03-01'\n")[1]["when"] == dt.date(2024, 3, 1)
    assert run("name: n\nwhen: 2024-03-01 10:30:00\n")[1]["when"] == dt.date(2024, 3, 1)
    finding, cleaned = only("name: n\nwhen: 01/03/2024\n")
    assert finding.id == "PLN014" and "YYYY-MM-DD" in finding.message and "when" not in cleaned
    finding, _ = only("name: n\nwhen: 2024-02-30\n")
    assert finding.id == "PLN014" and "not a date of the calendar" in finding.message
    assert (finding.line, finding.column) == (2, 7)


@pytest.mark.parametrize("email, ok", [("a@b.org", True), ("first.last@uni.ca", True),
                                        ("a@b", False), ("a b@c.org", False), ("abc", False)])
def test_emails(email, ok):
    findings, _ = run(f"name: n\nemail: '{email}'\n")
    assert (findings == []) is ok
    if not ok:
        assert findings[0].id == "PLN014" and email in findings[0].message


def test_scalars_where_text_is_expected_keep_their_written_form():
    findings, cleaned = run("name: 00123\nnested: {x: yes}\ntags: [2024, 1.50, null, ~]\n")
    assert findings == []
    assert cleaned["name"] == "00123" and cleaned["nested"] == {"x": "yes"}
    assert cleaned["tags"] == ["2024", "1.50"]  # an empty item is no item


def test_empty_values_are_empty_containers_or_dropped():
    findings, cleaned = run("name: n\nnested:\ntags:\nemail:\n")
    assert findings == []
    assert cleaned == {"name": "n", "nested": {}, "tags": []}


def test_any_of_reports_inside_the_one_matching_type():
    finding, _ = only("name: n\neither: [{tool: a, reason: [x]}]\n")
    assert finding.message == "either[1].reason should be text, not a list"
    finding, _ = only("name: n\neither: [[a]]\n")
    assert finding.message == "either[1] should be text or a mapping (key: value), not a list"


def test_duplicate_keys_are_findings_at_the_second_key():
    findings, cleaned = run("name: a\ncount: 1\nname: b\n")
    assert [(f.id, f.line, f.column) for f in findings] == [("PLN001", 3, 1)]
    assert "first defined at line 1" in findings[0].message and cleaned["name"] == "a"


def test_severity_is_the_rule_registrys():
    from planner.rules import get
    doc = yamlsource.parse("nme: n\n", "f.yaml")
    findings, _ = validate(doc, SCHEMA)
    assert findings and all(f.severity == get(f.id).severity for f in findings)


# --- the plan schema -----------------------------------------------------------------------

COURSE = load_course()


def test_plan_schema_lists_the_course_stages_and_choices():
    schema = plan_schema(COURSE)
    stack = schema["properties"]["stack"]["properties"]
    assert set(stack) == set(COURSE.stage_ids) - {"infrastructure"}
    assert schema["properties"]["infrastructure"]["properties"]["choice"]["enum"] == list(
        COURSE.infrastructure_choices)
    assert schema["$defs"]["stage"]["properties"]["kind"]["enum"] == list(COURSE.storage_kinds)
    assert plan_schema(COURSE) == schema  # a fresh copy each time: callers may not share state


ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted([*ROOT.glob("examples/*.yaml"), *ROOT.glob("tests/corpus/*.yaml"),
                *ROOT.glob("tests/fixtures/**/*.yaml")])


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.name)
def test_plans_are_validated_as_the_editors_schema_validates_them(path):
    """Checks use a schema without the catalog's examples and stage descriptions (no copy
    of the stage definition per stage): it finds and keeps exactly what the full one does."""
    try:
        document = yamlsource.load(path)
    except InputError:
        return
    if not isinstance(document.data, dict):
        return
    assert validate(document, validation_schema(COURSE)) == validate(document, plan_schema(COURSE))


def test_plan_schema_unknown_stage_suggests_a_stage():
    doc = yamlsource.parse("stack:\n  montoring: {tools: [Grafana]}\n", "p.yaml")
    findings, _ = validate(doc, plan_schema(COURSE))
    unknown = [f for f in findings if f.id == "PLN010"]
    assert unknown[0].hint == "did you mean 'monitoring'?" and unknown[0].line == 2


def test_plan_schema_speakers_must_name_slides():
    doc = yamlsource.parse("presentation: {speakers: {architecure: Ada}}\n", "p.yaml")
    findings, _ = validate(doc, plan_schema(COURSE))
    assert any(f.id == "PLN010" and f.hint == "did you mean 'architecture'?" for f in findings)


def test_an_empty_mapping_value_still_misses_its_required_keys():
    schema = {"type": "object", "properties": {"team": {"type": "object", "required": ["name"],
                                                        "properties": {"name": {"type": "string"}}}}}
    findings, cleaned = run("team:\n", schema)
    assert [(f.id, f.message) for f in findings] == [
        ("PLN013", "'team' is missing the required key 'name'")]
    assert cleaned == {"team": {}}


def test_a_required_key_without_a_value_is_reported():
    findings, cleaned = run("name:\ncount: 2\n")
    assert [(f.id, f.message, f.line, f.column) for f in findings] == [
        ("PLN013", "name is required but has no value", 1, 1)]
    assert cleaned == {"count": 2}
    findings, _ = run("name: n\neither: [{tool: }]\n")
    assert [f.message for f in findings] == ["either[1].tool is required but has no value"]
