"""A diagram as plain geometry: boxes with their text, and arrows, in EMU.

The geometry modules of this package (stackmap, timeline, riskmatrix) compute a Scene
once; planner.deck.drawscene draws it as native PowerPoint shapes and planner.diagrams.svg
as inline SVG for the HTML page, so both show the same picture. Text is kept as measured
paragraphs (planner.deck.textfit.Para): PowerPoint wraps them itself, the SVG renderer
breaks them into the very lines the measurement counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planner.deck import theme
from planner.deck.theme import Rect


@dataclass(frozen=True)
class Box:
    """A shape, or a text box when `shape` is None. Named as the deck names its shapes."""
    rect: Rect
    name: str
    shape: str | None = None        # DrawingML preset: rect, roundRect, ellipse, diamond
    fill: str | None = None         # RGB hex
    line: str | None = None
    line_width: float = 1.0         # pt
    dash: str | None = None         # DrawingML preset dash ("dash") or None
    paras: tuple = ()               # textfit.Para, drawn inside the insets
    anchor: str = "top"             # top | middle | bottom
    inset_x: int = theme.INSET_X
    inset_y: int = theme.INSET_Y
    rounding: float | None = None   # a roundRect's corner (DrawingML adjustment, 0..0.5)
    rotation: int = 0               # degrees, clockwise, about the centre
    colour: str = theme.INK         # the text's colour where a paragraph names none


@dataclass(frozen=True)
class Arrow:
    """A polyline; `head` draws an arrowhead at its last point, `tail` at its first."""
    points: tuple
    name: str
    colour: str = theme.MUTED
    width: float = 1.25             # pt
    dash: str | None = None
    head: bool = True
    tail: bool = False


@dataclass
class Scene:
    frame: Rect                      # the drawing's extent (the SVG's view box)
    items: list = field(default_factory=list)
    title: str = ""                  # what the drawing shows, for screen readers

    def add(self, item) -> None:
        self.items.append(item)

    def named(self, prefix: str) -> list:
        return [item for item in self.items if item.name.startswith(prefix)]

    def bounds(self) -> Rect:
        """The smallest rectangle that holds every item (a box turned a quarter, turned)."""
        xs, ys = [], []
        for item in self.items:
            if isinstance(item, Arrow):
                xs += [x for x, _y in item.points]
                ys += [y for _x, y in item.points]
                continue
            rect = _turned(item.rect) if item.rotation in (90, 270) else item.rect
            xs += [rect.left, rect.right]
            ys += [rect.top, rect.bottom]
        if not xs:
            return self.frame
        return Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _turned(rect: Rect) -> Rect:
    cx, cy = rect.left + rect.width // 2, rect.top + rect.height // 2
    return Rect(cx - rect.height // 2, cy - rect.width // 2, rect.height, rect.width)
