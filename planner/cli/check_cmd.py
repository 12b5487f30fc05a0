"""planner check"""

from __future__ import annotations

import sys

import click

from planner.cli.common import course_option, load_course


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]),
              default="text", show_default=True, help="Output format.")
@click.option("--strict", is_flag=True, help="Warnings also make the exit code 1.")
@click.option("--explain", metavar="ID", help="Explain a rule (e.g. PLN104) and exit.")
@click.option("--score/--no-score", default=True, help="Print the completeness scores (text format).")
@course_option
def command(paths, fmt, strict, explain, score, course_path):
    """Check plans (files or folders; default: teams/) against the course checklist."""
    if explain:
        raise SystemExit(_explain(explain))
    from planner.errors import InputError
    from planner.findings import Finding, exit_code_for
    from planner.plans import check_plan, discover, roster_for

    course = load_course(course_path)
    findings, worst, checked = [], 0, []
    for path in discover(paths):
        try:
            result = check_plan(path, course, roster=roster_for(path))
        except InputError as exc:
            findings.append(Finding(exc.path or str(path), exc.line or 1, exc.column or 1, "error",
                                    "PLN000", exc.message, exc.hint))
            worst = 2
            continue
        checked.append(result)
        findings.extend(result.findings)
    worst = max(worst, exit_code_for(findings, strict))
    _emit(findings, fmt)
    if fmt == "text" and score:
        _scores(checked, course)
    raise SystemExit(worst)


def _emit(findings, fmt):
    from planner import formats
    if fmt == "json":
        text = formats.as_json(findings)
    elif fmt == "github":
        text = formats.as_github(findings)
    elif fmt == "sarif":
        from planner.checks import all_rules
        text = formats.as_sarif(findings, all_rules())
    else:
        text = formats.as_text(findings)
    sys.stdout.write(text)


def _scores(checked, course):
    from planner.completeness import overall_score, section_scores
    from planner.findings import count_by_severity
    for result in checked:
        scores = section_scores(result.plan, course)
        parts = [f"{s.id} {s.percent}%" for s in scores if s.percent is not None]
        counts = count_by_severity(result.findings)
        click.echo(f"{result.path}: {counts['error']} error(s), {counts['warning']} warning(s); "
                   f"completeness {overall_score(scores)}% ({', '.join(parts)})", err=True)


def _explain(rule_id):
    from planner.checks import all_rules, explain
    rule = explain(rule_id)
    if rule is None:
        from planner.suggest import did_you_mean
        hint = did_you_mean(rule_id.upper(), [r.id for r in all_rules()])
        click.echo(f"error: no rule {rule_id}" + (f" ({hint})" if hint else ""), err=True)
        return 2
    click.echo(f"{rule.id} ({rule.severity}): {rule.explanation}")
    return 0
