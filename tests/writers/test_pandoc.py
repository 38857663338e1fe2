"""The pandoc-backed writers (DOCX, ODT, JATS, LaTeX, Markdown) on the seed and on a Markdown article.

DOCX, ODT and LaTeX are read back by pandoc and must hold every paragraph, in order; JATS must be
well-formed XML with every paragraph (its DTD is not shipped here, so it is not validated).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import toolkit
from tests.writers.pandoc_inputs import article_copy
from toolkit.errors import InputError
from toolkit.options import Context, Options
from toolkit.pandoc.from_ast import from_pandoc_json
from toolkit.pandoc.run import run_pandoc
from toolkit.tree.nodes import BlockQuote, Document, ListBlock, Para
from toolkit.tree.walk import plain_text

WRITERS = {"docx": "docx", "odt": "odt", "markdown": "md", "jats": "xml", "latex": "tex"}
READ_BACK = {"docx": "docx", "odt": "odt", "latex": "latex", "markdown": "markdown"}


def _norm(s: str) -> str:
    return " ".join(s.split())


def paragraphs(blocks) -> list[str]:
    """Paragraph texts in reading order (block quotes and list items included, notes not)."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append(_norm(plain_text(b.children)))
        elif isinstance(b, BlockQuote):
            out += paragraphs(b.blocks)
        elif isinstance(b, ListBlock):
            for item in b.items:
                out += paragraphs(item)
    return [p for p in out if p]


def assert_in_order(expected: list[str], found: list[str]) -> None:
    pos = 0
    for para in expected:
        assert para in found[pos:], f"paragraph missing or out of order: {para[:60]!r}"
        pos = found.index(para, pos) + 1


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> tuple[Document, Context]:
    path = article_copy(tmp_path_factory.mktemp("article"))
    ctx = Context(input_path=path)
    return toolkit.read(path, ctx=ctx), ctx


@pytest.fixture(scope="module")
def seed(seed_path) -> tuple[Document, Context]:
    ctx = Context(input_path=seed_path)
    return toolkit.read(seed_path, ctx=ctx), ctx


def render(doc_ctx, fmt: str, options: Options | None = None) -> bytes:
    doc, ctx = doc_ctx
    return toolkit.render(doc, fmt, options or Options(), ctx)


def read_back(data: bytes, fmt: str) -> tuple[dict, tuple]:
    return from_pandoc_json(run_pandoc(["--from", READ_BACK[fmt], "--to", "json"], data))


@pytest.mark.parametrize("fmt", sorted(READ_BACK))
@pytest.mark.parametrize("which", ["seed", "article"])
def test_pandoc_reads_back_every_paragraph(request, which, fmt):
    doc_ctx = request.getfixturevalue(which)
    meta, blocks = read_back(render(doc_ctx, fmt), fmt)
    assert_in_order(paragraphs(doc_ctx[0].blocks), paragraphs(blocks))
    title = doc_ctx[0].meta.title
    if fmt in ("docx", "latex", "markdown"):  # ODT keeps the title as a styled paragraph
        assert _norm(meta.get("title", "")) == title


@pytest.mark.parametrize("which", ["seed", "article"])
def test_jats_is_well_formed_with_every_paragraph(request, which):
    doc_ctx = request.getfixturevalue(which)
    data = render(doc_ctx, "jats")
    parser = etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)
    root = etree.fromstring(data, parser)
    assert root.tag == "article"
    assert root.findtext(".//front/article-meta/title-group/article-title").split() == \
        doc_ctx[0].meta.title.split()
    # footnote calls are <xref>s inside the paragraph: drop their labels before comparing
    for p in root.iterfind(".//body//xref[@ref-type='fn']"):
        p.text = ""
    body = [_norm("".join(p.itertext())) for p in root.iterfind(".//body//p")]
    assert_in_order(paragraphs(doc_ctx[0].blocks), body)


