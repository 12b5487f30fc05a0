"""What every roster source hands over: a grid of text cells and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceGrid:
    grid: list                  # rows of strings, the sheet's row 1 first
    path: str                   # for findings: the CSV path, or sheet:<key>/<worksheet>
    description: str            # for the roster header: never any credential
    findings: list = field(default_factory=list)  # about the source itself (e.g. its encoding)
