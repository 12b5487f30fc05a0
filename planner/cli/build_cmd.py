"""planner build"""

from __future__ import annotations

from pathlib import Path

import click

from planner.cli import exits
from planner.cli.common import course_option, load_course
from planner.outputs import OUTPUTS, default_outputs


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("-o", "--output", "out_dir", default="build", show_default=True,
              type=click.Path(file_okay=False), help="Output folder; each team gets a subfolder.")
@click.option("--only", help=f"Comma-separated outputs: {', '.join(OUTPUTS)} "
                             f"(default: {','.join(default_outputs())}).")
@click.option("--template", type=click.Path(dir_okay=False), help="A .pptx template for the deck.")
@click.option("--check-template", is_flag=True,
              help="List the layouts of --template (or of the built-in theme) and the ones the deck "
                   "uses, then stop.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False),
              help="A folder of Jinja2 templates that override the built-in ones.")
@click.option("--lang", type=click.Choice(["fr", "en"]), help="Language (default: the plan's).")
@click.option("--since", metavar="GIT-REF", default=None,
              help="Add a timed 'What changed since the plan' slide and section, comparing each "
                   "plan with its version at this git revision.")
@click.option("--watch", is_flag=True,
              help="Rebuild whenever the plan or a template changes (one plan; Ctrl-C stops).")
@click.option("--watch-interval", type=click.FloatRange(min=0.05), default=0.5, hidden=True,
              help="Seconds between two looks at the watched files.")
@click.option("--watch-cycles", type=click.IntRange(min=0), default=None, hidden=True,
              help="Stop after this many looks (for tests).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for many plans (default: the machine's cores).")
@course_option
def command(paths, out_dir, only, template, templates_dir, lang, since, watch, watch_interval,
            watch_cycles, jobs, course_path, check_template=False):
    """Build the deck and the Markdown plan of each plan (default: teams/)."""
    # Messages about no plan in particular: --lang, else the course's; a plan's own in its language.
    course = load_course(course_path, lang)
    if check_template:
        from planner.deck.template import describe
        from planner.i18n import choose, language
        with language(choose(lang, load_course(course_path).language)):
            for line in describe(template):
                click.echo(line)
        raise SystemExit(exits.CLEAN)
    from planner.build import BuildOptions, parse_only
    from planner.plans import discover

    options = BuildOptions(Path(out_dir), parse_only(only), template, templates_dir, lang, since)
    if watch:
        from planner.cli.watch_view import watch_plan
        raise SystemExit(watch_plan(paths, course, course_path, options, watch_interval,
                                    watch_cycles))
    found = discover(paths)
    if len(found) > 1:
        from planner.cli.batchview import build_many
        raise SystemExit(build_many(found, course, options, jobs))
    raise SystemExit(_build_single(found, course, options))


def _build_single(found, course, options):
    from planner.build import build_one
    from planner.cli.build_view import show_result
    from planner.errors import InputError
    from planner.facts import roster_beside

    findings = []
    for path in found:
        try:
            result = build_one(path, course, options, roster=roster_beside(path))
        except InputError as exc:  # unreadable: the same PLN000 finding `planner check` shows
            from planner.batch import as_findings
            for finding in as_findings(exc, str(path)):
                click.echo(finding.text, err=True)
            return exits.UNUSABLE
        show_result(result, severities=("error",), summary=True)
        findings += result.checked.findings
    return exits.exit_code(findings)
