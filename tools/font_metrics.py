"""Generate planner's font width tables (planner/data/fonts/metrics/*.json) from font files.

    python tools/font_metrics.py            # the fonts below, found with fontconfig
    python tools/font_metrics.py FILE ...   # any font files (named by their family and style)

The fonts are the metric-compatible twins of the Office fonts (Carlito for Calibri, Caladea
for Cambria, Liberation Sans, Serif and Mono for Arial, Times New Roman and Courier New) in
their four styles, the CJK fallback LibreOffice draws CJK text with (Noto Sans CJK) and the
colour emoji font (Noto Color Emoji). All are under the SIL Open Font License 1.1, which
allows shipping data derived from them (planner/data/fonts/LICENSE.txt). Debian and Ubuntu:
apt-get install fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2
fonts-noto-cjk fonts-noto-color-emoji.

A table holds what a slide renderer needs to lay a line out: the advance width of every
character the font maps and its line height (planner.deck.fonts.read_table, which also
reads a system's font at build time). Kerning is left out: it only narrows text, so a line
measured without it never comes out shorter than drawn. The output is byte-reproducible.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.deck.fonts import CJK, EMOJI, TABLES, read_table, table_file  # noqa: E402

STYLES = {"Regular": "", "Bold": ":weight=bold", "Italic": ":slant=italic", "Bold Italic": ":weight=bold:slant=italic"}
FAMILIES = ["Carlito", "Caladea", "Liberation Sans", "Liberation Serif"]
SINGLE = ["Liberation Mono", CJK, EMOJI]  # one style: the same advances in every style


def find(family: str, style: str) -> tuple[Path, int]:
    found = subprocess.run(["fc-match", "-f", "%{family}\n%{file}\n%{index}", family + STYLES[style]],
                           capture_output=True, text=True, check=True).stdout.split("\n")
    if family.casefold() not in [name.strip().casefold() for name in found[0].split(",")]:
        raise SystemExit(f"{family} {style} is not installed (fontconfig offers {found[0]})")
    return Path(found[1]), int(found[2] or 0)


def main(argv: list[str]) -> int:
    TABLES.mkdir(parents=True, exist_ok=True)
    if argv:
        jobs = [(Path(arg), 0, None) for arg in argv]
    else:
        wanted = [(family, style) for family in FAMILIES for style in STYLES]
        wanted += [(family, "Regular") for family in SINGLE]
        jobs = [(*find(family, style), table_file(family, style)) for family, style in wanted]
    for path, index, target in jobs:
        data = read_table(path, index)
        target = target or table_file(data["family"], data["style"])
        # One segment a line: a new font version gives a readable diff.
        text = json.dumps(data, separators=(",", ":"), sort_keys=True).replace("],[", "],\n[")
        target.write_text(text + "\n", encoding="utf-8")
        count = sum(len(s) - 1 for s in data["segments"]) + sum(r[1] for r in data["runs"])
        print(f"{target.name}: {data['family']} {data['style']} {data['version']}, {count} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
