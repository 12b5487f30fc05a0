"""Options shared by several commands."""

from __future__ import annotations

import click

course_option = click.option(
    "--course", "course_path", type=click.Path(dir_okay=False), default=None,
    help="Course file (default: ./course.yaml if present, else the built-in course).")


def load_course(course_path):
    from planner.course import load_course as _load
    return _load(course_path)


lang_option = click.option(
    "--lang", type=click.Choice(["fr", "en"]), default=None,
    help="Language of the messages (default: the course's).")


def message_language(lang, course_path) -> str:
    """--lang, else the course's language, else French (the built-in course's)."""
    if lang:
        return lang
    course = load_course(course_path)
    return getattr(course, "language", None) or "fr"
