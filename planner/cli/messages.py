"""Keep the message catalogs in step with the code (a development tool; needs Babel).

    python -m planner.cli.messages update   # add new messages to every .po, drop gone ones
    python -m planner.cli.messages check    # list messages without a translation (exit 1)

The work is done by planner.i18n_build; this module only prints (docs/architecture.md,
"Messages in two languages").
"""

from __future__ import annotations

import sys

from planner import i18n_build


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    if command == "update":
        for path, count in i18n_build.update():
            print(f"{path}: {count} messages")
        return 0
    if command == "check":
        found = i18n_build.problems()
        print("\n".join(found) or "every message has its translations")
        return 1 if found else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
