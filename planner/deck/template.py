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
from planner.deck import pptx_internals, theme
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


# --- the built-in theme, generated from python-pptx's default template ---------

@lru_cache(maxsize=1)
def builtin_package() -> bytes:
    """The built-in theme as a .pptx package, styled once per process: each deck opens a copy
    (4 ms) instead of styling python-pptx's default template again (20 ms a deck). Its parts
    are stored, not compressed: the package never leaves the process, and each deck would
    inflate them again."""
    from pptx import Presentation
    prs = Presentation()
    _style_builtin(prs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        pptx_internals.write_package(prs, archive.writestr)
    return buffer.getvalue()


def _style_builtin(prs) -> None:
    old_width = prs.slide_width
    prs.slide_width, prs.slide_height = theme.SLIDE_WIDTH, theme.SLIDE_HEIGHT
    # 13.333 x 7.5 in is PowerPoint's widescreen: no size type (python-pptx's default says screen4x3).
    prs.element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz").attrib.pop(
        "type", None)
    factor = theme.SLIDE_WIDTH / old_width
    master = prs.slide_master
    for owner in [master, *master.slide_layouts]:
        _widen(owner, factor)
    _theme_fonts(master)
    _drop_thumbnail(prs)
    layouts = {layout.name: layout for layout in master.slide_layouts}
    geometry = Geometry.builtin()
    # Every layout with a title a team may add (Title and Content, Two Content, Comparison, ...)
    # gets the content slides' look: the navy title bar, its rule and the white title.
    for layout in master.slide_layouts:
        heading = placeholder(layout, "title")
        if layout.name == "Title Slide" or heading is None or heading.height > heading.width:
            continue  # the title slide has its own look; a vertical title keeps its place
        _add_rect(layout, Rect(0, 0, theme.SLIDE_WIDTH, geometry.title.height), theme.NAVY, "Title bar")
        _add_rect(layout, Rect(0, geometry.title.height, theme.SLIDE_WIDTH, int(0.06 * INCH)), theme.TEAL,
                  "Title rule")
        _place(heading, geometry.title, 28, theme.ON_DARK, "ctr", bold=True)
        _below_bar(layout, geometry.title.height + int(0.2 * INCH))
    title = layouts["Title Slide"]
    _background(title, theme.NAVY)
    _add_rect(title, Rect(int(0.8 * INCH), int(3.75 * INCH), int(1.6 * INCH), int(0.08 * INCH)),
              "4FC3B5", "Accent")
    _place(placeholder(title, "title"), Rect(int(0.8 * INCH), int(1.0 * INCH), int(11.7 * INCH),
                                             int(2.55 * INCH)), 40, theme.ON_DARK, "b", bold=True)
    _place(placeholder(title, "subtitle"), Rect(int(0.8 * INCH), int(4.05 * INCH), int(11.7 * INCH),
                                                int(2.85 * INCH)), 20, theme.ON_DARK_MUTED, "t")


def _below_bar(layout, top: int) -> None:
    """Keep the layout's other placeholders (body, content, caption) below the title bar."""
    from pptx.enum.shapes import PP_PLACEHOLDER as P
    for item in layout.placeholders:
        kind = item.placeholder_format.type
        if kind in (P.TITLE, P.CENTER_TITLE, P.DATE, P.FOOTER, P.SLIDE_NUMBER) or item.top is None:
            continue
        if item.top < top:
            bottom = item.top + item.height
            item.top, item.height = top, max(int(0.5 * INCH), bottom - top)


def _widen(owner, factor: float) -> None:
    from pptx.oxml.ns import qn
    for xfrm in owner.element.iter(qn("a:xfrm")):
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is not None:
            off.set("x", str(int(int(off.get("x")) * factor)))
        if ext is not None:
            ext.set("cx", str(int(int(ext.get("cx")) * factor)))


def _theme_fonts(master) -> None:
    """Arial in the theme too, so text a user adds later matches the measured text; the deck's
    colours as the theme's, so its text is written as theme colours (deck.palette)."""
    import re

    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    part = master.part.part_related_by(RT.THEME)
    blob = part.blob.replace(b'typeface="Calibri"', b'typeface="Arial"')
    scheme = "".join(f'<a:{slot}><a:srgbClr val="{value}"/></a:{slot}>' for slot, value in BUILTIN_SCHEME)
    pptx_internals.replace_blob(part, re.sub(
        rb'(<a:clrScheme name=")[^"]*(">).*?(</a:clrScheme>)',
        lambda m: m.group(1) + b"planner" + m.group(2) + scheme.encode() + m.group(3), blob, flags=re.S))


