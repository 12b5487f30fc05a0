"""Many plans at once: check or build each one in a process pool, never stopping at a broken one.

Each worker loads the shared data (course, catalog, labels, and for builds the
deck builder with python-pptx) once, in its initializer, then handles plan
after plan. Workers send back small picklable outcomes, not documents, so the
parent's cost per plan stays low. Results come back in the order the plans
were given, so output is the same from run to run whatever the scheduling.

This module knows nothing of click or of printing: the command line shows
progress from the outcomes it yields and prints the summary it formats.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from planner.errors import InputError, PlannerError
from planner.findings import SEVERITIES, count_by_severity, severity_count

if TYPE_CHECKING:
    from planner.model import Plan

TASKS = ("check", "report", "build")

# Below this many plans a pool costs more to start than it saves (measured by
# benchmarks/bench_class.py: a check is ~2 ms, a worker start ~50-100 ms).
MIN_POOL = {"check": 64, "report": 64, "build": 2}


@dataclass
class Outcome:
    """What happened to one plan. Small and picklable: it crosses process boundaries."""

    index: int
    path: str
    status: str = "ok"          # ok | unreadable | failed
    findings: list = field(default_factory=list)
    error: str = ""             # the message when unreadable or failed
    team: str = ""
    slug: str = ""
    scores: list = field(default_factory=list)   # (section id, percent or None)
    overall: int | None = None
    written: list = field(default_factory=list)  # paths, as text
    notes: list = field(default_factory=list)
    plan: Plan | None = None    # the model, for the class report only
    language: str = "en"        # of the plan's messages (its summary line follows it)

    @property
    def counts(self) -> dict:
        return count_by_severity(self.findings)


@dataclass
class Summary:
    """What a run over many plans did, for its last line."""

    plans: int
    built: int
    unreadable: int
    failed: int
    counts: dict
    seconds: float
    task: str

    def text(self) -> str:
        from planner.i18n import _, ngettext
        plans = ngettext("{count} plan", "{count} plans", self.plans).format(count=self.plans)
        done = (ngettext("{count} built", "{count} built", self.built) if self.task == "build"
                else ngettext("{count} checked", "{count} checked", self.built))
        parts = [_("{plans}: {done}").format(plans=plans, done=done.format(count=self.built))]
        if self.unreadable:
            parts.append(ngettext("{count} unreadable", "{count} unreadable",
                                  self.unreadable).format(count=self.unreadable))
        if self.failed:
            parts.append(ngettext("{count} failed", "{count} failed",
                                  self.failed).format(count=self.failed))
        findings = ", ".join(severity_count(severity, self.counts[severity])
                             for severity in SEVERITIES)
        return _("{parts}; findings: {findings}; {seconds} s").format(
            parts=", ".join(parts), findings=findings, seconds=f"{self.seconds:.1f}")



def summarize(outcomes, seconds: float, task: str) -> Summary:
    counts = {severity: 0 for severity in SEVERITIES}
    for outcome in outcomes:
        for severity, number in outcome.counts.items():
            counts[severity] = counts.get(severity, 0) + number
    return Summary(
        plans=len(outcomes), built=sum(o.status == "ok" for o in outcomes),
        unreadable=sum(o.status == "unreadable" for o in outcomes),
        failed=sum(o.status == "failed" for o in outcomes), counts=counts, seconds=seconds,
        task=task)


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(paths, course, task: str = "check", options=None, jobs: int | None = None):
    """Yield an Outcome per plan, in the order of `paths`, while the pool works ahead.

    `options` is a build.BuildOptions for the build task. `jobs` is the number of
    worker processes (default: the machine's cores); 1 runs everything here.
    """
    if task not in TASKS:
        raise ValueError(task)
    paths = [str(path) for path in paths]
    refused = _slug_collisions(paths) if task == "build" else {}
    jobs_list = [(index, path, refused.get(path)) for index, path in enumerate(paths)]
    # A pool when asked for (--jobs N) or when there are enough plans for it to pay.
    small = jobs is None and len(paths) < MIN_POOL[task]
    jobs = min(jobs or cores(), len(paths)) or 1
    if jobs == 1 or small:
        _init_worker(course, task, options)
        for job in jobs_list:
            yield _run_one(job)
        return
    chunk = max(1, len(paths) // (jobs * 8)) if task != "build" else 1
    # Imported here: multiprocessing costs a one-plan `planner check` ~10 ms it never uses.
    from planner import workers
    if workers.forked():
        # What every worker loads first (python-pptx, Jinja2, the catalog, the checks) is
        # loaded here once: forked workers find it loaded, instead of each loading it again.
        _init_worker(course, task, options)
    yield from workers.run(jobs_list, _run_one, _init_worker, (course, task, options, True),
                           jobs, chunk, lambda job: _lost(job, task))


def _lost(job, task: str) -> Outcome:
    """The outcome of a plan whose worker died on it, twice (out of memory, killed)."""
    index, path, _refused = job
    from planner.characters import shown_path
    outcome = Outcome(index, shown_path(path), status="failed")
    from planner.i18n import _
    died = (_("{path}: error: the worker building this plan died (out of memory, or killed); the other "
              "plans went on") if task == "build" else
            _("{path}: error: the worker checking this plan died (out of memory, or killed); the other "
              "plans went on"))
    outcome.error = died.format(path=outcome.path)
    return outcome


def _slug_collisions(paths) -> dict:
    """{path: why} for the plans that would build into another plan's folder.

    Decided from the team names before any plan is built, so neither deck of a
    colliding pair is written (the last one would replace the other's).
    """
    from planner.slugs import collisions, read_team_names
    return collisions(read_team_names(paths))


def run_all(paths, course, task="check", options=None, jobs=None, on_outcome=None):
    """Every outcome (in order) and the summary; `on_outcome(outcome)` is called as each lands."""
    started = time.perf_counter()
    outcomes = []
    for outcome in run(paths, course, task, options, jobs):
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return outcomes, summarize(outcomes, time.perf_counter() - started, task)


# --- in the worker ---------------------------------------------------------------

_STATE: dict = {}


def _init_worker(course, task, options, in_pool: bool = False) -> None:
    """Load what every plan shares, once per process."""
    from planner.catalog import load_catalog
    from planner.checks import all_rules

    if in_pool:
        # Ctrl-C reaches the whole process group: the parent alone handles it
        # (and stops the pool); a worker would only print a traceback.
        import signal
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    all_rules()  # import every check module now, not during the first plan
    _STATE.update(course=course, task=task, options=options, catalog=load_catalog(), rosters={},
                  in_pool=in_pool)
    if task == "build":
        from planner.outputs import OUTPUTS
        for module in dict.fromkeys(module for name in options.only for module in OUTPUTS[name].preload):
            _preload(module)


def _preload(module: str) -> None:
    import importlib
    try:
        importlib.import_module(module)
    except ImportError:
        pass  # the build itself will report what is missing, plan by plan


def _roster(path: Path):
    """The roster beside a plan, read once per folder per worker."""
    from planner.facts import roster_beside
    return roster_beside(path, _STATE["rosters"])


def _run_one(job) -> Outcome:
    index, path, refused = job
    from planner.characters import shown_path
    outcome = Outcome(index, shown_path(path))
    task = _STATE["task"]
    if refused:
        outcome.status = "failed"
        outcome.error = f"{outcome.path}: error: {refused}"
        return outcome
    try:
        if task == "build":
            _build(Path(path), outcome)
        else:
            _check(Path(path), outcome, keep_plan=task == "report")
    except InputError as exc:
        outcome.status, outcome.error = "unreadable", str(exc)
        outcome.findings = as_findings(exc, outcome.path)
    except PlannerError as exc:
        outcome.status, outcome.error = "failed", str(exc)
    except Exception as exc:  # a bug must not stop the other plans: report it, go on
        outcome.status = "failed"
        from planner.i18n import _
        outcome.error = _("{path}: error: internal error ({detail}); please report it").format(
            path=outcome.path, detail=f"{type(exc).__name__}: {exc}")
    return outcome


def as_findings(exc: PlannerError, path: str) -> list:
    """What an unreadable plan shows: the findings it carries, else one PLN000 at its place."""
    if getattr(exc, "findings", None):
        return list(exc.findings)  # type: ignore[attr-defined]
    from planner.rules import finding
    return [finding("PLN000", exc.path or path, exc.line or 1, exc.column or 1, exc.message, exc.hint)]


def _describe(outcome: Outcome, checked, scores, overall) -> None:
    outcome.findings = list(checked.findings)
    outcome.language = checked.language
    outcome.team = checked.plan.team_name
    outcome.slug = checked.plan.slug
    outcome.scores = [(score.id, score.percent) for score in scores]
    outcome.overall = overall


def _check(path: Path, outcome: Outcome, keep_plan: bool) -> None:
    from planner.completeness import overall_score, section_scores
    from planner.plans import check_plan
    course = _STATE["course"]
    checked = check_plan(path, course, catalog=_STATE["catalog"], roster=_roster(path))
    scores = section_scores(checked.plan, course)
    _describe(outcome, checked, scores, overall_score(scores))
    if keep_plan:
        outcome.plan = checked.plan


def _build(path: Path, outcome: Outcome) -> None:
    from planner.build import build_one
    # A pool's workers already use every core: no child process beside the deck.
    result = build_one(path, _STATE["course"], _STATE["options"], catalog=_STATE["catalog"],
                       roster=_roster(path), aside=not _STATE["in_pool"])
    # The renderers' input already holds the scores: not computed a second time.
    _describe(outcome, result.checked, result.render_input.scores, result.render_input.overall)
    outcome.written = [str(written) for written in result.written]
    outcome.notes = list(result.notes)
