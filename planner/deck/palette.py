"""Text colours as theme colour references, chosen by what lies behind the text.

A deck's text is written with scheme colours (`<a:schemeClr val="dk1"/>`), never
fixed RGB, so it follows the template's theme. Which scheme colour: the one of the
theme's text colours (dk1, lt1, dk2, lt2) with the highest contrast against what
the text sits on: the slide background of the layout (solid, gradient or theme
background fill, resolved through the master's colour map), or the fill of the
shape that holds the text (a diagram card). Muted text takes the theme's second
text colour when that still reads at 4.5:1 (WCAG AA), else the main one.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field
from functools import lru_cache

from planner.deck import pptx_internals, theme

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
SLOTS = ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
         "hlink", "folHlink")
AA = 4.5  # WCAG 2 contrast for body text
# The deck's semantic text colours (theme.py) and what they stand for.
MAIN = {theme.INK, theme.ON_DARK}
MUTED = {theme.MUTED, theme.ON_DARK_MUTED}


@lru_cache(maxsize=256)  # a deck asks it ~440 times, of a dozen colours (palette.slot)
def luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Palette:
    colours: dict = field(default_factory=dict)   # scheme slot -> RGB hex of the theme
    background: str = "FFFFFF"                    # what the slides' text sits on
    # What apply() worked out once and asks again for every slide: the slot of a colour on
    # a surface, the filled shapes of a layout and its master, a placeholder's inherited box.
    _memo: dict = field(default_factory=dict, compare=False, repr=False)

    def slot_for(self, surface: str | None, muted: bool = False) -> str:
        behind = surface or self.background
        texts = [slot for slot in ("dk1", "lt1", "dk2", "lt2") if slot in self.colours]
        if not texts:
            return "tx1"
        ranked = sorted(texts, key=lambda slot: -contrast(self.colours[slot], behind))
        best = ranked[0]
        if muted:
            second = {"dk1": "dk2", "lt1": "lt2", "dk2": "dk1", "lt2": "lt1"}[best]
            if second in self.colours and contrast(self.colours[second], behind) >= AA:
                return second
        return best

    def slot(self, colour: str | None, surface: str | None) -> str:
        """The scheme colour for text meant as `colour` (RGB hex) on `surface` (None: the slide)."""
        if colour is None or colour in MAIN:
            return self.slot_for(surface)
        if colour in MUTED:
            return self.slot_for(surface, muted=True)
        if colour == theme.LINK and "hlink" in self.colours \
                and contrast(self.colours["hlink"], surface or self.background) >= AA:
            return "hlink"
        # An accent colour of the deck (pros, cons, states, code): the theme colour nearest
        # to it that still reads on the surface, else the text colour.
        return self._nearest(colour, surface or self.background) or self.slot_for(surface)

    def _slot(self, colour: str, surface: str | None) -> str:
        """slot(), worked out once per colour and surface."""
        key = (colour, surface)
        if key not in self._memo:
            self._memo[key] = self.slot(colour, surface)
        return self._memo[key]

    def _inherited_position(self, slide, shape):
        """The box of a placeholder that has no position of its own: its layout's, looked up
        once per layout and placeholder (the title of every slide inherits it)."""
        ph = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
        if ph is None:
            return box_of(pptx_internals.shape_of(slide.shapes, shape))
        key = ("inherited", id(slide.slide_layout.element), ph.get("type"), ph.get("idx"))
        if key not in self._memo:
            self._memo[key] = box_of(pptx_internals.shape_of(slide.shapes, shape))
        return self._memo[key]

    def _below(self, layout) -> list:
        """(box, fill) of what a layout and its master draw under a slide, topmost first."""
        key = ("below", id(layout.element))
        if key not in self._memo:
            self._memo[key] = _layer_shapes(layout) + _layer_shapes(layout.slide_master)
        return self._memo[key]

    def notes_slot(self, colour: str, tag: str) -> str | None:
        """The speaker notes in the notes master's theme (deck.frames.write's `scheme`): the
        main text colour is left out (None), so the notes take the notes master's own text
        style; other colours (muted points, links, code, bullets) are the scheme colour that
        reads on the notes page; a theme without colours leaves every colour out."""
        colour = colour.upper()
        if not self.colours or tag == "solidFill" and colour in MAIN:
            return None
        return self._slot(colour, None)

    def _nearest(self, colour: str, behind: str) -> str | None:
        def distance(hex_colour):
            return sum((int(colour[i:i + 2], 16) - int(hex_colour[i:i + 2], 16)) ** 2 for i in (0, 2, 4))
        readable = [slot for slot, value in self.colours.items() if contrast(value, behind) >= AA]
        if not readable:
            return None
        best = min(readable, key=lambda slot: distance(self.colours[slot]))
        return best if distance(self.colours[best]) < 120 ** 2 else None


class Drawing:
    """The slide being drawn, and what lies behind each text written on it: the colour of a
    text is chosen as it is written (deck.frames), as the scheme colour that reads on its
    shape's fill, else on the topmost filled shape under its centre drawn before it (on the
    slide, then on its layout and master), else on the background.

    The slide's shapes are added through deck.frames (and the template's slide number), each
    noted here with its fill: so what lies under a shape is known without reading the
    slide's XML back, a pass that cost ~10 ms a deck, most of it python-pptx's element
    objects. A shape not noted here is one of the placeholders the slide was made with,
    before anything was drawn on it: nothing drawn lies under it."""

    def __init__(self, colours: Palette, slide):
        self.palette = colours
        self.slide = slide
        self.part = slide.part
        self.below = colours._below(slide.slide_layout)
        self.drawn: list = []     # (box, fill) of the slide's filled shapes so far, bottom first
        self._under: dict = {}    # a shape added to the slide -> how many of `drawn` lie under it

    def add(self, element, box, fill: str | None) -> None:
        """A shape just added on top of the slide, at `box` (left, top, width, height) with
        `fill` (RGB hex, None: none)."""
        self._under[element] = len(self.drawn)
        if fill and box:
            self.drawn.append((box, fill.upper()))

    def surface(self, box, fill: str | None, under: int | None = None) -> str | None:
        """What lies behind the text of a shape at `box` with `fill`, drawn over the first
        `under` filled shapes of the slide (None: all drawn so far)."""
        if fill:
            return fill.upper()
        drawn = self.drawn if under is None else self.drawn[:under]
        return _under(box, drawn[::-1] + self.below)

    def behind(self, element) -> str | None:
        """surface() of a shape on the slide: its own fill and box, else its layout's box."""
        box = _own_position(element) or self.palette._inherited_position(self.slide, element)
        return self.surface(box, _solid(element), self._under.get(element, 0))

    def slots(self, surface: str | None):
        """The scheme colour of each RGB colour a text on `surface` is meant in (deck.frames'
        `scheme`: colour, tag -> slot)."""
        return lambda colour, _tag: self.palette._slot(colour.upper(), surface)


