"""planner new"""

from __future__ import annotations

import click

from planner.cli.common import course_option, load_course


@click.command("new")
@click.argument("team_name")
@click.option("--lang", type=click.Choice(["fr", "en"]), default="fr", show_default=True,
              help="Language of the guide comments and of the deck.")
@click.option("-o", "--output", type=click.Path(), default=None,
              help="Plan file to write (default: teams/SLUG.yaml); never overwritten.")
@course_option
def command(team_name, lang, output, course_path):
    """Write a starter plan for TEAM_NAME, with a guide and TODO placeholders."""
    from planner import starter

    course = load_course(course_path)
    path = starter.write(team_name, lang, course, output)
    click.echo(f"wrote {path}")
    click.echo(f"next: fill in the TODOs, then `planner check {path}`", err=True)
