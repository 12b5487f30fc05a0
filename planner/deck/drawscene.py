"""A diagram's Scene (planner.diagrams.scene) drawn as native, editable PowerPoint shapes."""

from __future__ import annotations

from planner.deck import frames
from planner.diagrams.scene import Box


def draw(slide, scene, lang: str) -> dict:
    """Every box of the scene on the slide, in order; returns the shapes by name.

    (Arrows are drawn by their diagram's own module: PowerPoint glues connectors to the
    shapes they join, which a polyline cannot say.)"""
    shapes = {}
    for item in scene.items:
        if isinstance(item, Box):
            shapes[item.name] = box(slide, item, lang)
    return shapes


def box(slide, item: Box, lang: str):
    if item.shape is None:
        shape = frames.textbox(slide, item.rect, list(item.paras), lang, name=item.name, anchor=item.anchor,
                               inset_x=item.inset_x, inset_y=item.inset_y, colour=item.colour, fill=item.fill)
    else:
        shape = frames.shape(slide, item.rect, kind=item.shape, fill=item.fill, line=item.line,
                             line_width=item.line_width, dash=item.dash, name=item.name)
        if item.rounding is not None:
            shape.adjustments[0] = item.rounding
        if item.paras:
            frames.write(shape.text_frame, list(item.paras), lang, anchor=item.anchor, inset_x=item.inset_x,
                         inset_y=item.inset_y, colour=item.colour)
    if item.rotation:
        shape.rotation = item.rotation
    return shape
