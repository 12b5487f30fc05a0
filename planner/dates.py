"""Dates planner accepts, and the one reading of SOURCE_DATE_EPOCH.

A plan or course date outside FIRST..LAST is a typo (9999-12-31, 0001-01-01):
the validator reports it at its line and drops it, so no later arithmetic (a
week after the last milestone, a month grid, a zip entry's date) can leave the
calendar. The window is wide enough for any real term and narrow enough that
adding or subtracting a few years never overflows.
"""

from __future__ import annotations

import datetime as dt
import os

from planner.errors import UsageError
from planner.i18n import _

FIRST = dt.date(1970, 1, 1)
LAST = dt.date(2100, 12, 31)
# A timestamp past this many seconds is past year 9999 on every platform.
_MAX_EPOCH = 253_402_300_799

def in_range(day: dt.date) -> bool:
    return FIRST <= day <= LAST


def out_of_range(label: str, day: dt.date) -> str:
    return _("{label} is {day}, outside the years planner accepts ({first}–{last}); a typo?").format(
        label=label, day=day.isoformat(), first=FIRST.year, last=LAST.year)


def source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as an aware UTC moment, None when unset; UsageError when unusable.

    Only ASCII digits count ('²'.isdigit() is true in Python), and the moment must
    be a date of the calendar.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()) or int(raw) > _MAX_EPOCH:
        raise UsageError(_("SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970 up to "
                           "year 9999").format(value=raw[:40]),
                         hint=_("unset it, or give whole seconds (e.g. `date +%s`)"))
    return dt.datetime.fromtimestamp(int(raw), dt.timezone.utc)
