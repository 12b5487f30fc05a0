"""Write planner's built-in theme (planner/data/theme/builtin.pptx) from python-pptx's default
template, styled by planner.deck.builtin_theme.

    python tools/builtin_theme.py

Run it after changing the theme's look (planner/deck/builtin_theme.py, the colours and
geometry of planner/deck/theme.py) or python-pptx's major version; tests/test_deck_template.py
fails until the shipped file is what the code makes. The output is byte-reproducible.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planner.deck import builtin_theme  # noqa: E402
from planner.deck.template import BUILTIN  # noqa: E402


def main() -> int:
    BUILTIN.parent.mkdir(parents=True, exist_ok=True)
    BUILTIN.write_bytes(builtin_theme.package())
    print(f"wrote {BUILTIN.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
