"""`planner build DIR`: every team into its own folder, in a pool; one broken plan stops nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from classplans import BROKEN, plan_data, write_class

ROOT = Path(__file__).resolve().parent.parent


def planner(*args):
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Three good plans (one with an error), a broken one; built once by a 2-worker pool."""
    tmp = tmp_path_factory.mktemp("class")
    folder = tmp / "teams"
    write_class(folder, 3)
    data = plan_data(2, team="Équipe Ω")
    del data["stack"]["monitoring"]  # an error: the plan still builds
    (folder / "team-02.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (folder / "team-01b.yaml").write_text(BROKEN, "utf-8")
    out = tmp / "build"
    return folder, out, planner("build", folder, "-o", out, "-j", "2")


def test_every_good_plan_is_built_despite_the_broken_one(built):
    folder, out, proc = built
    assert proc.returncode == 2, proc.stderr  # the worst result: an unreadable plan
    assert sorted(p.name for p in out.iterdir()) == ["equipe-o", "team-00", "team-01"]
    for slug, team in (("team-00", "Team 00"), ("team-01", "Team 01"), ("equipe-o", "Équipe Ω")):
        deck = Presentation(str(out / slug / "deck.pptx"))
        assert 10 <= len(deck.slides) <= 20
        texts = [shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame]
        assert any(team in text for text in texts), texts
        assert (out / slug / "plan.md").read_text("utf-8").count(team)


def test_plain_lines_errors_and_summary(built):
    folder, out, proc = built
    lines = proc.stdout.splitlines()
    # Not a terminal: one line per built plan, in plan order.
    assert [line.split(" -> ")[0] for line in lines] == [
        str(folder / f"{name}.yaml") for name in ("team-00", "team-01", "team-02")]
    assert lines[0].endswith("(plan.md, deck.pptx); 0 erreur, 0 avertissement")  # French plans
    assert f"{folder / 'team-01b.yaml'}:" in proc.stderr and "YAML" in proc.stderr
    assert "[PLN101]" in proc.stderr  # team-02's error is shown
    summary = proc.stderr.strip().splitlines()[-1]
    assert summary.startswith("4 plans: 3 built, 1 unreadable; findings: ")
    assert summary.endswith(" s") and "Traceback" not in proc.stderr


def test_a_pool_build_gives_the_same_bytes_as_a_single_build(built, tmp_path):
    folder, out, _proc = built
    single = planner("build", folder / "team-00.yaml", "-o", tmp_path)
    assert single.returncode == 0, single.stderr
    for name in ("deck.pptx", "plan.md"):
        assert (tmp_path / "team-00" / name).read_bytes() == (out / "team-00" / name).read_bytes()


def test_errors_only_exit_1(tmp_path):
    folder = tmp_path / "teams"
    write_class(folder, 1)
    data = plan_data(1)
    del data["stack"]["monitoring"]
    (folder / "team-01.yaml").write_text(yaml.safe_dump(data), "utf-8")
    proc = planner("build", folder, "-o", tmp_path / "out", "--only", "plan")
    assert proc.returncode == 1, proc.stderr
    assert "2 plans: 2 built" in proc.stderr


def test_ctrl_c_stops_a_pool_build_cleanly(tmp_path):
    """Ctrl-C on a terminal reaches the whole process group: no traceback, no half file."""
    import os
    import signal

    folder = tmp_path / "teams"
    write_class(folder, 40)  # several seconds of work: the signal lands mid-build on any machine
    out = tmp_path / "out"
    # Unbuffered, so the first progress line arrives when the first team is built,
    # not when a pipe buffer fills at the end of the run.
    proc = subprocess.Popen([sys.executable, "-m", "planner", "build", str(folder), "-o", str(out),
                             "-j", "2"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        first = proc.stdout.readline()  # the first team is built: the pool is at work
        assert " -> " in first
        os.killpg(proc.pid, signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err and "KeyboardInterrupt" not in err
    built = list(out.iterdir())
    assert 1 <= len(built) < 40  # stopped early, not after building the whole class
    assert not list(out.rglob("*.tmp"))
    for folder in built:
        if (folder / "deck.pptx").exists():
            Presentation(str(folder / "deck.pptx"))  # whole files only


def test_forked_workers_find_the_deck_builder_loaded_by_the_parent(tmp_path):
    """The pool's parent loads what every worker needs before forking them, so that the
    workers, copies of it, do not each load it again."""
    folder = tmp_path / "teams"
    write_class(folder, 2)
    code = """if True:
        import sys
        from pathlib import Path
        from planner import batch, workers
        from planner.build import BuildOptions
        from planner.course import load_course
        paths = sorted(Path(sys.argv[1]).glob("*.yaml"))
        outcomes = list(batch.run(paths, load_course(), "build",
                                  BuildOptions(Path(sys.argv[2]), ("plan", "deck")), jobs=2))
        print(workers.forked(), "pptx" in sys.modules, [o.status for o in outcomes])
    """
    done = subprocess.run([sys.executable, "-c", code, str(folder), str(tmp_path / "out")],
                          capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    forked, parent_loaded, statuses = done.stdout.split(" ", 2)
    assert statuses.strip() == "['ok', 'ok']"
    assert parent_loaded == forked  # loaded in the parent exactly when the workers are its copies
