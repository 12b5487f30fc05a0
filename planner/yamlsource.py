"""Read a YAML file into plain values, keeping the line and column of each.

Safe by construction: values are built from the parser's events, so no tag can
construct an object or run code; aliases are counted so that an alias bomb
stops early; depth and size are bounded. Every fault is an InputError that
points into the file, never a traceback.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from functools import cached_property

import yaml

from planner.characters import holds_not_text
from planner.errors import InputError
from planner.files import read_bytes
from planner.i18n import _
from planner.limits import PLAN, Limit

# The limits of a plan (planner/limits.py holds every kind of file's).
MAX_BYTES = PLAN.max_bytes
MAX_DEPTH = PLAN.max_depth
MAX_NODES = PLAN.max_nodes

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
}

Path_ = tuple  # a path into the document: keys and list indices


@dataclass
class Document:
    """A loaded YAML file: its data, and where each value and key sits."""

    path: str
    data: object
    marks: dict = field(default_factory=dict)      # path -> (line, column) of the value
    key_marks: dict = field(default_factory=dict)  # path -> (line, column) of its key
    raw: dict = field(default_factory=dict)        # path -> scalar text as written
    duplicates: list = field(default_factory=list)  # (path, (line, col), (first line, col))
    # False when a value may hold a character that is not text (planner/characters.py):
    # only YAML's double-quoted escapes make those from a file that holds none itself.
    maybe_not_text: bool = True

    @cached_property
    def texts(self) -> list:
        """(path, text) of every string value, depth first in the file's order: walked once,
        for every check that reads all the text (placeholders, links, characters).

        Iterative: a plan near the size limit holds ~100,000 values."""
        found = []
        stack: list[tuple[tuple, object]] = [((), self.data)]
        while stack:
            where, item = stack.pop()
            if isinstance(item, str):
                found.append((where, item))
            elif isinstance(item, dict):
                stack.extend((where + (key,), child) for key, child in reversed(item.items()))
            elif isinstance(item, list):
                stack.extend((where + (index,), child) for index, child in reversed(list(enumerate(item))))
        return found

    def where(self, path: Path_ = (), key: bool = False) -> tuple[int, int]:
        """The position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while True:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            if not path:
                return (1, 1)
            path = path[:-1]


def _too_deep() -> str:
    return _("nesting is deeper than {count} levels").format(count=MAX_DEPTH)


def _too_large(size: int, limit: int) -> str:
    return _("file is too large ({size} bytes; the limit is {limit})").format(
        size=f"{size:,}", limit=f"{limit:,}")


def read_text(path: str | os.PathLike, max_bytes: int = MAX_BYTES, what: str = "a plan file") -> str:
    """Read a file as UTF-8 text, with a clear message for anything else."""
    from planner.characters import shown_path
    shown = shown_path(path)
    return decode(read_bytes(path, shown, max_bytes, what), shown, max_bytes)


def decode(data: bytes, shown: str, max_bytes: int = MAX_BYTES) -> str:
    if len(data) > max_bytes:
        raise InputError(_too_large(len(data), max_bytes), path=shown)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(data):
        raise InputError(_("file is UTF-16 text; save it as UTF-8"), path=shown)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        raise InputError(_("file contains a NUL byte: it looks binary, not YAML text"),
                         path=shown, line=line, column=column)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        byte = data[exc.start]
        raise InputError(
            _("file is not UTF-8 (byte {byte} cannot be decoded)").format(byte=f"0x{byte:02x}"),
            path=shown, line=line, column=column,
            hint=_("it looks like Latin-1 or Windows-1252; save it as UTF-8")) from None


def _looks_utf16(data: bytes) -> bool:
    head = data[:64]
    return len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    before = data[:offset]
    line = before.count(b"\n") + 1
    # Columns count characters, as the YAML parser's do, not bytes.
    start = before.rfind(b"\n") + 1
    column = len(before[start:].decode("utf-8", errors="replace")) + 1
    return line, column


def load(path: str | os.PathLike, shown: str | None = None, limit: Limit = PLAN) -> Document:
    shown = shown or str(path)
    return parse(read_text(path, limit.max_bytes, what=limit.what), shown, limit=limit)


