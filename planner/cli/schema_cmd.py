"""planner schema"""

from __future__ import annotations

import click

from planner.cli.common import course_option, load_course
from planner.i18n import _


@click.command("schema")
@click.option("-o", "--output", metavar="FILE", default=None,
              help="Write the schema to FILE (default: print it).")
@course_option
def command(output, course_path):
    """Print the plan's JSON Schema, for editors that complete and check plan files.

    A plan file that starts with `# yaml-language-server: $schema=plan.schema.json`
    gets completion and checks in editors that run the YAML language server.
    """
    text = render(load_course(course_path))
    if output is None or output == "-":
        click.echo(text, nl=False)
        return
    from planner.atomic import write_text
    write_text(output, text)
    click.echo(_("wrote {path}").format(path=output), err=True)


def render(course) -> str:
    """The schema as JSON text: sorted keys, so the committed file only changes with the format."""
    import json

    from planner.schema import plan_schema
    return json.dumps(plan_schema(course), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
