"""The built-in look: colours, sizes and the geometry of a 16:9 slide.

Everything measured is in points; shapes are placed in EMU (1 pt = 12700 EMU).
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.deck.textfit import emu

INCH = 914400
SLIDE_WIDTH = 12192000   # 13.333 in: 16:9
SLIDE_HEIGHT = 6858000   # 7.5 in

# Colours (RGB hex). Contrast of INK and MUTED on white is above 7:1 and 5:1.
NAVY = "1F3A5F"
TEAL = "1F7A70"
TEAL_LIGHT = "CDEBE7"
INK = "1E2329"
MUTED = "56606B"
PAPER = "FFFFFF"
CARD = "F3F5F8"
BORDER = "C9D1DA"
LINK = "1F5FAD"
CODE = "7A2E0E"
ON_DARK = "FFFFFF"
ON_DARK_MUTED = "C8D6E5"

STATE_COLOURS = {
    "done": "2A9D8F",
    "partial": "D99A00",
    "undecided": "E07A1F",
    "missing": "C62828",
    "not-applicable": "8A96A3",
    "unused": "B8C1CB",  # an optional stage the plan leaves out: neither a gap nor a choice
}
STATE_FILLS = {
    "done": "E3F4F1",
    "partial": "FDF3D6",
    "undecided": "FDEBD9",
    "missing": "FBE3E3",
    "not-applicable": "EEF0F3",
    "unused": "F7F8FA",
}
# Risk matrix cells by severity (likelihood x impact, 1..9).
HEAT = {1: "DDF2E3", 2: "DDF2E3", 3: "FFF4C7", 4: "FFF4C7", 6: "FFDDB8", 9: "FFC9C9"}
PROS = "2A7F3F"
CONS = "B3261E"


@dataclass(frozen=True)
class Sizes:
    title_max: float = 30
    title_min: float = 20
    body_max: float = 20
    body_min: float = 14      # no body text below this
    heading_extra: float = 2  # a heading is this much larger than the body text beside it
    diagram_max: float = 14
    diagram_min: float = 10   # labels inside diagrams (shapes, arrows)
    notes: float = 12
    footer: float = 10


SIZES = Sizes()


@dataclass(frozen=True)
class Rect:
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def inset(self, dx: int, dy: int | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.left + dx, self.top + dy, max(0, self.width - 2 * dx), max(0, self.height - 2 * dy))

    def columns(self, weights, gap: int) -> list[Rect]:
        """Side by side, widths in proportion to `weights`, `gap` EMU apart."""
        free = self.width - gap * (len(weights) - 1)
        total = float(sum(weights))
        out, x = [], self.left
        for i, weight in enumerate(weights):
            width = int(free * weight / total) if i < len(weights) - 1 else self.right - x
            out.append(Rect(x, self.top, width, self.height))
            x += width + gap
        return out

    def rows(self, weights, gap: int) -> list[Rect]:
        free = self.height - gap * (len(weights) - 1)
        total = float(sum(weights))
        out, y = [], self.top
        for i, weight in enumerate(weights):
            height = int(free * weight / total) if i < len(weights) - 1 else self.bottom - y
            out.append(Rect(self.left, y, self.width, height))
            y += height + gap
        return out


# Text frame insets (EMU). The fit is measured inside them.
INSET_X = emu(6)
INSET_Y = emu(3)
GAP = int(0.25 * INCH)


@dataclass(frozen=True)
class Geometry:
    """Where things go on a slide of the deck being built."""
    width: int
    height: int
    title: Rect      # the title's box
    content: Rect    # the area below the title
    footer: Rect | None

    @classmethod
    def builtin(cls) -> Geometry:
        margin = int(0.5 * INCH)
        band = int(1.0 * INCH)
        top = band + int(0.3 * INCH)
        bottom = SLIDE_HEIGHT - int(0.5 * INCH)
        return cls(SLIDE_WIDTH, SLIDE_HEIGHT,
                   title=Rect(margin, 0, SLIDE_WIDTH - 2 * margin, band),
                   content=Rect(margin, top, SLIDE_WIDTH - 2 * margin, bottom - top),
                   footer=Rect(margin, SLIDE_HEIGHT - int(0.4 * INCH), SLIDE_WIDTH - 2 * margin,
                               int(0.3 * INCH)))

    @classmethod
    def from_title(cls, width: int, height: int, title: Rect) -> Geometry:
        """A user template: content goes between its title and the bottom margin."""
        margin = max(int(0.4 * INCH), min(title.left, int(0.8 * INCH)))
        top = title.bottom + int(0.2 * INCH)
        bottom = height - int(0.45 * INCH)
        if bottom - top < height // 2:  # a title placed low or huge: keep half the slide for content
            top = height // 2 - int(0.3 * INCH)
        return cls(width, height, title=title,
                   content=Rect(margin, top, width - 2 * margin, bottom - top), footer=None)

# Diagram colours by checklist section: (outline, fill).
SECTION_COLOURS = {
    "infrastructure": ("5C6770", "EEF0F3"),
    "data": ("1F5FAD", "E3EDF9"),
    "model": ("6A3FA0", "EEE7F7"),
    "operations": ("B35C00", "FCEBDC"),
    "platform": ("1F7A70", "DDF1EE"),
    "genai": ("A23B72", "F8E3EE"),
}
NEUTRAL = ("56606B", "FFFFFF")
