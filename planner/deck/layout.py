"""Flowing headed lists into columns: the largest size that fits, else continued pages.

A slide's text is a few columns of blocks (a heading and its items). The body
size goes down from its maximum to its floor (never under 14 pt) until every
column fits; when even the floor does not fit, the columns continue on more
pages (the outline slide is then split, within its time budget); past the page
limit, the last page ends with "+ N more" instead of overflowing. A single item
too long for a whole column is cut at a word, with an ellipsis.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.deck import theme
from planner.deck.markdown_runs import Run
from planner.deck.textfit import FAMILIES, LINE, Para, para_height, sizes, truncate
from planner.deck.textfit import height as stacked_height

MAX_PAGES = 2  # an outline slide continues over at most this many slides
# A layout depends on its blocks, boxes, words, sizes and the theme's fonts alone: each is
# worked out once a process and given again when asked again (--watch rebuilds a deck whose
# slides mostly did not change; the plans of a class share lists). Bounded: it starts over.
_LAID: dict = {}
_LAID_LIMIT = 512


@dataclass(frozen=True)
class Block:
    heading: str | None
    items: tuple                 # each item: a tuple of Runs
    bullets: bool = True
    colour: str = theme.NAVY     # the heading's colour
    marker: str = "•"
    marker_colour: str | None = None
    item_colour: str | None = None
    italic: bool = False
    lead: float = 0.0            # items this much larger (pt) than the body size
    counted: bool = True         # its items count in "+ N more" (a risk's mitigation does not)
    sources: tuple | None = None  # the plan path of each item, e.g. ("project", "objectives", 3)


def heading_para(block: Block, size: float, continued: str = "") -> Para:
    text = block.heading + (f" {continued}" if continued else "")
    return Para((Run(text),), size + theme.SIZES.heading_extra, bold=True, color=block.colour,
                space_before=round(size * 0.9, 1))


def item_para(block: Block, item, size: float, index: int | None = None) -> Para:
    source = block.sources[index] if block.sources and index is not None and index < len(block.sources) else None
    return _item_para(block, item, size, source)


def _item_para(block: Block, item, size: float, source=None) -> Para:
    size = size + block.lead
    if block.bullets:
        return Para(tuple(item), size, bullet=block.marker, indent=round(size * 1.1, 1),
                    space_before=round(size * 0.4, 1), bullet_color=block.marker_colour,
                    color=block.item_colour, italic=block.italic, source=source)
    return Para(tuple(item), size, space_before=round(size * 0.4, 1), italic=block.italic,
                color=block.item_colour, source=source)


def paginate(blocks, size: float, width: float, height: float, continued: str, more: str,
             max_pages: int = MAX_PAGES, memo: dict | None = None):
    """The column's paragraphs page by page at `size` (lists of Para), and how many items were cut.

    `memo` keeps each item's and heading's paragraph and heights between the calls of one
    layout (flow tries every size, every cut and a bisection of page heights with the same
    blocks): the same paragraphs, made and measured once."""
    page: list = []   # entries: (para, kind): kind is head, item or extra (not counted)
    pages = [page]
    used = 0.0        # the height taken on the page so far
    limit = height + 0.01
    memo = {} if memo is None else memo

    def heights(para):
        """(para, its height first on a page, its height after another): the lines measured once."""
        first = para_height(para, width, first=True)
        return para, first, para.space_before + first

    def items(block):
        """Every item of `block` at this size and width (each a heights() entry), in one lookup."""
        found = memo.get((id(block), size, width))
        if found is None:
            found = memo[(id(block), size, width)] = [heights(item_para(block, item, size, number))
                                                      for number, item in enumerate(block.items)]
        return found

    def heading(block, started):
        key = (id(block), "head", started, size, width)
        found = memo.get(key)
        if found is None:
            found = memo[key] = heights(heading_para(block, size, continued if started else ""))
        return found

    # The loop runs for every size, cut and page height a layout tries: the page and its
    # height are plain locals, an entry's height is entry[1] first on a page, else entry[2].
    for block in blocks:
        started = head_here = False
        kind = "item" if block.counted else "extra"
        for entry in items(block):
            head = heading(block, started) if block.heading and not head_here else None
            if head is None:
                need = entry[2] if page else entry[1]
            else:
                need = (head[2] if page else head[1]) + entry[2]
            if used + need > limit and page:
                page = []
                pages.append(page)
                used = 0.0
                head_here = False
                if block.heading:
                    head = heading(block, started)
            if head is not None:
                used += head[2] if page else head[1]
                page.append((head[0], "head"))
                head_here = True
            room = height - used
            if (entry[2] if page else entry[1]) > room + 0.01:  # one item longer than a whole column: cut it
                para = entry[0]
                spare = room - (para.space_before if page else 0.0)
                entry = heights(truncate(para, width, int(spare // (para.size * LINE))))
            used += entry[2] if page else entry[1]
            page.append((entry[0], kind))
            started = True
    cut = 0
    if len(pages) > max_pages:
        cut = sum(1 for page in pages[max_pages:] for _p, kind in page if kind == "item")
        pages = pages[:max_pages]
        last = pages[-1]

        def note():
            return Para((Run(more.format(count=cut)),), size, italic=True, color=theme.MUTED,
                        space_before=round(size * 0.4, 1))

        while last and stacked_height([p for p, _h in last] + [note()], width) > height + 0.01:
            _para, kind = last.pop()
            cut += 1 if kind == "item" else 0
        while last and last[-1][1] == "head":  # no heading left without its items
            last.pop()
        last.append((note(), "extra"))
    return [[para for para, _h in page] for page in pages], cut


def flow(columns, boxes, words: dict, top: float = theme.SIZES.body_max,
         floor: float = theme.SIZES.body_min, max_pages: int = MAX_PAGES):
    """Lay out columns of blocks in boxes ((width, height) pt each).

    Returns (size, pages), pages[k][c] being the paragraphs of column c on page k.
    """
    key = ("flow", tuple(map(tuple, columns)), tuple(map(tuple, boxes)), words["continued"], words["more"],
           top, floor, max_pages, FAMILIES.get())
    size, pages = _remembered(key, lambda: _flow(columns, boxes, words, top, floor, max_pages, {}))
    return size, _copy(pages)


def _flow(columns, boxes, words: dict, top: float, floor: float, max_pages: int, memo: dict):
    """flow(); `memo`: see paginate (balanced shares one between the cuts it tries)."""
    continued, more = words["continued"], words["more"]
    options = {}
    for size in sizes(top, floor):
        laid = [paginate(blocks, size, w, h, continued, more, max_pages, memo)[0]
                for blocks, (w, h) in zip(columns, boxes)]
        options[size] = laid
        if max(len(col) for col in laid) == 1:
            break  # one page is the fewest there can be: no smaller size is chosen
    fewest = min(max(len(col) for col in laid) for laid in options.values())
    size = next(s for s in sizes(top, floor) if max(len(col) for col in options[s]) == fewest)
    laid = [_even(blocks, size, w, h, col, continued, more, max_pages, memo)
            for blocks, (w, h), col in zip(columns, boxes, options[size])]
    count = max(len(col) for col in laid)
    pages = [[col[k] if k < len(col) else [] for col in laid] for k in range(count)]
    return size, pages


def _even(blocks, size, width, height, pages, continued, more, max_pages, memo=None):
    """A column continued over several pages, balanced: the least page height that still
    needs no more pages (bisection), so that 9 items read 5 + 4, not 8 + 1."""
    if len(pages) < 2 or len(pages) > max_pages:
        return pages
    low, high = height / len(pages) * 0.5, height
    best = pages
    for _ in range(12):
        middle = (low + high) / 2
        trial, cut = paginate(blocks, size, width, middle, continued, more, max_pages, memo)
        if len(trial) <= len(pages) and not cut:
            best, high = trial, middle
        else:
            low = middle
    return best


def balanced(blocks, count: int, boxes, words: dict, preferred: int | None = None,
             top: float = theme.SIZES.body_max, floor: float = theme.SIZES.body_min,
             max_pages: int = MAX_PAGES):
    """Blocks in order, cut into `count` columns where the text gets the largest size.

    Returns (columns, size, pages). Ties go to the cut at `preferred` (the
    index of the first block of the second column), the most natural reading.
    """
    blocks = list(blocks)
    key = ("balanced", tuple(blocks), count, tuple(map(tuple, boxes)), words["continued"], words["more"],
           preferred, top, floor, max_pages, FAMILIES.get())
    cuts, size, pages = _remembered(key, lambda: _balanced(blocks, count, boxes, words, preferred, top, floor,
                                                           max_pages))
    return _columns(blocks, cuts), size, _copy(pages)


def _balanced(blocks, count, boxes, words, preferred, top, floor, max_pages):
    """balanced(), with the chosen cut points instead of the columns."""
    best = natural = None
    memo: dict = {}
    for cuts in _cuts(len(blocks), count):
        size, pages = _flow(_columns(blocks, cuts), boxes, words, top, floor, max_pages, memo)
        key = (-len(pages), size, cuts[:1] == (preferred,))
        if best is None or key > best[0]:
            best = (key, cuts, size, pages)
        if cuts[:1] == (preferred,):
            natural = (key, cuts, size, pages)
    # The natural cut (pros beside cons, objectives beside metrics) unless another
    # gives more than a point more text size, or saves a slide.
    if natural is not None and natural[0][0] == best[0][0] and natural[2] >= best[2] - 1:
        best = natural
    return best[1:]


def _columns(blocks, cuts):
    return [blocks[a:b] for a, b in zip((0,) + cuts, cuts + (len(blocks),))]


def _remembered(key, work):
    """work()'s result for `key`, worked out once (see _LAID)."""
    found = _LAID.get(key)
    if found is None:
        if len(_LAID) >= _LAID_LIMIT:
            _LAID.clear()
        found = _LAID[key] = work()
    return found


def _copy(pages):
    """Laid-out pages (page -> column -> paragraphs) the caller may change: the cache keeps its own."""
    return [[list(column) for column in page] for page in pages]


def _cuts(length: int, count: int):
    """Every way to cut `length` items into `count` contiguous non-empty groups (as cut points)."""
    import itertools
    if count <= 1 or length < count:
        yield tuple(range(1, min(length, count))) if length > 1 and count > 1 else ()
        return
    yield from itertools.combinations(range(1, length), count - 1)
