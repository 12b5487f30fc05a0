"""planner docs"""

from __future__ import annotations

import click

from planner.cli.common import course_option, lang_option, message_language


@click.command("docs")
@click.argument("topic", required=False)
@lang_option
@course_option
def command(topic, lang, course_path):
    """Print the reference page TOPIC (e.g. plan-format), or list the topics.

    The pages are the docs/ folder of the source, shipped with planner.
    """
    from planner import reference

    lang = message_language(lang, course_path)
    if topic is None:
        click.echo(reference.listing(), nl=False)
        return
    click.echo(reference.find(topic).text(), nl=False)
