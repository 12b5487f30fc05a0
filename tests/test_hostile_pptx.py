"""Hostile .pptx templates: a zip bomb is refused from the zip's directory before anything is
inflated (peak memory measured); external relationships of a template (a linked image) are
dropped from the deck and reported, so `--only pdf` fetches nothing (a 127.0.0.1 server counts
the requests); a template missing a layout part, its slide size or a placeholder position is a
clear error in build and --check-template. Every template is generated here."""

from __future__ import annotations

import http.server
import io
import re
import threading
import zipfile
from pathlib import Path

import pytest

from cli_support import ROOT, run_planner
from test_hostile_templates import peak_memory

PLAN = ROOT / "examples" / "genai-assistant-en.yaml"  # English plan: English messages (see test_i18n)


def _plain_template() -> bytes:
    from pptx import Presentation
    buffer = io.BytesIO()
    Presentation().save(buffer)
    return buffer.getvalue()


def _with_members(path: Path, members, compression=zipfile.ZIP_DEFLATED) -> Path:
    """The plain template plus `members`: (name, size in bytes of zeros) pairs, written in 1 MB
    chunks so that the test itself never holds a bomb in memory."""
    with zipfile.ZipFile(io.BytesIO(_plain_template())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info, source.read(info.filename))
        chunk = bytes(1024 * 1024)
        for name, size in members:
            info = zipfile.ZipInfo(name)
            info.compress_type = compression
            with out.open(info, "w", force_zip64=True) as handle:
                for _ in range(size // len(chunk)):
                    handle.write(chunk)
    return path


def _build_with(template: Path, tmp_path, only="deck"):
    return run_planner("build", PLAN, "--template", template, "-o", tmp_path / "out", "--only", only,
                       cwd=tmp_path)


def test_a_zip_bomb_template_is_refused_before_inflating_within_a_few_hundred_mb(tmp_path):
    bomb = _with_members(tmp_path / "bomb.pptx", [("ppt/media/image9.png", 600 * 1024 * 1024)])
    assert bomb.stat().st_size < 2 * 1024 * 1024
    command = [__import__("sys").executable, "-m", "planner", "build", PLAN, "--template", bomb,
               "-o", tmp_path / "out", "--only", "deck"]
    peak, result = peak_memory(command, tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{bomb}: error: the template's part ppt/media/image9.png is 600 MB once uncompressed; " \
           "one part may be at most 50 MB" in result.stderr
    assert peak < 300 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("members, words", [
    ([("ppt/media/big.bin", 8 * 1024 * 1024)], "is compressed 1,0"),  # ratio ~1000
    ([(f"ppt/media/p{i}.bin", 1024 * 1024) for i in range(120)], "larger than 100 MB once uncompressed"),
    ([(f"ppt/media/e{i}.bin", 0) for i in range(1200)], "holds 1,2"),
    ([("ppt/slideLayouts/slideLayout1.xml.big.xml", 12 * 1024 * 1024)], "one part may be at most 10 MB"),
], ids=["ratio", "total", "members", "xml part"])
def test_package_limits_name_the_limit(tmp_path, members, words):
    template = _with_members(tmp_path / "t.pptx", members)
    for result in (_build_with(template, tmp_path), run_planner("build", "--check-template", "--template",
                                                                template, cwd=tmp_path)):
        assert result.returncode == 2, result.stdout + result.stderr
        assert words in result.stderr, result.stderr


class _Counter(http.server.BaseHTTPRequestHandler):
    requests: list = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(_PNG)

    def log_message(self, *args):
        pass


_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


@pytest.fixture
def server():
    _Counter.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _linked_image_template(path: Path, url: str, local: Path) -> Path:
    """A template whose first layout and master show pictures linked by URL and by file path."""
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml import parse_xml
    from pptx.oxml.ns import nsdecls

    prs = Presentation()
    owners = [prs.slide_master, *prs.slide_master.slide_layouts]
    for number, (owner, target) in enumerate(zip(owners, [f"{url}/master.png", local.as_uri()] +
                                                  [f"{url}/layout{i}.png" for i in range(20)])):
        rid = owner.part.relate_to(target, RT.IMAGE, is_external=True)
        owner.shapes._spTree.append(parse_xml(
            f'<p:pic {nsdecls("p", "a", "r")}><p:nvPicPr><p:cNvPr id="{900 + number}" name="Logo"/>'
            f'<p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:link="{rid}"/><a:stretch>'
            f'<a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'</p:spPr></p:pic>'))
    prs.save(str(path))
    return path


def test_external_images_of_a_template_are_dropped_and_reported(tmp_path, server):
    from pptx import Presentation

    secret = tmp_path / "secret.png"
    secret.write_bytes(_PNG)
    template = _linked_image_template(tmp_path / "linked.pptx", server, secret)
    result = _build_with(template, tmp_path, only="deck")
    assert result.returncode in (0, 1), result.stderr
    assert f"{template}:/ppt/slideMasters/slideMaster1.xml: external image {server}/master.png dropped" \
        in result.stderr, result.stderr
    assert secret.as_uri() in result.stderr
    deck = Presentation(str(tmp_path / "out" / "sherpa" / "deck.pptx"))
    external = [rel.target_ref for part in deck.part.package.iter_parts() for rel in part.rels.values()
                if rel.is_external and not rel.reltype.endswith("/hyperlink")]
    assert external == []
    logos = [shape for layout in deck.slide_layouts for shape in layout.shapes if shape.name == "Logo"]
    assert logos == []  # the pictures went with their links: no broken-picture frame
    assert _Counter.requests == []


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_the_pdf_of_a_linked_image_template_fetches_nothing(tmp_path, server):
    secret = tmp_path / "secret.png"
    secret.write_bytes(_PNG)
    template = _linked_image_template(tmp_path / "linked.pptx", server, secret)
    result = _build_with(template, tmp_path, only="pdf")
    assert result.returncode in (0, 1), result.stderr
    assert (tmp_path / "out" / "sherpa" / "deck.pdf").is_file()
    assert _Counter.requests == []


def _variant(path: Path, drop: str | None = None, edit=None) -> Path:
    """The plain template with one member left out, or one member's XML edited."""
    with zipfile.ZipFile(io.BytesIO(_plain_template())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != drop:
                data = source.read(info.filename)
                out.writestr(info, edit(info.filename, data) if edit else data)
    return path


def _no_size(name, data):
    return re.sub(rb"<p:sldSz[^>]*/>", b"", data) if name == "ppt/presentation.xml" else data


def _no_position(*names):
    def edit(name, data):
        return re.sub(rb"<a:xfrm>.*?</a:xfrm>", b"", data, flags=re.S) if name in names else data
    return edit


BROKEN = {
    "missing layout part": ({"drop": "ppt/slideLayouts/slideLayout6.xml"},
                            "the template is incomplete: its slide master lists a layout whose part"),
    "no slide size": ({"edit": _no_size}, "the template does not give its slide size"),
    "no title position": ({"edit": _no_position("ppt/slideLayouts/slideLayout6.xml",
                                                "ppt/slideMasters/slideMaster1.xml")},
                          "the title placeholder of the layout 'Title Only' has no position or size"),
    "title-slide position from the master": ({"edit": _no_position("ppt/slideLayouts/slideLayout1.xml")},
                                              None),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_template_missing_a_part_a_size_or_a_position(tmp_path, case):
    how, words = BROKEN[case]
    template = _variant(tmp_path / "broken.pptx", **how)
    for result in (_build_with(template, tmp_path),
                   run_planner("build", "--check-template", "--template", template, cwd=tmp_path)):
        if words is None:  # the deck places what the layout does not: it builds
            assert result.returncode in (0, 1), result.stderr
            continue
        assert result.returncode == 2, result.stdout + result.stderr
        assert f"{template}: error: {words}" in result.stderr, result.stderr
