"""Same input, same bytes: fixed document properties and zip entry dates.

The moment is SOURCE_DATE_EPOCH when it is set (the reproducible-builds
convention), else midnight UTC of the document date (the plan's presentation
date, else the course's final date). Nothing depends on the clock or on the
machine's time zone.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest date a zip entry can hold
ZIP_LAST = dt.datetime(2107, 12, 31, 23, 59, 58)  # and the latest


def moment(data) -> dt.datetime:
    from planner.dates import source_date_epoch
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch.replace(tzinfo=None)
    return dt.datetime.combine(data.date, dt.time(0, 0))


def set_properties(prs, data, when: dt.datetime) -> None:
    from planner.deck.markdown_runs import plain
    plan = data.plan
    props = prs.core_properties
    props.title = plain(plan.project.title)[:255]
    props.subject = data.labels["deck"]["subtitle"]
    props.author = plan.team_name[:255]
    props.last_modified_by = "planner"
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""
    props.language = data.labels["deck"]["locale"]
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when


def save(prs, when: dt.datetime) -> bytes:
    """The package's bytes, every zip entry dated `when` and stored the same way.

    The parts go straight into the zip as python-pptx serializes them: saving with
    python-pptx, then reading its zip back to date and compress every entry again, cost a
    deck two compressions and one decompression of every part for the same bytes."""
    from planner.deck import pptx_internals
    stamp = min(max(when, ZIP_EPOCH), ZIP_LAST).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        def write(name: str, blob: bytes) -> None:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            target.writestr(entry, blob, compresslevel=6)
        pptx_internals.write_package(prs, write)
    return out.getvalue()
