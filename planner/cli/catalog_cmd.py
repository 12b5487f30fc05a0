"""planner catalog"""

from __future__ import annotations

import click

from planner.cli.common import course_option, lang_option, load_course
from planner.i18n import N_, _, in_language

REQUIREMENTS = {"required": N_("required"), "recommended": N_("recommended"),
                "optional": N_("optional"), "conditional": N_("conditional")}


@click.command("catalog")
@click.argument("stage", required=False)
@click.option("--search", metavar="TEXT", help="Only tools whose name, alias or description "
              "contains TEXT.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@lang_option
@course_option
def command(stage, search, fmt, lang, course_path):
    """Browse the tool catalog, by lifecycle STAGE (default: all stages).

    Examples: `planner catalog model-deployment`, `planner catalog --search drift`.
    """
    from planner.catalog import load_catalog

    course = load_course(course_path, lang)
    lang = course.language or "en"
    if stage is not None:
        _check_stage(stage, course)
    catalog = load_catalog()
    tools = catalog.search(search) if search else list(catalog.tools)
    if stage is not None:
        tools = [tool for tool in tools if stage in tool.stages]
    if fmt == "json":
        import json
        click.echo(json.dumps([tool.as_dict() for tool in tools], ensure_ascii=False, indent=2))
        return
    click.echo(render_text(tools, course, lang, [stage] if stage else None), nl=False)


def _check_stage(stage, course):
    if stage in course.stage_ids:
        return
    from planner.errors import UsageError
    from planner.suggest import did_you_mean
    raise UsageError(_("unknown stage '{stage}'").format(stage=stage),
                     hint=did_you_mean(stage, course.stage_ids)
                     or _("stages: {stages}").format(stages=", ".join(course.stage_ids)))


def render_text(tools, course, lang, stage_ids=None) -> str:
    """Tools grouped by stage, in the course's order; a tool may appear under several stages."""
    stage_ids = stage_ids or course.stage_ids
    width = max((len(tool.name) for tool in tools), default=0)
    blocks = []
    for stage_id in stage_ids:
        members = [tool for tool in tools if stage_id in tool.stages]
        if not members:
            continue
        stage = course.stage(stage_id)
        lines = [f"{stage_id}: {stage.label.get(lang, stage_id)} "
                 f"({in_language(lang, REQUIREMENTS[stage.requirement])})"]
        for tool in members:
            description = tool.description.get(lang) or tool.description.get("en", "")
            lines.append(f"  {tool.name.ljust(width)}  {description}".rstrip())
        blocks.append("\n".join(lines) + "\n")
    if not blocks:
        return in_language(lang, N_("no tool matches")) + "\n"
    return "\n".join(blocks)
