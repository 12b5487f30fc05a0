"""A Scene as inline SVG: self-contained (no script, no font, no image, no link), printable.

Coordinates are points (1 pt = 12700 EMU) written with at most two decimals, so the
same scene always gives the same bytes. Text is broken into the lines that
planner.deck.textfit measured (textfit.wrap) and drawn in Liberation Sans / Arial,
the metrics it measured with. Every piece of plan text is escaped for XML, and the
characters XML cannot hold or that reorder text (C0/C1 controls, bidi overrides) are
dropped: a plan is untrusted input.
"""

from __future__ import annotations

import math
import re
from xml.sax.saxutils import escape

from planner.deck import textfit
from planner.deck.textfit import LINE, Para, pt, wrap
from planner.diagrams.scene import Arrow, Box, Scene

FONT = "'Liberation Sans', Arial, Helvetica, sans-serif"
MONO = "'Liberation Mono', 'Courier New', monospace"
ASCENT = 0.905     # Arial's ascent (em): the first baseline sits this far below a line's top
_DROP = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                   "\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_QUOTES = {'"': "&quot;"}


def text(value: str) -> str:
    """Plan text as SVG character data (or an attribute value)."""
    return escape(_DROP.sub("", value.replace("\t", " ").replace("\n", " ").replace("\r", " ")), _QUOTES)


def num(emus: float) -> str:
    """EMU as points, two decimals at most, no trailing zeros: stable bytes."""
    value = round(pt(emus), 2)
    if value == 0:
        return "0"
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    return out


def render(scene: Scene, css_class: str = "diagram") -> str:
    frame = scene.frame
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img" '
           f'viewBox="{num(frame.left)} {num(frame.top)} {num(frame.width)} {num(frame.height)}" '
           f'width="{num(frame.width)}" height="{num(frame.height)}" '
           f'font-family="{FONT}" aria-label="{text(scene.title)}">',
           f'<rect x="{num(frame.left)}" y="{num(frame.top)}" width="{num(frame.width)}" '
           f'height="{num(frame.height)}" fill="#FFFFFF"/>']
    for item in scene.items:
        if isinstance(item, Box):
            out += _box(item)
        elif isinstance(item, Arrow):
            out += _arrow(item)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _stroke(colour, width, dash) -> str:
    if not colour:
        return ' stroke="none"'
    out = f' stroke="#{colour}" stroke-width="{_n(width)}"'
    if dash:
        out += f' stroke-dasharray="{_n(width * 4)} {_n(width * 3)}"'
    return out


def _n(points: float) -> str:
    return f"{round(points, 2):.2f}".rstrip("0").rstrip(".")


def _box(box: Box) -> list:
    r = box.rect
    fill = f'#{box.fill}' if box.fill else "none"
    stroke = _stroke(box.line, box.line_width, box.dash) if box.shape else ' stroke="none"'
    out = [f"<g><desc>{text(box.name)}</desc>"]
    if box.shape in ("rect", "roundRect") or (box.shape is None and box.fill):
        radius = ""
        if box.shape == "roundRect":
            radius = f' rx="{num(min(r.width, r.height) * (box.rounding if box.rounding is not None else 1 / 6))}"'
        out.append(f'<rect x="{num(r.left)}" y="{num(r.top)}" width="{num(r.width)}" height="{num(r.height)}"'
                   f'{radius} fill="{fill}"{stroke}/>')
    elif box.shape == "ellipse":
        out.append(f'<ellipse cx="{num(r.left + r.width / 2)}" cy="{num(r.top + r.height / 2)}" '
                   f'rx="{num(r.width / 2)}" ry="{num(r.height / 2)}" fill="{fill}"{stroke}/>')
    elif box.shape == "diamond":
        cx, cy = r.left + r.width / 2, r.top + r.height / 2
        points = " ".join(f"{num(x)},{num(y)}" for x, y in ((cx, r.top), (r.right, cy), (cx, r.bottom), (r.left, cy)))
        out.append(f'<polygon points="{points}" fill="{fill}"{stroke}/>')
    if box.paras:
        out += _paras(box)
    out.append("</g>")
    return out


def _paras(box: Box) -> list:
    r = box.rect
    width, height = pt(r.width - 2 * box.inset_x), pt(r.height - 2 * box.inset_y)
    laid = []  # (para, lines, space before)
    total = 0.0
    for index, para in enumerate(box.paras):
        lines = wrap(para, width)
        before = para.space_before if index else 0.0
        laid.append((para, lines, before))
        total += before + len(lines) * para.size * LINE
    top = pt(r.top + box.inset_y)
    if box.anchor == "middle":
        top += (height - total) / 2
    elif box.anchor == "bottom":
        top += height - total
    left = pt(r.left + box.inset_x)
    transform = ""
    if box.rotation:
        transform = (f' transform="rotate({box.rotation} {num(r.left + r.width / 2)} '
                     f'{num(r.top + r.height / 2)})"')
    out = [f"<g{transform}>"] if transform else []
    y = top
    for para, lines, before in laid:
        y += before
        anchor, x = {"center": ("middle", left + width / 2), "right": ("end", left + width)}.get(
            para.align, ("start", left))
        if para.bullet:
            x += para.indent if anchor == "start" else 0
        colour = para.color or box.colour
        for line in lines:
            # The line's box is size * LINE tall; the glyphs sit in its middle, like a slide's.
            baseline = y + para.size * (LINE - 1) / 2 + para.size * ASCENT
            out.append(f'<text x="{_n(x)}" y="{_n(baseline)}" font-size="{_n(para.size)}" '
                       f'text-anchor="{anchor}" fill="#{colour}" xml:space="preserve">'
                       f"{_spans(para, line)}</text>")
            y += para.size * LINE
    if transform:
        out.append("</g>")
    return out


def _spans(para: Para, line) -> str:
    """A line's pieces, consecutive pieces of one face joined into one tspan."""
    groups: list = []
    for piece, key in line:
        if groups and groups[-1][1] == key:
            groups[-1][0].append(piece)
        else:
            groups.append(([piece], key))
    out = []
    for pieces, key in groups:
        attrs = ""
        family, bold, italic = key  # textfit.face(): (font family, bold, italic)
        if family == textfit.MONO:
            attrs = f' font-family="{MONO}"'
        else:
            if bold:
                attrs += ' font-weight="bold"'
            if italic:
                attrs += ' font-style="italic"'
        content = text("".join(pieces))
        out.append(f"<tspan{attrs}>{content}</tspan>" if attrs else content)
    return "".join(out)


def _arrow(arrow: Arrow) -> list:
    points = arrow.points
    if len(points) < 2:
        return []
    path = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    out = [f"<g><desc>{text(arrow.name)}</desc>",
           f'<polyline points="{path}" fill="none"{_stroke(arrow.colour, arrow.width, arrow.dash)}/>']
    if arrow.head:
        out.append(_head(points[-2], points[-1], arrow))
    if arrow.tail:
        out.append(_head(points[1], points[0], arrow))
    out.append("</g>")
    return out


HEAD = 12700 * 7  # EMU: an arrowhead's length


def _head(before, tip, arrow: Arrow) -> str:
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    size = HEAD * max(1.0, arrow.width / 1.25)
    bx, by = tip[0] - ux * size, tip[1] - uy * size
    half = size * 0.45
    corners = ((tip[0], tip[1]), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half))
    return f'<polygon points="{" ".join(f"{num(x)},{num(y)}" for x, y in corners)}" fill="#{arrow.colour}"/>'
