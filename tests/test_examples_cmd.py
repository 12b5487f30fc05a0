"""`planner examples` and `planner docs`: the shipped examples and reference, from any folder."""

from __future__ import annotations

import re

import pytest
import yaml

from cli_support import ROOT, run_planner
from planner import atomic

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
DESCRIPTIONS = yaml.safe_load((ROOT / "planner" / "data" / "examples.yaml").read_text(encoding="utf-8"))


def test_every_example_has_a_line_in_both_languages_and_no_line_is_orphaned():
    assert {path.stem for path in EXAMPLES} == set(DESCRIPTIONS)
    for name, lines in DESCRIPTIONS.items():
        assert set(lines) == {"fr", "en"}, name
        assert all(text.strip() and "\n" not in text.strip() for text in lines.values()), name


def test_listing_gives_name_language_and_line_in_the_chosen_language(tmp_path):
    for lang in ("fr", "en"):
        result = run_planner("examples", "--lang", lang, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        rows = result.stdout.splitlines()[1:]
        assert len(rows) == len(EXAMPLES)
        for path, row in zip(EXAMPLES, rows):
            language = yaml.safe_load(path.read_text(encoding="utf-8"))["language"]
            assert row.split()[:2] == [path.stem, language]
            assert row.endswith(DESCRIPTIONS[path.stem][lang])
    # Without --lang: the course's language; the built-in course names none, so English
    # (the language rule of every command without a plan, docs/architecture.md).
    default = run_planner("examples", cwd=tmp_path)
    assert DESCRIPTIONS["smart-meter-fr"]["en"] in default.stdout
    (tmp_path / "course.yaml").write_text(
        (ROOT / "planner/data/course.yaml").read_text(encoding="utf-8").replace(
            "  final_due:", "  language: fr\n  final_due:", 1), encoding="utf-8")
    french_course = run_planner("examples", cwd=tmp_path)
    assert french_course.stdout.startswith("Exemples de plans")
    assert DESCRIPTIONS["smart-meter-fr"]["fr"] in french_course.stdout
    (tmp_path / "course.yaml").unlink()
    assert not (tmp_path / "teams").exists()  # listing writes nothing


def test_copy_into_teams_then_build_it(tmp_path):
    result = run_planner("examples", "smart-meter-fr", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    copied = tmp_path / "teams" / "smart-meter-fr.yaml"
    assert copied.read_bytes() == (ROOT / "examples" / "smart-meter-fr.yaml").read_bytes()
    assert "teams/smart-meter-fr.yaml" in result.stdout
    assert "planner build teams/smart-meter-fr.yaml" in result.stderr
    built = run_planner("build", "teams/smart-meter-fr.yaml", "--only", "plan", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "build" / "wattson" / "plan.md").is_file()


def test_copy_never_overwrites(tmp_path):
    target = tmp_path / "teams" / "genai-assistant-en.yaml"
    target.parent.mkdir()
    target.write_text("our own plan\n", encoding="utf-8")
    for lang, words in (("en", "never overwrites"), ("fr", "ne remplace jamais")):
        result = run_planner("examples", "genai-assistant-en", "--lang", lang, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.startswith(f"{target.relative_to(tmp_path)}: error:")
        assert words in result.stderr
    assert target.read_text(encoding="utf-8") == "our own plan\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["genai-assistant-en.yaml"]  # no temp left


def test_copy_into_another_folder_and_refuse_a_file_as_folder(tmp_path):
    result = run_planner("examples", "notebook-automl-fr.yaml", "-o", "plans/ours", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plans" / "ours" / "notebook-automl-fr.yaml").is_file()
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    refused = run_planner("examples", "smart-meter-fr", "-o", "afile", "--lang", "en", cwd=tmp_path)
    assert refused.returncode == 2 and "expects a folder" in refused.stderr


def test_unknown_example_suggests_the_closest(tmp_path):
    result = run_planner("examples", "smart-meter", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 2
    assert "unknown example 'smart-meter'" in result.stderr and "smart-meter-fr" in result.stderr
    assert not (tmp_path / "teams").exists()


def test_docs_lists_topics_and_prints_one(tmp_path):
    pages = sorted((ROOT / "docs").glob("*.md"))
    listing = run_planner("docs", "--lang", "en", cwd=tmp_path)
    assert listing.returncode == 0
    names = [row.split()[0] for row in listing.stdout.splitlines()[1:]]
    assert names == [page.stem for page in pages]
    page = run_planner("docs", "plan-format", cwd=tmp_path)
    assert page.returncode == 0
    assert page.stdout == (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    unknown = run_planner("docs", "plan", "--lang", "en", cwd=tmp_path)
    assert unknown.returncode == 2 and "plan-format" in unknown.stderr


def test_starter_plan_points_to_commands_that_work(tmp_path):
    for lang in ("fr", "en"):
        made = run_planner("new", f"Team {lang}", "--lang", lang, "-o", f"{lang}.yaml", cwd=tmp_path)
        assert made.returncode == 0, made.stderr
        text = (tmp_path / f"{lang}.yaml").read_text(encoding="utf-8")
        assert "examples/" not in text and "docs/" not in text  # no checkout paths
        commands = re.findall(r"`planner (examples|docs) ([a-z0-9-]+)`", text)
        assert {kind for kind, _ in commands} == {"examples", "docs"}
        for kind, name in commands:
            folder = tmp_path / f"copy-{lang}"
            args = (kind, name, "-o", folder) if kind == "examples" else (kind, name)
            assert run_planner(*args, cwd=tmp_path).returncode == 0, (kind, name)


def test_create_bytes_writes_a_new_file_and_never_replaces_one(tmp_path):
    target = tmp_path / "sub" / "new.yaml"
    atomic.create_bytes(target, b"first")
    assert target.read_bytes() == b"first"
    with pytest.raises(FileExistsError):
        atomic.create_bytes(target, b"second")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        atomic.create_bytes(tmp_path / "link.yaml", b"third")  # a dangling link is not followed
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in target.parent.iterdir()) == ["new.yaml"]
