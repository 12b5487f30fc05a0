"""planner report: the class report, read back with markdown-it-py, through the real CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from markdown_it import MarkdownIt

from classplans import BROKEN, member_names, plan_data, write_plan
from planner.cli import cli
from planner.course import load_course
from planner.facts import roster_beside
from planner.labels import labels
from planner.plans import check_plan
from planner.report.schedule import Settings, order

COURSE = load_course()


def tables(markdown: str) -> dict:
    """Section title (h2) -> list of tables, each a list of rows of cell texts (header first)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    found, section, row, table, heading = {}, None, None, None, False
    for token in tokens:
        if token.type == "heading_open":
            heading = token.tag == "h2"
        elif token.type == "inline" and heading:
            section, heading = token.content, False
        elif token.type == "table_open":
            table = []
            found.setdefault(section, []).append(table)
        elif token.type == "tr_open":
            row = []
        elif token.type == "inline" and row is not None:
            row.append(token.content)
        elif token.type == "tr_close":
            table.append(row)
            row = None
    return found


def bullets(markdown: str, section: str) -> list[str]:
    tokens = MarkdownIt("commonmark").parse(markdown)
    items, current, in_item, heading = [], None, False, False
    for token in tokens:
        if token.type == "heading_open":
            heading = token.tag == "h2"
        elif token.type == "inline" and heading:
            current, heading = token.content, False
        elif token.type == "list_item_open":
            in_item = True
        elif token.type == "inline" and in_item and current == section:
            items.append(token.content)
            in_item = False
    return items


@pytest.fixture
def klass(tmp_path):
    """Three readable plans with roster trouble, one broken plan, and a roster file."""
    folder = tmp_path / "teams"
    shared = member_names(0)[0]  # also in team 01: a student in two teams
    write_plan(folder, 0)
    write_plan(folder, 1, members=[shared] + member_names(1)[1:])
    small = plan_data(2, members=member_names(2)[:2])
    del small["stack"]["monitoring"]  # a required stage missing: an error
    (folder / "team-02.yaml").write_text(yaml.safe_dump(small, allow_unicode=True), "utf-8")
    (folder / "zz-broken.yaml").write_text(BROKEN, "utf-8")
    roster = {"teams": [
        {"name": "Team 00", "members": [{"name": n} for n in member_names(0)]
         + [{"name": "Zoé Extra", "email": "zoe@example.org"}]},
        {"name": "team-01", "members": [{"name": n} for n in member_names(1)]},
        {"name": "Team 02", "members": [{"name": n} for n in member_names(2)[:2]]},
        {"name": "Team 99", "members": [{"name": "Solo Person"}]},
    ]}
    (folder / "roster.yaml").write_text(yaml.safe_dump(roster, allow_unicode=True), "utf-8")
    return folder


def run_report(folder, out, *args):
    result = CliRunner().invoke(cli, ["report", str(folder), "-o", str(out), *args])
    assert result.exit_code == 0, result.output + str(result.exception)
    return out.read_text("utf-8"), result


