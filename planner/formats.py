"""Findings as text, JSON, GitHub workflow commands or SARIF 2.1.0: a registry of formats.

Each format is a function of the findings that returns the text to print, registered
under its name with @finding_format; `planner check --format` offers the registered
names. Adding a format is one function here, plus its test.
"""

from __future__ import annotations

from collections.abc import Callable

from planner import __version__, registry

FORMATS: dict[str, Callable[[list], str]] = {}


def finding_format(name: str):
    def register(function: Callable[[list], str]) -> Callable[[list], str]:
        return registry.add(FORMATS, name, function, "finding format")
    return register


def render(name: str, findings) -> str:
    """The findings in the format `name` (one of FORMATS)."""
    return FORMATS[name](list(findings))


SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


@finding_format("text")
def as_text(findings) -> str:
    return "".join(finding.text + "\n" for finding in findings)


@finding_format("json")
def as_json(findings) -> str:
    import json  # here: the text format, the usual one, does without it
    return json.dumps([finding.as_dict() for finding in findings], ensure_ascii=False, indent=2) + "\n"


def _github_escape(text: str, property_value: bool = False) -> str:
    from planner.terminal import clean
    text = clean(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


@finding_format("github")
def as_github(findings) -> str:
    lines = []
    for finding in findings:
        level = "notice" if finding.severity == "info" else finding.severity
        message = finding.message + (f" ({finding.hint})" if finding.hint else "")
        lines.append(
            f"::{level} file={_github_escape(finding.path, True)},line={finding.line},"
            f"col={finding.column},title={finding.id}::{_github_escape(message)}\n")
    return "".join(lines)


def _uri(path: str) -> str:
    """A SARIF artifact location is a URI: a relative reference, or file:// when absolute."""
    from pathlib import Path
    from urllib.parse import quote
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(path.replace("\\", "/"))


@finding_format("sarif")
def as_sarif(findings, rules=None) -> str:
    """SARIF 2.1.0, with a descriptor (title, explanation, level) for each rule used."""
    if rules is None:
        from planner.rules import all_rules
        rules = all_rules()
    used = sorted({finding.id for finding in findings})
    known = {rule.id: rule for rule in rules}
    descriptors = []
    for rule_id in used:
        rule = known.get(rule_id)
        descriptors.append({
            "id": rule_id,
            "shortDescription": {"text": rule.title if rule else rule_id},
            "fullDescription": {"text": rule.explanation if rule else rule_id},
            "defaultConfiguration": {"level": SARIF_LEVELS.get(rule.severity if rule else "error")},
        })
    index = {rule_id: number for number, rule_id in enumerate(used)}
    results = [{
        "ruleId": finding.id,
        "ruleIndex": index[finding.id],
        "level": SARIF_LEVELS[finding.severity],
        "message": {"text": finding.message + (f" ({finding.hint})" if finding.hint else "")},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(finding.path)},
            "region": {"startLine": finding.line, "startColumn": finding.column},
        }}],
    } for finding in findings]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "planner", "version": __version__,
                                "informationUri": "https://github.com/", "rules": descriptors}},
            "results": results,
        }],
    }
    import json
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
