"""planner check"""

from __future__ import annotations

import sys

import click

from planner.cli import exits
from planner.cli.common import course_option, lang_option, load_course
from planner.formats import FORMATS
from planner.i18n import N_, _


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)),
              default="text", show_default=True, help="Output format.")
@click.option("--strict", is_flag=True, help="Warnings also make the exit code 1.")
@click.option("--explain", metavar="ID", help="Explain a rule of any family (e.g. PLN104, ROS004, CRS001) and exit.")
@click.option("--score/--no-score", default=True, help="Print the completeness scores (text format).")
@click.option("--fit", is_flag=True,
              help="Also lay the deck out (measured, not drawn) and report items that go to backup slides "
                   "(PLN603).")
@click.option("--template", type=click.Path(dir_okay=False),
              help="With --fit: lay the deck out on this .pptx template, as `build --template` does.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many plans (default: the machine's cores).")
@lang_option
@course_option
def command(paths, fmt, strict, explain, score, jobs, lang, course_path, fit=False, template=None):
    """Check plans (files or folders; default: teams/) against the course checklist."""
    course = load_course(course_path, lang)
    if explain:
        _explain(explain)
        return
    from planner.cli.batchview import run_with_progress, show_summary
    from planner.plans import discover

    paths = discover(paths)
    # Folders and many files go through the batch runner (a process pool when
    # it pays); findings are printed in the order of the plans either way.
    with_score = fmt == "text" and score

    def line(outcome):
        return _failure_line(outcome) + (_score_line(outcome, course) if with_score else [])

    outcomes, summary = run_with_progress(paths, course, "check", jobs=jobs, line=line,
                                          label="checking")
    findings = [finding for outcome in outcomes
                for finding in outcome.findings + _fit(outcome, course, fit, template, lang)]
    _emit(findings, fmt)
    if len(outcomes) > 1:
        show_summary(summary)
    raise SystemExit(exits.for_outcomes(outcomes, strict))


def _fit(outcome, course, wanted, template=None, lang=None) -> list:
    """PLN603 for one plan that was read: the deck laid out as `build` (with the same
    --template and --lang) lays it out, measured without drawing (planner.deck.fit)."""
    if not wanted or outcome.status != "ok":
        return []
    from planner.catalog import load_catalog
    from planner.deck import fit
    from planner.i18n import language
    from planner.plans import check_plan
    from planner.rendering import render_input
    catalog = load_catalog()
    checked = check_plan(outcome.path, course, catalog=catalog)
    data = render_input(checked, course, catalog, lang)
    with language(checked.language):  # PLN603 speaks the plan's language, as its other findings
        return fit.findings(fit.measure(data, template), checked, data)


def _emit(findings, fmt):
    from planner.formats import render
    sys.stdout.write(render(fmt, findings))


def _failure_line(outcome):
    """Why a plan could not be checked (a failure has no finding to show), in every format."""
    if outcome.status == "failed" and not outcome.findings:
        return [(outcome.error or _("{path}: error: the check failed").format(path=outcome.path), True)]
    return []


def _score_line(outcome, course):
    """The completeness line of one plan (none for a plan that could not be read),
    in the plan's language like its findings, sections by their names in that language."""
    if outcome.status != "ok":
        return []
    from planner.facts import words
    from planner.findings import counts_text
    from planner.i18n import language
    named = words(course, outcome.language)
    with language(outcome.language):
        parts = [_("{section} {percent}%").format(section=named.section(section), percent=percent)
                 for section, percent in outcome.scores if percent is not None]
        text = _("{path}: {counts}; completeness {overall}% ({sections})").format(
            path=outcome.path, counts=counts_text(outcome.counts), overall=outcome.overall,
            sections=", ".join(parts))
    return [(text, True)]


def _explain(rule_id):
    from planner.rules import all_rules, explain
    rule = explain(rule_id)
    if rule is None:
        from planner.errors import UsageError
        from planner.suggest import did_you_mean
        raise UsageError(_("no rule {id}").format(id=rule_id),
                         hint=did_you_mean(rule_id.upper(), [r.id for r in all_rules()]))
    click.echo(f"{rule.id} ({_(_SEVERITIES[rule.severity])}): {_(rule.explanation)}")


_SEVERITIES = {"error": N_("error"), "warning": N_("warning"), "info": N_("info")}
