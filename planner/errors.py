"""The one exceptions module: everything a user can cause is a PlannerError.

Only the command line turns these into messages and exit codes (planner/cli/exits.py:
every PlannerError exits with 2).
"""

from __future__ import annotations


class PlannerError(Exception):
    """An error the user can fix; rendered as `path:line:col: error message`."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = str(self.path)
            if self.line:
                where += f":{self.line}:{self.column or 1}"
            where += ": "
        text = f"{where}error: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        from planner.terminal import clean
        return clean(text)


class InputError(PlannerError):
    """An input file could not be read or parsed (exit 2)."""


class UsageError(PlannerError):
    """The command was used wrongly (exit 2)."""


class OutputError(PlannerError):
    """An output could not be written (exit 2)."""


class TemplateError(PlannerError):
    """A user or built-in template is broken (exit 2)."""


class Terminated(PlannerError):
    """The run got SIGTERM: its workers were stopped, nothing half-written was left (exit 143)."""


class InvalidFileError(InputError):
    """A file parsed but broke its schema; carries every finding (exit 2)."""

    def __init__(self, message: str, findings, path: str | None = None):
        super().__init__(message, path=path)
        self.findings = list(findings)

    def __str__(self) -> str:
        return "\n".join(finding.text for finding in self.findings) or super().__str__()
