"""The plan's JSON Schema, completed from the course so there is one source of truth."""

from __future__ import annotations

import copy

from planner import resources


def plan_schema(course, catalog=None) -> dict:
    """The plan's schema for `course`; each stage offers the catalog's tools for it as
    `examples`, so that editors complete tool names without rejecting unknown ones."""
    from planner.catalog import load_catalog

    catalog = catalog or load_catalog()
    schema = copy.deepcopy(resources.data_file("plan.schema.yaml"))
    props = schema["properties"]
    lang = "en"
    props["stack"]["properties"] = {}
    for stage in course.stages:
        if stage.id == "infrastructure":
            continue
        names = [tool.name for tool in catalog.for_stage(stage.id)]
        schema["$defs"][f"stage-{stage.id}"] = _stage_with_examples(schema["$defs"]["stage"], names)
        props["stack"]["properties"][stage.id] = {
            "$ref": f"#/$defs/stage-{stage.id}",
            "description": f"{stage.label[lang]} ({stage.requirement}). "
                           f"{stage.description.get(lang, '')}".strip()}
    props["stack"]["additionalProperties"] = False
    props["infrastructure"]["properties"]["choice"]["enum"] = list(course.infrastructure_choices)
    schema["$defs"]["stage"]["properties"]["kind"]["enum"] = list(course.storage_kinds)
    schema["$defs"]["stage"]["properties"]["covers"]["items"] = {"enum": course.stage_ids}
    for stage in course.stages:
        if f"stage-{stage.id}" in schema["$defs"]:
            defined = schema["$defs"][f"stage-{stage.id}"]["properties"]
            defined["kind"]["enum"] = list(course.storage_kinds)
            defined["covers"]["items"] = {"enum": course.stage_ids}
    slide_ids = [slide.id for slide in course.outline]
    for key in ("speakers", "weights"):
        props["presentation"]["properties"][key]["propertyNames"] = {"enum": slide_ids}
    return schema


def _stage_with_examples(stage: dict, names: list) -> dict:
    """The stage definition whose tools (and alternatives) offer `names` as examples."""
    defined = copy.deepcopy(stage)
    properties = defined["properties"]
    properties["tools"] = {"type": "array", "items": {"type": "string", "examples": names}}
    alternative = properties["alternatives"]["items"]["anyOf"]
    alternative[0] = {**alternative[0], "examples": names}
    alternative[1]["properties"]["tool"] = {**alternative[1]["properties"]["tool"], "examples": names}
    return defined
