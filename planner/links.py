"""Which addresses may become a link in an output: one rule for the deck, the plan and its page.

Only web pages (http, https, with a host), email (mailto) and in-page anchors
(#section). Anything else (file:, smb:, ms-msdt:, search-ms:, javascript:, a
UNC path `\\\\host\\share`, a protocol-relative `//host`, a relative path that a
viewer would resolve against the file's own folder) stays plain text: a plan
is shared, and a click on a deck or a page must never open a local program or
a network share. `planner check` reports each such address (rule PLN503).
"""

from __future__ import annotations

import re

SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(.*)$", re.S)
# Inline Markdown links and autolinks, for the check (the renderers use markdown-it).
MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|<([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>")
_UNSAFE_CHARS = re.compile(r"[\x00-\x20\x7f-\x9f\\\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def is_safe(url) -> bool:
    """True for an address that may become a link: http(s)://host..., mailto:..., #anchor."""
    text = str(url or "").strip()
    if not text:
        return False
    if text.startswith("#"):
        return not _UNSAFE_CHARS.search(text)
    if _UNSAFE_CHARS.search(text):
        return False
    found = _SCHEME.match(text)
    if not found:
        return False  # relative, //host, or a path: resolved against the file's folder
    scheme, rest = found.group(1).lower(), found.group(2)
    if scheme not in SCHEMES:
        return False
    if scheme == "mailto":
        return bool(rest) and not rest.startswith("/")
    host = rest[2:].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rsplit("@", 1)[-1]
    return rest.startswith("//") and bool(host.strip("[]:"))


def safe(url) -> str:
    """`url` when it may be a link, else ""."""
    return str(url).strip() if is_safe(url) else ""


def unsafe_in_text(text) -> list[str]:
    """The link targets written in Markdown in `text` that may not become links."""
    found = []
    for match in MARKDOWN_LINK.finditer(str(text or "")):
        target = match.group(1) or match.group(2)
        if target and not is_safe(target):
            found.append(target)
    return found
