"""Check a loaded document against a JSON Schema subset, pointing into the file.

The subset is what the plan and course schemas use: type, enum, properties,
required, additionalProperties, items, anyOf, $ref, minLength, minimum,
maximum and the formats date, email and uri. Returns findings and a cleaned
copy of the data, in which invalid values are dropped, so that the model can
be built from it without further checks.
"""

from __future__ import annotations

import datetime as dt
import re

from planner import rules
from planner.dates import in_range, out_of_range
from planner.findings import Finding
from planner.i18n import N_, _
from planner.suggest import did_you_mean

# The rules the validator emits; they are declared (severity, docstring) in planner/checks/structure.py.
UNKNOWN_KEY = "PLN010"
WRONG_TYPE = "PLN011"
BAD_VALUE = "PLN012"
MISSING_KEY = "PLN013"
BAD_FORMAT = "PLN014"
DUPLICATE_KEY = "PLN001"

_TYPE_NAMES = {
    dict: N_("a mapping"), list: N_("a list"), str: N_("text"), bool: N_("true/false"),
    int: N_("a number"), float: N_("a number"), dt.date: N_("a date"),
    dt.datetime: N_("a date and time"), type(None): N_("nothing"),
}
_EXPECTED = {
    "object": N_("a mapping (key: value)"), "array": N_("a list"), "string": N_("text"),
    "integer": N_("a whole number"), "number": N_("a number"), "boolean": N_("true or false"),
}
_TYPE_OF = {"object": dict, "array": list}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_DROP = object()


def describe(value) -> str:
    name = _TYPE_NAMES.get(type(value))
    return _(name) if name else type(value).__name__


