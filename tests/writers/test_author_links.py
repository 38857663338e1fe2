"""Every link the author made to an id of their own resolves in every edition, and a DOCX holding only a
table builds all three editions (issue 23)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import toolkit
from toolkit.pandoc.run import pandoc_path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "preserve"


def author_links(markdown: str) -> set[str]:
    return set(re.findall(r"\]\(#([A-Za-z][\w:.-]*)\)", markdown))


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    work = tmp_path_factory.mktemp("links")
    for name in ("article.md", "references.json"):
        shutil.copy2(FIXTURES / name, work / name)
    from PIL import Image

    Image.new("RGB", (80, 50), (40, 90, 160)).save(work / "basin.png")
    return toolkit.build(work / "article.md", ["html", "epub", "pdf"], work / "out"), work


def test_the_fixture_links_to_its_own_ids():
    assert {"tides", "engineers"} <= author_links((FIXTURES / "article.md").read_text(encoding="utf-8"))


def test_every_author_link_resolves_in_html_and_epub(editions):
    (html, epub, _pdf), work = editions
    targets = author_links((work / "article.md").read_text(encoding="utf-8"))
    page = html.read_text(encoding="utf-8")
    book = zipfile.ZipFile(epub).read("EPUB/article.xhtml").decode("utf-8")
    for text in (page, book):
        ids = set(re.findall(r'\sid="([^"]+)"', text))
        hrefs = set(re.findall(r'href="#([^"]+)"', text))
        assert targets <= hrefs  # the links are there
        assert targets <= ids  # and land on the author's ids
        assert hrefs <= ids, sorted(hrefs - ids)  # no internal link of the edition is dangling


def test_every_author_link_resolves_in_the_pdf(editions):
    (_html, _epub, pdf), work = editions
    targets = author_links((work / "article.md").read_text(encoding="utf-8"))
    reader = PdfReader(pdf)
    named = set(reader.named_destinations)
    assert targets <= named, sorted(targets - named)


def test_a_docx_holding_only_a_table_builds_three_editions(tmp_path):
    md = tmp_path / "t.md"
    md.write_text("| Berth | Vessel |\n|---|---|\n| 1 | Morwenna |\n| 2 | Gull |\n", encoding="utf-8")
    docx = tmp_path / "table.docx"
    subprocess.run([pandoc_path(), str(md), "-o", str(docx)], check=True, timeout=120)
    html, epub, pdf = toolkit.build(docx, ["html", "epub", "pdf"], tmp_path / "out")
    assert "<table" in html.read_text(encoding="utf-8")
    assert "Morwenna" in zipfile.ZipFile(epub).read("EPUB/article.xhtml").decode("utf-8")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Morwenna" in text
