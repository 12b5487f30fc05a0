"""Options shared by several commands."""

from __future__ import annotations

import click

course_option = click.option(
    "--course", "course_path", type=click.Path(dir_okay=False), default=None,
    help="Course file (default: ./course.yaml if present, else the built-in course).")


lang_option = click.option(
    "--lang", type=click.Choice(["fr", "en"]), default=None,
    help="Language of the messages (default: each plan's own, else the course's, else English).")


def load_course(course_path, lang=None):
    """The course, with --lang as its language for messages; sets that language for the command.

    A plan's own `language` still comes first for its findings (planner.plans.check_plan).
    """
    from dataclasses import replace

    from planner import i18n
    from planner.course import load_course as _load
    course = _load(course_path)
    if lang:
        course = replace(course, language=lang)
    i18n.use(course.language)
    return course


def message_language(lang, course_path) -> str:
    """The language of a command without a plan: --lang, else the course's, else English;
    set for the rest of the command (messages, hints, 'did you mean')."""
    from planner import i18n
    if lang:
        return i18n.use(lang)
    return i18n.use(load_course(course_path).language)
