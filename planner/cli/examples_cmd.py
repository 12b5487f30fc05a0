"""planner examples"""

from __future__ import annotations

import click

from planner.cli.common import course_option, lang_option, message_language


@click.command("examples")
@click.argument("name", required=False)
@click.option("-o", "--output", "folder", type=click.Path(), default=None,
              help="Folder to copy the example into (default: teams/); a file is never replaced.")
@lang_option
@course_option
def command(name, folder, lang, course_path):
    """List the example plans, or copy the example NAME into teams/ to start from.

    Examples: `planner examples`, `planner examples smart-meter-fr`.
    """
    from planner import examples

    lang = message_language(lang, course_path)
    if name is None:
        click.echo(examples.listing(lang), nl=False)
        return
    from planner.i18n import _
    path = examples.copy(name, folder)
    click.echo(_("copied to {path}").format(path=path))
    click.echo(_("next: planner build {path}   (or planner check {path})").format(path=path), err=True)
