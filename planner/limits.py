"""How big a file planner reads may be: one table for every kind of file.

A file planner writes and later reads back (the roster) is checked against the
same limit before it is written, so a pull never leaves a roster that every
`check` in the folder then refuses. A real plan is ~15 KB with ~1,000 values;
its limits are ~70x that and keep the worst file one can write under them to
about a second of checking. A roster holds ~30 values per team of four: its
limits fit a school-sized class (60,000 students) with room to spare.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """How large an input file may be before it is refused, not read."""

    what: str        # "a plan file": for messages
    max_bytes: int
    max_nodes: int = 0   # YAML values (aliases counted expanded); 0 for files that are not YAML
    max_depth: int = 64


PLAN = Limit("a plan file", 1 * MIB, 100_000)
COURSE = Limit("a course file", 1 * MIB, 100_000)
ROSTER = Limit("a roster file", 16 * MIB, 600_000)
# A CSV row (~75 bytes) becomes ~220 bytes of roster YAML (8 values): an export
# under a quarter of the roster's limit gives a roster the reader accepts. The
# roster writer still checks what it renders against ROSTER (a sheet has no file size).
CSV_EXPORT = Limit("a CSV file", ROSTER.max_bytes // 4)
CREDENTIALS = Limit("a credentials file", 1 * MIB, max_depth=64)


def values(data) -> int:
    """The values of plain data as the YAML reader counts them: containers and scalars, not keys."""
    count, stack = 0, [data]
    while stack:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def refusal(limit: Limit, text: str, data) -> str | None:
    """Why a file planner is about to write would be refused when read back, or None."""
    size = len(text.encode("utf-8"))
    if size > limit.max_bytes:
        return f"it would be {size:,} bytes; planner reads {limit.what} up to {limit.max_bytes:,}"
    count = values(data)
    if limit.max_nodes and count > limit.max_nodes:
        return (f"it would hold {count:,} values; planner reads {limit.what} of up to "
                f"{limit.max_nodes:,}")
    return None
