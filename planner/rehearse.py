"""Read a rehearsed deck back: the slide timings saved in it against the planned cues.

PowerPoint ("Rehearse Timings") and LibreOffice Impress save how long each slide
was shown as its advance-after time, `<p:transition advTm="12345"/>` in the
slide part (milliseconds), directly or inside an `mc:AlternateContent` whose
choice and fallback both carry it. The plan is in the speaker notes: every
timed slide of a planner deck opens its notes with its cue
`[04:30–06:00] Speaker: NAME`. Backup slides carry no cue: they are untimed.

Nothing here knows the command line; the report is plain values, rendered as
text or JSON by the functions at the end.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from pathlib import Path

from planner.errors import InputError
from planner.i18n import _
from planner.labels import LANGUAGES, labels

CUE = re.compile(r"^\s*\[(\d+):(\d\d)\s*[–-]\s*(\d+):(\d\d)\]\s*(.+?)\s*:\s*(.+?)\s*$")
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


@dataclass(frozen=True)
class SlideTiming:
    number: int             # position in the deck, from 1
    title: str
    speaker: str | None     # None: no cue (a backup slide or a slide the team added)
    planned: int | None     # seconds the cue gives the slide
    actual: float | None    # seconds rehearsed, None when the slide has no saved timing

    @property
    def delta(self) -> float | None:
        if self.planned is None or self.actual is None:
            return None
        return self.actual - self.planned


@dataclass(frozen=True)
class SpeakerTiming:
    name: str
    planned: int        # seconds of all this speaker's cues
    actual: float       # seconds rehearsed on this speaker's slides that have a timing
    compared: int       # planned seconds of those same slides: what `actual` is compared with
    missing: int        # this speaker's cued slides without a timing

    @property
    def delta(self) -> float:
        return self.actual - self.compared


@dataclass(frozen=True)
class Rehearsal:
    path: str
    lang: str
    talk: int                  # seconds: the end of the last cue
    slides: tuple
    speakers: tuple

    @property
    def actual(self) -> float:
        return sum(s.actual for s in self.slides if s.planned is not None and s.actual is not None)

    @property
    def compared(self) -> int:
        """Planned seconds of the cued slides that have a timing."""
        return sum(s.planned for s in self.slides if s.planned is not None and s.actual is not None)

    @property
    def delta(self) -> float:
        return self.actual - self.compared

    @property
    def untimed(self) -> list[int]:
        """Cued slides without a saved timing."""
        return [s.number for s in self.slides if s.planned is not None and s.actual is None]

    @property
    def backup(self) -> float:
        """Time spent on slides without a cue (backup slides shown during the talk)."""
        return sum(s.actual for s in self.slides if s.planned is None and s.actual is not None)


def read(path) -> Rehearsal:
    """The rehearsal saved in the deck at `path`; InputError when there is none to read."""
    source = Path(path)
    if not source.is_file():
        reason = _("no such file") if not source.exists() else _("not a regular file")
        raise InputError(_("cannot read the deck: {reason}").format(reason=reason), path=str(path))
    prs = _open(source)
    rows, words = [], []
    for number, slide in enumerate(prs.slides, start=1):
        cue = _cue(slide)
        title = _title(slide)
        seconds = advance_time(slide.element)
        if cue is None:
            rows.append(SlideTiming(number, title, None, None, seconds))
            continue
        start, end, word, speaker = cue
        words.append(word)
        rows.append(SlideTiming(number, title, speaker, end - start, seconds))
    cued = [row for row in rows if row.planned is not None]
    if not cued:
        raise InputError(_("this deck was not made by `planner build`: no speaker notes open with a cue such "
                           "as [00:00–00:45] Speaker: NAME"), path=str(path),
                         hint=_("build the deck with `planner build`, rehearse it, then run rehearse on it"))
    if all(row.actual is None for row in rows):
        raise InputError(_("the deck holds no rehearsed timings"), path=str(path),
                         hint=_("in PowerPoint or LibreOffice Impress use Slide Show > Rehearse Timings, "
                                "keep the timings and save the deck as .pptx, then run rehearse again"))
    talk = max(_cue(slide)[1] for slide in prs.slides if _cue(slide) is not None)
    return Rehearsal(str(path), _language(words), talk, tuple(rows), _speakers(cued))


def _open(source: Path):
    from pptx import Presentation
    try:
        return Presentation(str(source))
    except Exception as exc:  # noqa: BLE001 -- python-pptx raises many kinds on a broken package
        text = (str(exc).strip() or type(exc).__name__).splitlines()[0][:200]
        raise InputError(_("not a PowerPoint deck (.pptx): {text}").format(text=text), path=str(source)) from None


def advance_time(element) -> float | None:
    """Seconds of the slide's advance-after time, or None when it has none.

    `p:transition` is a child of the slide, or sits in `mc:AlternateContent`
    (PowerPoint 2010+ and LibreOffice write both a p14 choice and a fallback).
    """
    for transition in element.iter(f"{_P}transition"):
        value = transition.get("advTm")
        if value is not None and value.strip().isdigit():
            return int(value) / 1000
    return None


def _cue(slide):
    """(start, end, speaker word, speaker) from the first line of the notes, or None."""
    if not slide.has_notes_slide:
        return None
    frame = slide.notes_slide.notes_text_frame
    if frame is None:
        return None
    first = next((line for line in frame.text.splitlines() if line.strip()), "")
    match = CUE.match(first)
    if not match:
        return None
    m1, s1, m2, s2, word, speaker = match.groups()
    start, end = int(m1) * 60 + int(s1), int(m2) * 60 + int(s2)
    if end < start:
        return None
    return start, end, word, speaker


def _title(slide) -> str:
    holder = slide.shapes.title
    text = holder.text_frame.text if holder is not None and holder.has_text_frame else ""
    return " ".join(text.split())


def _language(words) -> str:
    """The deck's language, from the word its cues use for "Speaker"."""
    for lang in LANGUAGES:
        if words and labels(lang).get("speaker") == words[0]:
            return lang
    return "en"


