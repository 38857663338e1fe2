"""Every edition draws every kind of content: tables, definition lists, line blocks, styled words, formulas,
numbered lists that keep their start and style, right-to-left text, the abstract, figures without their image."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lhtml

from tests.writers.content_kinds_doc import cell, kinds_doc
from tests.writers.test_epub import epubcheck
from toolkit.options import Context, Options
from toolkit.pipeline import render
from toolkit.tree.nodes import Attr, Document, Figure, Meta, Para, Table, TableRow, Text

QA = Path(__file__).resolve().parents[3] / "shared" / "tools" / "qa"
MATHML = "http://www.w3.org/1998/Math/MathML"
XHTML = "http://www.w3.org/1999/xhtml"


def build(doc: Document, fmt: str, folder: Path, **opts) -> tuple[bytes, list[str]]:
    options = Options(**opts)
    ctx = Context(input_path=folder / "article.md", options=options)
    return render(doc, fmt, options, ctx), ctx.warnings


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("kinds")


@pytest.fixture(scope="module")
def html_edition(folder) -> tuple[bytes, list[str]]:
    return build(kinds_doc(), "html", folder)


@pytest.fixture(scope="module")
def page(html_edition):
    return lhtml.fromstring(html_edition[0])


@pytest.fixture(scope="module")
def epub_edition(folder) -> bytes:
    return build(kinds_doc(), "epub", folder)[0]


@pytest.fixture(scope="module")
def article_xhtml(epub_edition):
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(epub_edition)).read("EPUB/article.xhtml"))


@pytest.fixture(scope="module")
def pdf_edition(folder) -> Path:
    path = folder / "kinds.pdf"
    path.write_bytes(build(kinds_doc(), "pdf", folder)[0])
    return path


@pytest.fixture(scope="module")
def print_page(folder):
    """The HTML the PDF is laid out from."""
    from toolkit.guard.files import Resources
    from toolkit.writers.pdf.writer import print_html

    return lhtml.fromstring(print_html(kinds_doc(), Options(), Resources(folder), []))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


# ---------------------------------------------------------------- tables
def test_table_has_caption_sections_and_header_scopes(page):
    table = page.get_element_by_id("tab-cargo")
    assert table.tag == "table"
    assert table.find("caption").text_content() == "Cargo handled at the three quays"
    assert [c.get("scope") for c in table.xpath("./thead//th")] == ["col"] * 4
    assert [c.text_content() for c in table.xpath("./tbody/tr/th[@scope='row']")] == ["Northmole", "Saltgate",
                                                                                      "Ropewalk"]
    assert table.xpath("./tfoot/tr/th")[0].text_content() == "Total"
    assert table.xpath("./thead/tr[1]/th[1]/@rowspan") == ["2"]
    assert table.xpath("./thead/tr[1]/th[2]/@colspan") == ["2"]


def test_spanning_table_data_cells_name_their_headers(page):
    table = page.get_element_by_id("tab-cargo")
    ids = {th.get("id"): th.text_content() for th in table.iter("th")}
    cell_1377 = next(td for td in table.iter("td") if td.text_content() == "1,377")
    named = [ids[h] for h in cell_1377.get("headers").split()]
    assert named == ["Cargo handled (kt)", "2024", "Northmole"]
    assert len(ids) == 8  # every header cell has its own id


def test_table_alignment_and_widths_are_classes(page):
    table = page.get_element_by_id("tab-cargo")
    assert table.xpath("./colgroup/col/@class") == ["w-40", "w-30", "w-30"]
    assert "align-right" in next(td for td in table.iter("td") if td.text_content() == "845").get("class")
    assert not table.xpath(".//*[@style]")  # the HTML edition's CSP allows no style attribute


def test_a_table_without_spans_needs_no_headers_and_many_columns_make_it_wide(page):
    wide = page.xpath("//table[caption='Readings per quarter']")[0]
    assert "very-wide" in wide.get("class").split()
    assert not wide.xpath(".//@headers")
    assert not wide.xpath(".//th/@id")
    assert wide.xpath(".//th/@scope") == ["col"] * 10


# ---------------------------------------------------------------- lists, terms, verse, styled words
def test_numbered_lists_keep_start_and_style(page, print_page):
    roman, alpha = page.xpath("//ol[@type]")
    assert (roman.get("start"), roman.get("type"), roman.get("class")) == ("4", "i", "list-lower-roman")
    assert (alpha.get("start"), alpha.get("type")) == (None, "A")
    # WeasyPrint ignores start without presentational hints: the print HTML resets the list counter
    assert print_page.xpath("//ol[@start='4']/@style") == ["counter-reset: list-item 3"]


def test_definition_list(page):
    dl = page.find(".//dl")
    assert [dt.text_content() for dt in dl.findall("dt")] == ["Bollard", "Fender"]
    assert [dd.text_content() for dd in dl.findall("dd")] == ["A short post on a quay for mooring lines.",
                                                              "A cushion between hull and quay.",
                                                              "Also a bumper on a boat."]


def test_line_block_keeps_lines_and_indentation(page):
    lines = page.xpath("//div[@class='line-block']/span[@class='line']")
    assert [line.text_content() for line in lines] == ["The tide comes in,", "\u00a0" * 4 + "the tide goes out,", "",
                                                       "and the harbour waits."]
    assert len(page.xpath("//div[@class='line-block']/br")) == 3


def test_styled_words(page, print_page):
    for tree in (page, print_page):
        assert [d.text_content() for d in tree.iter("del")] == ["approved"]
        assert [s.text_content() for s in tree.iter("sub")] == ["2"]
        assert "2" in [s.text_content() for s in tree.iter("sup")]
        assert tree.xpath("//span[@class='smallcaps']")[0].text_content() == "Harbour Act"
        assert [u.text_content() for u in tree.iter("u")] == ["amended"]


def test_direction_and_language_on_any_element(page, article_xhtml):
    div = page.get_element_by_id("arabic-note")
    assert (div.get("dir"), div.get("lang")) == ("rtl", "ar")
    assert page.xpath("//span[@lang='fr']")[0].text_content() == "bonjour"
    xdiv = article_xhtml.find(f".//{{{XHTML}}}div[@id='arabic-note']")
    assert xdiv.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert xdiv.get("dir") == "rtl"


def test_abstract_comes_first_under_its_heading(page):
    section = page.xpath("//section[@class='abstract']")[0]
    assert section.find("h2").text_content() == "Abstract"
    body = page.xpath("//div[@class='article-body']")[0]
    assert body.index(section) == 0
    assert "summarises the harbour report" in section.text_content()


def test_edition_ids_avoid_the_authors_ids(folder):
    doc = kinds_doc()
    doc = Document(meta=doc.meta, abstract=doc.abstract, blocks=(Para((Text("Mine."),), Attr("abstract")),))
    tree = lhtml.fromstring(build(doc, "html", folder)[0])
    assert tree.get_element_by_id("abstract").tag == "p"
    assert tree.get_element_by_id("abstract-2").tag == "section"


def test_a_paragraphs_author_id_is_an_anchor_at_its_start(folder):
    para = Para((Text("Linked to."),), Attr("p1", (), (("author-id", "sec-intro"),)))
    doc = Document(meta=Meta(title="Anchors", language="en"), blocks=(para,))
    for fmt in ("html", "epub"):
        data = build(doc, fmt, folder)[0]
        text = data.decode() if fmt == "html" else zipfile.ZipFile(io.BytesIO(data)).read("EPUB/article.xhtml").decode()
        assert re.search(r'<p id="p1"><span id="sec-intro"></span>Linked to\.', text), fmt


# ---------------------------------------------------------------- formulas
def test_html_and_epub_have_mathml_with_the_tex_as_alternative(page, article_xhtml, html_edition):
    maths = page.xpath("//math")
    assert [m.get("alttext") for m in maths] == ["E = mc^2", r"\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}"]
    assert [m.get("display") for m in maths] == ["inline", "block"]
    assert maths[0].xpath(".//annotation[@encoding='application/x-tex']")[0].text == "E = mc^2"
    assert page.xpath("//p[@id='p2']/span[@class='after-display']")[0].text_content().startswith("which")
    xmaths = article_xhtml.findall(f".//{{{MATHML}}}math")
    assert len(xmaths) == 2
    assert xmaths[0].find(f".//{{{MATHML}}}mi").text == "E"


def test_unreadable_tex_is_kept_as_text_with_a_warning(page, html_edition):
    assert page.xpath("//code[contains(@class, 'math-tex')]")[0].text == r"\frac{a}{"
    assert any("formula" in w and r"\frac{a}{" in w for w in html_edition[1])


def test_epub_manifest_says_mathml(epub_edition):
    opf = zipfile.ZipFile(io.BytesIO(epub_edition)).read("EPUB/content.opf").decode()
    article = re.search(r'<item [^>]*href="article.xhtml"[^>]*>', opf).group(0)
    assert 'properties="mathml"' in article
    title = re.search(r'<item [^>]*href="titlepage.xhtml"[^>]*>', opf).group(0)
    assert "mathml" not in title


def test_print_html_draws_formulas_as_svg_images(print_page):
    assert not print_page.xpath("//math")
    imgs = print_page.xpath("//img[@class='math-svg']")
    assert [i.get("alt") for i in imgs] == ["E = mc^2", r"\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}"]
    assert all(i.get("src").startswith("data:image/svg+xml;base64,") for i in imgs)
    inline, display = imgs
    assert inline.getparent().get("class") == "math inline"
    assert display.getparent().get("class") == "math display"
    depth = float(re.search(r"vertical-align:(-?[\d.]+)em", display.get("style")).group(1))
    assert depth < -0.5  # the integral reaches well below the baseline: the image is lowered to sit on it


def test_svg_math_sizes_follow_the_formula():
    from toolkit.writers.pdf.math import draw

    small, tall = draw("x", False), draw(r"\frac{1}{\sqrt{2}}", True)
    assert 0 < small.height < tall.height
    assert draw(r"\frac{a}{", False) is None


# ---------------------------------------------------------------- figures without their image
def test_missing_image_note_keeps_caption_alt_and_credit(page, html_edition):
    fig = page.xpath("//figure[contains(@class, 'no-image')]")[0]
    assert not fig.xpath(".//img")
    assert fig.xpath("./div[@class='image-missing']")[0].text_content() == "Image not included: The harbour at dusk"
    assert "The harbour in 1910" in fig.find("figcaption").text_content()
    assert "City archive" in fig.find("figcaption").text_content()
    assert any("missing-harbour.png" in w for w in html_edition[1])


def test_missing_images_drop_keeps_the_caption_as_a_paragraph(folder):
    doc = Document(meta=Meta(title="Figures", language="en"), blocks=(
        Figure(src="gone.png", caption=(Text("A caption that stays"),)),
        Figure(src="gone-too.png", alt="nothing to say"),
        Para((Text("Text."),))))
    for fmt in ("html", "epub"):
        data, warnings = build(doc, fmt, folder, missing_images="drop")
        text = data.decode() if fmt == "html" else \
            zipfile.ZipFile(io.BytesIO(data)).read("EPUB/article.xhtml").decode()
        assert "<figure" not in text
        assert "Image not included" not in text
        assert re.search(r'<p[^>]* class="figure-caption"><span class="caption">A caption that stays', text)
        assert any("gone-too.png" in w and "dropped" in w for w in warnings)


def test_missing_images_option_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import main

    src = tmp_path / "a.md"
    src.write_text("---\ntitle: T\n---\n\nSome text here.\n\n![A harbour caption](nowhere.png)\n\nMore text.\n")
    result = CliRunner().invoke(main, ["build", str(src), "--to", "html", "-o", str(tmp_path / "out"),
                                       "--missing-images", "drop"])
    assert result.exit_code == 0, result.output
    html = next((tmp_path / "out").glob("*.html")).read_text()
    assert "A harbour caption" in html
    assert "Image not included" not in html
    assert "--missing-images" in CliRunner().invoke(main, ["build", "--help"]).output


# ---------------------------------------------------------------- the PDF
def test_pdf_text_has_cells_definitions_and_struck_words(pdf_edition):
    text = pdf_text(pdf_edition)
    for words in ("Cargo handled at the three quays", "Northmole", "1,377", "4,335", "Q10", "39",
                  "A short post on a quay for mooring lines.", "Also a bumper on a boat.", "approved",
                  "the tide goes out,", "Image not included", "The harbour in 1910", "This abstract summarises",
                  "iv.", r"\frac{a}{"):
        assert words in text, words


def test_pdf_repeats_table_head_rows_on_every_page(folder):
    rows = tuple(TableRow((cell(f"Row {i}", header=True), cell(str(i * 7)))) for i in range(1, 121))
    head = (TableRow((cell("Station", header=True), cell("Reading", header=True))),)
    doc = Document(meta=Meta(title="Long table", language="en"),
                   blocks=(Table(head, rows, caption=(Text("Readings"),)),))
    path = folder / "long.pdf"
    path.write_bytes(build(doc, "pdf", folder)[0])
    pages = pdf_text(path).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2
    assert all("Station" in p and "Reading" in p for p in pages)
    assert all(re.search(r"Row \d+\s+\d+", p) for p in pages)  # a row's cells stay together


def test_pdf_fits_a_table_of_many_columns_on_the_page(folder):
    head = (TableRow(tuple(cell(f"Measurement {i}", header=True) for i in range(1, 15))),)
    body = tuple(TableRow(tuple(cell(f"{r * 1234.5 + c:,.1f}") for c in range(14))) for r in range(1, 4))
    doc = Document(meta=Meta(title="Wide table", language="en"), blocks=(Table(head, body),))
    path = folder / "wide.pdf"
    path.write_bytes(build(doc, "pdf", folder)[0])
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "3,716.5" in text  # the last column's last cell: on the page, not cut off at its edge


# ---------------------------------------------------------------- validators
def test_epub_passes_epubcheck(epub_edition, tmp_path, monkeypatch):
    assert epubcheck(epub_edition, tmp_path, monkeypatch) == []


@pytest.mark.skipif(not (QA / "check-html").exists(), reason="the QA checkers are not here")
def test_html_edition_passes_vnu_and_axe(html_edition, tmp_path):
    path = tmp_path / "kinds.html"
    path.write_bytes(html_edition[0])
    run = subprocess.run([str(QA / "check-html"), str(path)], capture_output=True, text=True, timeout=300)
    if run.returncode == 3:
        pytest.skip("the QA tools are not set up (../shared/tools/qa/setup)")
    assert run.returncode == 0, run.stdout[-3000:]