def test_class_report_tables_and_problems(klass, tmp_path):
    text, result = run_report(klass, tmp_path / "class-report.md")
    words = labels("fr")["report"]
    found = tables(text)
    # Teams by stage: one column per course stage, one row per readable plan.
    (stages,) = found[words["sections"]["stages"]]
    assert stages[0] == [words["columns"]["team"]] + [s.label["fr"] for s in COURSE.stages]
    assert [row[0] for row in stages[1:]] == ["Team 00", "Team 01", "Team 02"]
    assert all(len(row) == len(COURSE.stages) + 1 for row in stages)
    monitoring = 1 + COURSE.stage_ids.index("monitoring")
    assert stages[3][monitoring] == words["marks"]["missing"]
    assert stages[1][monitoring] == "Evidently"
    # Scores: a column per section, overall, errors, warnings.
    (scores,) = found[words["sections"]["scores"]]
    assert scores[0] == ([words["columns"]["team"], words["columns"]["members"]]
                         + [s["label"]["fr"] for s in COURSE.sections]
                         + [words["columns"][k] for k in ("overall", "errors", "warnings")])
    counts = {}
    for name in ("team-00", "team-01", "team-02"):
        checked = check_plan(klass / f"{name}.yaml", COURSE, roster=roster_beside(klass / "x.yaml"))
        counts[checked.plan.team_name] = (sum(f.severity == "error" for f in checked.findings),
                                          sum(f.severity == "warning" for f in checked.findings))
    errors = counts["Team 02"][0]
    assert errors >= 1
    assert scores[3][0] == "Team 02" and scores[3][1] == "2" and scores[3][-2] == str(errors)
    # Plans to fix: the broken plan first, then the teams with findings, as `check` counts them.
    (fix,) = found[words["sections"]["to_fix"]]
    assert fix[1][0] == words["unreadable"] and "zz-broken.yaml" in fix[1][1]
    listed = {row[0]: (int(row[2]), int(row[3])) for row in fix[2:]}
    assert listed == {team: count for team, count in counts.items() if any(count)}
    assert "PLN101" in next(row for row in fix if row[0] == "Team 02")[4]
    assert [row[0] for row in fix[2:]] == sorted(listed, key=lambda t: (-listed[t][0], -listed[t][1], t))
    # Tools: MLflow counted once per team in the registry stage.
    (tools,) = found[words["sections"]["tools"]]
    registry = next(row for row in tools if row[0] == COURSE.stage("model-registry").label["fr"])
    assert registry[1] == "MLflow (3)"
    # Roster problems.
    problems = bullets(text, words["sections"]["roster"])
    joined = "\n".join(problems)
    assert any(member_names(0)[0] in p and "Team 00" in p and "Team 01" in p for p in problems)
    assert any("Zoé Extra" in p for p in problems)          # in the roster, in no plan
    assert any("Team 99" in p for p in problems)            # roster team without a plan
    assert any("Team 02" in p and " 2 " in p for p in problems)  # too small
    # The roster's 'team-01' is the plan's 'Team 01', whose plan replaced one student.
    assert any(member_names(1)[0] in p and "team-01" in p for p in problems)
    assert not any("team-01" in p and member_names(1)[0] not in p for p in problems), joined
    # Schedule: four teams (the broken plan keeps its slot), 15 + 5 min each.
    (schedule,) = found[words["sections"]["schedule"]]
    assert [row[3] for row in schedule[1:]] == ["Team 00", "Team 01", "Team 02", "zz-broken"]
    assert schedule[1][1:3] == ["18:00", "18:20"] and schedule[2][1] == "18:21"
    assert "wrote" in result.output


def test_report_is_deterministic_and_english_works(klass, tmp_path):
    one, _ = run_report(klass, tmp_path / "a.md", "--lang", "en")
    two, _ = run_report(klass, tmp_path / "b.md", "--lang", "en")
    assert one == two
    words = labels("en")["report"]
    assert one.startswith("<!-- Generated by planner report")  # a wrong -o cannot pass for it
    assert one.splitlines()[1].startswith(f"# {words['title']} — {COURSE.name['en']}")
    assert words["sections"]["schedule"] in tables(one)


def test_schedule_options_shuffle_and_breaks(klass, tmp_path):
    text, _ = run_report(klass, tmp_path / "r.md", "--start", "09:30", "--break-every", "2",
                         "--break", "15", "--shuffle", "--seed", "3", "--date", "2026-11-03")
    again, _ = run_report(klass, tmp_path / "r2.md", "--start", "09:30", "--break-every", "2",
                          "--break", "15", "--shuffle", "--seed", "3", "--date", "2026-11-03")
    assert text == again
    words = labels("fr")["report"]
    (schedule,) = tables(text)[words["sections"]["schedule"]]
    rows = schedule[1:]
    kinds = ["break" if words["schedule"]["break"] in row[3] else "team" for row in rows]
    assert kinds == ["team", "team", "break", "team", "team"]
    assert rows[0][1] == "09:30" and rows[2][1:3] == ["10:11", "10:26"]
    given = ["Team 00", "Team 01", "Team 02", "zz-broken"]
    drawn = [row[3] for row, kind in zip(rows, kinds) if kind == "team"]
    assert sorted(drawn) == given
    assert drawn == [t[0] for t in order([(name, 15, "") for name in given],
                                         Settings(shuffle=True, seed=3))]
    assert "2026-11-03" in text and "3" in text


