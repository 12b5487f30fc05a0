"""Every use of python-pptx's private internals, in one module.

python-pptx has no public API for these (writing DrawingML directly is a third of a deck's
build time saved; a template's example slides, thumbnail and theme fonts have no setters).
pyproject.toml pins python-pptx below its next major version; when it moves, this module is
the one to review. Anything public (shape.element, slide.element) is used directly elsewhere.
"""

from __future__ import annotations


def text_body(frame):
    """The <p:txBody> element of a text frame."""
    return frame._txBody


def next_shape_id(shapes) -> int:
    return shapes._next_shape_id


def shape_tree(shapes):
    """The <p:spTree> element of a slide's or a layout's shapes."""
    return shapes._spTree


def append_shape(shapes, element):
    """Add a ready <p:sp> element to the shapes; returns it as a python-pptx shape."""
    shapes._spTree.append(element)
    return shapes._shape_factory(element)


def slide_id_list(prs):
    """The <p:sldIdLst> of a presentation (to drop a template's example slides)."""
    return prs.slides._sldIdLst


def replace_blob(part, blob: bytes) -> None:
    """Replace the bytes of a part python-pptx keeps as a blob (the theme)."""
    part._blob = blob


def package_relationships(package):
    """The package's own relationships (core properties, thumbnail...)."""
    return package._rels


def line_properties(line_format):
    """The <a:ln> element of a line format, created if absent (arrow heads have no setter)."""
    return line_format._get_or_add_ln()
