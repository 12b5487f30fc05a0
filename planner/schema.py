"""The plan's JSON Schema, completed from the course so there is one source of truth."""

from __future__ import annotations

import copy

from planner import resources


def validation_schema(course) -> dict:
    """What every plan is validated against: the plan schema with the course's stages,
    infrastructure choices, storage kinds and slides.

    Built for each check of a plan that runs in a fresh process, so it copies nothing it
    does not change: the dicts on the way to a course's value are new, the rest is shared
    with the parsed data file, which nobody writes to (the validator only reads it).
    """
    schema = resources.data_file("plan.schema.yaml")
    stages = {stage.id: {"$ref": "#/$defs/stage"} for stage in course.stages
              if stage.id != "infrastructure"}  # the plan's top-level `infrastructure` block
    stack = {**schema["properties"]["stack"], "properties": stages, "additionalProperties": False}
    schema = _set(schema, ("properties", "stack"), stack)
    schema = _set(schema, ("properties", "infrastructure", "properties", "choice", "enum"),
                  list(course.infrastructure_choices))
    schema = _set(schema, ("$defs", "stage", "properties", "kind", "enum"), list(course.storage_kinds))
    schema = _set(schema, ("$defs", "stage", "properties", "covers", "items"), {"enum": course.stage_ids})
    slide_ids = [slide.id for slide in course.outline]
    for key in ("speakers", "weights"):
        schema = _set(schema, ("properties", "presentation", "properties", key, "propertyNames"),
                      {"enum": slide_ids})
    return schema


def _set(tree: dict, path: tuple, value) -> dict:
    """`tree` with `value` at `path`: new dicts along the path, everything else shared."""
    key, *rest = path
    return {**tree, key: _set(tree[key], tuple(rest), value) if rest else value}


def plan_schema(course, catalog=None) -> dict:
    """The plan's schema for editors (`planner schema`): the validation schema, where each
    stage offers the catalog's tools for it as `examples`, so that editors complete tool
    names without rejecting unknown ones, and says what the stage is."""
    from planner.catalog import load_catalog

    catalog = catalog or load_catalog()
    schema = copy.deepcopy(validation_schema(course))
    stack = schema["properties"]["stack"]["properties"]
    lang = "en"
    for stage in course.stages:
        if stage.id not in stack:
            continue
        names = [tool.name for tool in catalog.for_stage(stage.id)]
        schema["$defs"][f"stage-{stage.id}"] = _stage_with_examples(schema["$defs"]["stage"], names)
        stack[stage.id] = {
            "$ref": f"#/$defs/stage-{stage.id}",
            "description": f"{stage.label[lang]} ({stage.requirement}). "
                           f"{stage.description.get(lang, '')}".strip()}
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
