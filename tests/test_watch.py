"""planner build --watch: rebuild on change, survive a broken plan, keep the last good outputs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from classplans import BROKEN, plan_data, write_class
from planner.build import BuildOptions
from planner.cli import cli
from planner.course import load_course
from planner.watch import Watcher

ROOT = Path(__file__).resolve().parent.parent


def save(path: Path, text: str) -> None:
    """Write and move the modification time on, as a later save would (coarse clocks)."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, "utf-8")
    stat = path.stat()
    if stat.st_mtime_ns <= before:
        os.utime(path, ns=(stat.st_atime_ns, before + 1_000_000_000))


def plan_text(title: str) -> str:
    data = plan_data(0)
    data["project"]["title"] = title
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def setup(tmp_path):
    plan = tmp_path / "teams" / "team.yaml"
    plan.parent.mkdir()
    save(plan, plan_text("First title"))
    templates = tmp_path / "tpl" / "plan"
    templates.mkdir(parents=True)
    user = templates / "plan.md.j2"
    save(user, '{% extends "builtin/plan/plan.md.j2" %}{% block footer %}MARKER-A\n{% endblock %}')
    options = BuildOptions(tmp_path / "out", ("plan",), templates_dir=str(tmp_path / "tpl"))
    return plan, user, options


def test_watcher_rebuilds_survives_a_broken_plan_and_recovers(setup):
    plan, user, options = setup
    watcher = Watcher(plan, load_course(), options)
    output = options.out_dir / "team-00" / "plan.md"

    first = watcher.start()
    assert first.kind == "built" and output.read_text("utf-8").count("First title")
    assert watcher.poll() is None  # nothing changed, nothing built

    save(plan, plan_text("Second title"))
    event = watcher.poll()
    assert event.kind == "built" and str(plan) in event.changed
    assert "Second title" in output.read_text("utf-8")
    good = output.read_bytes()

    save(plan, BROKEN)  # saved half-edited
    event = watcher.poll()
    assert event.kind == "broken"
    assert event.error.path == str(plan) and event.error.line
    assert output.read_bytes() == good                  # the last good output is kept
    assert [Path(p) for p in event.kept] == [output]

    save(plan, "")  # an editor truncating before it writes
    assert watcher.poll().kind == "broken" and output.read_bytes() == good

    save(plan, plan_text("Third title"))
    event = watcher.poll()
    assert event.kind == "built" and "Third title" in output.read_text("utf-8")

    # A template change rebuilds too.
    assert "MARKER-A" in output.read_text("utf-8")
    save(user, '{% extends "builtin/plan/plan.md.j2" %}{% block footer %}MARKER-B\n{% endblock %}')
    event = watcher.poll()
    assert event.kind == "built" and str(user) in event.changed
    assert "MARKER-B" in output.read_text("utf-8") and "MARKER-A" not in output.read_text("utf-8")

    # A broken template is reported like a broken plan, the outputs stay.
    before = output.read_bytes()
    save(user, "{% block footer %}unclosed")
    event = watcher.poll()
    assert event.kind == "broken" and output.read_bytes() == before


def test_run_in_a_thread_stops_when_asked(setup):
    plan, _user, options = setup
    watcher = Watcher(plan, load_course(), options)
    events, stop = [], threading.Event()
    thread = threading.Thread(target=watcher.run, args=(events.append,),
                              kwargs={"interval": 0.05, "stop": stop})
    thread.start()
    output = options.out_dir / "team-00" / "plan.md"
    deadline = time.monotonic() + 20
    while not output.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    save(plan, plan_text("Changed in the thread"))
    while time.monotonic() < deadline and "Changed in the thread" not in output.read_text("utf-8"):
        time.sleep(0.02)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert [e.kind for e in events] == ["built", "built"]


def test_watch_cycles_ends_on_its_own_and_prints_the_agenda(setup):
    plan, _user, options = setup
    result = CliRunner().invoke(cli, ["build", "--watch", str(plan), "-o", str(options.out_dir),
                                      "--only", "plan", "--watch-cycles", "2",
                                      "--watch-interval", "0.05"])
    assert result.exit_code == 0, result.output
    assert "[00:00–" in result.stdout and "écrit\u00a0:" in result.stdout  # the plan is French
    assert "built" in result.stderr


def test_watch_follows_one_plan_only(tmp_path):
    folder = tmp_path / "teams"
    write_class(folder, 2)
    result = CliRunner().invoke(cli, ["build", "--watch", str(folder), "--watch-cycles", "0"])
    assert result.exit_code == 2 and "one plan" in result.output


