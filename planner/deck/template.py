"""The presentation the deck is built in: the built-in theme, or a user's .pptx template.

A user's layouts are found by name (names listed in data/labels/deck.yaml, in
English and French) and must hold the placeholders the deck fills; when one is
missing the error lists every layout of the template. The template's own
slides are dropped: only its masters, layouts and theme are used.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from planner import resources
from planner.deck import palette, pptx_internals, theme
from planner.deck.theme import INCH, Geometry, Rect
from planner.errors import TemplateError
from planner.i18n import N_, _
from planner.terminal import clean

if TYPE_CHECKING:
    from pptx.presentation import Presentation

TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAX_FILE_BYTES = 50 * 1024 * 1024   # the .pptx file itself (docs/templates.md)


@dataclass
class Template:
    prs: Presentation
    layouts: dict      # role ("title", "content") -> slide layout
    geometry: Geometry
    builtin: bool
    source: str
    notes: list = field(default_factory=list)  # what was dropped from a user's template


def layout_names() -> dict:
    return resources.data_file("labels/deck.yaml")["layouts"]


def _kinds():
    from pptx.enum.shapes import PP_PLACEHOLDER as P
    # role -> {slot: accepted placeholder types}; the first slot is the title.
    return {
        "title": {"title": {P.CENTER_TITLE, P.TITLE}, "subtitle": {P.SUBTITLE, P.BODY, P.OBJECT}},
        "content": {"title": {P.TITLE, P.CENTER_TITLE}},
    }


def load(path: str | None = None) -> Template:
    from pptx import Presentation
    pptx_internals.compile_xpaths()
    if path is None:
        prs = Presentation(io.BytesIO(builtin_package()))
        name = _("built-in theme")
        return Template(prs, _find_layouts(prs, name), Geometry.builtin(), True, name)
    prs = _open(path)
    _drop_slides(prs)
    notes = _drop_external(prs, str(path))
    layouts = _find_layouts(prs, str(path))
    geometry = _geometry(prs, layouts, str(path))
    return Template(prs, layouts, geometry, False, str(path), notes)


def _geometry(prs, layouts, source: str) -> Geometry:
    """The slide size and the content title's box, which a template may leave out (an empty
    presentation.xml, a placeholder that inherits its position from nowhere)."""
    width, height = prs.slide_width, prs.slide_height
    if not width or not height:
        raise TemplateError(_("the template does not give its slide size (presentation.xml has no p:sldSz)"),
                            path=source)
    title = placeholder(layouts["content"], "title")
    box = (title.left, title.top, title.width, title.height)
    if any(value is None for value in box) or not box[2] or not box[3]:
        raise TemplateError(_("the title placeholder of the layout {layout!r} has no position or size, on "
                              "the layout or on its master").format(layout=layouts["content"].name), path=source,
                            hint=_("open the template in PowerPoint or LibreOffice, move the title once in "
                                   "View > Slide Master, and save it"))
    return Geometry.from_title(width, height, Rect(*box))


def _open(path):
    from pptx import Presentation

    from planner.files import read_bytes
    blob = read_bytes(path, str(path), MAX_FILE_BYTES, what="a template")
    inspect_package(blob, str(path))
    try:
        return Presentation(io.BytesIO(_as_presentation(blob)))
    except Exception as exc:  # python-pptx raises many kinds on a broken package
        raise TemplateError(_not_a_template(exc),
                            path=str(path)) from None


# --- a template is inspected before it is opened (docs/templates.md states the limits) ---

MAX_MEMBERS = 1000                    # parts in the package
MAX_TOTAL = 100 * 1024 * 1024         # all parts, uncompressed
MAX_PART = 50 * 1024 * 1024           # one part, uncompressed
MAX_XML_PART = 10 * 1024 * 1024       # one XML part (parsed into memory whole)
MAX_RATIO = 100                       # uncompressed / compressed, for a part over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024


def inspect_package(blob: bytes, source: str) -> None:
    """Refuse a zip bomb from the zip's central directory alone, before anything is inflated.
    The sizes read are the ones zipfile then holds each part to when it inflates it."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise TemplateError(_not_a_template(exc),
                            path=source) from None
    if len(members) > MAX_MEMBERS:
        raise TemplateError(_("the template holds {count:,} parts; a template may hold at most {limit:,}").format(
            count=len(members), limit=MAX_MEMBERS), path=source)
    total = 0
    for info in members:
        total += info.file_size
        xml = info.filename.endswith((".xml", ".rels"))
        limit = MAX_XML_PART if xml else MAX_PART
        if info.file_size > limit:
            raise TemplateError(_("the template's part {part} is {size} once uncompressed; one part may be "
                                  "at most {limit}").format(part=info.filename, size=_mb(info.file_size),
                                    limit=_mb(limit)), path=source)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise TemplateError(_("the template's part {part} is compressed {ratio:,} times (a zip bomb?); "
                                  "at most {limit} times is accepted").format(part=info.filename,
                                    ratio=info.file_size // max(info.compress_size, 1), limit=MAX_RATIO),
                                path=source)
        if total > MAX_TOTAL:
            raise TemplateError(_("the template is larger than {limit} once uncompressed; a template may be "
                                  "at most {limit}").format(limit=_mb(MAX_TOTAL)), path=source)


def _not_a_template(exc) -> str:
    return _("not a PowerPoint template (.pptx or .potx): {reason}").format(reason=_reason(exc))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


_WHAT = {"image": N_("image"), "video": N_("video"), "audio": N_("audio"), "media": N_("media"),
         "oleObject": N_("OLE object"), "font": N_("font"), "hyperlink": N_("hyperlink")}


def _drop_external(prs, source: str) -> list[str]:
    """Drop every relationship of the template's parts that points outside the package (an image,
    media, an OLE object or a font linked by URL or file path, which LibreOffice or PowerPoint
    would fetch), and the attributes that use it; a hyperlink stays when planner.links allows it.
    Returns one note per relationship dropped."""
    from planner import links
    notes = []
    for part in prs.part.package.iter_parts():
        for rid, rel in list(part.rels.items()):
            if not rel.is_external:
                continue
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind == "hyperlink" and links.is_safe(rel.target_ref):
                continue
            element = getattr(part, "_element", None)
            if element is not None:
                _unreference(element, rid)
            part.rels.pop(rid)
            notes.append(_("{part}: external {what} {target} dropped from the deck (a template may not fetch "
                           "anything)").format(part=f"{source}:{part.partname}",
                             what=_(_WHAT[kind]) if kind in _WHAT else kind, target=clean(rel.target_ref)))
    return notes


_SHAPES = ("{http://schemas.openxmlformats.org/presentationml/2006/main}pic",
           "{http://schemas.openxmlformats.org/presentationml/2006/main}graphicFrame")


def _unreference(element, rid: str) -> None:
    """Remove what names `rid`: the picture or object frame that shows it (an empty frame would
    show as a broken picture), else the r:id / r:embed / r:link attribute."""
    prefix = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    for node in list(element.iter()):
        for name, value in list(node.attrib.items()):
            if name.startswith(prefix) and value == rid:
                shape = next((up for up in node.iterancestors() if up.tag in _SHAPES), None)
                if shape is not None and shape.getparent() is not None:
                    shape.getparent().remove(shape)
                else:
                    del node.attrib[name]


def _reason(exc) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


def _as_presentation(blob: bytes) -> bytes:
    """A .potx is a .pptx whose main part has the template content type: rename it."""
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            types = archive.read("[Content_Types].xml")
            if TEMPLATE_TYPE.encode() not in types:
                return blob
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in archive.infolist():
                    data = archive.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        data = data.replace(TEMPLATE_TYPE.encode(), PRESENTATION_TYPE.encode())
                    copy.writestr(info, data)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError):
        return blob  # python-pptx gives the error


