"""Print typography read from the laid-out pages: what a reader sees at first sight.

Each check reads WeasyPrint's page boxes (what is drawn, in which colour, on which page) or the
written PDF (``pdfinfo -struct``, ``pdftotext -layout``) of articles built through the real pipeline.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import toolkit
from toolkit.options import Context, Options
from toolkit.writers.pdf.writer import layout_pdf

PAPER_RUNS = [("a4", 1), ("letter", 1), ("a5", 1), ("trade", 1), ("a4", 2), ("letter", 2)]
WORDS = ("government officials border region people country years often camps citizens detention family "
         "minister spoke agreement relations between neighbours railway pipeline history language reports "
         "the of and a to in is was that for on are with as they at have this from or had by but what some "
         "can out other were all there when up how said each which their time if will way about many then").split()


def prose(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def markdown_article(path: Path, seed: int = 3, notes: bool = True) -> Path:
    """A Markdown article with no lead figure, level-2 sections, a level-3 subsection and footnotes."""
    rng = random.Random(seed)
    out = ["---", "title: Sections and Notes", "author: Jo Writer", "lang: en", "---", ""]
    out += ["Three years ago " + prose(rng, 90) + (" [^n0]" if notes else ""), ""]
    bodies = []
    for i in range(4):
        out += [f"## Section {i + 1}", ""]
        for j in range(4):
            call = f"[^n{i}{j}]" if notes and j % 2 else ""
            out += [prose(rng, 70 + 13 * j) + call + " " + prose(rng, 30), ""]
            if call:
                bodies.append(f"[^n{i}{j}]: Note {i}{j}: " + prose(rng, 18 + 9 * j))
        out += [f"### Subsection {i + 1}", "", prose(rng, 80), ""]
    if notes:
        out += ["[^n0]: The first note.", *bodies]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def web_page(path: Path, seed: int = 4) -> Path:
    """A web page whose article goes from its h1 straight to h4 section headings."""
    rng = random.Random(seed)
    body = ["<p>Three years ago " + prose(rng, 70) + "</p>"]
    for i in range(3):
        body.append(f"<h4>Part {i + 1} of the story</h4>")
        body += ["<p>" + prose(rng, 80) + "</p>" for _ in range(3)]
    path.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A Web Page</title>'
        '<meta name="author" content="Ann Writer"></head><body><header><nav><a href="/">Home</a></nav></header>'
        f'<main><article><h1>A Web Page</h1><p class="byline">By Ann Writer</p>{"".join(body)}</article></main>'
        "<footer>Copyright</footer></body></html>", encoding="utf-8")
    return path


def boxes(box):
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from boxes(child)


def classes(box) -> list[str]:
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None and hasattr(element, "get") else []


def laid_out(path: Path, **options):
    opts = Options(**options)
    ctx = Context(input_path=path, options=opts)
    return layout_pdf(toolkit.read(path, options=opts, ctx=ctx), opts, ctx)


def visible_text(box) -> str:
    """The text drawn inside ``box``, in order, leaving out what is transparent (the drop cap's letter)."""
    return "".join(b.text for b in boxes(box)
                   if type(b).__name__ == "TextBox" and b.style["color"].alpha > 0)


def first_paragraph(document):
    page = document.pages[0]._page_box
    body = next(b for b in boxes(page) if "article-body" in classes(b))
    return next(b for b in boxes(body) if b.element_tag == "p")


def pdf_path(tmp: Path, source: Path, **options) -> Path:
    result = toolkit.build(source, ["pdf"], tmp, options=Options(**options))
    return next(Path(p) for p in result if str(p).endswith(".pdf"))


def struct_headings(pdf: Path) -> list[str]:
    out = subprocess.run(["pdfinfo", "-struct", str(pdf)], capture_output=True, text=True, check=True).stdout
    return re.findall(r"^\s*(H[1-6])\b", out, re.MULTILINE)


needs_poppler = pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")


# ---------------------------------------------------------------- the drop cap
@pytest.mark.parametrize("style", ["classic", "modern"])
@pytest.mark.parametrize(("paper", "columns"), [("a4", 1), ("trade", 1), ("letter", 2)])
def test_drop_cap_shows_the_first_letter_once(tmp_path, style, paper, columns):
    """No lead figure: the first paragraph is the body's first child. Its initial is drawn once, large;
    the letter kept in the text for reading and search stays invisible ("Three", not "TThree")."""
    document = laid_out(markdown_article(tmp_path / "a.md", notes=False), paper=paper, columns=columns, style=style)
    para = first_paragraph(document)
    drawn = visible_text(para)
    assert drawn.startswith("Three years ago"), drawn[:20]
    caps = [b for b in boxes(para) if "dropcap" in classes(b)]
    assert caps
    assert visible_text(caps[0]) == "T"


# ---------------------------------------------------------------- headings as an outline
@needs_poppler
def test_markdown_sections_are_tagged_h2_under_the_title(tmp_path):
    pdf = pdf_path(tmp_path, markdown_article(tmp_path / "a.md"))
    tags = struct_headings(pdf)
    assert tags[:4] == ["H1", "H2", "H3", "H2"], tags
    assert "H4" not in tags


@needs_poppler
def test_web_page_h4_sections_are_tagged_h2(tmp_path):
    pdf = pdf_path(tmp_path, web_page(tmp_path / "page.html"))
    tags = struct_headings(pdf)
    assert tags[:4] == ["H1", "H2", "H2", "H2"], tags


def test_every_heading_level_is_set_as_a_heading(tmp_path):
    """Deep headings (h3 to h6) are bold display type larger than or as large as the text, never body-size
    italics, which a reader takes for an emphasised sentence."""
    doc_path = tmp_path / "deep.md"
    doc_path.write_text("# Deep\n\n" + "\n\n".join(
        f"{'#' * n} Level {n}\n\n" + prose(random.Random(n), 60) for n in range(2, 7)) + "\n", encoding="utf-8")
    document = laid_out(doc_path)
    body_size = first_paragraph(document).style["font_size"]
    found = {}
    for page in document.pages:
        for box in boxes(page._page_box):
            if box.element_tag in ("h2", "h3", "h4", "h5", "h6") and type(box).__name__ == "BlockBox":
                found[box.element_tag] = box.style
    assert set(found) >= {"h2", "h3", "h4", "h5"}
    for tag, style in found.items():
        assert style["font_style"] == "normal", tag
        assert style["font_weight"] >= 600, tag
        assert style["font_size"] >= body_size - 0.01, tag
