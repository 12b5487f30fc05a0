"""The fonts the deck's text is measured with: the template's theme fonts, glyph by glyph.

A slide renderer lays a line out with the advance width of each character in the font it
draws with. planner measures the same way, with the font the theme names:

- **metric-compatible**: Calibri, Cambria, Arial, Times New Roman and Courier New are measured
  with the width tables of their metric-compatible twins (Carlito, Caladea, Liberation Sans,
  Serif and Mono: every advance is the same), shipped in planner/data/fonts/metrics. They work
  on any machine, whether it has Calibri (Windows, macOS with Office) or Carlito (Linux, where
  LibreOffice draws Calibri with Carlito), or neither;
- **system**: any other font is read from the file the system draws it with (fontconfig's
  match, as LibreOffice does; the Windows font registry; the macOS font folders), with
  fontTools, once per build;
- **fallback**: a font found nowhere is measured as Liberation Sans (Arial's metrics) made
  FALLBACK_FACTOR wider, and `build` says so.

Characters the font lacks are measured in the font a renderer falls back to: CJK with Noto
Sans CJK, emoji with Noto Color Emoji (their tables are shipped too), other symbols with
Liberation Sans. The tables come from tools/font_metrics.py.
"""

from __future__ import annotations

import bisect
import json
import os
import shutil
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from planner import resources

TABLES = resources.DATA / "fonts" / "metrics"
# Theme font (case folded) -> the shipped family whose advances are the same.
METRIC_COMPATIBLE = {
    "calibri": "Carlito", "carlito": "Carlito",
    "cambria": "Caladea", "caladea": "Caladea",
    "arial": "Liberation Sans", "helvetica": "Liberation Sans", "arimo": "Liberation Sans",
    "liberation sans": "Liberation Sans",
    "times new roman": "Liberation Serif", "times": "Liberation Serif", "tinos": "Liberation Serif",
    "liberation serif": "Liberation Serif",
    "courier new": "Liberation Mono", "courier": "Liberation Mono", "cousine": "Liberation Mono",
    "liberation mono": "Liberation Mono",
}
SINGLE_STYLE = {"Liberation Mono"}  # monospace: one advance for every style
FALLBACK = "Liberation Sans"
# A font found nowhere may draw wider than Arial (Verdana, Montserrat, Segoe UI draw 5-15 %
# wider): measuring 10 % wider keeps most of them inside their boxes.
FALLBACK_FACTOR = 1.1
CJK = "Noto Sans CJK JP"
EMOJI = "Noto Color Emoji"


def style_name(bold: bool, italic: bool) -> str:
    return {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
            (True, True): "Bold Italic"}[(bold, italic)]


@dataclass(frozen=True)
class Face:
    """Advance widths of one font in one style, in ems, by code point: the table's segments
    as a dict, its runs of one advance as ranges (Noto Sans CJK's 42,000 characters in runs
    took 5 ms to expand into a dict, for the few a deck shows)."""
    name: str
    widths: dict
    missing: float   # the .notdef advance (em)
    line: float      # single line height (em)
    starts: tuple = ()  # the first code point of each run, in order
    runs: tuple = ()    # (last code point, advance) of each run

    def advance(self, char: str) -> float | None:
        code = ord(char)
        width = self.widths.get(code)
        if width is None:
            index = bisect.bisect_right(self.starts, code) - 1
            if index >= 0 and code <= self.runs[index][0]:
                return self.runs[index][1]
        return width


def read_table(path: Path, index: int = 0) -> dict:
    """A font file's width table (what tools/font_metrics.py ships): the advance of every
    character its cmap maps, in font units, as segments of consecutive code points
    ([start, w0, w1, ...]) and runs of one advance ([start, count, width])."""
    import logging

    from fontTools.ttLib import TTFont
    # fontTools logs what it finds odd in a font (an old 'created' date): not the user's concern.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    font = TTFont(str(path), fontNumber=index, lazy=True)
    cmap = font.getBestCmap() or {}
    hmtx = font["hmtx"].metrics
    upm = font["head"].unitsPerEm
    advances = sorted((code, hmtx[glyph][0]) for code, glyph in cmap.items() if glyph in hmtx)
    segments: list = []
    runs: list = []
    i = 0
    while i < len(advances):
        code, width = advances[i]
        j = i
        while j + 1 < len(advances) and advances[j + 1] == (advances[j][0] + 1, width):
            j += 1
        if j - i + 1 >= 8:
            runs.append([code, j - i + 1, width])
        elif segments and segments[-1][0] + len(segments[-1]) - 1 == code:
            segments[-1].extend(w for _, w in advances[i:j + 1])
        else:
            segments.append([code] + [w for _, w in advances[i:j + 1]])
        i = j + 1
    name, hhea = font["name"], font["hhea"]
    return {
        "family": name.getDebugName(1) or "", "style": name.getDebugName(2) or "",
        "version": (name.getDebugName(5) or "").split(";")[0], "file": Path(path).name,
        "units_per_em": upm,
        # PowerPoint spaces single lines by the font's ascent, descent and line gap (Calibri:
        # 1.22 em); LibreOffice by 1.2 em whatever the font (measured on its PDFs).
        "line": round((hhea.ascent - hhea.descent + hhea.lineGap) / upm, 4),
        "missing": hmtx[font.getGlyphOrder()[0]][0],
        "segments": segments, "runs": runs,
    }


