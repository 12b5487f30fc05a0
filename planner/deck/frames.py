"""Writing measured paragraphs into PowerPoint text frames, and the shapes that hold them.

Every run gets its font, size and language explicitly, so what was measured is
what is drawn, and spell checkers and screen readers know the language.
"""

from __future__ import annotations

import re
from dataclasses import replace
from xml.sax.saxutils import escape

from planner import links
from planner.deck import palette, pptx_internals, theme
from planner.deck.textfit import MONO, SANS, Para, pt


def qn(tag: str) -> str:
    """python-pptx's qualified XML name, imported on first use: composing a slide (and
    measuring it for `planner check --fit`) never imports python-pptx, only drawing does."""
    from pptx.oxml.ns import qn as qualified
    return qualified(tag)


def inner(rect) -> tuple[float, float]:
    """Width and height (pt) available to text inside a frame of `rect` (EMU)."""
    return pt(rect.width - 2 * theme.INSET_X), pt(rect.height - 2 * theme.INSET_Y)


def placeholder_inner(rect, builtin: bool) -> tuple[float, float]:
    """inner() for a placeholder: a user's template keeps its own insets, which for the
    placeholders it fills are python-pptx's defaults (0.1 in left and right, 0.05 in top and bottom)."""
    if builtin:
        return inner(rect)
    return pt(rect.width - 2 * 91440), pt(rect.height - 2 * 45720)


def write(frame, paras, lang: str, anchor: str | None = "top", font: str | None = SANS,
          colour: str | None = theme.INK, inset_x: int | None = theme.INSET_X,
          inset_y: int | None = theme.INSET_Y, scheme=None):
    """Replace the frame's text with `paras`.

    font, colour, anchor or insets None: keep what the frame inherits (a template's title).
    Colours are named in RGB; on the slide being drawn (deck.palette.Drawing) each is written
    as the theme colour that reads on what lies behind the frame's shape; elsewhere as
    `scheme` says (paragraphs()), else in RGB.
    Fonts are the theme's (+mn-lt, +mj-lt); only code keeps its monospace face.
    The paragraphs are written as DrawingML directly: python-pptx's property
    setters cost a third of a deck's build time.
    """
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls, qn
    body = pptx_internals.text_body(frame)
    body_pr = body.find(qn("a:bodyPr"))
    body_pr.set("wrap", "square")
    if inset_x is not None:
        body_pr.set("lIns", str(inset_x))
        body_pr.set("rIns", str(inset_x))
    if inset_y is not None:
        body_pr.set("tIns", str(inset_y))
        body_pr.set("bIns", str(inset_y))
    if anchor:
        body_pr.set("anchor", ANCHORS[anchor])
    for child in list(body_pr):
        if child.tag in (qn("a:spAutoFit"), qn("a:normAutofit"), qn("a:noAutofit")):
            body_pr.remove(child)
    body_pr.insert(0, body_pr.makeelement(qn("a:noAutofit"), {}))
    for old in body.findall(qn("a:p")):
        body.remove(old)
    drawing = palette.drawing_of(frame.part)
    if drawing is not None:
        scheme = drawing.slots(drawing.behind(body.getparent()))
    xml = paragraphs(frame.part, paras, lang, font, colour, scheme)
    for element in parse_xml(f"<a:txBody {nsdecls('a', 'r')}>{xml}</a:txBody>"):
        body.append(element)


ANCHORS = {"top": "t", "middle": "ctr", "bottom": "b"}
ALIGNS = {"left": "l", "center": "ctr", "right": "r"}


MINOR = "+mn-lt"  # the theme's body font
MAJOR = "+mj-lt"  # the theme's heading font


def _face(font: str | None) -> str | None:
    """The typeface written: the theme's fonts stand for the faces the deck measures with."""
    return MINOR if font == SANS else font


def paragraphs(part, paras, lang: str, font: str | None = SANS, colour: str | None = theme.INK,
               scheme=None) -> str:
    """The paragraphs as DrawingML (an empty <a:p/> for none); `part` (the slide's) holds
    their links' relationships; `scheme(rgb, tag)`: the theme colour a text colour is
    written as in <a:solidFill> or <a:buClr> (deck.palette), None from it to leave the colour
    out; no scheme: RGB."""
    if not paras:
        return "<a:p/>"
    return "".join(_paragraph(part, index, para, lang, font, colour, scheme) for index, para in enumerate(paras))


def colour_xml(tag: str, rgb: str, scheme) -> str:
    """<a:{tag}> holding a text colour `rgb` as `scheme` writes it (paragraphs())."""
    if scheme is None:
        return f'<a:{tag}><a:srgbClr val="{rgb}"/></a:{tag}>'
    slot = scheme(rgb, tag)
    return f'<a:{tag}><a:schemeClr val="{slot}"/></a:{tag}>' if slot else ""