# The built-in theme's colour scheme: the deck's own colours (theme.py).
BUILTIN_SCHEME = (("dk1", theme.INK), ("lt1", theme.PAPER), ("dk2", theme.MUTED), ("lt2", theme.ON_DARK_MUTED),
                  ("accent1", theme.TEAL), ("accent2", theme.CONS), ("accent3", theme.PROS),
                  ("accent4", theme.CODE), ("accent5", theme.NAVY), ("accent6", "D99A00"),
                  ("hlink", theme.LINK), ("folHlink", "6A3FA0"))


def _background(layout, colour: str) -> None:
    """A solid background of the layout itself, so what lies behind its text is known."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn
    c_sld = layout.element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    c_sld.insert(0, parse_xml(f'<p:bg {nsdecls("p", "a")}><p:bgPr><a:solidFill><a:srgbClr val="{colour}"/>'
                              f'</a:solidFill><a:effectLst/></p:bgPr></p:bg>'))


def _drop_thumbnail(prs) -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    package = prs.part.package
    for rid, rel in list(pptx_internals.package_relationships(package).items()):
        if rel.reltype == RT.THUMBNAIL:
            package.drop_rel(rid)


def _add_rect(layout, rect: Rect, colour: str, name: str) -> None:
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls
    tree = pptx_internals.shape_tree(layout.shapes)
    next_id = max([int(e.get("id")) for e in tree.iter() if e.tag.endswith("}cNvPr")] + [1]) + 1
    element = parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{next_id}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{rect.left}" y="{rect.top}"/>'
        f'<a:ext cx="{rect.width}" cy="{rect.height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f'</a:prstGeom><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        f'</p:spPr></p:sp>')
    # Behind the placeholders, in the order added.
    shapes = [e for e in tree if e.tag.endswith("}sp") and e.find(".//{*}nvPr/{*}ph") is None]
    (shapes[-1].addnext(element) if shapes else tree.insert(2, element))


def _place(item, rect: Rect, size: int, colour: str, anchor: str, bold: bool = False) -> None:
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn
    item.left, item.top, item.width, item.height = rect.left, rect.top, rect.width, rect.height
    body = item.element.txBody
    body.bodyPr.set("anchor", anchor)
    for attr, value in (("lIns", theme.INSET_X), ("rIns", theme.INSET_X),
                        ("tIns", theme.INSET_Y), ("bIns", theme.INSET_Y)):
        body.bodyPr.set(attr, str(value))
    style = body.find(qn("a:lstStyle"))
    new = parse_xml(
        f'<a:lstStyle {nsdecls("a")}><a:lvl1pPr marL="0" indent="0" algn="l"><a:buNone/>'
        f'<a:defRPr sz="{size * 100}" b="{1 if bold else 0}"><a:solidFill><a:srgbClr val="{colour}"/>'
        f'</a:solidFill><a:latin typeface="Arial"/></a:defRPr></a:lvl1pPr></a:lstStyle>')
    if style is not None:
        style.addprevious(new)
        body.remove(style)
    else:
        body.bodyPr.addnext(new)


def slide_number_placeholder(slide, lang: str, number: int) -> bool:
    """Add the layout's slide-number placeholder to the slide, holding a slide-number field;
    False when the layout has none. Its position, size and font are the template's; its
    colour the theme's text colour that reads on the background (deck.palette)."""
    from xml.sax.saxutils import escape

    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    from planner.deck.frames import SLIDE_NUMBER_FIELD
    found = next((item for item in slide.slide_layout.placeholders
                  if item.placeholder_format.type == PP_PLACEHOLDER.SLIDE_NUMBER), None)
    if found is None:
        return False
    ident = pptx_internals.next_shape_id(slide.shapes)
    lang = escape(lang, {'"': "&quot;"})
    pptx_internals.shape_tree(slide.shapes).append(parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{ident}" name="Slide Number"/><p:cNvSpPr>'
        f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" '
        f'idx="{found.placeholder_format.idx}"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/>'
        f'<a:lstStyle/><a:p><a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum"><a:rPr lang="{lang}">'
        f'<a:solidFill><a:srgbClr val="{theme.MUTED}"/></a:solidFill></a:rPr>'
        f'<a:t>{number}</a:t></a:fld><a:endParaRPr lang="{lang}"/></a:p></p:txBody></p:sp>'))
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
