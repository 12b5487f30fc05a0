"""The template's theme fonts, measured: how much wider they draw than the fonts the deck
measures with (Liberation Sans, metrics of Arial).

Text is measured once with Liberation Sans (deck.textfit). A template whose theme fonts
draw wider would overflow what was measured, so the deck measures that much wider: the
ratio of the theme font's width to Liberation Sans' on a sample of French and English
text, taken from the font the renderer draws with (fontconfig's match, as LibreOffice
does), or from its metric-compatible twin (Carlito for Calibri, Caladea for Cambria,
Liberation for Arial, Times New Roman and Courier New). A font not installed is measured
as Liberation Sans, with a note.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

METRIC_COMPATIBLE = {"calibri": "Carlito", "cambria": "Caladea", "arial": "Liberation Sans",
                     "helvetica": "Liberation Sans", "times new roman": "Liberation Serif",
                     "courier new": "Liberation Mono"}
SAMPLE = ("Plan de développement : données, modèle, déploiement et surveillance. "
          "The quick brown fox jumps over the lazy dog; MLflow, Kafka, 2026.")


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


@lru_cache(maxsize=32)
def font_file(family: str, bold: bool = False) -> str | None:
    """The file the renderer draws `family` with (or its metric-compatible twin), or None."""
    wanted = METRIC_COMPATIBLE.get(family.casefold().strip(), family)
    if not wanted or shutil.which("fc-match") is None:
        return None
    try:
        found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}",
                                f"{wanted}:weight={200 if bold else 80}"],
                               capture_output=True, text=True, timeout=10).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return None
    if len(found) < 2 or wanted.casefold() not in [f.strip().casefold() for f in found[0].split(",")]:
        return None  # fontconfig substitutes another family: the font is not installed
    return found[1] or None


@lru_cache(maxsize=32)
def width_factor(families: tuple) -> tuple[float, tuple]:
    """How much wider than Liberation Sans the families draw (at least 1), and a note
    for each family that could not be found and is measured as Liberation Sans."""
    from PIL import ImageFont

    from planner import resources
    reference = {bold: ImageFont.truetype(str(resources.DATA / "fonts" / name), size=100,
                                          layout_engine=ImageFont.Layout.BASIC).getlength(SAMPLE)
                 for bold, name in ((False, "LiberationSans-Regular.ttf"), (True, "LiberationSans-Bold.ttf"))}
    factor, notes = 1.0, []
    for family in dict.fromkeys(f for f in families if f and not f.startswith("+")):
        for bold in (False, True):
            path = font_file(family, bold)
            if path is None:
                if not bold:
                    notes.append(family)
                break
            try:
                width = ImageFont.truetype(path, size=100, layout_engine=ImageFont.Layout.BASIC).getlength(SAMPLE)
            except OSError:
                notes.append(family)
                break
            factor = max(factor, width / reference[bold])
    return round(factor, 3), tuple(notes)
