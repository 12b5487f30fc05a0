"""Automated evidence for a rubric criterion: a registry of small functions over one plan.

Each function takes the plan's facts (Facts) and the sheet's words and returns
Markdown lines; a criterion of the course's rubric names the kinds it shows
(`evidence: [completeness, findings]`). Every number comes from the layer that
computes it for the other outputs (completeness scores, check findings, the
presentation outline), so the sheet never disagrees with `check` or the deck.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from planner.model import LEVELS
from planner.plandoc.escape import md_text as md


@dataclass(frozen=True)
class Facts:
    plan: object
    course: object
    findings: tuple
    outline: object
    states: list
    scores: list
    overall: int | None
    lang: str


def _percent(value) -> str:
    return "—" if value is None else f"{value} %"


def _stages(states, wanted: str, lang: str) -> list[str]:
    return [md(state.stage.label[lang]) for state in states
            if state.state == wanted and (state.counted or wanted != "missing")]


def completeness(facts: Facts, w: dict) -> list[str]:
    words, lang = w["completeness"], facts.lang
    sections = ", ".join(f"{md(score.label[lang])} {_percent(score.percent)}"
                         for score in facts.scores if score.total)
    lines = [words["overall"].format(percent=_percent(facts.overall)),
             words["sections"].format(sections=sections or w["none"])]
    for state, key in (("missing", "missing"), ("partial", "partial"),
                       ("not-applicable", "not_applicable")):
        names = _stages(facts.states, state, lang)
        if names:
            lines.append(words[key].format(stages=", ".join(names)))
    return lines


def findings(facts: Facts, w: dict) -> list[str]:
    words = w["findings"]
    counts = Counter(finding.severity for finding in facts.findings)
    if not facts.findings:
        return [words["clean"]]
    lines = [words["counts"].format(errors=counts["error"], warnings=counts["warning"],
                                    infos=counts["info"])]
    by_rule: dict[str, list] = {}
    for finding in facts.findings:
        by_rule.setdefault(finding.id, []).append(finding)
    order = {"error": 0, "warning": 1, "info": 2}
    for rule, found in sorted(by_rule.items(), key=lambda item: (order.get(item[1][0].severity, 3),
                                                                 item[0])):
        first = found[0]
        lines.append(words["rule"].format(id=rule, severity=first.severity, count=len(found),
                                          message=md(first.message)))
    return lines


def speaking(facts: Facts, w: dict) -> list[str]:
    from planner.outline import clock
    words = w["speaking"]
    outline = facts.outline
    totals = outline.totals()
    lines = [words["total"].format(minutes=outline.seconds // 60, slides=len(outline.slides))]
    for name, seconds in totals.items():
        lines.append(words["speaker"].format(name=md(name), time=clock(seconds),
                                             share=round(100 * seconds / outline.seconds)))
    if len(totals) > 1:
        lines.append(words["spread"].format(spread=clock(max(totals.values()) - min(totals.values()))))
    return lines


def architecture(facts: Facts, w: dict) -> list[str]:
    from planner.identity import component_key as fold_name
    words, plan = w["architecture"], facts.plan
    linked = {fold_name(end) for flow in plan.flows for end in (flow.source, flow.target)}
    isolated = [md(c.name) for c in plan.components if fold_name(c.name) not in linked]
    lines = [words["size"].format(components=len(plan.components), flows=len(plan.flows))]
    if isolated and plan.flows:
        lines.append(words["isolated"].format(names=", ".join(isolated)))
    return lines


def risks(facts: Facts, w: dict) -> list[str]:
    words, plan = w["risks"], facts.plan
    level = w["levels_words"]
    mitigated = [risk for risk in plan.risks if risk.mitigation.strip()]
    lines = [words["count"].format(risks=len(plan.risks), mitigated=len(mitigated))]
    for risk in sorted(plan.risks, key=lambda r: -r.severity):
        lines.append(words["risk"].format(
            risk=md(risk.risk), likelihood=level.get(risk.likelihood, risk.likelihood),
            impact=level.get(risk.impact, risk.impact),
            mitigation=md(risk.mitigation) if risk.mitigation.strip() else w["none"]))
    high = [risk for risk in plan.risks if risk.severity >= (LEVELS.index("high") + 1) * 2
            and not risk.mitigation.strip()]
    if high:
        lines.append(words["unmitigated_high"].format(count=len(high)))
    return lines


def milestones(facts: Facts, w: dict) -> list[str]:
    words, plan = w["milestones"], facts.plan
    dated = [m.due for m in plan.milestones if m.due]
    lines = [words["count"].format(milestones=len(plan.milestones),
                                   last=max(dated).isoformat() if dated else w["none"],
                                   final=facts.course.final_due.isoformat())]
    unowned = sum(1 for m in plan.milestones if not m.owner.strip())
    if unowned:
        lines.append(words["unowned"].format(count=unowned))
    return lines


def infrastructure(facts: Facts, w: dict) -> list[str]:
    infra = facts.plan.infrastructure
    choices = facts.course.infrastructure_choices
    choice = choices.get(infra.choice, {}).get(facts.lang, infra.choice) if infra.choice else w["none"]
    return [w["infrastructure"]["choice"].format(
        choice=md(choice), pros=len(infra.pros), cons=len(infra.cons),
        cost=w["answer_yes"] if infra.cost.strip() else w["answer_no"])]


KINDS = {
    "completeness": completeness,
    "findings": findings,
    "speaking": speaking,
    "architecture": architecture,
    "risks": risks,
    "milestones": milestones,
    "infrastructure": infrastructure,
}
