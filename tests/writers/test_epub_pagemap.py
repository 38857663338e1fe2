"""--page-map: page break markers and a page list that match the pages of the PDF edition."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import toolkit
from toolkit.options import Context, Options
from toolkit.writers.epub.pagemap import PageStart, insert_markers

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
X = "{http://www.w3.org/1999/xhtml}"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def letters(text: str) -> str:
    return re.sub(r"[\W_]", "", text.lower())


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> dict:
    """The Markdown test article's PDF and page-mapped EPUB, built with the same options (A5: more pages)."""
    folder = tmp_path_factory.mktemp("pagemap")
    src = folder / "article.md"
    shutil.copy(FIXTURES / "epub-article.md", src)
    shutil.copy(FIXTURES / "epub-references.json", folder / "epub-references.json")
    doc = toolkit.read(src)
    options = Options(paper="a5", page_map=True)
    ctx = Context(input_path=src, options=options)
    pdf = folder / "article.pdf"
    pdf.write_bytes(toolkit.render(doc, "pdf", options, ctx))
    return {"pdf": pdf, "epub": toolkit.render(doc, "epub", options, ctx)}


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def text_after_markers(xhtml: bytes) -> dict[int, str]:
    """Page number -> the text that follows its marker (note calls left out)."""
    root = etree.fromstring(xhtml)
    for sup in root.iterfind(".//x:a[@role='doc-noteref']/x:sup", NS):
        sup.text = ""
    marks = root.xpath("//*[@role='doc-pagebreak']")
    for mark in marks:
        mark.text = f"\ue000{mark.get('aria-label')}\ue000"
    parts = "".join(root.find(f"{X}body").itertext()).split("\ue000")
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def test_every_pdf_page_has_a_marker_and_a_page_list_entry(editions):
    zf = zipfile.ZipFile(io.BytesIO(editions["epub"]))
    count = len(pdf_pages(editions["pdf"]))
    assert count >= 3
    found = {}
    for name in ("EPUB/titlepage.xhtml", "EPUB/article.xhtml"):
        for mark in etree.fromstring(zf.read(name)).xpath("//*[@role='doc-pagebreak']"):
            assert mark.get(EPUB_TYPE) == "pagebreak"
            found[mark.get("aria-label")] = f"{name[5:]}#{mark.get('id')}"
    assert list(found) == [str(n) for n in range(1, count + 1)]
    nav = etree.fromstring(zf.read("EPUB/nav.xhtml"))
    pagelist = nav.find(".//x:nav[@role='doc-pagelist']", NS)
    assert {a.text: a.get("href") for a in pagelist.iterfind(".//x:a", NS)} == found


def build_pair(folder: Path, src: Path) -> dict:
    doc = toolkit.read(src)
    options = Options(paper="a5", page_map=True)
    ctx = Context(input_path=src, options=options)
    pdf = folder / (src.stem + ".pdf")
    pdf.write_bytes(toolkit.render(doc, "pdf", options, ctx))
    return {"pdf": pdf, "epub": toolkit.render(doc, "epub", options, ctx)}


@pytest.fixture(scope="module")
def seed_pair(tmp_path_factory, seed_path) -> dict:
    return build_pair(tmp_path_factory.mktemp("pagemap-seed"), seed_path)


def breaks_inside_paragraphs(xhtml: bytes) -> int:
    """How many page-break markers stand after some text of their paragraph."""
    root = etree.fromstring(xhtml)
    count = 0
    for mark in root.xpath("//*[@role='doc-pagebreak']"):
        para = next((a for a in mark.iterancestors() if a.tag == f"{X}p"), None)
        if para is None:
            continue
        mark.text = "\ue001"
        count += bool("".join(para.itertext()).split("\ue001")[0].strip())
    return count


@pytest.mark.parametrize("which", ["article", "seed"])
def test_markers_stand_where_the_pdf_pages_begin(editions, seed_pair, which):
    """The words after each marker are the first words of that PDF page's text (after the running head)."""
    pair = editions if which == "article" else seed_pair
    pages = pdf_pages(pair["pdf"])
    xhtml = zipfile.ZipFile(io.BytesIO(pair["epub"])).read("EPUB/article.xhtml")
    after = text_after_markers(xhtml)
    assert set(after) == set(range(2, len(pages) + 1))
    for number, text in after.items():
        want = letters(text)[:40]
        assert len(want) == 40
        page = letters(pages[number - 1])
        assert want in page[:300], f"page {number}: {text[:60]!r} is not where the PDF page begins"
        assert want not in letters(pages[number - 2])
    if which == "seed":
        assert breaks_inside_paragraphs(xhtml) >= 1, "the seed in A5 breaks pages inside paragraphs"


def test_page_source_and_accessibility_features(editions):
    opf = etree.fromstring(zipfile.ZipFile(io.BytesIO(editions["epub"])).read("EPUB/content.opf"))
    source = opf.find(".//dc:source[@id='page-source']", NS)
    assert "print edition" in source.text
    assert "A5" in source.text
    refine = opf.find(".//opf:meta[@refines='#page-source']", NS)
    assert (refine.get("property"), refine.text) == ("source-of", "pagination")
    features = [m.text for m in opf.iterfind(".//opf:meta[@property='schema:accessibilityFeature']", NS)]
    assert {"pageBreakMarkers", "pageNavigation"} <= set(features)


def _para(body: str) -> bytes:
    return (f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body>'
            f'<p id="p1">{body}</p><h2 id="h">Heading</h2></body></html>').encode()


def _marked(xhtml: bytes) -> str:
    root = etree.fromstring(xhtml)
    for mark in root.xpath("//*[@role='doc-pagebreak']"):
        mark.text = "|"
    return "".join(root.find(f"{X}body").itertext())


@pytest.mark.parametrize(("body", "offset", "expected"), [
    ("Alpha beta gamma.", 5, "Alpha |beta gamma.Heading"),
    ("Alpha “beta” gamma.", 5, "Alpha |“beta” gamma.Heading"),
    ("Alpha be<em>ta gam</em>ma delta.", 7, "Alpha beta |gamma delta.Heading"),  # a word split by markup
    ("Hyphen-ated word here.", 8, "Hyphen-ated |word here.Heading"),            # the page began mid-word
    ("Note call<a class=\"noteref\"><sup>12</sup></a> then more.", 8, "Note call12 |then more.Heading"),
    ("Short.", 0, "|Short.Heading"),
])
def test_marker_placement_inside_a_paragraph(body, offset, expected):
    xhtml, placed = insert_markers(_para(body), [PageStart(2, "p1", offset)])
    assert placed == [2]
    assert _marked(xhtml) == expected


def test_marker_goes_before_a_heading_and_after_a_finished_block():
    xhtml, _ = insert_markers(_para("Alpha."), [PageStart(2, "p1", 5, after=True), PageStart(3, "h", 0)])
    assert _marked(xhtml) == "Alpha.||Heading"
    body = etree.fromstring(xhtml).find(f"{X}body")
    assert [c.get("id") for c in body] == ["p1", "page-2", "page-3", "h"]