def parse(text: str, shown: str, loader=_Loader, limit: Limit = PLAN) -> Document:
    """Parse YAML text into a Document; raise InputError on any fault."""
    builder = _Builder(shown, limit)
    try:
        scalar, feed = builder.scalar_event, builder.feed
        for event in yaml.parse(text, Loader=loader):
            if type(event) is yaml.ScalarEvent:  # most events: the short way
                scalar(event)
            else:
                feed(event)
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem) and loader is not yaml.SafeLoader:
            # libyaml >= 0.2.5 (PyYAML 6.0.4 wheels) stops deep flow nesting while
            # scanning ahead; the pure-Python parser lets our limit say where.
            return parse(text, shown, yaml.SafeLoader, limit)
        mark = exc.problem_mark or exc.context_mark
        # PyYAML's own words (English) say what the parser met; the frame is ours.
        message = exc.problem or exc.context or _("invalid YAML")
        if mark and _tab_near(text, mark):
            message += _("; indent with spaces, not tabs")
        raise InputError(_("YAML syntax: {problem}").format(problem=message), path=shown,
                         line=mark.line + 1 if mark else None,
                         column=mark.column + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise InputError(_("YAML syntax: {problem}").format(problem=exc), path=shown) from None
    except RecursionError:
        raise InputError(_("nesting is deeper than {count} levels").format(count=limit.max_depth),
                         path=shown) from None
    builder.doc.maybe_not_text = "\\" in text or holds_not_text(text)
    return builder.doc


def _tab_near(text: str, mark) -> bool:
    lines = text.splitlines()
    return mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]


_STR = "tag:yaml.org,2002:str"


def _implicit_tag(value: str, implicit) -> str:
    """The tag PyYAML's Resolver gives an untagged scalar (str, int, bool, null, ...).

    The same lookup as yaml.resolver.Resolver.resolve (which has no path resolvers here),
    without its per-call list building: a plain scalar is matched only against the
    resolvers of its first character, and a quoted one is always text.
    """
    if implicit[0]:
        for tag, regexp in _IMPLICIT.get(value[:1], _NONE) + _WILDCARD:
            if regexp.match(value):
                return tag
    return _STR


# first character ("" for the empty scalar; None: any) -> [(tag, regexp)]: PyYAML's table
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_NONE: list = []
_WILDCARD = _IMPLICIT.get(None, [])


