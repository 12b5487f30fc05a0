"""Findings are plain values; formatting them is someone else's job."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Finding:
    """One finding of a rule, at a line and column of a file; sorted by place."""

    path: str
    line: int
    column: int
    severity: str
    id: str
    message: str
    hint: str | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        """The finding as one terminal line: control characters of its values escaped."""
        from planner.terminal import clean
        message = self.message
        if self.hint:
            message += f" ({self.hint})"
        return clean(f"{self.path}:{self.line}:{self.column}: {self.severity} [{self.id}] {message}")

    def as_dict(self) -> dict:
        data = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "id": self.id,
            "message": self.message,
        }
        if self.hint:
            data["hint"] = self.hint
        return data


def count_by_severity(findings) -> dict[str, int]:
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts



def severity_count(severity: str, count: int) -> str:
    """"1 error", "3 warnings": a count of findings, in the current language."""
    from planner.i18n import ngettext
    forms = {"error": ngettext("{count} error", "{count} errors", count),
             "warning": ngettext("{count} warning", "{count} warnings", count),
             "info": ngettext("{count} info", "{count} infos", count)}
    return forms[severity].format(count=count)


def counts_text(counts: dict) -> str:
    """"0 errors, 2 warnings": the line every command prints for a plan, in the current language."""
    return f"{severity_count('error', counts['error'])}, {severity_count('warning', counts['warning'])}"
