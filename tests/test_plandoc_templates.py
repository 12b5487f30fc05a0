"""User templates: a folder named with --templates overrides one template or one
block; template errors name the template file and line, exit 2, no traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plandoc_support import FIXTURES, ROOT, markdown

PLAN = FIXTURES / "gaps-fr.yaml"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _build(tmp_path, templates, *extra):
    return subprocess.run(
        [sys.executable, "-m", "planner", "build", str(PLAN), "-o", str(tmp_path / "out"),
         "--only", "plan,html", "--templates", str(templates), *extra],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_one_block_overridden_the_rest_built_in(tmp_path):
    _write(tmp_path, "plan/plan.md.j2",
           '{% extends "builtin/plan/plan.md.j2" %}\n'
           "{% block risks %}## Nos risques\n\nVoir le registre de l'équipe ({{ risks | length }}).\n\n"
           "{% endblock %}\n")
    built_in = markdown(PLAN)
    mine = markdown(PLAN, templates_dir=str(tmp_path))
    assert "## Nos risques\n\nVoir le registre de l'équipe (0).\n\n## État de la liste" in mine
    assert "## Risques" not in mine
    # Everything else is the built-in document.
    head, tail = built_in.split("## Risques")
    assert mine.startswith(head)
    assert mine.endswith("## État de la liste" + tail.split("## État de la liste")[1])


def test_one_section_file_overridden(tmp_path):
    _write(tmp_path, "plan/sections/footer.md.j2", "---\n\n*{{ plan.team_name }} · {{ date }}*\n")
    mine = markdown(PLAN, templates_dir=str(tmp_path))
    assert mine.endswith("---\n\n*Équipe Lacunes · 2026-12-15*\n")
    assert mine.startswith("# Équipe Lacunes — Assistant de tri des courriels\n")


def test_the_html_page_can_be_overridden_too(tmp_path):
    _write(tmp_path, "plan/page.html.j2",
           '{% extends "builtin/plan/page.html.j2" %}{% block scripts %}<!-- offline -->{% endblock %}')
    result = _build(tmp_path, tmp_path)
    assert result.returncode == 1, result.stderr  # the plan has errors; the build goes on
    page = (tmp_path / "out" / "equipe-lacunes" / "plan.html").read_text(encoding="utf-8")
    assert "<!-- offline -->" in page and "mermaid.esm.min.mjs" not in page
    assert '<figure class="diagram">' in page  # the diagrams are in the body, not in a script


@pytest.mark.parametrize("name, text, line, message", [
    ("plan/sections/risks.md.j2", "## Risques\n\n{{ plan.riskz }}\n", 3, "riskz"),
    ("plan/sections/agenda.md.j2", "## A\n\n{% for row in agenda %}\n{{ row.speakr }}\n{% endfor %}\n",
     4, "speakr"),
    ("plan/sections/roles.md.j2", "## R\n{% if %}\n", 2, "syntaxe du gabarit"),  # a French plan
    ("plan/sections/title.md.j2", "# {{ t.overall | fill(nope=1) }}\n", 1, "KeyError"),
    ("plan/plan.md.j2", '{% extends "builtin/plan/plan.md.j2" %}\n\n{% block members %}\n'
                        "{{ membres }}\n{% endblock %}\n", 4, "membres"),
])
def test_template_errors_name_the_file_and_line(tmp_path, name, text, line, message):
    path = _write(tmp_path / "tpl", name, text)
    result = _build(tmp_path, tmp_path / "tpl")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{path}:{line}:" in result.stderr, result.stderr
    assert message in result.stderr
    assert not (tmp_path / "out" / "equipe-lacunes" / "plan.md").exists()


def test_a_missing_templates_folder_is_a_clear_error(tmp_path):
    result = _build(tmp_path, tmp_path / "nowhere")
    assert result.returncode == 2
    assert "nowhere" in result.stderr and "Traceback" not in result.stderr


def test_builtin_templates_have_no_error_under_strict_undefined():
    # Every section file is reached by the base template: one render touches them all.
    folder = ROOT / "templates" / "plan" / "sections"
    used = set(re.findall(r'"plan/sections/([\w.]+)"', (ROOT / "templates/plan/base.md.j2").read_text()))
    assert used | {"stack_tools.md.j2"} == {p.name for p in folder.glob("*.j2")}
    assert markdown(PLAN)


def test_a_template_added_or_edited_later_is_seen(tmp_path):
    # What --watch relies on: one process, templates edited between builds.
    before = markdown(PLAN, templates_dir=str(tmp_path))
    footer = _write(tmp_path, "plan/sections/footer.md.j2", "---\n\n*one*\n")
    assert markdown(PLAN, templates_dir=str(tmp_path)).endswith("*one*\n")
    footer.write_text("---\n\n*two, longer*\n", encoding="utf-8")
    os.utime(footer, (footer.stat().st_atime, footer.stat().st_mtime + 5))
    assert markdown(PLAN, templates_dir=str(tmp_path)).endswith("*two, longer*\n")
    footer.unlink()
    assert markdown(PLAN, templates_dir=str(tmp_path)) == before