class _Builder:
    """Build plain values from parser events (the composer and constructor in one)."""

    def __init__(self, shown: str, limit: Limit = PLAN):
        self.shown = shown
        self.limit = limit
        self.doc = Document(shown, None)
        self.stack: list = []  # frames: [container, path, pending_key, size, anchor]
        self.anchors: dict = {}  # anchor -> (value, size)
        self.nodes = 0    # values in the document, each alias counted as its whole expansion
        self.aliased = 0  # of which, expanded from aliases
        self.documents = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def fail(self, message, event, hint=None):
        mark = event.start_mark
        raise InputError(message, path=self.shown, line=mark.line + 1, column=mark.column + 1,
                         hint=hint)

    def feed(self, event) -> None:
        self.event = event  # where a fault found while attaching a value is reported
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.scalar_event(event)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.fail(_("the file holds more than one YAML document (a second '---')"), event)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is _NO_KEY:
                self.fail(_("a key must be plain text, not a mapping or a list"), event)
            if event.tag not in _STANDARD_COLLECTION_TAGS:
                self.fail(_("the tag {tag} is not allowed in a plan").format(tag=event.tag), event)
            if len(self.stack) >= self.limit.max_depth:
                self.fail(_("nesting is deeper than {count} levels").format(count=self.limit.max_depth),
                          event)
            container: dict | list = {} if kind is yaml.MappingStartEvent else []
            path = self.child_path(event)
            self.place(path, event)
            self.stack.append([container, path, _NO_KEY, 1, event.anchor])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            container, path, _key, size, anchor = self.stack.pop()
            if anchor:
                self.anchors[anchor] = (container, size)
            self.attach(container, size, new=1)  # its children are counted already
        elif kind is yaml.AliasEvent:
            if event.anchor not in self.anchors:
                self.fail(_("unknown alias *{anchor}").format(anchor=event.anchor), event)
            value, size = self.anchors[event.anchor]
            self.aliased += size
            self.add(value, event, size, None)

    def scalar_event(self, event) -> None:
        """feed() of a scalar, inlined: what add(), child_path() and place() do for it."""
        self.event = event
        value = self.scalar(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        stack = self.stack
        if stack:
            container, parent, key = stack[-1][0], stack[-1][1], stack[-1][2]
            if type(container) is dict:
                if key is _NO_KEY:
                    self.set_key(value, event)
                    return
                path = parent + (key,)
            else:
                path = parent + (len(container),)
        else:
            path = ()
        doc = self.doc
        if path not in doc.marks:  # under a duplicate key, the first value is the one kept
            mark = event.start_mark
            doc.marks[path] = (mark.line + 1, mark.column + 1)
        if path not in doc.raw:
            doc.raw[path] = event.value
        self.attach(value, 1, new=1)

    def scalar(self, event):
        tag = event.tag
        if tag in (None, "!"):
            tag = _implicit_tag(event.value, event.implicit)
        if tag == _STR:
            # What SafeConstructor makes of a string (its text) without a node per value:
            # most of a plan's scalars are text.
            return event.value
        if tag == "tag:yaml.org,2002:merge":
            self.fail(_("merge keys (<<) are not supported in a plan; write the keys out"), event)
        if tag not in _SCALAR_TAGS:
            self.fail(_("the tag {tag} is not allowed in a plan").format(tag=tag), event)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            if event.tag in (None, "!") and tag == "tag:yaml.org,2002:timestamp":
                # An impossible date written plainly (2024-02-30) stays text, so the
                # validator reports it where a date is expected (PLN014) together
                # with every other finding, instead of the whole file being unreadable.
                return event.value
            reason = str(exc).split("\n")[0]
            self.fail(_("invalid value {value}: {reason}").format(value=repr(event.value),
                                                                  reason=reason), event)

    def child_path(self, event):
        if not self.stack:
            return ()
        container, path, key, _size, _anchor = self.stack[-1]
        if isinstance(container, dict):
            return path + (key,) if key is not _NO_KEY else path
        return path + (len(container),)

    def place(self, path, event):
        # setdefault: under a duplicate key, the first value is the one kept
        self.doc.marks.setdefault(path, (event.start_mark.line + 1, event.start_mark.column + 1))
        if isinstance(event, yaml.ScalarEvent):
            self.doc.raw.setdefault(path, event.value)

    def add(self, value, event, size, anchor):
        if anchor:
            self.anchors[anchor] = (value, size)
        if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is _NO_KEY:
            self.set_key(value, event)
            return
        path = self.child_path(event)
        self.place(path, event)
        self.attach(value, size, new=size)

    def set_key(self, key, event):
        frame = self.stack[-1]
        if isinstance(key, (dict, list)):
            self.fail(_("a key must be plain text, not a mapping or a list"), event)
        if key is None or isinstance(key, (int, float, _dt.date)):  # bool is an int
            key = event.value if isinstance(event, yaml.ScalarEvent) else str(key)
        key = str(key)
        path = frame[1] + (key,)
        here = (event.start_mark.line + 1, event.start_mark.column + 1)
        if key in frame[0]:
            self.doc.duplicates.append((path, here, self.doc.key_marks.get(path, here)))
        else:
            self.doc.key_marks[path] = here
        frame[2] = key

    def attach(self, value, size, new):
        self.nodes += new
        if self.nodes > self.limit.max_nodes:
            if self.aliased * 2 > self.nodes:
                self.fail(_("the document expands to more than {count} values (too many "
                            "aliases: an alias bomb?)").format(count=f"{self.limit.max_nodes:,}"),
                          self.event)
            self.fail(_("the document holds more than {count} values; {what} needs far fewer").format(
                count=f"{self.limit.max_nodes:,}", what=self.limit.what), self.event)
        if not self.stack:
            self.doc.data = value
            return
        frame = self.stack[-1]
        frame[3] += size
        container = frame[0]
        if isinstance(container, dict):
            key = frame[2]
            if key not in container:
                container[key] = value
            frame[2] = _NO_KEY
        else:
            container.append(value)


_NO_KEY = object()
