"""Writing measured paragraphs into PowerPoint text frames, and the shapes that hold them.

Every run gets its font, size and language explicitly, so what was measured is
what is drawn, and spell checkers and screen readers know the language.
"""

from __future__ import annotations

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from planner.deck import theme
from planner.deck.textfit import MONO, SANS, Para, pt

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


def inner(rect) -> tuple[float, float]:
    """Width and height (pt) available to text inside a frame of `rect` (EMU)."""
    return pt(rect.width - 2 * theme.INSET_X), pt(rect.height - 2 * theme.INSET_Y)


def write(frame, paras, lang: str, anchor: str | None = "top", font: str | None = SANS,
          colour: str | None = theme.INK, inset_x: int | None = theme.INSET_X,
          inset_y: int | None = theme.INSET_Y):
    """Replace the frame's text with `paras`.

    font, colour, anchor or insets None: keep what the frame inherits (a template's title).
    """
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    if inset_x is not None:
        frame.margin_left = frame.margin_right = inset_x
    if inset_y is not None:
        frame.margin_top = frame.margin_bottom = inset_y
    if anchor:
        frame.vertical_anchor = ANCHOR[anchor]
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = ALIGN[para.align]
        if para.space_before and index:
            paragraph.space_before = Pt(para.space_before)
        if para.bullet:
            _bullet(paragraph, para, font)
        else:
            _no_bullet(paragraph)
        for item in para.runs:
            run = paragraph.add_run()
            run.text = item.text
            style = run.font
            style.size = Pt(para.size)
            if item.code:
                style.name = MONO
            elif font:
                style.name = font
            if item.bold or para.bold:
                style.bold = True
            if item.italic or para.italic:
                style.italic = True
            tint = theme.LINK if item.link else theme.CODE if item.code else (para.color or colour)
            if tint:
                style.color.rgb = RGBColor.from_string(tint)
            if item.link:
                run.hyperlink.address = item.link
            style._rPr.set("lang", lang)
        end = paragraph._p.get_or_add_endParaRPr()
        end.set("lang", lang)
        end.set("sz", str(int(round(para.size * 100))))


def _bullet(paragraph, para: Para, font):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(int(round(para.indent * 12700))))
    ppr.set("indent", str(-int(round(para.indent * 12700))))
    for tag in ("a:buNone", "a:buChar", "a:buFont", "a:buClr"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    colour = ppr.makeelement(qn("a:buClr"), {})
    srgb = colour.makeelement(qn("a:srgbClr"), {"val": para.bullet_color or theme.TEAL})
    colour.append(srgb)
    bufont = ppr.makeelement(qn("a:buFont"), {"typeface": font or SANS})
    char = ppr.makeelement(qn("a:buChar"), {"char": para.bullet})
    _insert_bullet_elements(ppr, [colour, bufont, char])


def _no_bullet(paragraph):
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    if ppr.find(qn("a:buNone")) is None:
        _insert_bullet_elements(ppr, [ppr.makeelement(qn("a:buNone"), {})])


def _insert_bullet_elements(ppr, elements):
    # Schema order in a:pPr: lnSpc, spcBef, spcAft, buClr..., buFont, buNone/buChar, tabLst, defRPr.
    anchor = None
    for tag in ("a:tabLst", "a:defRPr", "a:extLst"):
        anchor = ppr.find(qn(tag))
        if anchor is not None:
            break
    for element in elements:
        if anchor is not None:
            anchor.addprevious(element)
        else:
            ppr.append(element)


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour)


def shape(slide, rect, kind=MSO_SHAPE.RECTANGLE, fill: str | None = None, line: str | None = None,
          line_width: float = 1.0, dash=None, name: str | None = None, shadow: bool = False):
    """An autoshape with a flat fill and outline (no theme shadow or gradient)."""
    item = slide.shapes.add_shape(kind, rect.left, rect.top, rect.width, rect.height)
    if fill:
        item.fill.solid()
        item.fill.fore_color.rgb = rgb(fill)
    else:
        item.fill.background()
    if line:
        item.line.color.rgb = rgb(line)
        item.line.width = Pt(line_width)
        if dash is not None:
            item.line.dash_style = dash
    else:
        item.line.fill.background()
    if not shadow:
        flat(item)
    if name:
        item.name = name
    return item


def flat(item):
    """Drop the theme style reference: it adds a shadow (effectRef) that LibreOffice draws
    even under an empty effect list. Fill, line and text colours are all set explicitly."""
    style = item._element.find(qn("p:style"))
    if style is not None:
        item._element.remove(style)


def textbox(slide, rect, paras, lang: str, name: str, anchor: str = "top", **options):
    box = slide.shapes.add_textbox(rect.left, rect.top, rect.width, rect.height)
    box.name = name
    write(box.text_frame, paras, lang, anchor=anchor, **options)
    return box


def send_to_back(slide, item):
    """Move a shape behind the others (the title bar behind the title)."""
    tree = slide.shapes._spTree
    tree.remove(item._element)
    tree.insert(2, item._element)  # after nvGrpSpPr and grpSpPr


def line_width(text: str, size: float, bold: bool = False) -> int:
    """Width (EMU) of a text box that holds `text` on one line: measured text, insets, some air."""
    from planner.deck.textfit import text_width
    return int((text_width(text, size, bold=bold) + 4) * 12700) + 2 * theme.INSET_X