# The slide being drawn (deck.builder sets it for each slide), None when the theme names no
# colours, or outside a build: then texts keep the RGB colours the deck names.
DRAWING: contextvars.ContextVar[Drawing | None] = contextvars.ContextVar("drawing", default=None)


def drawing_of(part) -> Drawing | None:
    """The Drawing of the slide whose part is `part`, None for any other (a notes page)."""
    drawing = DRAWING.get()
    return drawing if drawing is not None and drawing.part is part else None


def box_of(item):
    """(left, top, width, height) of a python-pptx shape; a placeholder's comes from its layout
    (or its master)."""
    box = _own_position(item.element)
    if box is not None:
        return box
    try:
        box = item.left, item.top, item.width, item.height
    except (AttributeError, ValueError):
        return None
    return box if None not in box else None


# Where a shape's own position is written, by its kind (sp, cxnSp, pic; grpSp; graphicFrame).
_XFRMS = (f"{P}spPr/{A}xfrm", f"{P}grpSpPr/{A}xfrm", f"{P}xfrm")


def _own_position(element):
    """The box a shape's own xfrm gives in whole EMUs, read from the XML: what python-pptx's
    left/top/width/height return, without their lookups (this runs for every shape of every
    slide). None when the shape has none (a placeholder inherits it) or writes it otherwise."""
    for path in _XFRMS:
        xfrm = element.find(path)
        if xfrm is not None:
            off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
            if off is None or ext is None:
                return None
            try:
                return int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy"))
            except (TypeError, ValueError):  # a unit ("1in"): python-pptx converts it
                return None
    return None