def _speakers(cued) -> tuple:
    order = list(dict.fromkeys(row.speaker for row in cued))
    result = []
    for name in order:
        mine = [row for row in cued if row.speaker == name]
        timed = [row for row in mine if row.actual is not None]
        result.append(SpeakerTiming(name, sum(row.planned for row in mine), sum(row.actual for row in timed),
                                    sum(row.planned for row in timed), len(mine) - len(timed)))
    return tuple(result)


# --- rendering ----------------------------------------------------------------

def clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def signed(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    whole = round(seconds)
    sign = "+" if whole > 0 else "−" if whole < 0 else "±"
    return f"{sign}{clock(abs(whole))}"


def render_text(rehearsal: Rehearsal) -> str:
    words = labels(rehearsal.lang)["rehearse"]
    head = [words["slide"], words["title"], words["speaker"], words["planned"], words["actual"],
            words["delta"]]
    rows = [[str(s.number), _short(s.title or "—", 34), s.speaker or words["backup"],
             clock(s.planned) if s.planned is not None else "—",
             clock(s.actual) if s.actual is not None else words["none"], signed(s.delta)]
            for s in rehearsal.slides]
    lines = [words["heading"].format(path=rehearsal.path, talk=clock(rehearsal.talk)), ""]
    lines += _table(head, rows, right={0, 3, 4, 5})
    lines += ["", words["by_speaker"]]
    lines += _table([words["speaker"], words["planned"], words["actual"], words["delta"]],
                    [[p.name, clock(p.planned), clock(p.actual), signed(p.delta)] for p in rehearsal.speakers],
                    right={1, 2, 3})
    lines += ["", words["total"].format(actual=clock(rehearsal.actual), talk=clock(rehearsal.talk),
                                        delta=signed(rehearsal.delta))]
    if rehearsal.untimed:
        lines.append(words["untimed"].format(slides=", ".join(map(str, rehearsal.untimed))))
    if rehearsal.backup:
        lines.append(words["backup_time"].format(time=clock(rehearsal.backup)))
    over = max(rehearsal.speakers, key=lambda p: p.delta)
    if over.delta >= 1:
        lines.append(words["most_over"].format(name=over.name, delta=signed(over.delta)))
    return "\n".join(lines) + "\n"


def as_dict(rehearsal: Rehearsal) -> dict:
    """The report for `--format json`: seconds as numbers, null where there is no value."""
    return {
        "deck": rehearsal.path,
        "language": rehearsal.lang,
        "talk_seconds": rehearsal.talk,
        "slides": [{**asdict(s), "delta": s.delta, "backup": s.planned is None} for s in rehearsal.slides],
        "speakers": [{**asdict(p), "delta": p.delta} for p in rehearsal.speakers],
        "total": {"planned": rehearsal.talk, "actual": rehearsal.actual, "compared": rehearsal.compared,
                  "delta": rehearsal.delta, "untimed_slides": rehearsal.untimed,
                  "backup_seconds": rehearsal.backup},
    }


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _table(head, rows, right=frozenset()) -> list[str]:
    widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(len(head))]

    def line(cells):
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
    return [line(head), *(line(row) for row in rows)]
