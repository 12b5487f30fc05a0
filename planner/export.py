"""LMS roster exports: teams/roster.yaml as the files Moodle, Canvas and GitHub Classroom import.

read (roster.yaml) -> students (every student once) -> rows of one format -> text.
The formats are a registry (FORMATS): each names its official documentation,
its header and how it makes a row of a student; the command writes the text
atomically. Every cell a spreadsheet could run as a formula is neutralised as
OWASP recommends (https://owasp.org/www-community/attacks/CSV_Injection): a
leading = + - @ tab or carriage return gets a single quote in front.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from planner.errors import UsageError
from planner.i18n import _
from planner.roster.names import fold

IDENTIFIERS = ("email", "student-id", "github")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@dataclass(frozen=True)
class Student:
    team: str
    name: str
    first_name: str
    last_name: str
    email: str = ""
    student_id: str = ""
    github: str = ""

    def identifier(self, kind: str) -> str:
        return {"email": self.email, "student-id": self.student_id, "github": self.github}[kind]


@dataclass(frozen=True)
class Problem:
    """A student left out, or met twice; `key` names its message (planner.cli.export_cmd)."""
    key: str
    values: dict


@dataclass(frozen=True)
class Options:
    identifier: str = "email"
    course_shortname: str = ""


@dataclass(frozen=True)
class ExportFormat:
    name: str
    source: str                        # the official documentation of the format
    suffix: str
    header: Callable[[Options], tuple]  # () for a file without a header row
    row: Callable[[Student, Options], tuple]
    needs: Callable[[Student, Options], str]  # the missing field's name, or ""


@dataclass
class Export:
    text: str
    rows: int
    problems: list = field(default_factory=list)


def clean(value) -> str:
    """One line of text, without control characters, that no spreadsheet runs as a formula."""
    text = " ".join(_CONTROL.sub(" ", str(value or "")).split())
    return "'" + text if text.startswith(_FORMULA_START) else text


def split_name(member: dict) -> tuple[str, str]:
    """(first, last): the roster's own columns, else the last word of the name is the last name."""
    first, last = member.get("first_name", ""), member.get("last_name", "")
    if first or last:
        return first, last
    words = member.get("name", "").split()
    return (" ".join(words[:-1]), words[-1]) if len(words) > 1 else ("", " ".join(words))


def students(roster: dict) -> tuple[list[Student], list[Problem]]:
    """Every student once, in the roster's order; a student met again in another team is
    reported and kept in the first one (an LMS puts a student in one group of a set)."""
    found: list[Student] = []
    problems: list[Problem] = []
    seen: dict[str, Student] = {}
    for team, members in roster.items():
        for member in members:
            first, last = split_name(member)
            student = Student(team, member.get("name", ""), first, last, member.get("email", ""),
                              member.get("student_id", ""), member.get("github", ""))
            key = _identity(student)
            if key in seen:
                problems.append(Problem("two-teams", {"person": student.name,
                                                      "team": seen[key].team, "other": team}))
                continue
            seen[key] = student
            found.append(student)
    return found, problems


def _identity(student: Student) -> str:
    if student.email:
        return "email:" + student.email.casefold()
    if student.student_id:
        return "id:" + student.student_id
    return "name:" + fold(student.name)


def _moodle_header(options: Options) -> tuple:
    base = ("username", "firstname", "lastname", "email", "group1")
    return base + ("course1",) if options.course_shortname else base


def _moodle_row(student: Student, options: Options) -> tuple:
    # Moodle usernames are lower case (it refuses others on upload).
    row = (student.identifier(options.identifier).lower(), student.first_name or student.last_name,
           student.last_name, student.email, student.team)
    return row + (options.course_shortname,) if options.course_shortname else row


def _moodle_needs(student: Student, options: Options) -> str:
    if not student.identifier(options.identifier):
        return options.identifier
    return "" if student.email else "email"


FORMATS = {
    "moodle": ExportFormat(
        "moodle", "https://docs.moodle.org/en/Upload_users", ".csv",
        _moodle_header, _moodle_row, _moodle_needs),
    "canvas": ExportFormat(
        "canvas", "https://canvas.instructure.com/doc/api/file.group_category_csv.html", ".csv",
        lambda options: ("user_id", "login_id", "group_name"),
        lambda student, options: (student.student_id, student.email, student.team),
        lambda student, options: "" if student.student_id or student.email else "email"),
    "classroom": ExportFormat(
        "classroom", "https://docs.github.com/en/education/manage-coursework-with-github-classroom"
        "/teach-with-github-classroom/manage-classrooms#adding-students-to-the-roster-for-your-classroom",
        ".txt", lambda options: (),
        lambda student, options: (student.identifier(options.identifier),),
        lambda student, options: "" if student.identifier(options.identifier)
        else options.identifier),
}


def export(roster: dict, fmt: str, options: Options) -> Export:
    """The file's text for format `fmt`, and the students it could not list."""
    if fmt == "canvas" and options.identifier != "email":
        raise UsageError(_("--identifier does not apply to canvas (user_id is the student id, login_id the email)"))
    if fmt == "moodle" and options.identifier == "github":
        raise UsageError(_("a Moodle username cannot be a GitHub account"),
                         hint=_("--identifier email or --identifier student-id"))
    spec = FORMATS[fmt]
    found, problems = students(roster)
    rows = []
    for student in found:
        missing = spec.needs(student, options)
        if missing:
            problems.append(Problem("missing", {"person": student.name, "team": student.team,
                                                "field": missing}))
            continue
        rows.append(tuple(clean(cell) for cell in spec.row(student, options)))
    header = spec.header(options)
    if not header:
        return Export("".join(row[0] + "\n" for row in rows), len(rows), problems)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180, which Canvas asks for
    writer.writerow(header)
    writer.writerows(rows)
    return Export(buffer.getvalue(), len(rows), problems)


def is_generated(text: str, fmt: str) -> bool:
    """Would planner have written this file? (It must not replace a hand-written one.)

    A CSV is ours when its first line is our header; a Classroom roster has no header,
    so it is ours when every line is one identifier (no spaces, no YAML or Markdown)."""
    spec = FORMATS[fmt]
    lines = text.lstrip("\ufeff").splitlines()
    if not lines:
        return True
    headers = {",".join(spec.header(Options(course_shortname=c))) for c in ("", "x")}
    if spec.header(Options()):
        return lines[0] in headers
    return all(line and len(line) <= 320 and not any(ch.isspace() for ch in line)
               and not line.startswith(("#", "-", "<", "{", "[")) and not line.endswith(":")
               for line in lines)
