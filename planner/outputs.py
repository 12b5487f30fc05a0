"""The outputs `planner build` can write: a registry looped over by build_one and the batch.

An output has a name (what `--only` takes), the files it writes in the team's folder, the
modules a batch worker imports once before its first plan, and a render function that
writes its files through the Job it is given. The Job renders what several outputs share
(the Markdown text, the deck's bytes) once per plan. Adding an output is one register()
call here and its render function, plus its test and a line in the README.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from planner import atomic, registry

if TYPE_CHECKING:
    from planner.build import BuildOptions
    from planner.rendering import RenderInput


@dataclass(frozen=True)
class Output:
    name: str
    files: tuple[str, ...]
    preload: tuple[str, ...]           # modules a worker imports before its first plan
    render: Callable[[Job], None]      # writes its files through the job
    default: bool = False              # built when --only is not given
    # What it is made from, beyond the plan, its roster and the course (which make
    # everything): --watch rebuilds only the outputs whose inputs changed.
    inputs: tuple[str, ...] = ()


OUTPUTS: dict[str, Output] = {}


def register(output: Output) -> Output:
    return registry.add(OUTPUTS, output.name, output, "output")


def default_outputs() -> tuple[str, ...]:
    return tuple(name for name, output in OUTPUTS.items() if output.default)


@dataclass
class Job:
    """One plan's build: its render input, its folder, what was written and what to tell."""

    data: RenderInput
    folder: Path
    options: BuildOptions
    written: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    checked: object = None             # plans.CheckedPlan: where findings of the rendering point
    findings: list = field(default_factory=list)  # found while rendering (PLN603: items moved to backup)

    @cached_property
    def markdown(self) -> str:
        from planner.plandoc import render_markdown
        return render_markdown(self.data, self.options.templates_dir)

    @cached_property
    def deck(self) -> bytes:
        """The deck's bytes, rendered once whichever output asks for it first (the PDF is made
        from them); what was dropped from a user's template is told in the notes."""
        from planner.deck import fit, render_deck
        warnings: list = []
        moves: list = []
        blob = render_deck(self.data, self.options.template, warnings, moves, self.notes)
        if self.checked is not None:
            self.findings.extend(fit.findings(moves, self.checked, self.data))
            self.findings.extend(fit.wordy_findings(warnings, self.checked))
        else:
            self.notes.extend(warning.text for warning in warnings)
        return blob

    def write_text(self, name: str, text: str) -> None:
        self.written.append(atomic.write_text(self.folder / name, text))


def _plan(job: Job) -> None:
    job.write_text("plan.md", job.markdown)


def _html(job: Job) -> None:
    from planner.plandoc import render_html
    job.write_text("plan.html", render_html(job.data, job.markdown, job.options.templates_dir))


def _deck(job: Job) -> None:
    job.written.append(atomic.write_bytes(job.folder / "deck.pptx", job.deck))


def _pdf(job: Job) -> None:
    """deck.pdf from the deck's bytes (deck.pptx is written only when asked for); a PDF asked
    for and not made is an OutputError (exit 2) with the reason and what to install."""
    from planner.errors import OutputError
    from planner.pdf import convert_to_pdf
    target = job.folder / "deck.pdf"
    pdf, reason = convert_to_pdf(job.deck, target)
    if pdf is None:
        from planner.i18n import _
        raise OutputError(reason or _("not written"), path=str(target))
    job.written.append(pdf)


# The inputs an output can have besides the plan (see watch.template_input).
MARKDOWN_TEMPLATES = "markdown-templates"  # templates/plan/ except the page: plan.md
PAGE_TEMPLATES = "page-templates"          # templates/plan/page.*: the HTML page around it
DECK_TEMPLATE = "deck-template"            # --template DECK.pptx

# In the order they are built (the HTML page reuses the plan's Markdown, the PDF the deck).
register(Output("plan", ("plan.md",), ("planner.plandoc",), _plan, default=True,
                inputs=(MARKDOWN_TEMPLATES,)))
register(Output("html", ("plan.html",), ("planner.plandoc",), _html,
                inputs=(MARKDOWN_TEMPLATES, PAGE_TEMPLATES)))
register(Output("deck", ("deck.pptx",), ("pptx", "planner.deck"), _deck, default=True,
                inputs=(DECK_TEMPLATE,)))
register(Output("pdf", ("deck.pdf",), ("pptx", "planner.deck"), _pdf, inputs=(DECK_TEMPLATE,)))
