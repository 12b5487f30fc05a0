"""A CSV export of the roster sheet, as a grid of text cells.

Handles what spreadsheet programs write: comma, semicolon (French locales) or
tab separators; a UTF-8 byte-order mark or none; UTF-16 with a mark (Excel's
"Unicode text"); Windows-1252 from older Excel (with a warning); CRLF, LF or
CR line ends; Excel's `sep=;` first line. Every cell stays text.
"""

from __future__ import annotations

import csv
import io
import os
import re

from planner import rules
from planner.errors import InputError
from planner.i18n import _
from planner.limits import CSV_EXPORT
from planner.roster.names import heading_key
from planner.roster.source import SourceGrid
from planner.yamlsource import read_bytes

MAX_BYTES = CSV_EXPORT.max_bytes
DELIMITERS = (",", ";", "\t")
_SEP_LINE = re.compile(r"^\s*sep=(.)\s*(\r\n|\n|\r|$)", re.IGNORECASE)
_SNIFF_ROWS = 10


def read_csv(path: str | os.PathLike, headings=()) -> SourceGrid:
    """Read a CSV file; `headings` (accepted column names) help pick the separator."""
    shown = str(path)
    text, findings = _decode(read_bytes(path, shown, MAX_BYTES, what="a CSV file"), shown)
    delimiter = None
    sep = _SEP_LINE.match(text)
    if sep and sep.group(1) in DELIMITERS + ("|",):
        delimiter = sep.group(1)
        text = text[sep.end():]
    if delimiter is None:
        delimiter = pick_delimiter(text, headings)
    return SourceGrid(parse(text, delimiter, shown), shown, f"CSV file {shown}", findings)


def parse(text: str, delimiter: str, shown: str = "<csv>") -> list:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        raise InputError(_("CSV syntax: {exc}").format(exc=exc), path=shown, line=len(rows) + 1, column=1) from None
    return rows


def pick_delimiter(text: str, headings=()) -> str:
    """The separator under which the first rows hold the most known headings.

    With no known heading in sight, the one that splits the first line most.
    """
    known = {heading_key(heading) for heading in headings}
    head = "\n".join(text.splitlines()[:_SNIFF_ROWS * 4])
    best, best_score = ",", (-1, -1)
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in csv.reader(io.StringIO(head, newline=""), delimiter=delimiter)
                    if any(cell.strip() for cell in row)][:_SNIFF_ROWS]
        except csv.Error:
            continue
        matches = max((sum(heading_key(cell) in known for cell in row) for row in rows), default=0)
        width = len(rows[0]) if rows else 0
        score = (matches, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _decode(data: bytes, shown: str) -> tuple[str, list]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(_("file starts like UTF-16 text but cannot be decoded"), path=shown) from None
        return _no_nul(text.lstrip("\ufeff"), shown), []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:
        raise InputError(_("file contains NUL bytes: it looks binary (a .xlsx?), not a CSV export"),
                         path=shown, hint=_("export the sheet as CSV"))
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        offset = exc.start
        row = data[:offset].count(b"\n") + 1
    if _has_utf8_text(data):
        # Decided for the whole file: re-reading the good UTF-8 rows as Windows-1252
        # would garble every accent in them (and split teams), so the one bad row is
        # named instead.
        raise InputError(_("line {row} is not UTF-8 (byte 0x{byte:02x}) while the rest of the file is: one "
                           "row was pasted from another encoding").format(row=row, byte=data[offset]), path=shown,
                         line=row, column=_column(data, offset),
                         hint=_("retype the accents of that row and export it again as 'CSV UTF-8'"))
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    warning = rules.finding("ROS012", shown, row, 1,
                            _("file is not UTF-8; read as Windows-1252 (accents may be wrong)"),
                            hint=_("export it again as 'CSV UTF-8'"))
    return text, [warning]


def _has_utf8_text(data: bytes) -> bool:
    """Does some line hold non-ASCII text that is valid UTF-8 (so the file was meant as UTF-8)?"""
    for line in data.split(b"\n"):
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            return True
    return False


def _column(data: bytes, offset: int) -> int:
    start = data.rfind(b"\n", 0, offset) + 1
    return len(data[start:offset].decode("utf-8", errors="replace")) + 1


def _no_nul(text: str, shown: str) -> str:
    if "\x00" in text:
        raise InputError(_("file contains NUL characters: it looks binary, not a CSV export"),
                         path=shown)
    return text
