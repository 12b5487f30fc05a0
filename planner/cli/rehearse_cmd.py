"""planner rehearse"""

from __future__ import annotations

import click

from planner.cli.common import course_option, lang_option, message_language


@click.command("rehearse")
@click.argument("deck", metavar="DECK.pptx")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@lang_option
@course_option
def command(deck, fmt, lang, course_path):
    """Compare the timings rehearsed in DECK.pptx with its planned cues, per slide and per speaker.

    Rehearse the deck that `planner build` made in PowerPoint or LibreOffice Impress
    (Slide Show > Rehearse Timings), keep the timings, save it as .pptx, then run this.
    """
    from planner import rehearse
    message_language(lang, course_path)  # its errors; the table speaks the deck's own language
    result = rehearse.read(deck)
    if fmt == "json":
        import json
        click.echo(json.dumps(rehearse.as_dict(result), ensure_ascii=False, indent=2))
        return
    click.echo(rehearse.render_text(result), nl=False)