def _drop_slides(prs) -> None:
    """The template's example slides are not part of the team's deck."""
    ids = pptx_internals.slide_id_list(prs)
    for entry in list(ids):
        prs.part.drop_rel(entry.rId)
        ids.remove(entry)


def placeholder(layout, slot: str):
    kinds = _kinds()
    for role in kinds.values():
        if slot in role:
            wanted = role[slot]
            break
    for item in layout.placeholders:
        if item.placeholder_format.type in wanted:
            return item
    return None


def _matches(layout, role: str) -> bool:
    slots = _kinds()[role]
    found = [item.placeholder_format.type for item in layout.placeholders]
    return all(any(kind in accepted for kind in found) for accepted in slots.values())


def all_layouts(prs, source: str) -> list:
    """Every layout of every master; a layout listed by its master but missing from the
    package is a TemplateError, not python-pptx's KeyError."""
    try:
        return [layout for master in prs.slide_masters for layout in master.slide_layouts]
    except KeyError as exc:
        raise TemplateError(_("the template is incomplete: its slide master lists a layout whose part is "
                              "missing ({detail})").format(detail=_reason(exc).strip('"')),
                            path=source) from None


def _find_layouts(prs, source: str) -> dict:
    """Each role's layout: by name first (English and French PowerPoint names), then by
    placeholder types (a renamed layout still serves), else a clear error."""
    names = layout_names()
    available = all_layouts(prs, source)
    found = {}
    for role, wanted in names.items():
        keys = [name.casefold().strip() for name in wanted]
        match = next((layout for key in keys for layout in available
                      if layout.name.casefold().strip() == key and _matches(layout, role)), None)
        if match is None:
            taken = [id(layout) for layout in found.values()]
            match = _by_placeholders(available, role, taken)
        if match is None:
            slots = " and ".join(f"a {slot} placeholder" for slot in _kinds()[role])
            listing = "; ".join(describe_layout(layout) for layout in available) or "none"
            raise TemplateError(
                _("the template has no layout named {names} with {slots}, nor any other layout with {slots}; "
                  "its layouts are: {listing}").format(
                    names=' or '.join(repr(n) for n in wanted), slots=slots, listing=listing), path=source,
                hint=_("rename a layout in the slide master (View > Slide Master) to one of these names"))
        found[role] = match
    return found


