"""What a pull would change, as a unified diff."""

from __future__ import annotations

import difflib


def unified(old: str | None, new: str, path: str) -> str:
    """'' when nothing changes; a file that does not exist yet diffs from /dev/null."""
    if old == new:
        return ""
    before = (old or "").splitlines(keepends=True)
    after = new.splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, "/dev/null" if old is None else f"a/{path}",
                                 f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)
