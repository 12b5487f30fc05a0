"""Speaker notes as a timed script: the cue, a key message, talking points that fit the time.

A slide's budget and the course's speaking rate (words a minute in the deck's
language) give the words a speaker can say; the talking points (what the slide's
composer says to cover) are kept in order until that many words are used, the
points that do not fit are skipped (a shorter one further on may fit) and the
first of them is shortened at a word into the words left. What does not fit is on the slide itself. A slide
whose own text holds more words than its time can say is reported: the audience
cannot read it while the speaker talks.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.deck import pptx_internals
from planner.deck.markdown_runs import plain
from planner.outline import clock

MIN_POINT_WORDS = 6  # a talking point shortened below this many words is left out instead


@dataclass(frozen=True)
class Script:
    key: str          # the one-sentence key message
    points: tuple     # talking points (Markdown text) that fit the time
    words: int        # words the time allows at the speaking rate
    rate: int         # words a minute
    trimmed: bool     # some talking points did not fit


def _text(note) -> str:
    return note if isinstance(note, str) else "".join(run.text for run in note)


def words_of(note) -> int:
    return len(plain(_text(note)).split())


def capacity(seconds: int, rate: int) -> int:
    return max(1, seconds * rate // 60)


def timed_script(ctx, outline_slide, seconds: int, notes, continued: bool) -> Script:
    rate = ctx.course.speaking_rate(ctx.data.lang)
    budget = capacity(seconds, rate)
    key = key_message(ctx, outline_slide, continued)
    left = budget - words_of(key)
    kept, skipped = [], []
    for index, note in enumerate(notes):
        count = words_of(note)
        if count <= left:
            kept.append((index, note))
            left -= count
        else:
            skipped.append(index)  # a shorter point further on may still fit
    if skipped and left >= MIN_POINT_WORDS:
        first = skipped[0]
        kept.append((first, " ".join(plain(_text(notes[first])).split()[:left]) + "…"))
    points = [note for _index, note in sorted(kept, key=lambda pair: pair[0])]
    trimmed = bool(skipped)
    return Script(key, tuple(points), budget, rate, trimmed)


def key_message(ctx, outline_slide, continued: bool = False, backup: bool = False) -> str:
    keys = ctx.words["script"]["keys"]
    facts = _facts(ctx)
    title = ctx.slide_title(outline_slide.id)
    if backup:
        return keys["backup"].format(slide=title)
    if continued:
        return keys["continued"].format(slide=title)
    template = keys.get(outline_slide.id) or (keys["stages"] if outline_slide.stages else keys["other"])
    return template.format(slide=title, **facts)


def _facts(ctx) -> dict:
    plan = ctx.plan
    return {
        "team": plan.team_name,
        "project": plain(plan.project.title) or plan.team_name,
        "components": len(plan.components),
        "percent": ctx.data.overall if ctx.data.overall is not None else 0,
        "infrastructure": ctx.choice_label(plan.infrastructure.choice) if plan.infrastructure.choice else "—",
        "milestones": len(plan.milestones),
        "final": ctx.date(ctx.course.final_due),
        "risks": len(plan.risks),
    }


def shown_words(slide) -> int:
    """Words drawn on a slide: every text frame, in groups too, and table cells.

    Read from the XML (each text body's paragraphs, runs, fields and line breaks, as
    python-pptx's text_frame.text joins them), not through python-pptx's shapes, which
    cost a tenth of a deck's build here."""
    count = 0
    for body in pptx_internals.shape_tree(slide.shapes).iter(*_BODIES):
        if _unspoken(body):
            continue
        for para in body.iterchildren(_PARA):
            text = "".join(node.text or "" if node.tag == _TEXT else "\v" for node in para.iter(_TEXT, _BREAK))
            count += len(text.split())
    return count


# What no speaker reads out: the footer (team, slide number) and a diagram's legend. Counting
# them made the stack map, with its legend of five kinds, "too wordy" on every plan.
UNSPOKEN = ("Footer", "Legend ")


def _unspoken(body) -> bool:
    # Footers and legends are text boxes (p:sp); a table cell's text has no name of its own.
    own = body.getparent().find(_OWN_NAME)
    return own is not None and own.get("name", "").startswith(UNSPOKEN)


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
# Qualified once: shown_words compares every run of every slide with them.
_BODIES, _PARA, _TEXT, _BREAK = (f"{_P}txBody", f"{_A}txBody"), f"{_A}p", f"{_A}t", f"{_A}br"
_OWN_NAME = f"{_P}nvSpPr/{_P}cNvPr"


def too_wordy(ctx, slide, number: int, title: str, seconds: int) -> str | None:
    """The warning for a slide whose own text cannot be said in its time, or None."""
    rate = ctx.course.speaking_rate(ctx.data.lang)
    words = shown_words(slide)
    room = capacity(seconds, rate)
    if words <= room:
        return None
    from planner.i18n import _
    return _("slide {number} '{title}': {words} words shown, more than the {capacity} words {time} can say "
             "(at {rate} words/min); trim it or give it more time").format(
        number=number, title=title, words=words, capacity=room, time=clock(seconds), rate=rate)
