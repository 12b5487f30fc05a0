"""Templates made in the tests: a dark 4:3 and a light 16:9 school template, with renamed
layouts and their own theme fonts and colours; and the rendered page's contrast, measured."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

DARK = {"dk1": "14213D", "lt1": "FFFFFF", "dk2": "1D3557", "lt2": "E5E5E5", "accent1": "FCA311",
        "accent2": "E63946", "accent3": "2A9D8F", "accent4": "A8DADC", "accent5": "457B9D",
        "accent6": "F4A261", "hlink": "8ECAE6", "folHlink": "B8C0FF"}
LIGHT = {"dk1": "222222", "lt1": "FFFFFF", "dk2": "44546A", "lt2": "F2F2F2", "accent1": "7B2CBF",
         "accent2": "C1121F", "accent3": "2B9348", "accent4": "5A189A", "accent5": "0077B6",
         "accent6": "FF8500", "hlink": "0563C1", "folHlink": "954F72"}


def school_theme(path: Path, dark: bool, widescreen: bool, names=("Couverture", "Titre seul"),
                 fonts: tuple[str, str] | None = None) -> Path:
    """A school template: its own colour scheme and fonts; a dark one maps its background to
    dk1 and its text to lt1 (clrMap), as PowerPoint's dark themes do; layouts renamed."""
    prs = Presentation()
    if widescreen:
        prs.slide_width, prs.slide_height = 12192000, 6858000  # PowerPoint's widescreen, 13.333 x 7.5 in
        prs.part._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz").attrib.pop(
            "type", None)
    master = prs.slide_master
    part = master.part.part_related_by(RT.THEME)
    blob = part.blob.decode("utf-8")
    scheme = "".join(f'<a:{slot}><a:srgbClr val="{value}"/></a:{slot}>'
                     for slot, value in (DARK if dark else LIGHT).items())
    blob = re.sub(r'(<a:clrScheme name=")[^"]*(">).*?(</a:clrScheme>)',
                  lambda m: m.group(1) + "School" + m.group(2) + scheme + m.group(3), blob, flags=re.S)
    major, minor = fonts or (("DejaVu Serif", "DejaVu Sans") if dark else ("Liberation Serif", "Liberation Sans"))
    blob = re.sub(r'(<a:majorFont><a:latin typeface=")[^"]*', lambda m: m.group(1) + major, blob)
    blob = re.sub(r'(<a:minorFont><a:latin typeface=")[^"]*', lambda m: m.group(1) + minor, blob)
    part._blob = blob.encode("utf-8")
    if dark:
        clr_map = master._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}clrMap")
        clr_map.set("bg1", "dk1")
        clr_map.set("tx1", "lt1")
        clr_map.set("bg2", "dk2")
        clr_map.set("tx2", "lt2")
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    layouts["Title Slide"].name = names[0]
    layouts["Title Only"].name = names[1]
    layouts["Title and Content"].name = "Texte"
    prs.save(path)
    return path


def contrast(a, b) -> float:
    def lum(rgb):
        out = []
        for value in rgb:
            c = value / 255
            out.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2]
    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def word_contrasts(pdf: Path, dpi: int = 100):
    """(page, word, contrast) for every word pdftotext finds: inside the word's box, the
    background is the most common colour, the text colour the pixel that differs most from it."""
    from collections import Counter

    from PIL import Image
    out = pdf.parent / "pages"
    out.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / "p")], check=True, timeout=240)
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True, timeout=120).stdout
    pages = sorted(out.glob("p-*.png"))
    scale = dpi / 72
    results = []
    for number, page_html in enumerate(html.split("<page ")[1:]):
        image = Image.open(pages[number]).convert("RGB")
        for match in WORD.finditer(page_html):
            x0, y0, x1, y1 = (float(v) * scale for v in match.groups()[:4])
            box = image.crop((int(x0), int(y0), max(int(x0) + 1, int(x1)), max(int(y0) + 1, int(y1))))
            pixels = list(box.get_flattened_data()) if hasattr(box, "get_flattened_data") else list(box.getdata())
            if not pixels:
                continue
            background = Counter(pixels).most_common(1)[0][0]
            text = max(pixels, key=lambda p: contrast(p, background))
            results.append((number + 1, match.group(5), contrast(text, background)))
    return results
