"""planner new"""

from __future__ import annotations

import click

from planner.cli.common import course_option, load_course
from planner.i18n import _


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

    # The starter is in `lang`: so are the messages about it.
    course = load_course(course_path, lang)
    path = starter.write(team_name, lang, course, output)
    click.echo(_("wrote {path}").format(path=path))
    click.echo(_("next: fill in the TODOs, then `planner check {path}`").format(path=path), err=True)
