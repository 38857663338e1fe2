"""The EPUB's identity and dates (issue 28): an identifier that comes from the article (its own, its URL,
its path) and survives a corrected phrase; dates that are the article's or the build's, said as such;
and the metadata keys pandoc users already write (``cover-image``, ``description``, ``subject``,
``identifier``) read alongside the toolkit's own."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

import toolkit
from tests.conftest import SEED
from toolkit.options import Options

NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml"}


def epub_of(path: Path, out: Path, **opts) -> zipfile.ZipFile:
    built = toolkit.build(path, ["epub"], out, Options(**opts))
    return zipfile.ZipFile(io.BytesIO(Path(built[0]).read_bytes()))


def opf(book: zipfile.ZipFile):
    return etree.fromstring(book.read("EPUB/content.opf"))


def dc(book: zipfile.ZipFile, name: str) -> list[str]:
    return [e.text for e in opf(book).iterfind(f".//dc:{name}", NS)]


def modified(book: zipfile.ZipFile) -> str:
    return opf(book).findtext(".//opf:meta[@property='dcterms:modified']", namespaces=NS)


def built_on(book: zipfile.ZipFile) -> str:
    """The colophon's build date: the <time> in the paragraph that says the edition was built."""
    page = etree.fromstring(book.read("EPUB/colophon.xhtml"))
    para = next(p for p in page.iterfind(".//x:p", NS) if "built by" in "".join(p.itertext()))
    return para.find("x:time", NS).get("datetime")


def markdown(folder: Path, front: str, name: str = "walk.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"---\n{front.strip()}\n---\n\nAna Petrova walked along the river bank at dawn, counting "
                    "the herons that stood in the shallows.\n\nTomasz Wójcik joined her by the old mill.\n",
                    encoding="utf-8")
    return path


@pytest.fixture
def no_epoch(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


# ---------------------------------------------------------------- identity
@pytest.mark.skipif(not SEED.is_file(), reason="the seed article is not here")
def test_a_corrected_phrase_keeps_the_book_and_another_article_is_another(tmp_path):
    article = tmp_path / "src" / "article.txt"
    article.parent.mkdir()
    shutil.copy(SEED, article)
    first = dc(epub_of(article, tmp_path / "one"), "identifier")
    text = article.read_text(encoding="utf-8")
    corrected = text.replace(" the ", " a ", 1)
    assert corrected != text
    article.write_text(corrected, encoding="utf-8")  # the same article at the same path, one phrase corrected
    assert dc(epub_of(article, tmp_path / "two"), "identifier") == first
    other = tmp_path / "src" / "other.txt"
    other.write_text("A Quiet Harbour\n\nAna Petrova counted the boats that came home before the storm. "
                     "Tomasz Wójcik kept the lamp lit on the pier until the last one was tied up.\n",
                     encoding="utf-8")
    assert dc(epub_of(other, tmp_path / "three"), "identifier") != first


def test_the_authors_identifier_is_used_as_given_or_as_a_uuid_of_it(tmp_path):
    path = markdown(tmp_path / "a", "title: A Walk\nlang: en")
    isbn = epub_of(path, tmp_path / "o1", meta=(("identifier", "urn:isbn:9780306406157"),))
    assert dc(isbn, "identifier") == ["urn:isbn:9780306406157"]
    named = dc(epub_of(path, tmp_path / "o2", meta=(("identifier", "river-walks-7"),)), "identifier")
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", named[0])
    elsewhere = markdown(tmp_path / "b", "title: Another Walk\nlang: en")  # another path, another title
    assert dc(epub_of(elsewhere, tmp_path / "o3", meta=(("identifier", "river-walks-7"),)), "identifier") == named
    assert dc(epub_of(elsewhere, tmp_path / "o4"), "identifier") != named


def test_pandocs_identifier_key_in_the_front_matter(tmp_path):
    plain = markdown(tmp_path / "a", "title: A Walk\nidentifier: https://example.org/walks/7")
    assert dc(epub_of(plain, tmp_path / "o1"), "identifier") == ["https://example.org/walks/7"]
    schemed = markdown(tmp_path / "b", "title: A Walk\nidentifier:\n  - scheme: ISBN-13\n    text: 978-0-306-40615-7")
    assert dc(epub_of(schemed, tmp_path / "o2"), "identifier") == ["978-0-306-40615-7"]


# ---------------------------------------------------------------- dates
def test_the_build_date_is_the_builds_not_the_input_files(tmp_path, no_epoch, monkeypatch):
    path = markdown(tmp_path / "a", "title: A Walk\nlang: en")
    old = datetime(2001, 5, 17, 12, tzinfo=UTC).timestamp()
    os.utime(path, (old, old))
    book = epub_of(path, tmp_path / "o1")
    today = datetime.now(UTC).date().isoformat()
    assert built_on(book) == today
    assert modified(book) == f"{today}T00:00:00Z"  # a day, not a moment: same-day rebuilds are identical
    assert "2001" not in book.read("EPUB/colophon.xhtml").decode()
    book = epub_of(path, tmp_path / "o2", source_date_epoch=86400 * 365)  # reproducible builds still win
    assert (built_on(book), modified(book)) == ("1971-01-01", "1971-01-01T00:00:00Z")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(86400 * 366))
    book = epub_of(path, tmp_path / "o3")
    assert (built_on(book), modified(book)) == ("1971-01-02", "1971-01-02T00:00:00Z")