def _paragraph(part, index, para: Para, lang, font, colour, scheme) -> str:
    size = str(int(round(para.size * 100)))
    if para.bullet:
        indent = int(round(para.indent * 12700))
        ppr = f'<a:pPr marL="{indent}" indent="{-indent}" algn="{ALIGNS[para.align]}">'
        bullet = (colour_xml("buClr", para.bullet_color or theme.TEAL, scheme) +
                  f'<a:buFont typeface="{escape(_face(font or SANS), QUOTES)}"/>'
                  f'<a:buChar char="{escape(para.bullet, QUOTES)}"/>')
    else:
        ppr = f'<a:pPr marL="0" indent="0" algn="{ALIGNS[para.align]}">'
        bullet = "<a:buNone/>"
    spacing = (f'<a:spcBef><a:spcPts val="{int(round(para.space_before * 100))}"/></a:spcBef>'
               if para.space_before and index else "")
    parts = [f"<a:p>{ppr}{spacing}{bullet}</a:pPr>"]
    for item in para.runs:
        if item.link and not links.is_safe(item.link):
            item = replace(item, link="")  # the last gate: only http(s), mailto, #anchor (planner.links)
        attrs = f'lang="{lang}" sz="{size}"'
        if item.bold or para.bold:
            attrs += ' b="1"'
        if item.italic or para.italic:
            attrs += ' i="1"'
        tint = theme.LINK if item.link else theme.CODE if item.code else (para.color or colour)
        inner_xml = colour_xml("solidFill", tint, scheme) if tint else ""
        face = MONO if item.code else _face(font)
        if face:
            inner_xml += f'<a:latin typeface="{escape(face, QUOTES)}"/>'
        if item.link:
            from pptx.opc.constants import RELATIONSHIP_TYPE as RT
            rid = part.relate_to(item.link, RT.HYPERLINK, is_external=True)
            inner_xml += f'<a:hlinkClick r:id="{rid}"/>'
        parts.append(f"<a:r><a:rPr {attrs}>{inner_xml}</a:rPr><a:t>{_text(item.text)}</a:t></a:r>")
    parts.append(f'<a:endParaRPr lang="{lang}" sz="{size}"/></a:p>')
    return "".join(parts)


QUOTES = {'"': "&quot;"}


# XML 1.0 has no place for most control characters (all but the tab here); a plan's YAML
# cannot hold them anyway.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f]")


def _text(text: str) -> str:
    return escape(_CONTROL.sub("", text))


# Shapes and dashes are named by their DrawingML preset ("rect", "roundRect", "ellipse",
# "diamond"; "dash", "sysDot"): composing slides (and measuring them for `planner check`)
# never imports python-pptx, only drawing does.


def shape(slide, rect, kind: str = "rect", fill: str | None = None, line: str | None = None,
          line_width: float = 1.0, dash: str | None = None, name: str | None = None):
    """An autoshape with a flat fill and outline: no theme style, so no shadow or gradient.

    Written as DrawingML directly (python-pptx's add_shape and its fill and line
    setters cost a fifth of a deck's build time); read back, it is an ordinary
    python-pptx autoshape.
    """
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls
    shapes = slide.shapes
    ident = pptx_internals.next_shape_id(shapes)
    label = escape(name or f"Shape {ident}", QUOTES)
    fill_xml = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else "<a:noFill/>"
    if line:
        dash_xml = f'<a:prstDash val="{dash}"/>' if dash is not None else ""
        line_xml = (f'<a:ln w="{int(round(line_width * 12700))}"><a:solidFill><a:srgbClr val="{line}"/>'
                    f'</a:solidFill>{dash_xml}</a:ln>')
    else:
        line_xml = "<a:ln><a:noFill/></a:ln>"
    element = parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{ident}" name="{label}"/><p:cNvSpPr/><p:nvPr/>'
        f'</p:nvSpPr><p:spPr>{_xfrm(rect)}<a:prstGeom prst="{kind}">'
        f'<a:avLst/></a:prstGeom>{fill_xml}{line_xml}</p:spPr><p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/>'
        f'<a:lstStyle/><a:p><a:pPr algn="ctr"/></a:p></p:txBody></p:sp>')
    added = pptx_internals.append_shape(shapes, element)
    drawing = palette.drawing_of(slide.part)
    if drawing is not None:
        drawing.add(element, _box(rect), fill)
    return added


