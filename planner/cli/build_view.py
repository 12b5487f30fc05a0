"""How one build result is shown: findings, the agenda with each member's time, the files."""

from __future__ import annotations

import click

from planner.i18n import _, language
from planner.terminal import clean


def show_result(result, severities=("error", "warning", "info"), summary: bool = False) -> None:
    """In the plan's language, like its findings and the agenda beside them. `summary`:
    a plan with errors ends with its counts and where to read the rest."""
    with language(result.checked.language):
        _show_result(result, severities)
        if summary:
            _show_summary(result)


def _show_summary(result) -> None:
    from planner.findings import count_by_severity, counts_text
    counts = count_by_severity(result.checked.findings)
    if counts["error"]:
        click.echo(_("{path}: {counts}; run `planner check` for details").format(
            path=result.checked.path, counts=counts_text(counts)), err=True)


def _show_result(result, severities) -> None:
    for finding in result.checked.findings:
        if finding.severity in severities:
            click.echo(finding.text, err=True)
    for finding in result.findings:  # where the deck moved items to backup slides (issue 9)
        click.echo(finding.text, err=True)
    show_agenda(result.render_input)
    for written in result.written:
        click.echo(clean(_("wrote {path}").format(path=written)))
    for note in result.notes:
        click.echo(clean(note), err=True)


def show_agenda(data) -> None:
    words = data.labels
    for slide in data.outline.slides:
        click.echo(clean(f"  {slide.cue(words['speaker'])}  {words['slides'][slide.id]}"))
    totals = data.outline.totals()
    click.echo("  " + clean(", ".join(f"{name} {seconds // 60}:{seconds % 60:02d}"
                                      for name, seconds in totals.items())))
    even = data.outline.evenness(len(data.plan.members))
    click.echo("  " + words["evenness"].format(spread=f"{even.spread // 60}:{even.spread % 60:02d}",
                                               percent=even.percent, handovers=even.handovers))
