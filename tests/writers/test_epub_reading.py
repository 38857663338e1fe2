"""The reader's settings win (size, colours, typeface), and --embed-fonts ships a lawful subset of the text face."""

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
from toolkit.writers.html.themes import styles_dir

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NS = {"opf": "http://www.idpf.org/2007/opf", "x": "http://www.w3.org/1999/xhtml"}
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("reading")
    src = folder / "article.md"
    shutil.copy(FIXTURES / "epub-article.md", src)
    shutil.copy(FIXTURES / "epub-references.json", folder / "epub-references.json")
    doc = toolkit.read(src)
    out = {}
    for name, options in (("plain", Options()), ("fonts", Options(embed_fonts=True))):
        out[name] = toolkit.render(doc, "epub", options, Context(input_path=src, options=options))
    return out


def test_style_sheet_sizes_are_relative():
    css = (styles_dir() / "epub.css").read_text() + (styles_dir() / "base.css").read_text()
    sizes = re.findall(r"font-size:\s*([^;}]+)", css)
    assert sizes
    assert not [s for s in sizes if re.search(r"\d(px|pt|cm|mm|in)\b", s)]


PROBE = """() => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    out.push([el.tagName, el.className, s.color, s.backgroundColor, parseFloat(s.fontSize), s.fontFamily]);
  }
  return out;
}"""


def _probe(page, path: Path, reader_css: str):
    page.goto(path.as_uri())
    page.add_style_tag(content=reader_css)
    return page.evaluate(PROBE)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Chromium")
def test_reader_colours_sizes_and_typeface_win(books, tmp_path):
    from playwright.sync_api import sync_playwright

    zipfile.ZipFile(io.BytesIO(books["plain"])).extractall(tmp_path)
    reader = "html { font-size: %dpx; } body { color: rgb(1, 2, 3); font-family: 'Reader Face'; }"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 600, "height": 800})
            for name in ("titlepage.xhtml", "article.xhtml", "colophon.xhtml"):
                small = _probe(page, tmp_path / "EPUB" / name, reader % 12)
                large = _probe(page, tmp_path / "EPUB" / name, reader % 24)
                for (tag, cls, color, background, size, family), big in zip(small, large, strict=True):
                    if tag == "IMG":
                        continue
                    assert color == "rgb(1, 2, 3)", f"{name} {tag}.{cls} sets its own colour {color}"
                    assert background == "rgba(0, 0, 0, 0)", f"{name} {tag}.{cls} sets a background"
                    assert big[4] == pytest.approx(2 * size, rel=0.02), f"{name} {tag}.{cls} has a fixed size"
                    if tag == "P" and name == "article.xhtml":
                        assert family.strip('"') == "Reader Face", f"a paragraph is set in {family}"
        finally:
            browser.close()


def test_no_fonts_unless_asked(books):
    zf = zipfile.ZipFile(io.BytesIO(books["plain"]))
    assert not [n for n in zf.namelist() if n.startswith("EPUB/fonts/")]
    assert b"@font-face" not in zf.read("EPUB/style.css")


def test_embedded_faces_are_renamed_subsets_that_cover_the_text(books):
    from fontTools.ttLib import TTFont

    zf = zipfile.ZipFile(io.BytesIO(books["fonts"]))
    opf = etree.fromstring(zf.read("EPUB/content.opf"))
    fonts = [i.get("href") for i in opf.iterfind(".//opf:item[@media-type='font/ttf']", NS)]
    assert len(fonts) == 4
    css = zf.read("EPUB/style.css").decode()
    text = "".join("".join(etree.fromstring(zf.read(f"EPUB/{n}")).itertext())
                   for n in ("titlepage.xhtml", "article.xhtml", "colophon.xhtml"))
    needed = {ord(ch) for ch in text if not ch.isspace()}
    for href in fonts:
        assert f'url("{href}")' in css
        font = TTFont(io.BytesIO(zf.read(f"EPUB/{href}")))
        names = font["name"]
        for name_id in (1, 3, 4, 6):
            assert "charis" not in (names.getDebugName(name_id) or "").lower()
            assert "sil" not in (names.getDebugName(name_id) or "").lower().split()
        assert "Open Font License" in names.getDebugName(13)
        assert "SIL International" in names.getDebugName(0)
        assert needed <= set(font.getBestCmap()), f"{href} lacks {sorted(needed - set(font.getBestCmap()))[:5]}"
        assert len(zf.read(f"EPUB/{href}")) < 200_000
