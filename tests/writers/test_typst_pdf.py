"""The Typst print engine (``Options(pdf_engine="typst")``): a tagged PDF of every kind of content, the author's
characters printed as they are, the same bytes for the same input, and each paper, column and notes choice."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.errors import UsageError
from toolkit.options import Options
from toolkit.pipeline import read, render
from toolkit.tree.nodes import CodeBlock, Definition, Heading, LineBlock, Para, TableCell
from toolkit.tree.walk import iter_nodes, plain_text

pytest.importorskip("typst")

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "kazakhstan-xinjiang-camps.txt"
EVERY_KIND = ROOT / "tests" / "fixtures" / "pandoc" / "every-kind.md"
CHECK_PDF = Path("/work/shared/tools/qa/check-pdf")
EPOCH = 1_700_000_000


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")


def build(path: Path, out: Path, **options) -> Path:
    opts = Options(pdf_engine="typst", **options)
    data = render(read(path, options=opts), "pdf", opts)
    out.write_bytes(data)
    return out


def text_of(pdf: Path) -> str:
    need("pdftotext")
    raw = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return re.sub(r"-\n\s*", "", raw)  # a word hyphenated at a line's end reads whole


def pdfinfo(pdf: Path) -> dict[str, str]:
    need("pdfinfo")
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in out.splitlines())}


def check_pdf(pdf: Path, *args: str) -> str:
    if not CHECK_PDF.exists():
        pytest.skip("the QA checker is not there")
    done = subprocess.run([str(CHECK_PDF), str(pdf), *args], capture_output=True, text=True)
    if done.returncode == 3:
        pytest.skip("the QA checker's tools are missing (run tools/qa/setup)")
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-500:]
    return done.stdout


def test_seed_is_a_tagged_pdf_that_passes_the_checker(tmp_path):
    pdf = build(SEED, tmp_path / "seed.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    check_pdf(pdf, "--expect-tagged")
    info = pdfinfo(pdf)
    assert info["Title"].startswith("Carefully")
    assert info["Tagged"] == "yes"
    text = text_of(pdf)
    assert "Page 2 of" in text  # the running foot in the article's words


def test_seed_as_pdf_ua_1(tmp_path):
    pdf = build(SEED, tmp_path / "ua.pdf", pdf_variant="pdf/ua-1")
    check_pdf(pdf, "--expect-tagged", "--expect-variant", "pdf/ua-1")


def test_a_variant_typst_cannot_make_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="pdf/x-4"):
        build(SEED, tmp_path / "x.pdf", pdf_variant="pdf/x-4")


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]{2,}", text)


def test_every_kind_of_content_keeps_all_its_words(tmp_path):
    opts = Options(pdf_engine="typst")
    doc = read(EVERY_KIND, options=opts)
    pdf = tmp_path / "every.pdf"
    pdf.write_bytes(render(doc, "pdf", opts))
    found = set(_words(text_of(pdf)))
    wanted: list[str] = []
    for node in iter_nodes(doc):
        if isinstance(node, (Para, Heading)):
            wanted += _words(plain_text(tuple(c for c in node.children if type(c).__name__ != "Math")))
        elif isinstance(node, TableCell):
            wanted += [w for b in node.blocks if isinstance(b, Para) for w in _words(plain_text(b.children))]
        elif isinstance(node, Definition):
            wanted += _words(plain_text(node.term))
        elif isinstance(node, CodeBlock):
            wanted += _words(node.text)
        elif isinstance(node, LineBlock):
            wanted += [w for line in node.lines for w in _words(plain_text(line))]
    assert len(wanted) > 60
    missing = sorted({w for w in wanted if w not in found})
    assert missing == []
    check_pdf(pdf, "--expect-tagged")


HOSTILE = ('Ana Petrova wrote #panic("x") and ] then * and $ and @ref and <label> and // and \\ and '
           "#set text(size: 0pt) and 'single' and \"double\" marks.\n")


def test_hostile_text_prints_literally(tmp_path):
    src = tmp_path / "hostile.txt"
    src.write_text("A Title\n\n" + HOSTILE, encoding="utf-8")
    text = " ".join(text_of(build(src, tmp_path / "hostile.pdf")).split())
    for piece in ('#panic("x")', "] then *", "$ and @ref", "<label>", "// and \\ and", "#set text(size: 0pt)",
                  "'single'", '"double"'):
        assert piece in text


def test_same_input_gives_the_same_bytes(tmp_path):
    one = build(EVERY_KIND, tmp_path / "one.pdf", source_date_epoch=EPOCH).read_bytes()
    two = build(EVERY_KIND, tmp_path / "two.pdf", source_date_epoch=EPOCH).read_bytes()
    assert one == two


def test_two_columns_and_a5(tmp_path):
    two = build(SEED, tmp_path / "two.pdf", columns=2)
    a5 = build(SEED, tmp_path / "a5.pdf", paper="a5")
    one = build(SEED, tmp_path / "one.pdf")
    assert pdfinfo(a5)["Page size"].startswith("419.53 x 595.28")
    assert int(pdfinfo(a5)["Pages"]) > int(pdfinfo(one)["Pages"])
    assert int(pdfinfo(two)["Pages"]) < int(pdfinfo(one)["Pages"]) + 1
    assert "Kassenova" in text_of(two)


def test_endnotes_gather_the_notes_at_the_end(tmp_path):
    text = text_of(build(EVERY_KIND, tmp_path / "end.pdf", notes="end"))
    assert "NOTES" in text.replace(" ", "")  # letter-spaced capitals extract as "N OT E S" (WeasyPrint's too)
    assert text.index("s text.") > text.index("A footnote")
    foot = text_of(build(EVERY_KIND, tmp_path / "foot.pdf"))
    assert "NOTES" not in foot.replace(" ", "")
    assert "The note" in foot


def test_a_missing_image_is_said_or_dropped(tmp_path):
    noted = text_of(build(SEED, tmp_path / "note.pdf"))
    dropped = text_of(build(SEED, tmp_path / "drop.pdf", missing_images="drop"))
    assert "Image not included" in noted
    assert "Image not included" not in dropped
    assert "demonstrates how he was strung up" in " ".join(dropped.split())


def test_an_image_is_drawn_with_its_alt_text_and_caption(tmp_path):
    image_module = pytest.importorskip("PIL.Image")
    image_module.new("RGB", (400, 300), (200, 30, 30)).save(tmp_path / "square.png")
    src = tmp_path / "pictures.md"
    src.write_text("---\ntitle: Pictures of Things\nauthor: Tomasz Wójcik\nlang: en\n---\n\nSome words first.\n\n"
                   "![A red square on a white wall](square.png)\n\nWords after it.\n", encoding="utf-8")
    opts = Options(pdf_engine="typst")
    from toolkit.options import Context

    ctx = Context(input_path=src, options=opts)
    pdf = tmp_path / "pictures.pdf"
    pdf.write_bytes(render(read(src, options=opts), "pdf", opts, ctx))
    assert not [w for w in ctx.warnings if "not found" in w]
    need("pdfimages")
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(listing.strip().splitlines()) == 3  # two header lines and the one image
    assert "A red square on a white wall" in " ".join(text_of(pdf).split())
    assert "figures=1 (without alt: 0)" in check_pdf(pdf, "--expect-tagged")


def test_a_cited_source_becomes_a_footnote_and_a_source(tmp_path):
    text = " ".join(text_of(build(SEED, tmp_path / "seed.pdf")).split())
    assert "1. The Diplomat" in text  # the first citation's note under the page
    assert "SOURCES" in text.replace(" ", "")
