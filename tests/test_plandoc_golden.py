"""Golden files: plan.md and plan.html of each example and fixture, byte for byte.

A change in the output must be on purpose: `pytest --update-golden` rewrites
tests/golden/<plan>/, then read the diff before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from plandoc_support import plan_files, render_input

GOLDEN = Path(__file__).resolve().parent / "golden"
PLANS = plan_files()


@pytest.fixture(autouse=True)
def _no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


@pytest.mark.parametrize("path", PLANS, ids=[p.stem for p in PLANS])
def test_golden(path, request):
    from planner.plandoc import render_html, render_markdown

    data = render_input(path)
    markdown = render_markdown(data)
    outputs = {"plan.md": markdown, "plan.html": render_html(data, markdown)}
    folder = GOLDEN / path.stem
    if request.config.getoption("--update-golden"):
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in outputs.items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
        return
    for name, text in outputs.items():
        golden = folder / name
        assert golden.is_file(), f"no golden file {golden}: run pytest --update-golden and review it"
        assert text == golden.read_text(encoding="utf-8"), \
            f"{name} of {path.name} changed: if on purpose, run pytest --update-golden and review the diff"