def test_jats_front_matter_carries_the_metadata(article):
    root = etree.fromstring(render(article, "jats"), etree.XMLParser(load_dtd=False, no_network=True))
    names = [_norm(n.text) for n in root.iterfind(".//contrib-group/contrib/string-name")]
    assert names == list(article[0].meta.authors)
    assert root.find(".//pub-date").get("iso-8601-date") == "2021-03-14"
    assert root.findtext(".//permissions/copyright-statement") == "CC BY 4.0"
    assert [k.text for k in root.iterfind(".//kwd-group/kwd")] == ["Water", "Energy"]
    notes = [_norm("".join(fn.itertext())) for fn in root.iterfind(".//back//fn")]
    assert any("Annual Flow Report 2020" in n for n in notes)


def _docx_xml(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


def test_docx_has_quotes_figure_caption_and_footnoted_sources(article):
    data = render(article, "docx")
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(n.startswith("word/media/") and n.endswith(".png") for n in names), "the figure's image is embedded"
    body = _docx_xml(data, "word/document.xml")
    assert '<w:pStyle w:val="ImageCaption" />' in body
    text = _norm(re.sub(r"<[^>]+>", "", body))
    assert "\u201cWe used to fish here every morning,\u201d said Maria Sousa" in text
    assert "Photo: Ana Lima" in text
    notes = _norm(re.sub(r"<[^>]+>", " ", _docx_xml(data, "word/footnotes.xml")))
    assert "Ministry of Water Resources, Annual Flow Report 2020" in notes
    assert "Regional Wire Service (RWS)" in notes
    assert notes.count("Annual Flow Report 2020") == 1, "a source is footnoted at its first citation only"


def test_seed_docx_figure_without_image_keeps_caption_and_credit(seed):
    body = _norm(re.sub(r"<[^>]+>", "", _docx_xml(render(seed, "docx"), "word/document.xml")))
    assert "Omir Bekali demonstrates how he was strung up" in body
    assert "Credit: AP Photo/Ng Han Guan" in body


def test_docx_is_reproducible(article):
    options = Options(source_date_epoch=1_600_000_000)
    assert render(article, "docx", options) == render(article, "docx", options)


def _reference_docx(tmp_path: Path) -> Path:
    """pandoc's own reference document with the body font changed: a house style."""
    ref = tmp_path / "house.docx"
    default = run_pandoc(["--print-default-data-file", "reference.docx"], b"")
    src = zipfile.ZipFile(io.BytesIO(default))
    with zipfile.ZipFile(ref, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/styles.xml":
                content = re.sub(rb'w:ascii="[^"]+"', b'w:ascii="House Serif"', content)
            dst.writestr(item, content)
    return ref


def test_docx_reference_doc_gives_its_styles(article, tmp_path):
    ref = _reference_docx(tmp_path)
    plain = _docx_xml(render(article, "docx"), "word/styles.xml")
    styled = _docx_xml(render(article, "docx", Options(reference_doc=ref)), "word/styles.xml")
    assert "House Serif" not in plain
    assert "House Serif" in styled


def test_missing_reference_doc_is_an_input_error(article, tmp_path):
    with pytest.raises(InputError, match="reference document not found"):
        render(article, "docx", Options(reference_doc=tmp_path / "missing.docx"))


def test_odt_embeds_the_image_and_keeps_the_notes(article):
    data = render(article, "odt")
    zf = zipfile.ZipFile(io.BytesIO(data))
    assert zf.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    assert any(n.startswith("Pictures/") for n in zf.namelist())
    content = zf.read("content.xml").decode("utf-8")
    assert content.count("<text:note ") == 3  # two sources, one footnote


def test_latex_refers_to_the_image_and_is_standalone(article):
    tex = render(article, "latex").decode("utf-8")
    assert "\\begin{document}" in tex
    assert "\\includegraphics" in tex
    assert "riverbed.png" in tex
    assert "\\footnote{Ministry of Water Resources" in _norm(tex)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_cli_builds_each_format(tmp_path, fmt):
    from click.testing import CliRunner

    from toolkit.cli.commands import main

    src = article_copy(tmp_path / "in")
    result = CliRunner().invoke(main, ["build", str(src), "--to", fmt, "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = [p for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")]
    assert [p.name for p in written] == [f"rivers-without-borders-how-one-dam-divides-two-valleys.{WRITERS[fmt]}"]
    assert written[0].stat().st_size > 1000
