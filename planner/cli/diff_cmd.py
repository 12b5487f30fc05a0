"""planner diff"""

from __future__ import annotations

import click

from planner.cli.common import course_option, load_course
from planner.errors import UsageError
from planner.i18n import _


@click.command("diff")
@click.argument("plans", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--since", "since", metavar="GIT-REF", default=None,
              help="Compare the plan with its version at this git revision (tag, branch, commit).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="How to print the changes.")
@click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
              help="Language of the text (default: the newer plan's).")
@course_option
def command(plans, since, fmt, lang, course_path):
    """What changed between two versions of a plan: OLD NEW, or PLAN --since GIT-REF."""
    from planner import plandiff
    from planner.plandiff import render

    course = load_course(course_path, lang)  # messages: --lang, else the course's
    if since is not None and len(plans) != 1:
        raise UsageError(_("with --since, give one plan: planner diff PLAN --since GIT-REF"))
    if since is None and len(plans) != 2:
        raise UsageError(_("give two plans (planner diff OLD NEW) or one and --since GIT-REF"))
    old_path, new_path = (plans[0], plans[0]) if since is not None else plans
    old, new, old_name, new_name = plandiff.load_pair(old_path, new_path, course, since)
    changes = plandiff.diff_plans(old, new, course)
    lang = lang or new.language
    if fmt == "json":
        click.echo(render.as_json(changes, old_name, new_name), nl=False)
    elif fmt == "markdown":
        click.echo(render.as_markdown(changes, course, lang, old_name, new_name), nl=False)
    else:
        click.echo(render.as_text(changes, course, lang, old_name, new_name), nl=False)
