"""The command line: the only place that knows click, prints, and maps errors to exit codes."""

from __future__ import annotations

import gc
import os
import sys

import click

from planner import __version__
from planner.cli import exits
from planner.errors import PlannerError, Terminated

# Subcommands live in their own modules; each registers itself on `cli`.
_COMMANDS = ("new", "check", "build", "report", "roster", "catalog", "schema", "rehearse",
             "examples", "docs", "export", "grade", "diff")


class PlannerGroup(click.Group):
    def list_commands(self, ctx):
        return list(_COMMANDS)

    def get_command(self, ctx, name):
        if name not in _COMMANDS:
            return None
        # Import on demand: `planner check` must not pay for the deck builder.
        module = __import__(f"planner.cli.{name}_cmd", fromlist=["command"])
        return module.command

    def invoke(self, ctx):
        from planner import i18n
        # Each command sets its language (--lang, the course's) once it knows it; the block
        # keeps that choice from outliving the command when the CLI is called in-process.
        with i18n.language(i18n.DEFAULT):
            try:
                return super().invoke(ctx)
            except Terminated as exc:
                click.echo(str(exc), err=True)
                ctx.exit(exits.TERMINATED)
            except PlannerError as exc:
                click.echo(str(exc), err=True)
                ctx.exit(exits.UNUSABLE)
            except KeyboardInterrupt:
                click.echo(i18n._("interrupted"), err=True)
                ctx.exit(exits.INTERRUPTED)


@click.group(cls=PlannerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="planner")
def cli():
    """Check an AI-system project plan and build its deck and Markdown plan."""


def main() -> None:
    # Windows consoles and pipes may not be UTF-8; French text must still print.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (OSError, ValueError):
                pass
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    try:
        cli(prog_name="planner")
    finally:
        # Every file is written and closed by now. At exit Python's cyclic collector walks
        # everything still alive (modules, python-pptx's and lxml's trees) to free memory the
        # process is about to give back anyway: ~60 ms of a one-plan build, a sixth of it.
        # Frozen objects are left out of those passes; they are still released as usual.
        gc.freeze()
