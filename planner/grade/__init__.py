"""Grading sheets from the course's rubric, and the grade table collected from them.

generate: read (batch outcomes) -> facts per plan -> evidence per criterion
(planner.grade.evidence) -> Markdown sheet (templates/grade/sheet.md.j2) ->
write. collect: read the filled sheets (planner.grade.sheet) -> scores, with a
finding at file:line for each blank or out-of-range score -> grades.csv.

Regenerating the sheets refreshes the evidence and keeps what the instructor
already wrote in the `grade` blocks; a file that is not a grading sheet is
never overwritten.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from planner import atomic, rules
from planner.errors import InputError, UsageError
from planner.findings import Finding
from planner.grade import sheet as sheets
from planner.i18n import N_, _, ngettext
from planner.labels import labels

rules.declare("GRD001", "error", """A grading sheet's score is blank, not a number or out of range.

`planner grade --collect` reads the `grade` block of every criterion of the course's rubric.
A score left blank, a score that is not a number or lies outside the criterion's lowest and
highest levels, a criterion scored twice, an unknown criterion or a missing block is reported
at its line; the team's total stays blank in grades.csv until every criterion is scored.
""", "grade")

TABLE = "grades.csv"
TEMPLATE = "grade/sheet.md.j2"


@dataclass(frozen=True)
class GradeOptions:
    lang: str = "fr"
    html: bool = False
    templates_dir: str | None = None


@dataclass
class Row:
    team: str
    plan: str
    scores: dict      # criterion id -> float (absent: not scored)

    def total(self, rubric) -> float | None:
        """Weighted total out of 100, once every criterion is scored."""
        if any(criterion.id not in self.scores for criterion in rubric):
            return None
        weights = sum(criterion.weight for criterion in rubric)
        earned = sum(criterion.weight * (self.scores[criterion.id] - criterion.low)
                     / (criterion.high - criterion.low) for criterion in rubric)
        return round(100 * earned / weights, 1) if weights else None


def require_rubric(course) -> None:
    if not course.rubric:
        raise UsageError(_("the course file ({source}) has no rubric").format(source=course.source),
                         hint=_("add a `rubric:` (see docs/course-file.md)"))


def generate(outcomes, course, options: GradeOptions, folder) -> list[str]:
    """Write a sheet per team (and its HTML on request) and grades.csv; returns what it said."""
    from planner.grade.evidence import KINDS, Facts
    from planner.rendering import render_input
    from planner.report.templating import environment
    from planner.templating import render

    require_rubric(course)
    folder = Path(folder)
    w = labels(options.lang)["grade"]
    env = environment(options.templates_dir)
    said, used, parsed = [], set(), []
    for outcome in outcomes:
        plan = outcome.plan
        slug = _unique(plan.slug if plan is not None else Path(outcome.path).stem, used)
        path = folder / f"{slug}.md"
        previous = _previous(path)
        team = (plan.team_name if plan is not None else "") or Path(outcome.path).stem
        criteria = []
        facts = None
        if plan is not None:
            checked = _Checked(plan, outcome.findings)
            given = render_input(checked, course, None, options.lang)
            facts = Facts(plan, course, tuple(outcome.findings), given.outline, given.states,
                          given.scores, given.overall, options.lang)
        for criterion in course.rubric:
            evidence = ([line for kind in criterion.evidence for line in KINDS[kind](facts, w)]
                        if facts is not None else [w["unreadable"].format(message=outcome.error)])
            kept = previous.get(criterion.id, {})
            criteria.append({"c": criterion, "evidence": evidence,
                             "score": kept.get("score", ""),
                             "comment": sheets.render_value(kept.get("comment", ""))})
        context = {"w": w, "lang": options.lang, "team": team, "plan_path": outcome.path,
                   "plan": plan, "criteria": criteria, "folder": str(folder),
                   "low": _fmt(min(c.low for c in course.rubric)),
                   "high": _fmt(max(c.high for c in course.rubric))}
        text = render(env, TEMPLATE, context)
        if _write_if_changed(path, text):
            said.append(str(path))
        if previous:
            said.append(_("{path}: existing scores and comments kept").format(path=path))
        if options.html:
            from planner.report.templating import render_html
            page = render_html(text, w["title"].format(team=team), options.lang,
                               options.templates_dir)
            _write_if_changed(path.with_suffix(".html"), page)
        parsed.append(sheets.parse(text, str(path)))
    # The table at generation: scores already kept; blanks are expected, not findings.
    rows = [_row(sheet, course)[0] for sheet in parsed]
    said.append(write_table(rows, course, folder))
    return said


class _Checked:
    """What rendering.render_input reads of a checked plan."""

    def __init__(self, plan, findings):
        self.plan, self.findings = plan, findings


def _unique(slug: str, used: set) -> str:
    candidate, number = slug, 1
    while candidate in used:
        number += 1
        candidate = f"{slug}-{number}"
    used.add(candidate)
    return candidate


def _previous(path: Path) -> dict:
    """The instructor's values in an existing sheet, by criterion; refuses a foreign file."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(_("cannot read: {reason}").format(reason=getattr(exc, 'strerror', None) or exc),
                         path=str(path)) from None
    parsed = sheets.parse(text, str(path))
    if parsed.team is None:
        raise UsageError(_("{path} is not a grading sheet written by 'planner grade'; refusing to overwrite "
                           "it").format(path=path), path=str(path),
                         hint=_("choose another folder with -o, or remove this file"))
    return {block.criterion: {key: block.values[key] for key in ("score", "comment")
                              if block.values.get(key)}
            for block in parsed.blocks if block.values.get("score") or block.values.get("comment")}


