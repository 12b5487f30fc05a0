"""What changed between two versions of a plan, by section: plain values, formatted elsewhere.

Things are matched by identity, not by position: tools, components, members and
milestones by name (case and spacing aside), flows by their two ends, risks by
their text. Within a stage, as many tools removed as added read as replacements
(MLflow -> BentoML), in the order written. Milestones that moved carry their slip
in days (positive: later).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from planner.identity import component_key as fold_name

SECTIONS = ("project", "members", "infrastructure", "stack", "architecture", "milestones", "risks")


@dataclass(frozen=True)
class Change:
    section: str       # one of SECTIONS
    kind: str          # added | removed | replaced | changed | moved | re-rated
    subject: str       # what changed: a stage id, a component, a milestone's title ...
    old: str = ""
    new: str = ""
    days: int | None = None   # milestones moved: new due - old due

    def as_dict(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value not in ("", None)}


def diff_plans(old, new, course) -> list[Change]:
    """Every change from `old` to `new` (plan models), section by section, in a stable order."""
    changes: list[Change] = []
    for section in SECTIONS:
        changes += _DIFFERS[section](old, new, course)
    return changes


def _keyed(items, key) -> dict:
    found: dict = {}
    for item in items:
        found.setdefault(fold_name(key(item)), item)
    return found


def _set_changes(section, subject, old_names, new_names) -> list[Change]:
    old_keys = {fold_name(name): name for name in old_names}
    new_keys = {fold_name(name): name for name in new_names}
    return ([Change(section, "removed", subject, old=old_keys[key]) for key in old_keys
             if key not in new_keys]
            + [Change(section, "added", subject, new=new_keys[key]) for key in new_keys
               if key not in old_keys])


def _project(old, new, course) -> list[Change]:
    if fold_name(old.project.title) != fold_name(new.project.title):
        return [Change("project", "changed", "title", old.project.title, new.project.title)]
    return []


def _members(old, new, course) -> list[Change]:
    return _set_changes("members", "", [m.name for m in old.members], [m.name for m in new.members])


def _infrastructure(old, new, course) -> list[Change]:
    changes = []
    if old.infrastructure.choice != new.infrastructure.choice:
        changes.append(Change("infrastructure", "changed", "choice", old.infrastructure.choice,
                              new.infrastructure.choice))
    changes += _set_changes("infrastructure", "providers", old.infrastructure.providers,
                            new.infrastructure.providers)
    return changes


def _stack(old, new, course) -> list[Change]:
    changes = []
    for stage in course.stages:
        if stage.id == "infrastructure":
            continue  # its own section
        before, after = old.stack[stage.id], new.stack[stage.id]
        if before.status != after.status and not (before.covered_by or after.covered_by):
            changes.append(Change("stack", "changed", stage.id, before.status, after.status))
        if before.kind != after.kind and before.kind and after.kind:
            changes.append(Change("stack", "changed", f"{stage.id}.kind", before.kind, after.kind))
        tools = _set_changes("stack", stage.id, before.tools, after.tools)
        removed = [c for c in tools if c.kind == "removed"]
        added = [c for c in tools if c.kind == "added"]
        pairs = min(len(removed), len(added)) if removed and added else 0
        changes += [Change("stack", "replaced", stage.id, r.old, a.new)
                    for r, a in zip(removed[:pairs], added[:pairs])]
        changes += removed[pairs:] + added[pairs:]
    return changes


def _architecture(old, new, course) -> list[Change]:
    changes = _set_changes("architecture", "component", [c.name for c in old.components],
                           [c.name for c in new.components])

    def ends(flow) -> str:
        return f"{flow.source} → {flow.target}"

    before, after = _keyed(old.flows, ends), _keyed(new.flows, ends)
    changes += [Change("architecture", "removed", "flow", old=ends(flow))
                for key, flow in before.items() if key not in after]
    changes += [Change("architecture", "added", "flow", new=ends(flow))
                for key, flow in after.items() if key not in before]
    changes += [Change("architecture", "changed", "flow " + ends(flow), before[key].label, flow.label)
                for key, flow in after.items()
                if key in before and fold_name(before[key].label) != fold_name(flow.label)]
    return changes


def _milestones(old, new, course) -> list[Change]:
    before = _keyed(old.milestones, lambda m: m.title)
    after = _keyed(new.milestones, lambda m: m.title)
    changes = [Change("milestones", "removed", m.title, old=_day(m.due))
               for key, m in before.items() if key not in after]
    changes += [Change("milestones", "added", m.title, new=_day(m.due))
                for key, m in after.items() if key not in before]
    for key, milestone in after.items():
        previous = before.get(key)
        if previous is not None and previous.due != milestone.due:
            days = (milestone.due - previous.due).days if previous.due and milestone.due else None
            changes.append(Change("milestones", "moved", milestone.title, _day(previous.due),
                                  _day(milestone.due), days))
    return changes


def _day(value) -> str:
    return value.isoformat() if value else ""


def _risks(old, new, course) -> list[Change]:
    before = _keyed(old.risks, lambda r: r.risk)
    after = _keyed(new.risks, lambda r: r.risk)
    changes = [Change("risks", "removed", r.risk, old=_rating(r))
               for key, r in before.items() if key not in after]
    changes += [Change("risks", "added", r.risk, new=_rating(r))
                for key, r in after.items() if key not in before]
    changes += [Change("risks", "re-rated", r.risk, _rating(before[key]), _rating(r))
                for key, r in after.items() if key in before and _rating(before[key]) != _rating(r)]
    return changes


def _rating(risk) -> str:
    return f"{risk.likelihood}/{risk.impact}"


_DIFFERS = {"project": _project, "members": _members, "infrastructure": _infrastructure,
            "stack": _stack, "architecture": _architecture, "milestones": _milestones,
            "risks": _risks}


@dataclass(frozen=True)
class ChangeSet:
    """What changed since an earlier version, for `planner build --since`."""
    old_name: str
    changes: tuple


# The timed slide `build --since` adds before the questions; its weight among the
# course's outline weights (a slide of the default outline weighs 0.5 to 2).
SLIDE_ID = "changes"
SLIDE_WEIGHT = 1.0


def plan_at(ref: str, path, course):
    """The plan `path` as it was at git revision `ref`, and its name ('plan-v1:teams/x.yaml')."""
    from planner import yamlsource
    from planner.facts import roster_beside as roster_for
    from planner.plandiff.git import read_at
    from planner.plans import check_plan

    data, name = read_at(ref, path)
    text = yamlsource.decode(data, name)
    return check_plan(path, course, roster=roster_for(Path(path)), text=text, shown=name).plan, name


def since(ref: str, path, plan, course) -> ChangeSet:
    old, name = plan_at(ref, path, course)
    return ChangeSet(name, tuple(diff_plans(old, plan, course)))


def load_pair(old_path, new_path, course, ref: str | None = None):
    """(old plan, new plan, old name, new name): two files, or one file and its version at the
    git revision `ref`. Unreadable plans raise InputError (exit 2)."""
    from planner.facts import roster_beside as roster_for
    from planner.plans import check_plan

    new = check_plan(new_path, course, roster=roster_for(Path(new_path))).plan
    if ref is None:
        old = check_plan(old_path, course, roster=roster_for(Path(old_path))).plan
        return old, new, str(old_path), str(new_path)
    old, name = plan_at(ref, new_path, course)
    return old, new, name, str(new_path)
