"""What counts as filled-in text."""

PLACEHOLDER = "TODO"


def is_placeholder(text) -> bool:
    # Only the start is uppercased: this runs on every text of every plan checked.
    return isinstance(text, str) and text.lstrip()[:8].upper().startswith(PLACEHOLDER)


def filled(text) -> bool:
    """Text that says something: neither empty nor a placeholder."""
    return isinstance(text, str) and bool(text.strip()) and not is_placeholder(text)


def absent(text) -> bool:
    """Missing or empty; a placeholder is not absent (it is reported on its own)."""
    return not (isinstance(text, str) and text.strip())
