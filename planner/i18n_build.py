"""Keep the message catalogs in step with the code (a development tool; needs Babel).

Run it as `python -m planner.cli.messages update|check`.

`update` writes the .po sorted by message and without source locations, so that two
people adding messages at once rarely touch the same lines. Only .po files are kept in
git; hatch_build.py compiles them into the wheel, and planner.i18n compiles them in
memory in a source checkout.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from planner import i18n, resources

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "in_language": (2,)}
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-zA-Z_][a-zA-Z0-9_]*)[^{}]*\}")


def extracted() -> dict:
    """Every message of the code: {msgid or (singular, plural): first place it is used}."""
    from babel.messages.extract import extract_from_dir

    found: dict = {}
    for filename, line, message, _comments, _context in extract_from_dir(
            str(resources.PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS):
        if isinstance(message, tuple):
            message = tuple(part for part in message if part is not None)
            message = message[0] if len(message) == 1 else message
        if message:
            found.setdefault(message, f"{filename}:{line}")
    for text in rule_explanations():
        found.setdefault(text, "rule docstring")
    return found


def rule_explanations() -> list[str]:
    """`planner check --explain` prints a rule's docstring (every family): it is a message too."""
    from planner.rules import all_rules
    return [rule.explanation for rule in all_rules() if rule.explanation]


def po_files() -> list[Path]:
    return sorted(i18n.LOCALE.glob(f"*/LC_MESSAGES/{i18n.DOMAIN}.po"))


def read(path: Path):
    from babel.messages.pofile import read_po
    with open(path, "rb") as handle:
        return read_po(handle, locale=path.parent.parent.name, domain=i18n.DOMAIN)


def write(path: Path, catalog) -> None:
    from babel.messages.pofile import write_po

    from planner.atomic import write_bytes
    out = io.BytesIO()
    write_po(out, catalog, width=0, no_location=True, omit_header=False, sort_output=True,
             ignore_obsolete=True, include_previous=False)
    write_bytes(path, out.getvalue())


def update() -> list:
    """Every catalog brought in step with the code: [(path, number of messages)]."""
    from babel.messages.catalog import Catalog

    done = []
    messages = extracted()
    for path in po_files():
        catalog = read(path)
        template = Catalog(domain=i18n.DOMAIN, creation_date=catalog.creation_date)
        for message in messages:
            template.add(message, flags=("python-brace-format",) if _has_placeholders(message) else ())
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.obsolete.clear()
        write(path, catalog)
        done.append((path, len(catalog)))
    return done


def problems() -> list[str]:
    """Messages of the code missing from a catalog or untranslated there, and placeholder
    mismatches (a translation that names a placeholder the code does not fill)."""
    messages = extracted()
    found = []
    for path in po_files():
        catalog = read(path)
        for message, where in messages.items():
            entry = catalog.get(message)
            if entry is None or entry.fuzzy or not _translated(entry.string):
                found.append(f"{path.name} [{path.parent.parent.name}]: no translation for "
                             f"{_short(message)} ({where})")
                continue
            expected = _placeholders(message)
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            for text in strings:
                if _placeholders(text) != expected:
                    found.append(f"{path.parent.parent.name}: translation of {_short(message)} "
                                 f"has placeholders {sorted(_placeholders(text))}, the message "
                                 f"{sorted(expected)} ({where})")
        stale = [entry.id for entry in catalog if entry.id and entry.id not in messages]
        found += [f"{path.name} [{path.parent.parent.name}]: {_short(message)} is no longer in "
                  "the code (run `python -m planner.cli.messages update`)" for message in stale]
    return found


def _translated(string) -> bool:
    if isinstance(string, tuple):
        return all(part.strip() for part in string)
    return bool(string and string.strip())


def _placeholders(message) -> set:
    parts = message if isinstance(message, tuple) else (message,)
    return {name for part in parts for name in PLACEHOLDER.findall(part)}


def _has_placeholders(message) -> bool:
    return bool(_placeholders(message))


def _short(message) -> str:
    text = message[0] if isinstance(message, tuple) else message
    text = text.replace("\n", " ")
    return repr(text if len(text) < 70 else text[:67] + "...")
