"""The starter plan that `planner new` writes: a guided skeleton with TODO placeholders.

The text lives in Jinja2 templates (templates/new/plan.<lang>.yaml.j2); this
module only gathers what they need from the course file and the catalog, and
decides where the file goes. Writing refuses to replace an existing file.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from planner.errors import UsageError
from planner.i18n import _
from planner.slugs import team_slug

LANGUAGES = ("fr", "en")
DEFAULT_FOLDER = "teams"
MAX_NAME = 100


@dataclass(frozen=True)
class StarterStage:
    id: str
    label: str
    description: str
    requirement: str
    requirement_label: str
    needs_kind: bool
    catalog_count: int


def check_name(name: str) -> str:
    """The team name as it will be written; a UsageError when it cannot be one."""
    text = " ".join(str(name).split())
    if not text:
        raise UsageError(_("the team name is empty"), hint=_('planner new "Team name"'))
    if len(text) > MAX_NAME:
        raise UsageError(_("the team name is {count} characters long; the limit is {limit}").format(
            count=len(text), limit=MAX_NAME))
    if any(ord(char) < 32 or ord(char) == 127 for char in text):
        raise UsageError(_("the team name contains control characters"))
    return text


def default_path(name: str, folder: str | Path = DEFAULT_FOLDER) -> Path:
    """teams/<slug>.yaml: the slug keeps [a-z0-9-] only, so no name can leave the folder."""
    return Path(folder) / f"{team_slug(name)}.yaml"


def output_path(name: str, output: str | None) -> Path:
    """Where the plan goes: -o as given (a folder gets <slug>.yaml inside), else teams/."""
    if output is None:
        return default_path(name)
    target = Path(output)
    if target.is_dir():
        return default_path(name, target)
    return target


def render(name: str, lang: str, course, catalog=None) -> str:
    """The starter plan's text for this team, language and course."""
    if lang not in LANGUAGES:
        raise UsageError(_("unknown language '{lang}'; expected one of: {choices}").format(
            lang=lang, choices=", ".join(LANGUAGES)))
    if catalog is None:
        from planner.catalog import load_catalog
        catalog = load_catalog()
    from planner.labels import labels
    words = labels(lang).get("requirement", {})
    stages = [StarterStage(stage.id, stage.label.get(lang, stage.id),
                           stage.description.get(lang, ""), stage.requirement,
                           words.get(stage.requirement, stage.requirement),
                           bool(stage.needs_kind), len(catalog.for_stage(stage.id)))
              for stage in course.stages if stage.id != "infrastructure"]
    final = course.final_due
    context = {
        "team_name": check_name(name),
        "lang": lang,
        "course": course,
        "course_name": course.name.get(lang, "") if isinstance(course.name, dict) else str(course.name),
        "stages": stages,
        "core": [s for s in stages if s.requirement in ("required", "recommended")],
        "extra": [s for s in stages if s.requirement not in ("required", "recommended")],
        "members": max(course.team_min, 1),
        "team_max": course.team_max,
        "minutes": course.minutes,
        "kinds": list(course.storage_kinds),
        "choices": list(course.infrastructure_choices),
        "choice_labels": {key: value.get(lang, key) for key, value
                          in course.infrastructure_choices.items()},
        "final_due": final.isoformat(),
        # Dates counted back from the final due date, so they are valid, in
        # order and before it for any course file; the team moves them.
        "dates": [(final - dt.timedelta(weeks=weeks)).isoformat() for weeks in (9, 6, 3)],
    }
    from planner import templating
    text = templating.render(_environment(), f"plan.{lang}.yaml.j2", context)
    _must_parse(text, lang)
    return text


def _must_parse(text: str, lang: str) -> None:
    """planner new never writes a file that is not YAML (a course value it did not expect)."""
    from planner import yamlsource
    from planner.errors import InputError, TemplateError
    try:
        yamlsource.parse(text, f"plan.{lang}.yaml.j2")
    except InputError as exc:
        raise TemplateError(_("the starter plan for this course would not be valid YAML ({message}, line "
                              "{line}); nothing written").format(message=exc.message, line=exc.line),
                            hint=_("check the course file's stage ids and labels")) from None


def write(name: str, lang: str, course, output: str | None = None) -> Path:
    """Render and write the starter plan; never replaces a file, even when two runs race."""
    from planner import atomic

    text = render(name, lang, course)
    name = check_name(name)
    target = output_path(name, output)
    try:
        return atomic.create_text(target, text)
    except FileExistsError:
        raise UsageError(_("already exists; planner new never overwrites a file"), path=str(target),
                         hint=_free_name_hint(name, target, output)) from None


def free_name(name: str, folder: Path, tries: int = 99) -> str | None:
    """`name 2`, `name 3`, ...: the first whose plan file does not exist in `folder`."""
    for number in range(2, tries + 2):
        candidate = f"{name} {number}"
        if not default_path(candidate, folder).exists():
            return candidate
    return None


def _free_name_hint(name: str, target: Path, output: str | None) -> str:
    if output is None or Path(output).is_dir():
        other = free_name(name, target.parent)
        if other:
            return _('choose another team name, e.g. planner new "{other}" (it would write {path}), '
                     "or another -o path").format(other=other, path=default_path(other, target.parent))
    return _("choose another team name or another -o path")


def _environment():
    """The starter's templates, sandboxed and bounded like every template (planner.templating)."""
    from planner import templating
    from planner.resources import templates_dir

    env = templating.make_environment(folder=templates_dir() / "new", autoescape=False)
    # JSON strings are valid YAML double-quoted scalars: any team name is
    # written as text, whatever quotes, colons or '#' it holds.
    env.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    # Course texts in a `# comment` stay on its line: a newline would start YAML content.
    env.filters["line"] = lambda value: " ".join(str(value).split())
    return env