def _face(name: str, table: dict) -> Face:
    upm = float(table["units_per_em"])
    widths: dict = {}
    for start, *values in table["segments"]:
        for offset, value in enumerate(values):
            widths[start + offset] = value / upm
    runs = sorted(table["runs"])
    return Face(name, widths, table["missing"] / upm, table["line"], tuple(start for start, _count, _value in runs),
                tuple((start + count - 1, value / upm) for start, count, value in runs))


def table_file(family: str, style: str) -> Path:
    return TABLES / f"{family.replace(' ', '')}-{style.replace(' ', '')}.json"


@lru_cache(maxsize=32)
def shipped(family: str, style: str = "Regular") -> Face:
    style = "Regular" if family in SINGLE_STYLE or family in (CJK, EMOJI) else style
    return _face(f"{family} {style}", json.loads(table_file(family, style).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Measure:
    """How text in one of the theme's fonts is measured."""
    family: str      # the theme's font
    how: str         # "metric-compatible", "system" or "fallback"
    using: str       # the shipped twin, the system file, or the fallback family
    factor: float = 1.0

    def face(self, bold: bool, italic: bool) -> Face:
        style = style_name(bold, italic)
        if self.how == "system":
            return _system_face(self.family, style) or shipped(FALLBACK, style)
        return shipped(self.using, style)


@lru_cache(maxsize=64)
def measure(family: str) -> Measure:
    """How `family` (a theme font's name) is measured: its metric-compatible twin, the
    system's file, or Liberation Sans made wider."""
    twin = METRIC_COMPATIBLE.get(family.casefold().strip())
    if twin:
        return Measure(family, "metric-compatible", twin)
    path = system_font(family, "Regular")
    if path is not None:
        return Measure(family, "system", str(path[0]))
    return Measure(family, "fallback", FALLBACK, FALLBACK_FACTOR)


def measures(families) -> list[Measure]:
    """How each of the theme's fonts (heading, body; unnamed ones left out) is measured."""
    return [measure(family) for family in dict.fromkeys(f for f in families if f and not f.startswith("+"))]


@lru_cache(maxsize=64)
def _system_face(family: str, style: str) -> Face | None:
    found = system_font(family, style) or system_font(family, "Regular")
    if found is None:
        return None
    try:
        return _face(f"{family} {style}", read_table(*found))
    except Exception:  # noqa: BLE001 - an unreadable font file is measured by the fallback
        return None


@lru_cache(maxsize=64)
def system_font(family: str, style: str) -> tuple[Path, int] | None:
    """(file, index in a collection) the system draws `family` in `style` with, or None
    when the family is not installed (a substitute does not count)."""
    if not family or family.startswith("+"):
        return None
    if shutil.which("fc-match"):
        return _fontconfig(family, style)
    if sys.platform == "win32":
        return _windows(family, style)
    return _folders(family, style)


def _fontconfig(family: str, style: str) -> tuple[Path, int] | None:
    # Imported here (~1.3 ms): only a theme font without a metric-compatible twin asks fontconfig.
    import subprocess

    pattern = family + {"Regular": "", "Bold": ":weight=bold", "Italic": ":slant=italic",
                        "Bold Italic": ":weight=bold:slant=italic"}[style]
    try:
        found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}\n%{index}", pattern],
                               capture_output=True, text=True, timeout=10).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return None
    if len(found) < 3 or family.casefold() not in [f.strip().casefold() for f in found[0].split(",")]:
        return None  # fontconfig substitutes another family: the font is not installed
    return (Path(found[1]), int(found[2] or 0)) if found[1] else None