def _write_if_changed(path: Path, text: str) -> bool:
    try:
        if path.read_text("utf-8") == text:
            return False
    except (OSError, UnicodeDecodeError):
        pass
    atomic.write_text(path, text)
    return True


def collect(folder, course) -> tuple[list[str], list[Finding]]:
    """Read every sheet in `folder` back into grades.csv; findings for what is wrong."""
    require_rubric(course)
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(_("no such folder"), path=str(folder))
    rows, findings = [], []
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(_("cannot read: {reason}").format(reason=getattr(exc, 'strerror', None) or exc),
                             path=str(path)) from None
        parsed = sheets.parse(text, str(path))
        if parsed.team is None:
            continue  # a README or notes beside the sheets
        row, found = _row(parsed, course)
        rows.append(row)
        findings += found
    if not rows:
        raise InputError(_("no grading sheet (*.md with a `grade-team` block) in {folder}").format(folder=folder),
                         path=str(folder))
    return [write_table(rows, course, folder)], findings


# GRD001: what is wrong in a grading sheet.
_SHEET_PROBLEMS = {
    "no_score": N_("criterion '{id}' has no score ({low} to {high})"),
    "not_number": N_("the score '{value}' of criterion '{id}' is not a number"),
    "out_of_range": N_("the score {value} of criterion '{id}' is outside {low} to {high}"),
    "unknown": N_("unknown criterion '{id}' (the course's criteria: {known})"),
    "twice": N_("criterion '{id}' is scored twice (also on line {line})"),
    "missing_block": N_("the block of criterion '{id}' is missing"),
}


def _row(parsed, course) -> tuple[Row, list[Finding]]:
    findings: list[Finding] = []
    known = {criterion.id: criterion for criterion in course.rubric}
    def problem(at_line, column, key, **values):
        # Not `line`: the "twice" message has a {line} placeholder of its own.
        findings.append(rules.finding("GRD001", parsed.path, at_line, column,
                                      _(_SHEET_PROBLEMS[key]).format(**values)))

    scores: dict[str, float] = {}
    seen: dict[str, int] = {}
    for block in parsed.blocks:
        criterion = known.get(block.criterion)
        if criterion is None:
            problem(block.line, 1, "unknown", id=block.criterion, known=", ".join(known))
            continue
        if block.criterion in seen:
            problem(block.line, 1, "twice", id=block.criterion, line=seen[block.criterion])
            continue
        seen[block.criterion] = block.line
        value = block.values.get("score", "")
        line, column = block.where.get("score", (block.line + 1, 1))
        bounds = {"id": criterion.id, "low": _fmt(criterion.low), "high": _fmt(criterion.high)}
        if not value:
            problem(line, column, "no_score", **bounds)
            continue
        try:
            score = float(value.replace(",", "."))
        except ValueError:
            problem(line, column, "not_number", value=value, id=criterion.id)
            continue
        if not criterion.low <= score <= criterion.high or score != score:
            problem(line, column, "out_of_range", value=value, **bounds)
            continue
        scores[criterion.id] = score
    for criterion in course.rubric:
        if criterion.id not in seen:
            problem(1, 1, "missing_block", id=criterion.id)
    plan = parsed.team.values.get("plan", "") if parsed.team else ""
    return Row(parsed.team_name or Path(parsed.path).stem, plan, scores), findings


def table_text(rows, course) -> str:
    """grades.csv: a row per team, a column per criterion (its id), the total out of 100."""
    from planner.export import clean
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["team", "plan"] + [criterion.id for criterion in course.rubric] + ["total"])
    for row in rows:
        total = row.total(course.rubric)
        writer.writerow([clean(row.team), clean(row.plan)]
                        + [_fmt(row.scores[c.id]) if c.id in row.scores else ""
                           for c in course.rubric]
                        + ["" if total is None else _fmt(total)])
    return buffer.getvalue()


def write_table(rows, course, folder: Path) -> str:
    path = folder / TABLE
    _write_if_changed(path, table_text(rows, course))
    graded = sum(1 for row in rows if row.total(course.rubric) is not None)
    return _("{path}: {teams}, {graded} fully graded").format(
        path=path, teams=ngettext("{count} team", "{count} teams", len(rows)).format(count=len(rows)),
        graded=graded)


def _fmt(number: float) -> str:
    return f"{number:g}"
