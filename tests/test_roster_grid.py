"""The pure grid -> roster function and its checks (ROS001...)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.errors import InputError
from planner.roster.checks import RULES, is_email
from planner.roster.grid import Rules, read_grid
from planner.roster.store import load_roster, render

COLUMNS = {
    "team": ["Équipe", "Team"], "last_name": ["Nom", "Last name"],
    "first_name": ["Prénom", "First name"], "email": ["Courriel", "Email"],
    "student_id": ["Code permanent", "Student ID"], "github": ["GitHub"], "role": ["Rôle", "Role"],
}
RULES_3_4 = Rules(COLUMNS, ("team", "last_name", "email"), 3, 4)
HEAD = ["Équipe", "Nom", "Prénom", "Courriel", "Code permanent"]


def read(rows, rules=RULES_3_4):
    return read_grid([HEAD] + rows, rules, "s.csv")


def ids(result):
    return [(f.id, f.line, f.column) for f in result.findings]


def team(n, name="A", first_id=1):
    rows = []
    for index in range(n):
        rows.append([name if index == 0 else "", f"Last{first_id + index}", f"F{first_id + index}",
                     f"p{first_id + index}@example.org", f"{first_id + index:08d}"])
    return rows


def test_merged_team_cells_fill_down_and_blank_rows_are_skipped():
    rows = team(3, "A") + [[], ["", "", "", "", ""]] + [["", "Late", "Lou", "lou@example.org", "9"]]
    result = read(rows)
    (only,) = result.roster.teams
    assert only.name == "A" and len(only.members) == 4
    assert result.findings == []


def test_ros001_student_without_team():
    rows = [["", "Solo", "Han", "han@example.org", "1"]] + team(3, "A", 2) \
        + [["—", "Nobody", "No", "no@example.org", "99"], ["", "Also", "None", "a@example.org", "98"]]
    result = read(rows)
    assert ids(result) == [("ROS001", 2, 1), ("ROS001", 6, 1), ("ROS001", 7, 1)]
    assert result.findings[0].message == "Han Solo has no team"
    assert [t.name for t in result.roster.teams] == ["A"] and len(result.roster.teams[0].members) == 3


def test_ros002_team_sizes():
    result = read(team(2, "Small") + team(5, "Big", 10) + [["Empty", "", "", "", ""]] + team(3, "Ok", 20))
    assert ids(result) == [("ROS002", 2, 1), ("ROS002", 4, 1), ("ROS002", 9, 1)]
    messages = [f.message for f in result.findings]
    assert messages == ["team 'Small' has 2 members; the course allows 3 to 4",
                        "team 'Big' has 5 members; the course allows 3 to 4",
                        "team 'Empty' has no members; the course allows 3 to 4"]
    assert [t.name for t in result.roster.teams] == ["Big", "Empty", "Ok", "Small"]


def test_ros003_same_student_in_two_teams_stays_in_both():
    rows = team(3, "A") + team(2, "B", 10) + [["", "LAST1", "f1", "other@example.org", "00000001"]]
    result = read(rows)
    assert ("ROS003", 7, 1) in ids(result)
    finding = next(f for f in result.findings if f.id == "ROS003")
    assert finding.message == "f1 LAST1 is in two teams: 'A' (row 2) and 'B' (row 7)"
    assert sum(len(t.members) for t in result.roster.teams) == 6


def test_ros004_and_ros005_shared_id_or_email():
    rows = team(3, "A") + [["", "Other", "Person", "p1@example.org", "00000001"]]
    result = read(rows)
    assert ("ROS004", 5, 5) in ids(result) and ("ROS005", 5, 4) in ids(result)


def test_ros006_listed_twice_in_the_same_team_is_dropped():
    rows = team(3, "A") + [["", "Last2", "F2", "P2@EXAMPLE.ORG", ""]]
    result = read(rows)
    assert ids(result) == [("ROS006", 5, 2)]
    assert len(result.roster.teams[0].members) == 3


def test_ros007_ros008_malformed_and_missing_values():
    rows = team(2, "A") + [["", "Bad", "Mail", "bad@@example.org", "7"], ["", "", "Only", "", "8"]]
    result = read(rows)
    assert ids(result) == [("ROS007", 4, 4), ("ROS008", 5, 2), ("ROS008", 5, 4)]
    assert result.findings[1].message == "Only has no last name (column 'Nom')"


@pytest.mark.parametrize("text, ok", [
    ("ada@example.org", True), ("a.b+tag@sub.example.co", True), ("élève@université.ca", True),
    ("ada@example", False), ("ada.example.org", False), ("ada@@example.org", False),
    ("ada @example.org", False), (".ada@example.org", False), ("a..b@example.org", False),
    ("ada@example.org;bob@example.org", False), ("mailto:ada@example.org", False),
    ("ada@example.123", False),
])
def test_email_shape(text, ok):
    assert is_email(text) is ok


def test_ros009_ros010_ros011_columns_and_team_names():
    head = HEAD + ["Email"]
    rows = [head, ["r00tAI", "A", "A", "a@example.org", "1", "x"], ["", "B", "B", "b@example.org", "2"],
            ["R00T-ai", "C", "C", "c@example.org", "3"], ["???", "D", "D", "d@example.org", "4"],
            ["", "E", "E", "e@example.org", "5"], ["", "F", "F", "f@example.org", "6"]]
    result = read_grid(rows, RULES_3_4, "s.csv")
    assert ids(result) == [("ROS009", 1, 6), ("ROS010", 4, 1), ("ROS011", 5, 1)]
    assert [(t.name, len(t.members)) for t in result.roster.teams] == [("???", 3), ("r00tAI", 3)]


def test_ros013_headings_only_and_ros014_homonyms():
    assert ids(read([])) == [("ROS013", 1, 1)]
    rows = team(3, "A") + team(2, "B", 10) + [["", "Last1", "F1", "twin@example.org", "77"]]
    assert ("ROS014", 7, 2) in ids(read(rows))


def test_repeated_heading_rows_are_not_students():
    result = read(team(3, "A") + [HEAD] + team(3, "B", 10))
    assert result.findings == [] and result.roster.member_count == 6


def test_structural_errors_are_input_errors():
    with pytest.raises(InputError, match="the sheet is empty"):
        read_grid([[], ["", " "]], RULES_3_4, "s.csv")
    with pytest.raises(InputError) as caught:
        read_grid([["Nom", "Courriel"], ["A", "a@example.org"]], RULES_3_4, "s.csv")
    assert str(caught.value).startswith("s.csv:1:1: error: missing required column (team: 'Équipe', 'Team')")
    with pytest.raises(InputError, match="roster.required names 'phone'"):
        read_grid([HEAD], Rules(COLUMNS, ("team", "phone")), "s.csv")


def test_every_rule_has_a_known_severity():
    assert all(rule.severity in ("error", "warning") for rule in RULES.values())


# -- property tests ----------------------------------------------------------------

cells = st.one_of(
    st.sampled_from(["", " ", "00123456", "Nan", "1,5", "yes", "null", "~", "-", "—", "#x", "a: b",
                     "Équipe", "Nom", "'q'", '"q"', "ada@example.org", "x@y", "\u2028", "é\u0301"]),
    st.text(max_size=12))
grids = st.lists(st.lists(cells, max_size=7), max_size=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids)
def test_any_grid_gives_a_roster_or_an_input_error(grid):
    try:
        read_grid(grid, RULES_3_4, "s.csv")
    except InputError as exc:
        assert str(exc).startswith("s.csv")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.booleans(), cells, cells, cells, cells), min_size=1, max_size=10))
def test_values_are_kept_exactly_and_survive_the_file(tmp_path_factory, body):
    rows = []
    for index, (new_team, last, first, email, student_id) in enumerate(body):
        rows.append(["T" if index == 0 or new_team else "", last, first, email, student_id])
    result = read_grid([HEAD] + rows, RULES_3_4, "s.csv")
    written = {(m.last_name, m.first_name, m.email, m.student_id)
               for t in result.roster.teams for m in t.members}
    for _flag, last, first, email, student_id in body:
        values = tuple(value.strip() for value in (last, first, email, student_id))
        if any(values):
            assert values in written or any(f.id == "ROS006" for f in result.findings)
    path = tmp_path_factory.mktemp("rt") / "roster.yaml"
    path.write_text(render(result.roster, "test"), encoding="utf-8")
    loaded = load_roster(path)
    for t in result.roster.teams:
        assert [m.get("student_id", "") for m in loaded[t.name]] == [m.student_id for m in t.members]
        assert [m["name"] for m in loaded[t.name]] == [m.name.strip() for m in t.members]