def connector(slide, begin: tuple, end: tuple, colour: str, line_width: float = 1.0, dash: str | None = None,
              head: bool = False, tail: bool = False, name: str = ""):
    """A straight connector glued at both ends, with a flat line and arrow heads where asked
    (head at its begin, tail at its end). `begin` and `end` are (shape id, rect, site): the
    shape it is glued to, where that shape is, and which connection point (0 top, 1 left,
    2 bottom, 3 right).

    Written as DrawingML directly: the XML python-pptx's add_connector, begin_connect,
    end_connect and line setters leave, for a fraction of their cost, without its theme
    style reference (it adds a shadow LibreOffice draws even under an empty effect list)."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls
    shapes = slide.shapes
    ident = pptx_internals.next_shape_id(shapes)
    (bx, by), (ex, ey) = _site(begin), _site(end)
    flip_h, x, cx = _span(bx, ex)
    flip_v, y, cy = _span(by, ey)
    flips = (' flipH="1"' if flip_h else "") + (' flipV="1"' if flip_v else "")
    dash_xml = f'<a:prstDash val="{dash}"/>' if dash is not None else ""
    ends = ('<a:headEnd type="triangle" w="med" len="med"/>' if head else "") + \
        ('<a:tailEnd type="triangle" w="med" len="med"/>' if tail else "")
    element = parse_xml(
        f'<p:cxnSp {nsdecls("p", "a")}><p:nvCxnSpPr><p:cNvPr id="{ident}" name="{escape(name, QUOTES)}"/>'
        f'<p:cNvCxnSpPr><a:stCxn id="{begin[0]}" idx="{begin[2]}"/><a:endCxn id="{end[0]}" idx="{end[2]}"/>'
        f'</p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr><p:spPr><a:xfrm{flips}><a:off x="{x}" y="{y}"/>'
        f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{int(round(line_width * 12700))}"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
        f'{dash_xml}{ends}</a:ln></p:spPr></p:cxnSp>')
    pptx_internals.shape_tree(shapes).append(element)


def _site(end: tuple) -> tuple[int, int]:
    """Where a connection point of a rectangle is (python-pptx's begin_connect and end_connect)."""
    _ident, rect, site = end
    x, y, cx, cy = rect.left, rect.top, rect.width, rect.height
    return {0: (int(x + cx / 2), y), 1: (x, int(y + cy / 2)), 2: (int(x + cx / 2), y + cy),
            3: (x + cx, int(y + cy / 2))}[site]


def _span(begin: int, end: int) -> tuple[bool, int, int]:
    """(flipped, offset, extent) of a connector along one axis, as python-pptx leaves it when
    a connector made at 0 gets its begin then its end point: flipped whenever the begin
    is past 0 and not before the end (a vertical connector is flipped horizontally)."""
    if 0 < begin and end <= begin:
        return True, end, begin - end
    return False, begin, end - begin


def textbox(slide, rect, paras, lang: str, name: str, anchor: str | None = "top", font: str | None = SANS,
            colour: str | None = theme.INK, inset_x: int | None = theme.INSET_X, inset_y: int | None = theme.INSET_Y,
            fill: str | None = None):
    """A text box holding `paras` (write()'s options), with a flat fill or none.

    Written as one DrawingML element: the XML python-pptx's add_textbox, its name setter
    and write() leave, without making and then replacing its parts one by one."""
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls
    shapes = slide.shapes
    ident = pptx_internals.next_shape_id(shapes)
    body = ' wrap="square"'
    if inset_x is not None:
        body += f' lIns="{inset_x}" rIns="{inset_x}"'
    if inset_y is not None:
        body += f' tIns="{inset_y}" bIns="{inset_y}"'
    if anchor:
        body += f' anchor="{ANCHORS[anchor]}"'
    fill_xml = f'<a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>' if fill else "<a:noFill/>"
    drawing = palette.drawing_of(slide.part)
    scheme = drawing.slots(drawing.surface(_box(rect), fill)) if drawing is not None else None
    element = parse_xml(
        f'<p:sp {nsdecls("a", "p", "r")}><p:nvSpPr><p:cNvPr id="{ident}" name="{escape(name, QUOTES)}"/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(rect)}<a:prstGeom prst="rect"><a:avLst/>'
        f'</a:prstGeom>{fill_xml}</p:spPr><p:txBody><a:bodyPr{body}><a:noAutofit/></a:bodyPr><a:lstStyle/>'
        f'{paragraphs(slide.part, paras, lang, font, colour, scheme)}</p:txBody></p:sp>')
    added = pptx_internals.append_shape(shapes, element)
    if drawing is not None:
        drawing.add(element, _box(rect), fill)
    return added


def _box(rect) -> tuple[int, int, int, int]:
    """(left, top, width, height) of a rect, as its shape's XML says it."""
    return int(rect.left), int(rect.top), int(rect.width), int(rect.height)


def _xfrm(rect) -> str:
    return (f'<a:xfrm><a:off x="{rect.left}" y="{rect.top}"/>'
            f'<a:ext cx="{rect.width}" cy="{rect.height}"/></a:xfrm>')


def line_width(text: str, size: float, bold: bool = False) -> int:
    """Width (EMU) of a text box that holds `text` on one line: measured text, insets, some air."""
    from planner.deck.textfit import text_width
    return int((text_width(text, size, bold=bold) + 4) * 12700) + 2 * theme.INSET_X


SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # PowerPoint's id of the slide-number field


def slide_number_field(run) -> None:
    """Turn a text run (its text the slide's number) into a slide-number field, which
    PowerPoint and LibreOffice renumber when slides move."""
    run.tag = qn("a:fld")
    run.set("id", SLIDE_NUMBER_FIELD)
    run.set("type", "slidenum")