class Lines:
    """The lines a child process writes, read as they come."""

    def __init__(self, stream):
        self.lines, self._stream = [], stream
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self._stream:
            self.lines.append(line)

    def wait_for(self, text, start=0, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for number, line in enumerate(self.lines[start:], start):
                if text in line:
                    return number + 1
            time.sleep(0.02)
        raise AssertionError(f"no {text!r} in {''.join(self.lines)}")


def test_watch_in_a_real_process_with_ctrl_c(setup):
    plan, _user, options = setup
    output = options.out_dir / "team-00" / "plan.md"
    proc = subprocess.Popen(
        [sys.executable, "-m", "planner", "build", "--watch", str(plan), "-o",
         str(options.out_dir), "--only", "plan", "--watch-interval", "0.1"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        err = Lines(proc.stderr)
        at = err.wait_for("built ")
        save(plan, plan_text("Edited while watching"))
        at = err.wait_for("built ", at)
        assert "Edited while watching" in output.read_text("utf-8")
        good = output.read_bytes()
        save(plan, BROKEN)
        at = err.wait_for("keeping the last good outputs", at)
        assert output.read_bytes() == good
        save(plan, plan_text("Fixed"))
        at = err.wait_for("built ", at)
        assert "Fixed" in output.read_text("utf-8")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
        err.wait_for("stopped watching", at)
        assert not any("Traceback" in line for line in err.lines)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def identity(path: Path):
    """A file's inode and modification time: an atomic rewrite changes both."""
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


def test_only_the_outputs_made_from_a_changed_file_are_rebuilt(setup, capsys):
    from planner.cli.watch_view import show_event

    plan, user, options = setup
    page = user.parent / "page.html.j2"
    save(page, '{% extends "builtin/plan/page.html.j2" %}{% block scripts %}PAGE-A{% endblock %}')
    options = BuildOptions(options.out_dir, ("plan", "html", "deck"), templates_dir=options.templates_dir)
    watcher = Watcher(plan, load_course(), options)
    folder = options.out_dir / "team-00"
    files = {name: folder / name for name in ("plan.md", "plan.html", "deck.pptx")}

    first = watcher.start()
    assert first.kind == "built" and first.outputs == ("plan", "html", "deck") and first.seconds > 0
    before = {name: identity(path) for name, path in files.items()}

    # The HTML page's template: the page alone, from the last render input.
    save(page, '{% extends "builtin/plan/page.html.j2" %}{% block scripts %}PAGE-B{% endblock %}')
    event = watcher.poll()
    assert event.kind == "built" and event.outputs == ("html",) and event.changed == [str(page)]
    assert "PAGE-B" in files["plan.html"].read_text("utf-8")
    after = {name: identity(path) for name, path in files.items()}
    assert after["plan.html"] != before["plan.html"]
    assert after["plan.md"] == before["plan.md"] and after["deck.pptx"] == before["deck.pptx"]
    assert [Path(p).name for p in event.result.written] == ["plan.html"]
    show_event(event)
    line = capsys.readouterr().err.splitlines()[-1]
    assert " rebuilt html of " in line and (" ms:" in line or " s:" in line)

    # The Markdown templates: plan.md and the page that shows it, not the deck.
    save(user, '{% extends "builtin/plan/plan.md.j2" %}{% block footer %}MARKER-C\n{% endblock %}')
    event = watcher.poll()
    assert event.outputs == ("plan", "html")
    assert "MARKER-C" in files["plan.md"].read_text("utf-8")
    assert "MARKER-C" in files["plan.html"].read_text("utf-8")
    assert identity(files["deck.pptx"]) == before["deck.pptx"]

    # The plan itself: everything, checked again.
    save(plan, plan_text("A new title"))
    event = watcher.poll()
    assert event.outputs == ("plan", "html", "deck")
    assert all(identity(path) != after[name] for name, path in files.items())
    assert "A new title" in files["plan.md"].read_text("utf-8")
    assert sorted(Path(p).name for p in watcher.last_good) == sorted(files)


def test_a_template_no_asked_output_uses_rebuilds_nothing(setup):
    plan, user, options = setup  # --only plan
    page = user.parent / "page.html.j2"
    watcher = Watcher(plan, load_course(), options)
    watcher.start()
    output = options.out_dir / "team-00" / "plan.md"
    before = identity(output)
    save(page, "{{ body }}")
    event = watcher.poll()
    assert event.kind == "unused" and event.changed == [str(page)]
    assert identity(output) == before


def test_what_each_watched_file_feeds(setup, tmp_path):
    from planner.outputs import DECK_TEMPLATE, MARKDOWN_TEMPLATES, PAGE_TEMPLATES
    from planner.resources import templates_dir
    from planner.watch import PLAN

    plan, user, options = setup
    deck = tmp_path / "school.pptx"
    options = BuildOptions(options.out_dir, ("plan",), template=str(deck),
                           templates_dir=options.templates_dir)
    inputs = Watcher(plan, load_course(), options).inputs()
    builtin = templates_dir()
    assert inputs[plan] == PLAN and inputs[plan.parent / "roster.yaml"] == PLAN
    assert inputs[deck] == DECK_TEMPLATE
    assert inputs[user] == MARKDOWN_TEMPLATES
    assert inputs[builtin / "plan" / "plan.md.j2"] == MARKDOWN_TEMPLATES
    assert inputs[builtin / "plan" / "page.html.j2"] == PAGE_TEMPLATES
    # The starter's and the class report's templates are not read by a build.
    assert not [path for path in inputs if path.is_relative_to(builtin / "new")
                or path.is_relative_to(builtin / "report")]
