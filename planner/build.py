"""Build one plan's outputs: check, outline, render, then write each file atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planner import atomic
from planner.errors import UsageError

OUTPUTS = ("deck", "plan", "html", "pdf")
DEFAULT_OUTPUTS = ("deck", "plan")


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path = Path("build")
    only: tuple = DEFAULT_OUTPUTS
    template: str | None = None        # a .pptx deck template
    templates_dir: str | None = None   # a folder of Jinja2 templates that override ours
    lang: str | None = None


@dataclass
class BuildResult:
    checked: object
    render_input: object
    written: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # messages for the user (e.g. no LibreOffice)


def parse_only(text: str | None) -> tuple:
    if not text:
        return DEFAULT_OUTPUTS
    wanted = tuple(part.strip() for part in text.split(",") if part.strip())
    unknown = [part for part in wanted if part not in OUTPUTS]
    if unknown:
        raise UsageError(f"--only: unknown output {', '.join(unknown)} (choose from "
                         f"{', '.join(OUTPUTS)})")
    return wanted


def build_one(path, course, options: BuildOptions, catalog=None, roster=None) -> BuildResult:
    from planner.catalog import load_catalog
    from planner.plans import check_plan
    from planner.rendering import render_input

    catalog = catalog or load_catalog()
    checked = check_plan(path, course, catalog=catalog, roster=roster)
    data = render_input(checked, course, catalog, options.lang)
    result = BuildResult(checked, data)
    folder = Path(options.out_dir) / checked.plan.slug
    if "plan" in options.only or "html" in options.only:
        from planner.plandoc import render_markdown
        markdown = render_markdown(data, options.templates_dir)
        if "plan" in options.only:
            result.written.append(atomic.write_text(folder / "plan.md", markdown))
        if "html" in options.only:
            from planner.plandoc import render_html
            result.written.append(atomic.write_text(folder / "plan.html",
                                                    render_html(data, markdown, options.templates_dir)))
    if "deck" in options.only or "pdf" in options.only:
        from planner.deck import render_deck
        deck = render_deck(data, options.template)
        deck_path = atomic.write_bytes(folder / "deck.pptx", deck)
        if "deck" in options.only:
            result.written.append(deck_path)
        if "pdf" in options.only:
            from planner.pdf import convert_to_pdf
            pdf, note = convert_to_pdf(deck_path, folder / "deck.pdf")
            if pdf:
                result.written.append(pdf)
            if note:
                result.notes.append(note)
    return result
