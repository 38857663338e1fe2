"""PDF variants (PDF/UA, PDF/A), the accessibility check, print-shop bleed and marks, reproducibility."""

from __future__ import annotations

import re

import pypdf
import pytest

from tests.writers.test_pdf import build, make_image, sample_doc
from toolkit.errors import RenderError, UsageError
from toolkit.options import Context, Options
from toolkit.writers.pdf.writer import render_pdf

MM = 72 / 25.4


def xmp(path) -> str:
    root = pypdf.PdfReader(path).trailer["/Root"]
    return root["/Metadata"].get_object().get_data().decode("utf-8")


def structure_tags(path) -> list[str]:
    found: list[str] = []

    def walk(node):
        node = node.get_object()
        if not isinstance(node, pypdf.generic.DictionaryObject):
            return
        if "/S" in node:
            found.append(str(node["/S"]))
            if node["/S"] == "/Figure":
                assert "/Alt" in node, "a Figure without alternative text"
        kids = node.get("/K")
        if kids is None:
            return
        kids = kids.get_object()
        for kid in kids if isinstance(kids, pypdf.generic.ArrayObject) else [kids]:
            walk(kid)

    walk(pypdf.PdfReader(path).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_pdf_ua_1_claims_and_basics(tmp_path):
    path = build(tmp_path, pdf_variant="pdf/ua-1")
    meta = xmp(path)
    assert re.search(r"pdfuaid:part[^0-9]{1,3}1", meta)
    assert "The Town That Wants Its Reading Room Back" in meta  # dc:title
    root = pypdf.PdfReader(path).trailer["/Root"]
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert str(root["/Lang"]) == "en"
    tags = structure_tags(path)
    for tag in ("/H1", "/H2", "/P", "/Figure", "/Caption", "/L", "/LI"):
        assert tag in tags, tag


def test_pdf_a_3u_claims(tmp_path):
    path = build(tmp_path, pdf_variant="pdf/a-3u")
    meta = xmp(path)
    assert re.search(r"pdfaid:part[^0-9]{1,3}3", meta)
    assert re.search(r"pdfaid:conformance[^A-Z]{1,3}U", meta)
    root = pypdf.PdfReader(path).trailer["/Root"]
    assert "/OutputIntents" in root
    assert "/StructTreeRoot" in root  # still tagged


def test_missing_alt_text_fails_the_accessible_variants(tmp_path):
    make_image(tmp_path / "photo.png")
    doc = sample_doc("photo.png", alt="", caption="")
    ctx = Context(input_path=tmp_path / "a.txt")
    with pytest.raises(RenderError, match="alt"):
        render_pdf(doc, Options(pdf_variant="pdf/ua-1"), ctx)
    ok = Context(input_path=tmp_path / "a.txt")
    assert render_pdf(doc, Options(), ok).startswith(b"%PDF")  # an ordinary PDF is still written ...
    assert any("alt" in w for w in ok.warnings)  # ... with a warning


def test_unknown_variant_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="pdf/ua-1"):
        render_pdf(sample_doc(repeat=0), Options(pdf_variant="pdf/zz-9"), Context(input_path=tmp_path / "a"))


def test_bleed_and_crop_marks(tmp_path):
    path = build(tmp_path, sample_doc(repeat=0), bleed="3mm", marks=True)
    page = pypdf.PdfReader(path).pages[0]
    media, trim = page.mediabox, page.trimbox
    assert abs(float(trim.width) - 210 * MM) < 1  # the trimmed page is A4
    assert abs((float(media.width) - float(trim.width)) / 2 - 3 * MM) < 0.5  # 3 mm all round
    assert abs((float(media.height) - float(trim.height)) / 2 - 3 * MM) < 0.5
    assert "/BleedBox" in page


@pytest.mark.parametrize("bad", ["3mm; } * { color: red", "100mm", "wide", "0"])
def test_bad_bleed_is_a_usage_error(tmp_path, bad):
    with pytest.raises(UsageError, match="bleed"):
        render_pdf(sample_doc(repeat=0), Options(bleed=bad), Context(input_path=tmp_path / "a"))


def test_same_source_date_epoch_same_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    doc = sample_doc(repeat=0)
    one = render_pdf(doc, Options(pdf_variant="pdf/ua-1"), Context(input_path=tmp_path / "a"))
    two = render_pdf(doc, Options(pdf_variant="pdf/ua-1"), Context(input_path=tmp_path / "a"))
    assert one == two


def test_pdf_x_without_an_output_profile_fails_clearly(tmp_path):
    with pytest.raises(RenderError, match="CMYK output profile"):
        render_pdf(sample_doc(repeat=0), Options(pdf_variant="pdf/x-4"), Context(input_path=tmp_path / "a"))
