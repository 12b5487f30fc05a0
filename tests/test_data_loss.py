"""Hostile input that used to destroy work: colliding team folders, a report over a plan,
a stale watched course, a roster the reader refused, racing `planner new`, a mixed-encoding CSV.

Every case runs the real command line (or the real module) on real files.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from classplans import write_plan
from cli_support import run_planner
from planner.slugs import collisions, slugify, team_slug

ROOT = Path(__file__).resolve().parent.parent


# --- team slugs ----------------------------------------------------------------------

def test_other_scripts_are_transliterated_not_dropped():
    assert slugify("東京") == "dong-jing" and slugify("北京") == "bei-jing"
    assert slugify("Команда Альфа") == "komanda-al-fa"
    assert slugify("Équipe A") == "equipe-a"
    # A name with nothing to keep falls back to the plan file's stem, then to 'team'.
    assert team_slug("!!!", "teams/Les Ponctuels.yaml") == "les-ponctuels"
    assert team_slug("", None) == "team"


def test_collisions_name_both_files_and_ignore_a_file_named_twice():
    found = collisions([("a.yaml", "Équipe A"), ("b.yaml", "Equipe A"), ("c.yaml", "Other"),
                        ("c.yaml", "Other")])
    assert set(found) == {"a.yaml", "b.yaml"}
    assert "b.yaml" in found["a.yaml"] and "a.yaml" in found["b.yaml"]
    assert "equipe-a/" in found["a.yaml"]


def test_class_build_refuses_colliding_teams_before_writing(tmp_path):
    folder = tmp_path / "teams"
    first = write_plan(folder, 0, name="a.yaml", team="Équipe A")
    second = write_plan(folder, 1, name="b.yaml", team="Equipe A")
    write_plan(folder, 2, name="c.yaml", team="東京")
    write_plan(folder, 3, name="d.yaml", team="北京")
    out = tmp_path / "build"
    result = run_planner("build", folder, "-o", out, "--only", "plan", "-j", "1")
    assert result.returncode == 2, result.stderr
    assert f"{first}: error: team 'Équipe A' would build into equipe-a/, like {second}" \
        in result.stderr
    assert f"{second}: error: team 'Equipe A'" in result.stderr
    # Neither colliding plan reached the disk; the others built, each in its own folder.
    assert sorted(p.name for p in out.iterdir()) == ["bei-jing", "dong-jing"]
    assert "4 plans: 2 built, 2 failed" in result.stderr


# --- planner new ---------------------------------------------------------------------

def test_new_suggests_a_free_name(tmp_path):
    assert run_planner("new", "Équipe A", cwd=tmp_path).returncode == 0
    (tmp_path / "teams" / "equipe-a-2.yaml").write_text("# taken\n", encoding="utf-8")
    again = run_planner("new", "Equipe A", "--lang", "en", cwd=tmp_path)  # messages follow --lang
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert 'planner new "Equipe A 3"' in again.stderr and "equipe-a-3.yaml" in again.stderr


def test_new_never_overwrites_under_a_race(tmp_path, monkeypatch):
    """Two writers at once: exactly one wins, the other is refused, the file is whole."""
    from planner import starter
    from planner.course import load_course
    from planner.errors import UsageError

    course = load_course(None)
    target = tmp_path / "teams" / "race.yaml"
    exists = Path.exists
    barrier = threading.Barrier(2)

    def racing_exists(path):
        # Both runs look before either writes: the old check-then-write lost here.
        if Path(path) == target:
            barrier.wait(timeout=10)
        return exists(path)

    monkeypatch.setattr(Path, "exists", racing_exists)
    results = []

    def one(lang):
        try:
            results.append(starter.write("Race", lang, course, str(target)))
        except UsageError as exc:
            results.append(exc)

    threads = [threading.Thread(target=one, args=(lang,)) for lang in ("fr", "en")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    monkeypatch.undo()
    assert sum(isinstance(r, Path) for r in results) == 1, results
    assert sum(isinstance(r, UsageError) for r in results) == 1, results
    assert [p.name for p in target.parent.iterdir()] == ["race.yaml"]  # no staging file left
    text = target.read_text(encoding="utf-8")
    assert text.count("team:") == 1


def test_create_text_refuses_an_existing_file(tmp_path):
    from planner import atomic
    target = tmp_path / "plan.yaml"
    target.write_text("ours\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        atomic.create_text(target, "theirs\n")
    assert target.read_text(encoding="utf-8") == "ours\n"
    assert os.listdir(tmp_path) == ["plan.yaml"]


# --- planner report -o ---------------------------------------------------------------

class _Interrupt(BaseException):
    """What a signal handler raises (KeyboardInterrupt, a worker's SIGTERM unwinding)."""


@pytest.mark.parametrize("write", ["write_bytes", "create_bytes"])
def test_an_interrupt_right_after_the_temporary_file_is_created_leaves_nothing(tmp_path, monkeypatch, write):
    """A signal can land between any two steps of a write. One landing after the temporary
    file was opened but before its name reached the writer (inside tempfile.mkstemp) left a
    '.deck.pptx.*.tmp' beside a team's files: the name is now chosen before the file exists."""
    from planner import atomic
    real_open = os.open

    def open_then_interrupted(path, flags, *args, **kwargs):
        fd = real_open(path, flags, *args, **kwargs)
        if str(path).endswith(".tmp"):
            raise _Interrupt  # as if the signal arrived just after the file was made
        return fd

    monkeypatch.setattr(os, "open", open_then_interrupted)
    with pytest.raises(_Interrupt):
        getattr(atomic, write)(tmp_path / "deck.pptx", b"deck")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_temporary_name_already_taken_is_left_to_its_owner(tmp_path, monkeypatch):
    """The temporary file is opened exclusively: a file of the same name is another
    writer's, neither replaced nor removed, and the write is refused with its reason."""
    from planner import atomic
    from planner.errors import OutputError
    taken = tmp_path / ".deck.pptx.taken.tmp"
    taken.write_bytes(b"another writer's")
    monkeypatch.setattr(atomic, "_temporary_name", lambda target: taken)
    with pytest.raises(OutputError):
        atomic.write_bytes(tmp_path / "deck.pptx", b"deck")
    assert taken.read_bytes() == b"another writer's"
    assert sorted(p.name for p in tmp_path.iterdir()) == [taken.name]


def test_report_never_replaces_a_plan(tmp_path):
    folder = tmp_path / "teams"
    plan = write_plan(folder, 0, name="x.yaml")
    before = plan.read_bytes()
    result = run_planner("report", folder, "-o", plan, "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2
    assert f"{plan}: error: was not written by 'planner report'" in result.stderr
    assert "refusing to overwrite it" in result.stderr
    french = run_planner("report", folder, "-o", plan, "--lang", "fr", cwd=tmp_path)
    assert french.returncode == 2 and "n'a pas été écrit par «\u00a0planner report\u00a0»" in french.stderr
    assert plan.read_bytes() == before


def test_report_replaces_its_own_report_and_keeps_markdown_beside_html(tmp_path):
    folder = tmp_path / "teams"
    write_plan(folder, 0)
    report = tmp_path / "out" / "class.html"
    first = run_planner("report", folder, "-o", report, "--html", "--lang", "en", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    markdown = report.with_suffix(".md")
    # The Markdown asked for is not written under the HTML twin's name and lost.
    assert markdown.read_text("utf-8").splitlines()[1].startswith("# ")
    assert report.read_text("utf-8").startswith("<!-- Generated by planner report")
    assert "<html" in report.read_text("utf-8")
    assert {f"wrote {markdown}", f"wrote {report}"} <= set(first.stdout.splitlines())
    again = run_planner("report", folder, "-o", report, "--html", cwd=tmp_path)
    assert again.returncode == 0, again.stderr  # its own output is replaced freely
    notes = tmp_path / "notes.md"
    notes.write_text("# my notes\n", encoding="utf-8")
    refused = run_planner("report", folder, "-o", notes, cwd=tmp_path)
    assert refused.returncode == 2 and notes.read_text("utf-8") == "# my notes\n"


# --- --watch and the course file -----------------------------------------------------

def test_watch_reloads_the_local_course_file(tmp_path, monkeypatch):
    """`planner build --watch` with ./course.yaml (no --course): an edit to it is a new course."""
    from planner.build import BuildOptions
    from planner.course import load_course
    from planner.watch import Watcher

    monkeypatch.chdir(tmp_path)
    course_text = (ROOT / "planner/data/course.yaml").read_text("utf-8")
    Path("course.yaml").write_text(course_text, "utf-8")
    plan = write_plan(tmp_path / "teams", 0, minutes=None)
    watcher = Watcher(plan, load_course(None), BuildOptions(tmp_path / "out", ("plan",)), None)
    assert watcher.start().kind == "built" and watcher.course.minutes == 15
    edited = course_text.replace("  minutes: 15 ", "  minutes: 20 ", 1)
    assert edited != course_text
    Path("course.yaml").write_text(edited, "utf-8")
    os.utime("course.yaml", ns=(1, Path("course.yaml").stat().st_mtime_ns + 10**9))
    event = watcher.poll()
    assert event is not None and event.kind == "built", event
    assert "course.yaml" in event.changed
    assert watcher.course.minutes == 20
    assert event.result.render_input.outline.seconds == 20 * 60


# --- one limit policy for what planner writes and reads back -------------------------

def test_a_5300_student_roster_is_written_and_read_back(tmp_path):
    rows = ["Équipe;Nom;Prénom;Courriel;Code permanent;GitHub;Rôle"]
    for team in range(1325):
        for seat in range(4):
            rows.append(f"Équipe {team:04d};Nom-{team}-{seat};Prénom{seat};"
                        f"p{team}.{seat}@etu.example.org;{team:05d}{seat};gh{team}x{seat};"
                        "Ingénierie des données")
    source = tmp_path / "class.csv"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    folder = tmp_path / "teams"
    pulled = run_planner("roster", "pull", "--csv", source, "-o", folder / "roster.yaml")
    assert pulled.returncode in (0, 1), pulled.stderr
    assert "5,300 students" in pulled.stderr or "5300 students" in pulled.stderr
    assert (folder / "roster.yaml").stat().st_size > 1024 * 1024  # past the plan's limit
    write_plan(folder, 0, team="Équipe 0001")
    checked = run_planner("check", folder)
    assert "too large" not in checked.stderr + checked.stdout
    assert checked.returncode in (0, 1), checked.stdout + checked.stderr


def test_a_roster_the_reader_would_refuse_is_never_written(tmp_path, monkeypatch):
    from planner import limits
    from planner.errors import OutputError
    from planner.roster import store
    from planner.roster.model import Member, Roster, Team

    roster = Roster([Team(f"T{n}", 0, [Member("A", f"B{n}", email=f"a{n}@x.org")])
                     for n in range(50)])
    assert store.render(roster, "x.csv")
    monkeypatch.setattr(limits, "ROSTER", limits.Limit("a roster file", 10**6, 200))
    with pytest.raises(OutputError, match="it would hold 402 values; planner reads a roster "
                                          "file of up to 200"):
        store.render(roster, "x.csv")
    monkeypatch.setattr(limits, "ROSTER", limits.Limit("a roster file", 1000, 10**6))
    with pytest.raises(OutputError, match="planner reads a roster file up to 1,000"):
        store.render(roster, "x.csv")


# --- CSV encoding, decided per file ----------------------------------------------------

def test_one_latin1_row_in_a_utf8_csv_is_named_not_re_decoded(tmp_path):
    good = ("Équipe;Nom;Prénom;Courriel\n"
            "Les Éclaireurs;Lévesque;Zoé;zoe@example.org\n"
            ";Côté;Amélie;amelie@example.org\n").encode()
    bad = ";Gagné;Hélène;helene@example.org\n".encode("latin-1")
    source = tmp_path / "mixed.csv"
    source.write_bytes(good + bad)
    out = tmp_path / "teams" / "roster.yaml"
    result = run_planner("roster", "pull", "--csv", source, "-o", out)
    assert result.returncode == 2, result.stderr
    assert f"{source}:4:6: error: line 4 is not UTF-8 (byte 0xe9)" in result.stderr
    assert not out.exists()
    # A file that is Windows-1252 throughout is still read, with a warning.
    whole = tmp_path / "old-excel.csv"
    whole.write_bytes((good.decode("utf-8") + bad.decode("latin-1")).encode("cp1252"))
    older = run_planner("roster", "pull", "--csv", whole, "-o", out)
    assert older.returncode in (0, 1), older.stderr
    assert "1 warning" in older.stderr and "Lévesque" in out.read_text("utf-8")