def test_the_articles_own_date_is_its_first_publication(tmp_path, no_epoch):
    path = markdown(tmp_path / "a", "title: A Walk\nlang: en\ndate: 2021-05-04\npublisher: The River Review")
    old = datetime(2001, 5, 17, 12, tzinfo=UTC).timestamp()
    os.utime(path, (old, old))
    book = epub_of(path, tmp_path / "o1")
    page = book.read("EPUB/colophon.xhtml").decode()
    assert re.search(r'first published by The River Review on <time datetime="2021-05-04">', page)
    assert built_on(book) == datetime.now(UTC).date().isoformat()
    assert dc(book, "date") == ["2021-05-04"]


# ---------------------------------------------------------------- pandoc's keys
def test_cover_image_key_gives_the_authors_cover(tmp_path):
    from PIL import Image

    folder = tmp_path / "a"
    folder.mkdir()
    Image.new("RGB", (60, 90), (20, 110, 170)).save(folder / "front.png")
    path = markdown(folder, "title: A Walk\nlang: en\ncover-image: front.png")
    book = epub_of(path, tmp_path / "o1")
    assert book.read("EPUB/images/cover.png") == (folder / "front.png").read_bytes()
    ours = markdown(tmp_path / "b", "title: A Walk\nlang: en")  # no key: the cover drawn from the title
    assert epub_of(ours, tmp_path / "o2").read("EPUB/images/cover.png") != (folder / "front.png").read_bytes()


def test_description_subject_and_the_rest_of_pandocs_keys(tmp_path):
    front = """
title: A Walk
subtitle: Herons at dawn
description: A morning on the river bank, counted heron by heron.
subject: [Rivers, Birds]
tags: [walking]
lang: en-GB
date: 2022-09-30
publisher: The River Review
rights: CC BY 4.0
"""
    book = epub_of(markdown(tmp_path / "a", front), tmp_path / "o1")
    assert dc(book, "description") == ["A morning on the river bank, counted heron by heron."]
    assert dc(book, "subject") == ["walking", "Rivers", "Birds"]
    assert (dc(book, "language"), dc(book, "date")) == (["en-GB"], ["2022-09-30"])
    assert (dc(book, "publisher"), dc(book, "rights")) == (["The River Review"], ["CC BY 4.0"])
    one = epub_of(markdown(tmp_path / "b", "title: A Walk\nsubtitle: Herons at dawn\nsubject: Rivers"),
                  tmp_path / "o2")
    assert dc(one, "subject") == ["Rivers"]
    assert dc(one, "description") == ["Herons at dawn"]  # no description: the subtitle stands in
