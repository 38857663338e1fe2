"""The editions read right with no style sheet at all: no doubled quotation marks, no lost words.

Several reading systems drop the publisher's styles at the reader's choice; the browser's own style then
applies, and a ``<q>`` around text that already carries its typed marks shows two pairs ("““ ... ””").
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.writers.conftest import CHROMIUM
from toolkit.options import Context, Options
from toolkit.pipeline import render

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="no system Chromium at /usr/bin/chromium")

# two opening or two closing marks of the same kind in a row: what a second, generated pair leaves
DOUBLED = re.compile(r"““|””|‘‘|’’|\"\"|„„|««|»»|‹‹|››")
XHTML = "{http://www.w3.org/1999/xhtml}"


def without_styles(markup: bytes, xml: bool) -> bytes:
    """The page with every ``<link rel="stylesheet">``, ``<style>`` and ``style=""`` removed."""
    if xml:
        root = etree.fromstring(markup)
    else:
        from lxml import html as lhtml

        root = lhtml.fromstring(markup)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.removeprefix(XHTML)
        if tag == "style" or (tag == "link" and "stylesheet" in (el.get("rel") or "")):
            el.getparent().remove(el)
        elif el.get("style") is not None:
            del el.attrib["style"]
    if xml:
        return etree.tostring(root, xml_declaration=True, encoding="utf-8")
    return etree.tostring(root, method="html", encoding="utf-8", doctype="<!DOCTYPE html>")


def shown_text(browser, path: Path) -> tuple[str, int, int]:
    """(the text Chromium draws, how many ``q`` elements, how many quotations) for the page at ``path``.

    The text is read back from Chromium's print of the page: ``innerText`` would leave out the marks the
    browser generates (``q::before``), which are the ones that double."""
    from pypdf import PdfReader

    pg = browser.new_page()
    try:
        pg.goto(path.as_uri())
        pg.wait_for_load_state("load")
        counts = (pg.evaluate("document.querySelectorAll('q').length"),
                  pg.evaluate("document.querySelectorAll('.quote').length"))
        drawn = PdfReader(io.BytesIO(pg.pdf())).pages
        return "\n".join(p.extract_text() for p in drawn), *counts
    finally:
        pg.close()


@pytest.fixture(scope="module")
def seed_epub(seed_doc, seed_path) -> bytes:
    options = Options()
    return render(seed_doc, "epub", options, Context(input_path=seed_path, options=options))


def test_seed_epub_without_style_sheets_shows_each_mark_once(browser, seed_epub, tmp_path):
    book = zipfile.ZipFile(io.BytesIO(seed_epub))
    page = tmp_path / "article.xhtml"
    page.write_bytes(without_styles(book.read("EPUB/article.xhtml"), xml=True))
    text, q_count, quotes = shown_text(browser, page)
    assert q_count == 0
    assert quotes > 5  # the seed's direct quotations are all there, marked up
    assert "“" in text
    assert "”" in text
    assert DOUBLED.findall(text) == []
    assert text.count("“") == text.count("”")


def test_seed_html_edition_without_style_sheets_shows_each_mark_once(browser, seed_doc, tmp_path):
    page = tmp_path / "seed.html"
    page.write_bytes(without_styles(render(seed_doc, "html", Options(), Context()), xml=False))
    text, q_count, quotes = shown_text(browser, page)
    assert q_count == 0
    assert quotes > 5
    assert DOUBLED.findall(text) == []


def test_plain_html_edition_has_no_q_either(seed_doc):
    markup = render(seed_doc, "html", Options(annotations=False), Context()).decode()
    assert "<q>" not in markup
    assert "<q " not in markup
    assert "“" in markup


# ---------------------------------------------------------------- notes every reading system shows
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@pytest.fixture(scope="module")
def notes_page(tmp_path_factory) -> etree._Element:
    import shutil

    import toolkit

    folder = tmp_path_factory.mktemp("notes")
    for name in ("epub-article.md", "epub-references.json"):
        shutil.copy(FIXTURES / name, folder / name)
    src = folder / "epub-article.md"
    options = Options()
    epub = render(toolkit.read(src), "epub", options, Context(input_path=src, options=options))
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(epub)).read("EPUB/article.xhtml"))


def test_notes_and_sources_are_list_items_not_asides(notes_page):
    """Apple Books hides ``<aside epub:type="footnote">`` from the flow: no note or source may live in one."""
    assert notes_page.findall(f".//{XHTML}aside") == []
    refs = notes_page.findall(f".//{XHTML}a[@{EPUB_TYPE}='noteref']")
    assert len(refs) >= 5  # the fixture's two notes and its citations
    ids = {el.get("id"): el for el in notes_page.iter() if isinstance(el.tag, str) and el.get("id")}
    for ref in refs:
        target = ids[ref.get("href")[1:]]  # every call lands on an element of the page
        assert target.tag == f"{XHTML}li"
        assert target.getparent().tag in (f"{XHTML}ol", f"{XHTML}ul")
        assert "".join(target.itertext()).strip()
    notes = notes_page.find(f".//{XHTML}section[@id='notes']")
    assert notes.get(EPUB_TYPE) == "endnotes"
    assert notes.get("role") == "doc-endnotes"
    assert [li.get(EPUB_TYPE) for li in notes.iter(f"{XHTML}li")] == [None, None]  # "endnote" is deprecated
