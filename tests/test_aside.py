"""planner.aside: the Markdown texts rendered by a forked child while the deck is drawn give
the same files, written in the same order, and the same errors at the same point."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from planner import aside
from planner.build import BuildOptions, build_one
from planner.course import load_course
from planner.errors import PlannerError

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted((ROOT / "examples").glob("*.yaml"))
ALL = ("plan", "html", "deck")
COURSE = load_course(None, cwd=ROOT / "tests")  # the built-in course


@pytest.fixture
def children(monkeypatch):
    """What each started child handed back (None: it failed, or none was started)."""
    if not aside.worth_it():
        pytest.skip("no second core, or another thread runs: no child is started here")
    handed: list = []
    real_start = aside.start

    def start(render):
        pending = real_start(render)
        if pending is not None:
            real_result = pending.result

            def result():
                value = real_result()
                if not handed or handed[-1] is not value:
                    handed.append(value)
                return value
            pending.result = result  # type: ignore[method-assign]
        else:
            handed.append(None)
        return pending
    monkeypatch.setattr(aside, "start", start)
    return handed


def _files(folder: Path) -> dict:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


@pytest.mark.parametrize("plan", PLANS, ids=lambda path: path.stem)
def test_a_build_with_a_child_writes_what_one_without_writes(tmp_path, plan, children):
    alone = build_one(plan, COURSE, BuildOptions(tmp_path / "alone", ALL), aside=False)
    assert not children
    beside = build_one(plan, COURSE, BuildOptions(tmp_path / "beside", ALL))
    assert len(children) == 1 and set(children[0]) == {"markdown", "html"}  # the child rendered both
    assert _files(tmp_path / "alone") == _files(tmp_path / "beside")
    assert ([Path(path).name for path in alone.written] == [Path(path).name for path in beside.written]
            == ["plan.md", "plan.html", "deck.pptx"])
    assert alone.notes == beside.notes and alone.findings == beside.findings


def test_no_child_for_the_texts_alone_or_the_deck_alone(tmp_path, children):
    for only in (("plan",), ("plan", "html"), ("deck",)):
        build_one(PLANS[0], COURSE, BuildOptions(tmp_path / "-".join(only), only))
    assert not children


def _broken_templates(tmp_path) -> Path:
    folder = tmp_path / "templates" / "plan"
    folder.mkdir(parents=True)
    (folder / "plan.md.j2").write_text("{% if %}\n", encoding="utf-8")
    return folder.parent


def _error(tmp_path, name, **options):
    out = tmp_path / name
    with pytest.raises(PlannerError) as raised:
        build_one(PLANS[0], COURSE, BuildOptions(out, ALL, **options), aside=name == "beside")
    return str(raised.value), _files(out) if out.exists() else {}


def test_a_template_error_stops_the_build_before_the_deck_as_without_a_child(tmp_path, children):
    templates = str(_broken_templates(tmp_path))
    assert _error(tmp_path, "alone", templates_dir=templates) == _error(
        tmp_path, "beside", templates_dir=templates)
    assert children == [None]  # the child failed: the build rendered the plan itself, and failed
    assert not list(tmp_path.rglob("deck.pptx"))


def test_a_deck_error_comes_after_the_texts_are_written_as_without_a_child(tmp_path, children):
    template = tmp_path / "not-a-deck.pptx"
    template.write_text("not a deck", encoding="utf-8")
    alone = _error(tmp_path, "alone", template=str(template))
    beside = _error(tmp_path, "beside", template=str(template))
    assert alone[0].replace("alone", "beside") == beside[0] and str(template) in beside[0]
    assert sorted(alone[1]) == sorted(beside[1]) and any(name.endswith("plan.md") for name in beside[1])


def test_a_child_that_fails_hands_back_nothing():
    if not aside.worth_it():
        pytest.skip("no child is started here")

    def fails():
        raise ValueError("broken")
    pending = aside.start(fails)
    assert pending is not None and pending.result() is None
    killed = aside.start(lambda: os.kill(os.getpid(), 9) or {})
    assert killed is not None and killed.result() is None
    pending = aside.start(lambda: {"markdown": "x" * 300_000, "html": None})  # beyond a pipe's buffer
    assert pending is not None and pending.result() == {"markdown": "x" * 300_000, "html": None}
    pending.close()  # reaped once: closing again is harmless


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not aside.worth_it() and aside.start(lambda: {}) is None
    finally:
        stop.set()
        other.join()
