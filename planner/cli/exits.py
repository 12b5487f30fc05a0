"""The exit policy, in one place: only the command line turns what happened into an exit code.

0 clean; 1 findings (errors, or warnings under --strict); 2 an input could not be read or
parsed, bad usage, or an output could not be written (every PlannerError); 130 interrupted
(Ctrl-C); 143 terminated (SIGTERM), as a shell reports a process ended by that signal.
The core never decides an exit code: it returns findings and outcomes, and raises typed
errors (planner/errors.py).
"""

from __future__ import annotations

from collections.abc import Iterable

CLEAN = 0
FINDINGS = 1
UNUSABLE = 2
INTERRUPTED = 130
TERMINATED = 143


def exit_code(findings: Iterable = (), *, strict: bool = False, unusable: bool = False) -> int:
    """The code for a run that found `findings`; `unusable` when some input or output failed."""
    if unusable:
        return UNUSABLE
    severities = {finding.severity for finding in findings}
    if "error" in severities or (strict and "warning" in severities):
        return FINDINGS
    return CLEAN


def for_outcomes(outcomes: Iterable, strict: bool = False) -> int:
    """A batch (planner.batch.Outcome): 2 when a plan could not be read or built, else its findings."""
    outcomes = list(outcomes)
    return exit_code([finding for outcome in outcomes for finding in outcome.findings], strict=strict,
                     unusable=any(outcome.status != "ok" for outcome in outcomes))
