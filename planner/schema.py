"""The plan's JSON Schema, completed from the course so there is one source of truth."""

from __future__ import annotations

import copy

from planner import resources


def plan_schema(course) -> dict:
    schema = copy.deepcopy(resources.data_file("plan.schema.yaml"))
    props = schema["properties"]
    lang = "en"
    props["stack"]["properties"] = {
        stage.id: {"$ref": "#/$defs/stage",
                   "description": f"{stage.label[lang]} ({stage.requirement}). "
                                  f"{stage.description.get(lang, '')}".strip()}
        for stage in course.stages if stage.id != "infrastructure"
    }
    props["stack"]["additionalProperties"] = False
    props["infrastructure"]["properties"]["choice"]["enum"] = list(course.infrastructure_choices)
    schema["$defs"]["stage"]["properties"]["kind"]["enum"] = list(course.storage_kinds)
    schema["$defs"]["stage"]["properties"]["covers"]["items"] = {"enum": course.stage_ids}
    slide_ids = [slide.id for slide in course.outline]
    for key in ("speakers", "weights"):
        props["presentation"]["properties"][key]["propertyNames"] = {"enum": slide_ids}
    return schema