def _windows(family: str, style: str) -> tuple[Path, int] | None:
    """The Windows font registry: 'Segoe UI Bold (TrueType)' -> 'segoeuib.ttf'."""
    if sys.platform != "win32":
        return None
    import winreg
    wanted = family if style == "Regular" else f"{family} {style}"
    roots = [(winreg.HKEY_LOCAL_MACHINE, Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"),
             (winreg.HKEY_CURRENT_USER, Path(os.environ.get("LOCALAPPDATA", "")) / "Microsoft/Windows/Fonts")]
    for root, folder in roots:
        try:
            key = winreg.OpenKey(root, r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts")
        except OSError:
            continue
        with key:
            for index in range(winreg.QueryInfoKey(key)[1]):
                name, value, _kind = winreg.EnumValue(key, index)
                names = [n.strip().casefold() for n in name.split("(")[0].split("&")]
                if wanted.casefold() in names:
                    path = Path(value) if os.path.isabs(value) else folder / value
                    return (path, names.index(wanted.casefold())) if path.exists() else None
    return None


def _folders(family: str, style: str) -> tuple[Path, int] | None:
    """macOS (and systems without fontconfig): a font file in the usual folders whose name
    is the family's ('Avenir Next.ttc', 'Montserrat-Bold.ttf')."""
    folders = [Path("/System/Library/Fonts"), Path("/Library/Fonts"), Path.home() / "Library/Fonts",
               Path.home() / ".fonts", Path("/usr/share/fonts")]
    key = family.casefold().replace(" ", "")
    suffix = "" if style == "Regular" else style.casefold().replace(" ", "")
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            stem = path.stem.casefold().replace(" ", "").replace("-", "")
            names = (key + suffix, key + "regular" * (not suffix))
            if path.suffix.casefold() in (".ttf", ".otf", ".ttc") and stem in names:
                return path, 0
    return None


def advance(faces: tuple, char: str) -> float:
    """The advance (em) of `char`: in the first face that has it (the theme's font, then the
    fallbacks a renderer uses); marks and joiners take no room; a character no font has is
    measured one em wide."""
    for face in faces:
        width = face.advance(char)
        if width is not None:
            return width
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    return 1.0


def fallbacks(bold: bool, italic: bool) -> tuple:
    """The faces a renderer falls back to for characters the theme's font lacks."""
    return (shipped(CJK), shipped(EMOJI), shipped(FALLBACK, style_name(bold, italic)))


class Advances(dict):
    """The advance (em) of each character measured so far in one style of a theme font, the
    fallbacks' for those it lacks (as advance() gives it): a text's width is a sum of dict
    lookups, and the fallback fonts' tables are read only once a text needs one of them
    (the CJK table alone took 5 ms to load, for decks that mostly have no CJK)."""

    def __init__(self, face: Face, bold: bool, italic: bool, factor: float):
        super().__init__()
        self.face, self.bold, self.italic, self.factor = face, bold, italic, factor

    def __missing__(self, char: str) -> float:
        width = self.face.advance(char)
        if width is None:
            width = advance(fallbacks(self.bold, self.italic), char)
        self[char] = width
        return width


@lru_cache(maxsize=64)
def advances(family: str, bold: bool, italic: bool) -> Advances:
    """The advances of `family` (a theme font's name) in a style; multiply their sums by
    `.factor` (measure(family).factor)."""
    how = measure(family)
    return Advances(how.face(bold, italic), bold, italic, how.factor)


def theme_fonts(prs) -> tuple[str, str]:
    """(heading font, body font) of the presentation's theme ('' when unnamed)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = parse_xml(prs.slide_master.part.part_related_by(RT.THEME).blob)
    faces = []
    for which in ("majorFont", "minorFont"):
        latin = root.find(f"{a}themeElements/{a}fontScheme/{a}{which}/{a}latin")
        faces.append(latin.get("typeface", "") if latin is not None else "")
    return faces[0], faces[1]


def describe(prs) -> list[str]:
    """What `--check-template` says of the theme's fonts: how each is measured."""
    from planner.i18n import _
    heading, body = theme_fonts(prs)
    lines = []
    for role, family in ((_("heading font"), heading), (_("body font"), body)):
        if not family:
            lines.append(_("{role}: none named, measured as Arial (Liberation Sans)").format(role=role))
            continue
        how = measure(family)
        if how.how == "metric-compatible" and how.using.casefold() == family.casefold():
            text = _("{role} {font}: measured with its own widths (shipped with planner)")
        elif how.how == "metric-compatible":
            text = _("{role} {font}: measured with {twin}'s widths (metric-compatible, shipped with planner)")
        elif how.how == "system":
            text = _("{role} {font}: measured with the installed font {twin}")
        else:
            text = _("{role} {font}: not installed; measured as {twin} (Arial's widths) made {percent} % wider, "
                     "text may overflow where it is installed")
        lines.append(text.format(role=role, font=family, twin=how.using,
                                 percent=round((how.factor - 1) * 100)))
    lines.append(_("characters the theme fonts lack: CJK measured with {cjk}, emoji with {emoji}, "
                   "other symbols with {fallback}").format(cjk=CJK, emoji=EMOJI, fallback=FALLBACK))
    return lines