def _by_placeholders(available, role: str, taken) -> object | None:
    """The layout whose placeholders serve `role` best: a title slide's centred title and
    subtitle; for content, a title and as little else as possible (a "Title Only" layout)."""
    from pptx.enum.shapes import PP_PLACEHOLDER as P
    footers = {P.DATE, P.FOOTER, P.SLIDE_NUMBER}
    candidates = [layout for layout in available if _matches(layout, role) and id(layout) not in taken]

    def score(layout):
        kinds = [item.placeholder_format.type for item in layout.placeholders]
        others = [kind for kind in kinds if kind not in footers]
        if role == "title":
            return (P.CENTER_TITLE not in kinds, P.SUBTITLE not in kinds, len(others))
        return (P.CENTER_TITLE in kinds, len(others))
    return min(candidates, key=score, default=None)


def describe_layout(layout) -> str:
    kinds = ", ".join(_kind_name(item.placeholder_format.type) for item in layout.placeholders)
    return f"{layout.name!r} ({kinds or _(_NONE)})"


_NONE = N_("no placeholders")


def _kind_name(kind) -> str:
    text = str(kind).split(" ")[0].lower()
    return text.replace("center_title", "centred title").replace("_", " ")


def describe(path: str | None) -> list[str]:
    """What `--check-template` prints: the slide size, the layouts, and the ones the deck uses."""
    found = load(path)
    prs = found.prs
    lines = [_("{source}: slide {width:.2f} x {height:.2f} in").format(
        source=found.source, width=prs.slide_width / INCH, height=prs.slide_height / INCH)]
    used = {id(layout): role for role, layout in found.layouts.items()}
    for layout in all_layouts(prs, found.source):
        role = used.get(id(layout))
        mark = "  <- " + _(_ROLES[role]) if role else ""
        lines.append("  " + _("layout {layout}").format(layout=describe_layout(layout)) + mark)
    from planner.deck import fonts
    return lines + [f"  {line}" for line in fonts.describe(prs)]


# What --check-template says a layout is used for.
_ROLES = {"title": N_("title slides"), "content": N_("content slides")}


# --- the built-in theme: planner/data/theme/builtin.pptx (planner.deck.builtin_theme) ---

BUILTIN = resources.DATA / "theme" / "builtin.pptx"


@lru_cache(maxsize=1)
def builtin_package() -> bytes:
    """The built-in theme's package, read once per process; each deck opens a copy. It is made
    by planner.deck.builtin_theme (python tools/builtin_theme.py) and shipped: restyling
    python-pptx's default template cost every process 20 ms."""
    return BUILTIN.read_bytes()


def slide_number_placeholder(slide, lang: str, number: int) -> bool:
    """Add the layout's slide-number placeholder to the slide, holding a slide-number field;
    False when the layout has none. Its position, size and font are the template's; its
    colour the theme's text colour that reads on the background (deck.palette)."""
    from xml.sax.saxutils import escape

    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    from planner.deck.frames import SLIDE_NUMBER_FIELD, colour_xml
    found = next((item for item in slide.slide_layout.placeholders
                  if item.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)
    if found is None:
        return False
    ident = pptx_internals.next_shape_id(slide.shapes)
    lang = escape(lang, {'"': "&quot;"})
    # It takes the layout placeholder's box; its colour reads on what is drawn under it.
    drawing = palette.drawing_of(slide.part)
    box = palette.box_of(found)
    scheme = drawing.slots(drawing.surface(box, None)) if drawing is not None else None
    element = parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{ident}" name="Slide Number"/><p:cNvSpPr>'
        f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" '
        f'idx="{found.placeholder_format.idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
        f'<a:lstStyle/><a:p><a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="{lang}">'
        f'{colour_xml("solidFill", theme.MUTED, scheme)}</a:rPr>'
        f'<a:t>{number}</a:t></a:fld><a:endParaRPr lang="{lang}"/></a:p></p:txBody></p:sp>')
    pptx_internals.shape_tree(slide.shapes).append(element)
    if drawing is not None:
        drawing.add(element, box, None)
    return True


def title_style(slide) -> tuple[float | None, bool]:
    """(size in pt, bold) the template gives the slide's title: its layout's title
    placeholder, else the master's, else the master's title style (first level). The deck
    keeps that size unless the title must shrink to fit (None: the template says nothing)."""
    from pptx.enum.shapes import PP_PLACEHOLDER
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    p = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    titles = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
    layout = slide.slide_layout
    owners = [next((item for item in owner.placeholders if item.placeholder_format.type in titles), None)
              for owner in (layout, layout.slide_master)]
    styles = [item.element.find(f"{p}txBody/{a}lstStyle/{a}lvl1pPr/{a}defRPr") for item in owners if item is not None]
    styles.append(layout.slide_master.element.find(f"{p}txStyles/{p}titleStyle/{a}lvl1pPr/{a}defRPr"))
    size = bold = None
    for found in styles:
        if found is None:
            continue
        if size is None and found.get("sz"):
            size = int(found.get("sz")) / 100
        if bold is None and found.get("b") is not None:
            bold = found.get("b") in ("1", "true")
    return size, bool(bold)
