"""planner diff's outputs: text, Markdown and JSON, from the changes (planner.plandiff)."""

from __future__ import annotations

import json

from planner.labels import labels
from planner.plandiff import SECTIONS, Change


def phrase(change: Change, course, lang: str) -> str:
    """One change as a person reads it: 'Model deployment: MLflow replaced by BentoML'."""
    w = labels(lang)["diff"]
    phrases = w["phrases"]
    template = phrases.get(f"{change.section}.{change.kind}", phrases[change.kind])
    old, new = (_value(change, change.old, w, course, lang),
                _value(change, change.new, w, course, lang))
    if change.days is not None:
        days = w["days"].format(days=change.days)
    else:
        days = w["undated"]
    text = template.format(old=old, new=new, days=days)
    subject = _subject(change, course, lang, w)
    return f"{subject}{' :' if lang == 'fr' else ':'} {text}" if subject else text[:1].upper() + text[1:]


def _value(change: Change, value: str, w: dict, course, lang: str) -> str:
    if change.subject == "choice":
        return course.infrastructure_choices.get(value, {}).get(lang, value)
    if change.section == "stack" and change.subject.endswith(".kind"):
        return course.storage_kinds.get(value, {}).get(lang, value)
    if change.section == "risks" and "/" in value:
        likelihood, impact = value.split("/", 1)
        return f"{w['levels'].get(likelihood, likelihood)}/{w['levels'].get(impact, impact)}"
    if change.section == "stack" and change.kind == "changed" and "." not in change.subject:
        return w["statuses"].get(value, value)
    if change.section == "milestones" and not value and change.kind == "moved":
        return w["no_date"]
    return value


def _subject(change: Change, course, lang: str, w: dict) -> str:
    subjects = w["subjects"]
    if change.section == "stack":
        stage_id, _, detail = change.subject.partition(".")
        stage = course.stage(stage_id)
        label = stage.label[lang] if stage else stage_id
        return f"{label} ({subjects['kind']})" if detail else label
    if change.subject.startswith("flow "):
        return f"{subjects['flow']} {change.subject[5:]}"
    return subjects.get(change.subject, change.subject)


def grouped(changes, course, lang: str) -> list[tuple[str, list[str]]]:
    """(section title, phrases) for every section with changes, in the plan's order."""
    w = labels(lang)["diff"]
    result = []
    for section in SECTIONS:
        mine = [phrase(change, course, lang) for change in changes if change.section == section]
        if mine:
            result.append((w["sections"][section], mine))
    return result


def count_text(changes, lang: str) -> str:
    words = labels(lang)["diff"]["count"]
    return words["one" if len(changes) == 1 else "other"].format(count=len(changes))


def summary(changes, lang: str, old_name: str, new_name: str) -> str:
    w = labels(lang)["diff"]
    return w["summary"].format(heading=w["heading"].format(old=old_name, new=new_name),
                               count=count_text(changes, lang))


def as_text(changes, course, lang: str, old_name: str, new_name: str) -> str:
    w = labels(lang)["diff"]
    lines = [summary(changes, lang, old_name, new_name)]
    for title, items in grouped(changes, course, lang):
        lines.append(title)
        lines += [f"  - {item}" for item in items]
    if not changes:
        lines.append(w["none"])
    return "\n".join(lines) + "\n"


def as_markdown(changes, course, lang: str, old_name: str, new_name: str, level: int = 2) -> str:
    from planner.plandoc.escape import md_text as md
    w = labels(lang)["diff"]
    hashes = "#" * level
    lines = [f"{hashes} {w['title']}", "",
             md(summary(changes, lang, old_name, new_name)) + ".", ""]
    for title, items in grouped(changes, course, lang):
        lines += [f"{hashes}# {title}", ""] + [f"- {md(item)}" for item in items] + [""]
    if not changes:
        lines += [w["none"], ""]
    return "\n".join(lines)


def as_json(changes, old_name: str, new_name: str) -> str:
    return json.dumps({"old": old_name, "new": new_name,
                       "changes": [change.as_dict() for change in changes]},
                      ensure_ascii=False, indent=2) + "\n"
