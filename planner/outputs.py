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
    from planner.aside import Pending
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

    aside: Pending | None = None       # the texts a forked child renders meanwhile (render_aside)

    def render_aside(self) -> None:
        """Have a forked child render the texts this build asks for (plan.md, plan.html)
        while this process draws the deck, which every other output is made from; only
        when both are asked for (planner.aside says when no child is started).

        The deck is drawn now, and every file is still written in the registry's order.
        An error drawing it is left for the deck's turn, where drawing it again raises it
        again: after the texts are written, as without a child."""
        texts = [name for name in TEXTS if name in self.options.only]
        if not texts or all(name in TEXTS for name in self.options.only):
            return
        from planner import aside
        self.aside = aside.start(lambda: self._texts(texts))
        if self.aside is not None:
            try:
                self.deck  # noqa: B018  # the cached property: drawn while the child renders
            except Exception:  # raised again in the deck's turn (see above)
                pass

    def _texts(self, names) -> dict:
        return {"markdown": self.markdown, "html": self.html if "html" in names else None}

    def _from_aside(self, key: str) -> str | None:
        texts = self.aside.result() if self.aside else None
        return texts[key] if texts and texts.get(key) is not None else None

    def close(self) -> None:
        if self.aside:
            self.aside.close()

    @cached_property
    def markdown(self) -> str:
        made = self._from_aside("markdown")
        if made is not None:
            return made
        from planner.plandoc import render_markdown
        return render_markdown(self.data, self.options.templates_dir)

    @cached_property
    def html(self) -> str:
        made = self._from_aside("html")
        if made is not None:
            return made
        from planner.plandoc import render_html
        return render_html(self.data, self.markdown, self.options.templates_dir)

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
    job.write_text("plan.html", job.html)


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

# The outputs made from the Markdown text (Job.render_aside renders them beside the deck).
TEXTS = ("plan", "html")

# In the order they are built (the HTML page reuses the plan's Markdown, the PDF the deck).
register(Output("plan", ("plan.md",), ("planner.plandoc",), _plan, default=True,
                inputs=(MARKDOWN_TEMPLATES,)))
register(Output("html", ("plan.html",), ("planner.plandoc",), _html,
                inputs=(MARKDOWN_TEMPLATES, PAGE_TEMPLATES)))
register(Output("deck", ("deck.pptx",), ("pptx", "planner.deck"), _deck, default=True,
                inputs=(DECK_TEMPLATE,)))
register(Output("pdf", ("deck.pdf",), ("pptx", "planner.deck"), _pdf, inputs=(DECK_TEMPLATE,)))
