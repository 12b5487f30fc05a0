"""Every use of python-pptx's private internals, in one module.

python-pptx has no public API for these (writing DrawingML directly is a third of a deck's
build time saved; a template's example slides, thumbnail and theme fonts have no setters).
pyproject.toml pins python-pptx below its next major version; when it moves, this module is
the one to review. Anything public (shape.element, slide.element) is used directly elsewhere.
"""

from __future__ import annotations

import weakref


def text_body(frame):
    """The <p:txBody> element of a text frame."""
    return frame._txBody


def next_shape_id(shapes) -> int:
    return shapes._next_shape_id


def shape_tree(shapes):
    """The <p:spTree> element of a slide's or a layout's shapes."""
    return shapes._spTree


def append_shape(shapes, element):
    """Add a ready <p:sp> element, no placeholder, to the shapes; returns it as the python-pptx
    shape its factory makes of one (made directly: the factory looks up by XPath whether it
    is a placeholder, for each of the deck's hundreds of shapes)."""
    from pptx.shapes.autoshape import Shape

    shapes._spTree.append(element)
    return Shape(element, shapes)


def shape_elements(shapes):
    """The shape elements of a slide's or a layout's shapes, in drawing order, without making
    a python-pptx shape of each (which looks up whether it is a placeholder, by XPath)."""
    return shapes._spTree.iter_shape_elms()


def shape_of(shapes, element):
    """The python-pptx shape of one of `shapes`' elements."""
    return shapes._shape_factory(element)


def add_slide(prs, layout):
    """prs.slides.add_slide(layout): the first slide of a layout is made by python-pptx, the
    next ones get a copy of the placeholders it cloned from the layout (python-pptx looks them
    up by XPath and builds each again). The same parts, relationships and XML either way."""
    from copy import deepcopy

    blank = _BLANK_SLIDES.get(layout.part)
    if blank is None:
        slide = prs.slides.add_slide(layout)
        _BLANK_SLIDES[layout.part] = [deepcopy(element) for element in shape_elements(slide.shapes)]
        return slide
    r_id, slide = prs.part.add_slide(layout)
    tree = slide.shapes._spTree
    for element in blank:
        tree.append(deepcopy(element))
    prs.slides._sldIdLst.add_sldId(r_id)
    return slide


_BLANK_SLIDES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # layout part -> its placeholders


def notes_slide(slide):
    """slide.notes_slide, the notes page python-pptx makes from the notes master: the first
    one of a deck is made by python-pptx, the others as a copy of its XML before anything
    was written in it (python-pptx clones the master's placeholders again for each page,
    a tenth of a deck's build). The same parts, relationships and XML either way."""
    from copy import deepcopy

    from pptx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from pptx.parts.slide import NotesSlidePart

    part = slide.part
    package = part.package
    if part.has_notes_slide:
        return slide.notes_slide
    known = _BLANK_NOTES.get(package)
    if known is None:
        notes = slide.notes_slide
        _BLANK_NOTES[package] = (deepcopy(notes.element), package.presentation_part.notes_master_part)
        return notes
    blank, master = known
    notes_part = NotesSlidePart(_next_notes_name(package), CONTENT_TYPE.PML_NOTES_SLIDE, package, deepcopy(blank))
    notes_part.relate_to(master, RELATIONSHIP_TYPE.NOTES_MASTER)
    notes_part.relate_to(part, RELATIONSHIP_TYPE.SLIDE)
    part.relate_to(notes_part, RELATIONSHIP_TYPE.NOTES_SLIDE)
    return slide.notes_slide


_BLANK_NOTES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # package -> (blank page, notes master)


def notes_text_frame(notes):
    """notes.notes_text_frame, the text frame of the page's body placeholder (None without
    one), found in the XML: python-pptx makes a placeholder shape of each of the page's
    shapes and asks each its type, by XPath, twice a slide."""
    for element in shape_elements(notes.shapes):
        ph = element[0].find(_PH) if len(element) else None  # where python-pptx reads it: ./*[1]/p:nvPr/p:ph
        if ph is not None and ph.get("type") == "body":
            return shape_of(notes.shapes, element).text_frame
    return None


_PH = "{http://schemas.openxmlformats.org/presentationml/2006/main}nvPr/" \
      "{http://schemas.openxmlformats.org/presentationml/2006/main}ph"


def _next_notes_name(package):
    """package.next_partname for a notes page, the same name: python-pptx walks every part of
    the package for each new page; the pages' names are gathered once per package, and
    every notes page after the first is made here."""
    from pptx.opc.packuri import PackURI

    names = _NOTES_NAMES.get(package)
    if names is None:
        names = _NOTES_NAMES[package] = {str(part.partname) for part in package.iter_parts()
                                         if part.partname.startswith(_NOTES_PREFIX)}
    # python-pptx's choice: the highest number up to one more than the pages there are that is free.
    name = next(name for name in (f"{_NOTES_PREFIX}{n}.xml" for n in range(len(names) + 1, 0, -1))
                if name not in names)
    names.add(name)
    return PackURI(name)


_NOTES_PREFIX = "/ppt/notesSlides/notesSlide"
_NOTES_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # package -> its notes pages' names


def slide_id_list(prs):
    """The <p:sldIdLst> of a presentation (to drop a template's example slides)."""
    return prs.slides._sldIdLst


def replace_blob(part, blob: bytes) -> None:
    """Replace the bytes of a part python-pptx keeps as a blob (the theme)."""
    part._blob = blob


def package_relationships(package):
    """The package's own relationships (core properties, thumbnail...)."""
    return package._rels


def write_package(prs, write) -> None:
    """What prs.save() writes, member by member: write(name, bytes) for the content types,
    the package's relationships, then each part and its relationships, in python-pptx's order."""
    from pptx.opc.serialized import PackageWriter, _PhysPkgWriter

    class Members(_PhysPkgWriter):
        def write(self, pack_uri, blob) -> None:
            write(pack_uri.membername, blob)

    package = prs.part.package
    members = Members()
    writer = PackageWriter("", package._rels, tuple(package.iter_parts()))  # its file is never opened
    writer._write_content_types_stream(members)
    writer._write_pkg_rels(members)
    writer._write_parts(members)


def compile_xpaths() -> None:
    """python-pptx's elements evaluate each XPath expression compiled once, with the same results.

    python-pptx asks its XML by XPath (BaseOxmlElement.xpath): whether a shape is a
    placeholder (`./*[1]/p:nvPr/p:ph`, for every shape it wraps or inherits a position
    through), the ids and names in a slide. lxml compiles the expression again on every call
    (~17 µs, some 400 times a deck); compiled once, it is evaluated in ~2 µs."""
    from pptx.oxml import xmlchemy

    xmlchemy.BaseOxmlElement.xpath = _xpath  # type: ignore[method-assign, assignment]


def _xpath(element, expression: str):
    """BaseOxmlElement.xpath (python-pptx's namespaces), the expression compiled once."""
    compiled = _XPATHS.get(expression)
    if compiled is None:
        from lxml import etree  # type: ignore[import-untyped]
        from pptx.oxml.ns import _nsmap
        compiled = _XPATHS[expression] = etree.XPath(expression, namespaces=_nsmap)
    return compiled(element)


_XPATHS: dict = {}  # expression -> lxml's compiled XPath