def _solid(element) -> str | None:
    found = element.find(f"{P}spPr/{A}solidFill/{A}srgbClr")
    return found.get("val").upper() if found is not None else None


def _layer_shapes(owner) -> list:
    """(box, fill) of the filled shapes a layout or master draws under the slide, topmost first."""
    found = []
    for item in owner.shapes:
        if item.is_placeholder:
            continue
        box, fill = box_of(item), _solid(item.element)
        if box and fill:
            found.append((box, fill))
    return found[::-1]


def _under(box, layers) -> str | None:
    """The fill of the first of `layers` (topmost first) under the centre of `box`."""
    if box is None:
        return None
    x, y = box[0] + box[2] / 2, box[1] + box[3] / 2
    return next((fill for (left, top, width, height), fill in layers
                 if left <= x <= left + width and top <= y <= top + height), None)


def from_presentation(prs, layout) -> Palette:
    """The theme's colours and the background of `layout` (its own, else its master's)."""
    master = layout.slide_master
    colours = _scheme(master)
    mapping = _colour_map(master.element)
    override = layout.element.find(f"{P}clrMapOvr/{A}overrideClrMapping")
    if override is not None:
        mapping.update(override.attrib)
    background = None
    for owner in (layout.element, master.element):
        background = _background(owner, colours, mapping)
        if background:
            break
    return Palette(colours, background or colours.get(mapping.get("bg1", "lt1"), "FFFFFF"))


def for_notes(notes_master) -> Palette:
    """The notes master's theme colours and the notes page's background (white unless its
    own background says otherwise)."""
    colours = _scheme(notes_master)
    mapping = _colour_map(notes_master.element)
    background = _background(notes_master.element, colours, mapping)
    return Palette(colours, background or colours.get(mapping.get("bg1", "lt1"), "FFFFFF"))


def _scheme(master) -> dict:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml
    part = master.part.part_related_by(RT.THEME)
    root = parse_xml(part.blob)
    scheme = root.find(f"{A}themeElements/{A}clrScheme")
    colours = {}
    for slot in SLOTS:
        entry = scheme.find(f"{A}{slot}") if scheme is not None else None
        if entry is None or not len(entry):
            continue
        value = entry[0]
        colours[slot] = (value.get("val") if value.tag == f"{A}srgbClr" else value.get("lastClr") or
                         ("000000" if value.get("val") == "windowText" else "FFFFFF")).upper()
    return colours


def _colour_map(master_element) -> dict:
    found = master_element.find(f"{P}clrMap")
    default = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
    return {**default, **dict(found.attrib)} if found is not None else default


def _resolve(element, colours, mapping) -> str | None:
    """RGB hex of a colour element (srgbClr, schemeClr, sysClr, prstClr), modifiers aside."""
    if element is None:
        return None
    tag = element.tag.split("}")[-1]
    value = element.get("val", "")
    if tag == "srgbClr":
        return value.upper()
    if tag == "sysClr":
        return (element.get("lastClr") or "000000").upper()
    if tag == "schemeClr":
        return colours.get(mapping.get(value, value))
    if tag == "prstClr":
        return {"black": "000000", "white": "FFFFFF"}.get(value)
    return None


def _background(owner, colours, mapping) -> str | None:
    bg = owner.find(f"{P}cSld/{P}bg")
    if bg is None:
        return None
    props = bg.find(f"{P}bgPr")
    if props is not None:
        solid = props.find(f"{A}solidFill")
        if solid is not None and len(solid):
            return _resolve(solid[0], colours, mapping)
        stops = props.findall(f"{A}gradFill/{A}gsLst/{A}gs")
        values = [_resolve(stop[0], colours, mapping) for stop in stops if len(stop)]
        values = [v for v in values if v]
        if values:  # a gradient: the mean of its stops
            return "".join(f"{sum(int(v[i:i + 2], 16) for v in values) // len(values):02X}" for i in (0, 2, 4))
        return None  # a picture: unknown, the theme's background colour is the best guess
    ref = bg.find(f"{P}bgRef")
    if ref is not None and len(ref):
        return _resolve(ref[0], colours, mapping)
    return None
