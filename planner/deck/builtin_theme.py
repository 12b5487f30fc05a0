"""The built-in theme: python-pptx's default template restyled as the deck's own look
(widescreen, the navy title bar and its rule on every layout with a title, the navy title
slide, Arial, the deck's colours as the theme's colours).

`python tools/builtin_theme.py` writes it to planner/data/theme/builtin.pptx, which
planner.deck.template opens for every deck without a --template (restyling the default
template cost every process 20 ms); tests/test_deck_template.py checks that the shipped
file is what this module makes. Change the look here or in planner/deck/theme.py, then
run the tool.
"""

from __future__ import annotations

import io
import zipfile

from planner.deck import pptx_internals, theme
from planner.deck.template import placeholder
from planner.deck.theme import INCH, Geometry, Rect

STAMP = (1980, 1, 1, 0, 0, 0)  # every entry's date: the same package from the same code


def package() -> bytes:
    """The theme as .pptx bytes. Its parts are stored, not compressed: each deck would inflate
    them again, and git compresses the file anyway."""
    from pptx import Presentation
    prs = Presentation()
    style(prs)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        def write(name: str, blob: bytes) -> None:
            entry = zipfile.ZipInfo(name, date_time=STAMP)
            entry.external_attr = 0o644 << 16
            entry.create_system = 3
            archive.writestr(entry, blob)
        pptx_internals.write_package(prs, write)
    return buffer.getvalue()


def style(prs) -> None:
    """python-pptx's default template (opened as `prs`) restyled as the deck's look."""
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
