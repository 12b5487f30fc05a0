"""What `planner build --watch` prints: each rebuild's agenda and findings, or why it kept the old outputs."""

from __future__ import annotations

import time

import click

from planner.cli import exits
from planner.errors import UsageError
from planner.i18n import _
from planner.terminal import clean


def watch_plan(paths, course, course_path, options, interval=0.5, cycles=None) -> int:
    from planner.plans import discover
    from planner.watch import Watcher

    found = discover(paths)
    if len(found) != 1:
        raise UsageError(_("--watch follows one plan; {count} were given or found").format(count=len(found)),
                         hint=_("name the plan file: planner build --watch teams/TEAM.yaml"))
    watcher = Watcher(found[0], course, options, course_path)
    click.echo(_("watching {found} and its templates (Ctrl-C to stop)").format(found=found[0]), err=True)
    try:
        watcher.run(show_event, interval=interval, cycles=cycles)
    except KeyboardInterrupt:
        # A clean stop, not a failure: the outputs on disk are whole (atomic writes).
        click.echo(_("stopped watching"), err=True)
    return exits.CLEAN


def show_event(event) -> None:
    from planner.cli.build_view import show_result

    stamp = time.strftime("%H:%M:%S")
    if event.changed:
        names = clean(", ".join(sorted({_short(path) for path in event.changed})))
        click.echo(_("[{stamp}] changed: {names}").format(stamp=stamp, names=names), err=True)
    if event.kind == "unused":
        click.echo(_("[{stamp}] no output to rebuild: no output of this build uses it").format(stamp=stamp), err=True)
        return
    if event.kind == "broken":
        click.echo(str(event.error), err=True)
        if event.kept:
            click.echo(_("[{stamp}] not rebuilt; keeping the last good outputs: {paths}").format(
                stamp=stamp, paths=clean(', '.join(str(path) for path in event.kept))), err=True)
        else:
            click.echo(_("[{stamp}] not built; fix the plan and save it again").format(stamp=stamp), err=True)
        return
    from planner.findings import count_by_severity, counts_text

    result = event.result
    show_result(result)
    counts = count_by_severity(result.checked.findings)
    verb = _("rebuilt") if event.changed else _("built")
    click.echo(_("[{time}] {verb} {outputs} of {path} in {duration}: {counts}").format(
        time=stamp, verb=verb, outputs=", ".join(event.outputs), path=clean(result.checked.path),
        duration=_duration(event.seconds), counts=counts_text(counts)), err=True)


def _duration(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _short(path) -> str:
    from pathlib import Path
    return Path(path).name
