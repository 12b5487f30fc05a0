"""planner roster pull --csv: the export quirks of real spreadsheet programs."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from planner.cli import cli
from planner.course import load_course
from planner.errors import InputError
from planner.roster.csvsource import pick_delimiter, read_csv
from planner.roster.pull import pull
from planner.roster.sources import SOURCES, Request
from planner.roster.store import load_roster

FRENCH = (
    "Équipe;Nom;Prénom;Courriel;Code permanent;GitHub;Rôle\r\n"
    "r00tAI;Lovelace;Ada;ada@example.org;00123456;adal;ingénieure\r\n"
    ";Nan;Léa;lea@example.org;00123457;;\r\n"
    ";Turing;Alan;alan@example.org;1,5;;\r\n"
    ";;;;;;\r\n"
    "Les Déterministes;Hopper;Grace;grace@example.org;00123458;;\r\n"
    ";Noether;Emmy;emmy@example.org;00123459;;\r\n"
    ";Curie;Marie;marie@example.org;00123460;;\r\n"
)


def write(tmp_path, data: bytes, name="roster.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def roster_of(path, tmp_path):
    course = load_course()
    result = pull(SOURCES["csv"].read(Request(str(path), course)), course, str(tmp_path / "out.yaml"))
    return result, load_roster(tmp_path / "out.yaml")


@pytest.mark.parametrize("encode", [
    lambda text: text.encode("utf-8"),
    lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),                  # Excel "CSV UTF-8"
    lambda text: text.replace("\r\n", "\n").encode("utf-8"),              # LF
    lambda text: text.replace("\r\n", "\r").encode("utf-8"),              # old Mac CR
    lambda text: text.encode("utf-16"),                                   # UTF-16 with BOM
    lambda text: ("sep=;\r\n" + text).encode("utf-8"),                    # Excel's sep= line
], ids=["utf8", "bom", "lf", "cr", "utf16", "sep-line"])
def test_french_export_variants_give_the_same_roster(tmp_path, encode):
    result, roster = roster_of(write(tmp_path, encode(FRENCH)), tmp_path)
    assert result.findings == []
    assert list(roster) == ["Les Déterministes", "r00tAI"]
    ada, lea, alan = roster["r00tAI"]
    assert ada == {"name": "Ada Lovelace", "email": "ada@example.org", "github": "adal",
                   "student_id": "00123456", "role": "ingénieure"}
    assert lea["name"] == "Léa Nan" and alan["student_id"] == "1,5"


def test_comma_export_with_quotes_and_english_headings(tmp_path):
    text = ('"Team","Last name","First name","Email","Student ID"\n'
            '"Alpha, Inc.","O\'Neil","Nan","nan@example.org","007"\n'
            ',"Smith","John ""Jack""","jack@example.org","0042"\n'
            ',"Doe","Jane\nMarie","jane@example.org","1,5"\n'
            ',"Null","True","null@example.org","1e3"\n')
    result, roster = roster_of(write(tmp_path, text.encode()), tmp_path)
    assert [f.id for f in result.findings] == []
    members = {member["name"]: member for member in roster["Alpha, Inc."]}
    assert set(members) == {"Nan O'Neil", 'John "Jack" Smith', "Jane\nMarie Doe", "True Null"}
    assert members["Nan O'Neil"]["student_id"] == "007"
    assert members["True Null"]["student_id"] == "1e3"
    assert members["Jane\nMarie Doe"]["student_id"] == "1,5"


def test_headings_match_ignoring_case_accents_and_spaces(tmp_path):
    text = ("  EQUIPE ; nom ;PRENOM; courriel :;Code Permanent *\n"
            "A;Lovelace;Ada;ada@example.org;1\n;B;B;b@example.org;2\n;C;C;c@example.org;3\n")
    result, roster = roster_of(write(tmp_path, text.encode()), tmp_path)
    assert result.findings == []
    assert [member["name"] for member in roster["A"]] == ["B B", "C C", "Ada Lovelace"]


def test_title_rows_above_the_headings_keep_sheet_row_numbers(tmp_path):
    text = ("Projets d'équipe — automne 2026;;;\n;;;\nÉquipe;Nom;Prénom;Courriel\n"
            "A;Lovelace;Ada;ada@example\n")
    result, _roster = roster_of(write(tmp_path, text.encode()), tmp_path)
    assert [finding.text for finding in result.findings if finding.id == "ROS007"] == [
        f"{tmp_path / 'roster.csv'}:4:4: error [ROS007] malformed email 'ada@example' (Ada Lovelace)"]


def test_windows_1252_is_read_with_a_warning(tmp_path):
    result, roster = roster_of(write(tmp_path, FRENCH.encode("cp1252")), tmp_path)
    assert [finding.id for finding in result.findings] == ["ROS012"]
    assert result.findings[0].severity == "warning"
    assert "Léa Nan" in [member["name"] for member in roster["r00tAI"]]


def test_missing_required_column_lists_the_headings_found(tmp_path):
    path = write(tmp_path, "Groupe;Nom;Prénom;Courriel\nA;B;C;d@e.org\n".encode())
    with pytest.raises(InputError) as caught:
        roster_of(path, tmp_path)
    text = str(caught.value)
    assert text.startswith(f"{path}:1:1: error: missing required column (team: 'Équipe', 'Team'")
    assert "headings found: 'Groupe', 'Nom', 'Prénom', 'Courriel'" in text


def test_binary_and_missing_files(tmp_path):
    with pytest.raises(InputError, match="NUL bytes"):
        read_csv(write(tmp_path, b"PK\x03\x04\x00\x00xlsx", "roster.xlsx"))
    with pytest.raises(InputError, match="no such file"):
        read_csv(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="is a folder"):
        read_csv(tmp_path)


def test_delimiter_choice():
    headings = ["Équipe", "Nom", "Courriel"]
    assert pick_delimiter("Équipe;Nom;Courriel\nA;B, C;d@e.org\n", headings) == ";"
    assert pick_delimiter("Équipe,Nom,Courriel\nA,B;C,d@e.org\n", headings) == ","
    assert pick_delimiter("Équipe\tNom\tCourriel\n", headings) == "\t"
    assert pick_delimiter("a;b;c\n", ()) == ";"


def test_cli_csv_pull_and_exit_codes(tmp_path):
    path = write(tmp_path, (FRENCH + ";Hypatia;;hypatia@example;;;\r\n").encode("utf-8"))
    out = tmp_path / "teams" / "roster.yaml"
    result = CliRunner().invoke(cli, ["roster", "pull", "--csv", str(path), "-o", str(out)])
    assert result.exit_code == 1  # errors, but the roster is written
    assert result.stdout == f"{path}:9:4: error [ROS007] malformed email 'hypatia@example' (Hypatia)\n"
    assert [m["name"] for m in load_roster(out)["Les Déterministes"]] == [
        "Marie Curie", "Grace Hopper", "Hypatia", "Emmy Noether"]
    assert "written (2 teams, 7 students; 1 error, 0 warnings)" in result.stderr