def test_html_twin_has_the_same_tables(klass, tmp_path):
    out = tmp_path / "class-report.md"
    text, result = run_report(klass, out, "--html")
    html = out.with_suffix(".html").read_text("utf-8")

    class Tables(HTMLParser):
        count, scripts = 0, 0

        def handle_starttag(self, tag, attrs):
            self.count += tag == "table"
            self.scripts += tag == "script"

    parser = Tables()
    parser.feed(html)
    assert parser.count == sum(len(t) for t in tables(text).values()) == 5
    # One script, the plan page's: Mermaid draws the infrastructure chart, as on the plan's page.
    assert parser.scripts == 1 and 'import mermaid from "https://cdn.jsdelivr.net/npm/mermaid@11/' in html
    assert '<pre class="mermaid">pie title' in html and "language-mermaid" not in html
    assert '<h2 id="' in html  # the plan page's parser: GitHub's heading anchors
    assert str(out.with_suffix(".html")) in result.output


def test_team_names_cannot_inject_markup(tmp_path):
    folder = tmp_path / "teams"
    write_plan(folder, 0, team="Pipe | <script>alert(1)</script> **bold**")
    write_plan(folder, 1)
    out = tmp_path / "r.md"
    text, _ = run_report(folder, out, "--html")
    (stages,) = tables(text)[labels("fr")["report"]["sections"]["stages"]]
    assert len(stages[1]) == len(COURSE.stages) + 1  # the pipe did not split the row
    html = out.with_suffix(".html").read_text("utf-8")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<strong>" not in html


def test_a_broken_user_template_is_a_clear_error(tmp_path, klass):
    templates = tmp_path / "tpl" / "report"
    templates.mkdir(parents=True)
    (templates / "class-report.md.j2").write_text("# {{ w.title }}\n{{ no_such_name }}\n", "utf-8")
    result = CliRunner().invoke(cli, ["report", str(klass), "-o", str(tmp_path / "r.md"),
                                      "--templates", str(tmp_path / "tpl")])
    assert result.exit_code == 2
    assert "no_such_name" in result.output and "Traceback" not in result.output
    assert re.search(r"class-report\.md\.j2:2:", result.output)
    assert not (tmp_path / "r.md").exists()


def test_a_user_template_that_fails_at_run_time_is_a_clear_error(tmp_path, klass):
    templates = tmp_path / "tpl" / "report"
    templates.mkdir(parents=True)
    (templates / "class-report.md.j2").write_text("# {{ w.title }}\n\n{{ w.title + 1 }}\n", "utf-8")
    result = CliRunner().invoke(cli, ["report", str(klass), "-o", str(tmp_path / "r.md"),
                                      "--templates", str(tmp_path / "tpl")])
    assert result.exit_code == 2, result.output
    assert "TypeError" in result.output and "Traceback" not in result.output
    assert re.search(r"class-report\.md\.j2:3:", result.output)
    assert not (tmp_path / "r.md").exists()


def test_bad_start_time_is_a_usage_error(klass, tmp_path):
    result = CliRunner().invoke(cli, ["report", str(klass), "-o", str(tmp_path / "r.md"),
                                      "--start", "25:99"])
    assert result.exit_code == 2 and "HH:MM" in result.output


def test_report_through_a_real_process(klass, tmp_path):
    out = tmp_path / "class-report.md"
    proc = subprocess.run([sys.executable, "-m", "planner", "report", str(klass), "-o", str(out)],
                          capture_output=True, text=True, cwd=Path(__file__).parent.parent)
    assert proc.returncode == 0, proc.stderr
    assert "4 plans: 3 checked, 1 unreadable" in proc.stderr
    assert out.read_text("utf-8").count("| Team 0") >= 6
