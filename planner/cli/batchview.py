"""How a folder run looks: a progress bar on a terminal, plain lines otherwise, a summary.

planner.batch does the work; this module only shows it (it is the click side).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planner.terminal import clean


def is_tty(stream=None) -> bool:
    stream = stream or sys.stderr
    return bool(getattr(stream, "isatty", None) and stream.isatty())


def run_with_progress(paths, course, task, options=None, jobs=None, line=None, label=None):
    """Run the batch; show a bar (terminal) or `line(outcome)` per plan (otherwise).

    On a terminal the per-plan lines are printed after the bar, so that they do
    not tear it. Returns (outcomes, summary).
    """
    from planner import batch

    if len(paths) < 2 or not is_tty():
        return batch.run_all(paths, course, task, options, jobs,
                             on_outcome=(lambda o: _show(line, o)) if line else None)
    outcomes = []

    def current(outcome):
        return outcome.path if outcome else ""

    import time
    started = time.perf_counter()
    with click.progressbar(length=len(paths), label=label or task, file=sys.stderr,
                           item_show_func=current, show_pos=True) as bar:
        for outcome in batch.run(paths, course, task, options, jobs):
            outcomes.append(outcome)
            bar.update(1, outcome)
    if line:
        for outcome in outcomes:
            _show(line, outcome)
    return outcomes, batch.summarize(outcomes, time.perf_counter() - started, task)


def _show(line, outcome):
    for text, err in line(outcome):
        click.echo(clean(text), err=err)


def show_summary(summary) -> None:
    click.echo(summary.text(), err=True)


def build_many(paths, course, options, jobs=None) -> int:
    """`planner build DIR`: every team into its own folder; returns the exit code."""
    from planner.cli import exits

    outcomes, summary = run_with_progress(paths, course, "build", options, jobs,
                                          line=_build_lines, label="building")
    show_summary(summary)
    return exits.for_outcomes(outcomes)


def _build_lines(outcome):
    """What one plan's build says: where it went, or why it did not."""
    if outcome.status != "ok":
        return [(outcome.error, True)]
    lines = [(finding.text, True) for finding in outcome.findings if finding.severity == "error"]
    counts = outcome.counts
    names = ", ".join(Path(written).name for written in outcome.written)
    folder = str(Path(outcome.written[0]).parent) if outcome.written else "-"
    from planner.findings import counts_text
    from planner.i18n import language
    with language(outcome.language):
        lines.append((f"{outcome.path} -> {folder}/ ({names}); {counts_text(counts)}", False))
    lines += [(note, True) for note in outcome.notes]
    return lines