class Validator:
    def __init__(self, schema: dict, document):
        self.root = schema
        self.doc = document
        self.findings: list[Finding] = []

    def run(self):
        for path, here, first in self.doc.duplicates:
            self.report(DUPLICATE_KEY, path, _(
                "duplicate key '{key}' (first defined at line {line}); the first value is "
                "used").format(key=path[-1], line=first[0]), at=here)
        cleaned = self.check(self.doc.data, self.root, ())
        return self.findings, (None if cleaned is _DROP else cleaned)

    def report(self, rule, path, message, key=False, hint=None, at=None):
        line, column = at or self.doc.where(path, key=key)
        self.findings.append(rules.finding(rule, self.doc.path, line, column, message, hint))

    def resolve(self, schema):
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            schema = {**self.root["$defs"][name], **{k: v for k, v in schema.items() if k != "$ref"}}
        return schema

    def check(self, value, schema, path):
        schema = self.resolve(schema)
        if "anyOf" in schema:
            return self.check_any(value, schema["anyOf"], path)
        if "enum" in schema:
            return self.check_enum(value, schema["enum"], path)
        kind = schema.get("type")
        if kind == "object":
            return self.check_object(value, schema, path)
        if kind == "array":
            return self.check_array(value, schema, path)
        if kind == "string":
            return self.check_string(value, schema, path)
        if kind in ("integer", "number"):
            return self.check_number(value, schema, path)
        if kind == "boolean":
            if isinstance(value, bool):
                return value
            return self.wrong_type(value, kind, path)
        return value

    def wrong_type(self, value, kind, path):
        name = _label(path)
        self.report(WRONG_TYPE, path, _("{name} should be {expected}, not {found}").format(
            name=name, expected=_(_EXPECTED[kind]), found=describe(value)))
        return _DROP

    def check_any(self, value, options, path):
        trials = []
        for option in options:
            trial = Validator(self.root, self.doc)
            result = trial.check(value, option, path)
            if not trial.findings:
                return result
            trials.append((self.resolve(option).get("type"), trial, result))
        # When exactly one option has the value's type (a mapping where text or a
        # mapping is allowed), its findings say what is wrong inside the value
        # (an unknown key, often a comma in a flow mapping), which "should be text
        # or a mapping, not a mapping" does not.
        matching = [t for t in trials if t[0] in _TYPE_OF and isinstance(value, _TYPE_OF[t[0]])]
        if len(matching) == 1:
            _kind, trial, result = matching[0]
            self.findings.extend(trial.findings)
            return result
        kinds = _(" or ").join(_(_EXPECTED[self.resolve(o).get("type")])
                               if self.resolve(o).get("type") in _EXPECTED else "?" for o in options)
        self.report(WRONG_TYPE, path, _("{name} should be {expected}, not {found}").format(
            name=_label(path), expected=kinds, found=describe(value)))
        return _DROP

    def check_enum(self, value, choices, path):
        text = self.as_text(value, path)
        if text in choices:
            return text
        shown = ", ".join(str(c) for c in choices)
        self.report(BAD_VALUE, path, _("{name} is '{value}'; expected one of: {choices}").format(
            name=_label(path), value=text, choices=shown),
                    hint=did_you_mean(str(text), [str(c) for c in choices]))
        return _DROP

    def as_text(self, value, path):
        # A plain scalar such as 00123, yes or 2024 is kept as the user wrote it.
        if isinstance(value, (bool, int, float, dt.date)) or value is None:
            raw = self.doc.raw.get(path)
            if raw is not None:
                return raw
        return value

    def check_object(self, value, schema, path):
        in_list = bool(path) and isinstance(path[-1], int)
        if not isinstance(value, dict):
            if value is None and path:
                # An empty list item ("- ") is no item; an empty mapping value ("team:")
                # is an empty mapping, still missing its required keys.
                if in_list and schema.get("required"):
                    return _DROP
                value = {}
            else:
                return self.wrong_type(value, "object", path)
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        cleaned = {}
        for key, item in value.items():
            if key in properties:
                result = self.check(item, properties[key], path + (key,))
            elif isinstance(extra, dict):
                names = schema.get("propertyNames", {}).get("enum")
                if names is not None and key not in names:
                    self.unknown_key(key, names, path, item)
                    continue
                result = self.check(item, extra, path + (key,))
            elif extra is False:
                self.unknown_key(key, list(properties), path, item)
                continue
            else:
                result = item
            if result is not _DROP:
                cleaned[key] = result
        for key in schema.get("required", []):
            if key not in value:
                message = (_("'{name}' is missing the required key '{key}'") if path
                           else _("the file is missing the required key '{key}'"))
                self.report(MISSING_KEY, path, message.format(name=_label(path), key=key),
                            key=True)
            elif value[key] is None and key not in cleaned:
                # `title:` with nothing after it: present, but as good as missing.
                self.report(MISSING_KEY, path + (key,), _("{name} is required but has no value").format(
                    name=_label(path + (key,))), key=True)
        # A list item (member, milestone, flow...) without a valid required key is
        # dropped whole, so that the model can rely on it; the finding says why.
        if in_list and any(key not in cleaned for key in schema.get("required", [])):
            return _DROP
        return cleaned

    def unknown_key(self, key, known, path, value=_DROP):
        message = _("unknown key '{key}' in '{name}'") if path else _("unknown key '{key}'")
        hint = did_you_mean(key, known)
        if hint is None and value is None and " " in str(key).strip():
            # `{tool: X, reason: slow, costly}`: the comma ends the text, and the
            # rest of the sentence becomes a key without a value.
            hint = _("a comma inside {...} ends the text before it: put such text in quotes")
        self.report(UNKNOWN_KEY, path + (key,), message.format(key=key, name=_label(path)),
                    key=True, hint=hint)

    def check_array(self, value, schema, path):
        if value is None:
            return []
        if not isinstance(value, list):
            return self.wrong_type(value, "array", path)
        items = schema.get("items", {})
        cleaned = []
        for index, item in enumerate(value):
            result = self.check(item, items, path + (index,))
            if result is not _DROP:
                cleaned.append(result)
        return cleaned

    def check_string(self, value, schema, path):
        fmt = schema.get("format")
        if fmt == "date":
            return self.check_date(value, path)
        if value is None:
            return _DROP
        value = self.as_text(value, path)
        if not isinstance(value, str):
            return self.wrong_type(value, "string", path)
        if len(value.strip()) < schema.get("minLength", 0):
            self.report(BAD_VALUE, path, _("{name} is empty").format(name=_label(path)))
            return _DROP
        if fmt == "email" and not _EMAIL.match(value.strip()):
            self.report(BAD_FORMAT, path, _("'{value}' is not an email address").format(value=value))
        return value

    def check_date(self, value, path):
        day = None
        if isinstance(value, dt.datetime):
            day = value.date()
        elif isinstance(value, dt.date):
            day = value
        elif isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        if day is not None:
            if in_range(day):
                return day
            # 9999-12-31 is a date, but not one of a term: reported and dropped,
            # so no later arithmetic on it can leave the calendar.
            self.report(BAD_VALUE, path, out_of_range(_label(path), day))
            return _DROP
        if isinstance(value, str) and _ISO_DATE.match(value.strip()):
            self.report(BAD_FORMAT, path, _("{name} is '{value}', which is not a date of the "
                                          "calendar").format(name=_label(path), value=value.strip()))
        else:
            self.report(BAD_FORMAT, path, _("{name} should be a date written YYYY-MM-DD, not "
                                          "{value}").format(name=_label(path), value=repr(value)))
        return _DROP

    def check_number(self, value, schema, path):
        kind = schema["type"]
        ok = isinstance(value, int) if kind == "integer" else isinstance(value, (int, float))
        if not ok or isinstance(value, bool):
            return self.wrong_type(value, kind, path)
        if value != value or value in (float("inf"), float("-inf")):  # .nan, .inf
            self.report(BAD_VALUE, path, _("{name} is {value}; expected a finite number").format(
                name=_label(path), value=self.as_text(value, path)))
            return _DROP
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            self.report(BAD_VALUE, path, _("{name} is {value}; expected between {low} and {high}").format(
                name=_label(path), value=value, low=low, high=high))
            return _DROP
        return value


def _label(path) -> str:
    parts = []
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts) or _("the document")


def validate(document, schema):
    return Validator(schema, document).run()
