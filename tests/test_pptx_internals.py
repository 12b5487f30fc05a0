"""python-pptx's private internals are used in one module only, under a pinned major version."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INTERNALS = ROOT / "planner/deck/pptx_internals.py"
# Private python-pptx names planner has needed; a new one belongs in pptx_internals.py too.
PRIVATE = re.compile(r"\._(?:element|txBody|spTree|shape_factory|next_shape_id|sldIdLst|blob|rels|"
                     r"get_or_add_\w+|add_\w+|remove_\w+)\b")


def test_private_internals_are_used_in_one_module():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "planner").rglob("*.py")) if path != INTERNALS
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if PRIVATE.search(line) and "self._" not in line]
    assert found == []
    assert PRIVATE.search(INTERNALS.read_text(encoding="utf-8"))


def test_python_pptx_is_pinned_below_its_next_major_version():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    (spec,) = re.findall(r'"python-pptx([^"]*)"', text)
    assert "<2" in spec.replace(" ", "")


def _package_xml(prs) -> dict:
    """{part name: XML} of every part reachable from a presentation, and its relationships."""
    import io
    import zipfile
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_slides_and_notes_pages_copied_from_the_first_are_what_python_pptx_makes():
    """pptx_internals.add_slide and notes_slide copy the first slide's placeholders and the
    first notes page, notes_text_frame finds the notes' placeholder in the XML: the package
    is the same, part for part, as python-pptx's own."""
    import io

    from pptx import Presentation

    from planner.deck import pptx_internals, template

    def deck(fast: bool):
        prs = Presentation(io.BytesIO(template.builtin_package()))
        for number, index in enumerate((1, 5, 5, 0, 5, 1)):
            layout = prs.slide_layouts[index]
            slide = pptx_internals.add_slide(prs, layout) if fast else prs.slides.add_slide(layout)
            notes = pptx_internals.notes_slide(slide) if fast else slide.notes_slide
            frame = pptx_internals.notes_text_frame(notes) if fast else notes.notes_text_frame
            # the same body placeholder python-pptx finds
            assert pptx_internals.text_body(frame) is pptx_internals.text_body(notes.notes_text_frame)
            frame.text = f"notes {number}"
            if slide.shapes.title is not None:
                slide.shapes.title.text = f"slide {number}"
        return _package_xml(prs)

    fast, slow = deck(True), deck(False)
    assert fast.keys() == slow.keys()
    assert [name for name in fast if fast[name] != slow[name]] == []
    assert sum(name.startswith("ppt/notesSlides/notesSlide") for name in fast) == 6


def test_a_deck_written_member_by_member_holds_what_python_pptx_saves_dated_alike():
    """reproducible.save writes python-pptx's members straight into the zip
    (pptx_internals.write_package): the same names in the same order and the same bytes as
    prs.save(), every entry dated the deck's moment and stored the same way."""
    import datetime as dt
    import io
    import zipfile

    from pptx import Presentation

    from planner.deck import pptx_internals, reproducible, template

    prs = Presentation(io.BytesIO(template.builtin_package()))
    slide = pptx_internals.add_slide(prs, prs.slide_layouts[5])
    pptx_internals.notes_slide(slide).notes_text_frame.text = "notes"
    slide.shapes.title.text = "Une diapositive"
    saved = io.BytesIO()
    prs.save(saved)
    blob = reproducible.save(prs, dt.datetime(2026, 4, 17))
    with zipfile.ZipFile(saved) as theirs, zipfile.ZipFile(io.BytesIO(blob)) as ours:
        assert ours.namelist() == theirs.namelist()
        assert [ours.read(name) for name in ours.namelist()] == [theirs.read(name) for name in theirs.namelist()]
        assert {(info.date_time, info.compress_type, info.external_attr, info.create_system)
                for info in ours.infolist()} == {((2026, 4, 17, 0, 0, 0), zipfile.ZIP_DEFLATED, 0o644 << 16, 3)}
    assert reproducible.save(prs, dt.datetime(2026, 4, 17)) == blob


def test_compiled_xpaths_find_what_lxml_finds_for_every_element_of_a_deck():
    """python-pptx's XPath expressions, compiled once (pptx_internals.compile_xpaths, done when
    a template is loaded), select the same nodes as lxml's own evaluation, on every element of
    a built deck, its layouts and masters."""
    import io

    from lxml import etree
    from pptx import Presentation
    from pptx.oxml import xmlchemy
    from pptx.oxml.ns import _nsmap
    from tests.deck_support import EXAMPLES, deck_bytes

    from planner.deck import pptx_internals

    prs = Presentation(io.BytesIO(deck_bytes(str(EXAMPLES[0]))))
    assert xmlchemy.BaseOxmlElement.xpath is pptx_internals._xpath
    expressions = ["./*[1]/p:nvPr/p:ph", "./*[1]", "//@id", "//p:cNvPr/@name", "./a:xfrm/a:ext/@cx", "/p:sld"]
    owners = [*prs.slides, *prs.slide_layouts, prs.slide_master, *(slide.notes_slide for slide in prs.slides)]
    compared = 0
    for owner in owners:
        for element in owner.element.iter():
            if not isinstance(element, xmlchemy.BaseOxmlElement):
                continue
            for expression in expressions:
                assert element.xpath(expression) == etree._Element.xpath(element, expression, namespaces=_nsmap)
                compared += 1
    assert compared > 10_000
