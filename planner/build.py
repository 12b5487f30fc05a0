"""Build one plan's outputs: check, outline, render, then write each file atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import UsageError
from planner.i18n import _
from planner.outputs import OUTPUTS, Job, default_outputs

if TYPE_CHECKING:
    from planner.plans import CheckedPlan
    from planner.rendering import RenderInput

DEFAULT_OUTPUTS = default_outputs()


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path = Path("build")
    only: tuple = DEFAULT_OUTPUTS
    template: str | None = None        # a .pptx deck template
    templates_dir: str | None = None   # a folder of Jinja2 templates that override ours
    lang: str | None = None
    since: str | None = None           # a git revision: add what changed since it (final talk)


@dataclass
class BuildResult:
    checked: CheckedPlan
    render_input: RenderInput
    written: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # messages for the user (e.g. no LibreOffice)
    findings: list = field(default_factory=list)  # found while rendering (PLN603: items moved to backup)


def parse_only(text: str | None) -> tuple:
    """The outputs `--only` names (default: the registry's defaults); a usage error for a
    name the registry does not know, or for a list that names none."""
    if text is None:
        return DEFAULT_OUTPUTS
    wanted = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    unknown = [part for part in wanted if part not in OUTPUTS]
    if unknown:
        raise UsageError(_("--only: unknown output {names} (choose from {choices})").format(
            names=", ".join(unknown), choices=", ".join(OUTPUTS)))
    if not wanted:
        raise UsageError(_("--only names no output (choose from {choices})").format(choices=", ".join(OUTPUTS)))
    return wanted


def build_one(path, course, options: BuildOptions, catalog=None, roster=None,
              aside: bool = True) -> BuildResult:
    checked, data = prepare(path, course, options, catalog, roster)
    return write_outputs(checked, data, options, aside)


def prepare(path, course, options: BuildOptions, catalog=None, roster=None):
    """The checked plan and its render input: what every output is made from."""
    from planner.catalog import load_catalog
    from planner.plans import check_plan
    from planner.rendering import render_input

    catalog = catalog or load_catalog()
    checked = check_plan(path, course, catalog=catalog, roster=roster)
    changes = None
    if options.since:
        from planner.plandiff import since
        changes = since(options.since, path, checked.plan, course)
    return checked, render_input(checked, course, catalog, options.lang, changes)


def write_outputs(checked, data, options: BuildOptions, aside: bool = True) -> BuildResult:
    """Render and write the outputs options.only names (--watch passes the changed ones).

    `aside`: the Markdown texts may be rendered by a forked child while the deck is drawn
    here (Job.render_aside); a pool's worker says no, the pool already uses every core.
    """
    from planner import i18n
    job = Job(data, Path(options.out_dir) / checked.plan.slug, options, checked=checked)
    # What rendering says (notes, findings, errors) is in the plan's language, as its check is.
    with i18n.language(checked.language):
        if aside:
            job.render_aside()
        try:
            for name, output in OUTPUTS.items():  # the registry's order: shared work is done once
                if name in options.only:
                    output.render(job)
        finally:
            job.close()
    return BuildResult(checked, data, job.written, job.notes, job.findings)
