"""`planner check --fit` tells what `planner build` will do (issue 9): the same backup slides.

Both lay the deck out in one session (planner.deck.builder.layout_session): the template's
slide size and theme fonts when `--template` names one, the built-in theme otherwise. A
stress plan that overflows into backup slides is checked and built, without a template, on
a 4:3 school template (narrower slides: more backup slides) and on a 16:9 one, through the
real command line; the PLN603 lines must be the same, in the same order.
"""

from __future__ import annotations

import json

import pytest

from cli_support import run_planner
from stressplans import stress, write
from templates_support import school_theme

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _moves(result) -> list:
    return [(f["line"], f["column"], f["message"]) for f in json.loads(result.stdout) if f["id"] == "PLN603"]


def _built_moves(result) -> list:
    return [line for line in (result.stdout + result.stderr).splitlines() if "[PLN603]" in line]


def _checked_moves(result) -> list:
    return [line for line in result.stdout.splitlines() if "[PLN603]" in line]


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fit")
    return (write(stress(minutes=10, lang="en", members=5), folder / "plan.yaml"),
            school_theme(folder / "school43.pptx", dark=False, widescreen=False),
            school_theme(folder / "school169.pptx", dark=True, widescreen=True))


@pytest.mark.parametrize("template", [None, 1, 2], ids=["built-in", "4:3-template", "16:9-template"])
def test_check_fit_and_build_report_the_same_backup_slides(plan, template, tmp_path):
    path = plan[0]
    extra = ("--template", plan[template]) if template else ()
    checked = run_planner("check", path, "--fit", *extra)
    built = run_planner("build", path, "-o", tmp_path, "--only", "deck", *extra)
    assert built.returncode in (0, 1), built.stderr
    moves = _checked_moves(checked)
    assert moves, "the stress plan moves items to backup slides"
    assert moves == _built_moves(built)


def test_the_template_changes_the_backup_slides_and_check_fit_follows(plan):
    """A 4:3 template holds less than the built-in 16:9 theme: --fit must not measure the
    built-in slides when --template is given (the bug this guards against)."""
    path, narrow = plan[0], plan[1]
    builtin = _moves(run_planner("check", path, "--fit", "--format", "json"))
    templated = _moves(run_planner("check", path, "--fit", "--template", narrow, "--format", "json"))
    assert builtin and templated and builtin != templated


def test_check_fit_with_a_missing_template_is_a_usage_error(plan, tmp_path):
    result = run_planner("check", plan[0], "--fit", "--template", tmp_path / "none.pptx")
    assert result.returncode == 2
    assert "none.pptx" in result.stdout + result.stderr
