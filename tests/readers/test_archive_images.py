"""Images inside a DOCX, ODT or EPUB reach every edition (they were dropped), and one that cannot be shown warns."""

from __future__ import annotations

import base64
import io
import subprocess
import zipfile

import pytest
from PIL import Image

import toolkit
from toolkit.guard.files import Resources, image_from_data_uri
from toolkit.pandoc.run import pandoc_path
from toolkit.readers.archive_images import archive_member
from toolkit.tree.nodes import Figure
from toolkit.tree.walk import iter_nodes


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("archive-images")
    Image.new("RGB", (60, 40), (200, 30, 30)).save(folder / "red.png")
    md = folder / "a.md"
    md.write_text("---\ntitle: A picture inside\n---\n\nText before.\n\n![A red box](red.png)\n\nText after.\n",
                  encoding="utf-8")
    for fmt in ("docx", "odt", "epub"):
        subprocess.run([pandoc_path(), str(md), "-o", str(folder / f"a.{fmt}")], check=True, cwd=folder,
                       timeout=120)
    return folder


@pytest.mark.parametrize("fmt", ["docx", "odt", "epub"])
def test_the_embedded_image_reaches_every_edition(sources, fmt, tmp_path):
    src = tmp_path / f"a.{fmt}"
    src.write_bytes((sources / f"a.{fmt}").read_bytes())  # alone in its folder: no red.png beside it
    figures = [n for n in iter_nodes(toolkit.read(src)) if isinstance(n, Figure)]
    assert len(figures) == 1
    assert figures[0].src.startswith("data:image/png;base64,")
    html, epub, pdf = toolkit.build(src, ["html", "epub", "pdf"], tmp_path / "out")
    assert "data:image/png;base64," in html.read_text(encoding="utf-8")
    assert any(n.endswith(".png") for n in zipfile.ZipFile(epub).namelist())
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(listed.splitlines()) == 3  # two header lines and the image


def test_an_image_that_cannot_be_shown_keeps_its_figure_and_warns(sources, tmp_path):
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(sources / "a.docx") as zin, zipfile.ZipFile(broken, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, b"not a picture at all" if info.filename.endswith(".png") else data)
    doc = toolkit.read(broken)
    (figure,) = [n for n in iter_nodes(doc) if isinstance(n, Figure)]
    assert not figure.src.startswith("data:")
    assert any("embedded image(s) in PNG form cannot be shown" in w for w in doc.warnings)


def test_a_source_names_one_member_or_none():
    names = ["word/media/rId9.png", "EPUB/media/file0.png", "a/x.png", "b/x.png"]
    assert archive_member(names, "media/rId9.png") == "word/media/rId9.png"
    assert archive_member(names, "media/file0.png") == "EPUB/media/file0.png"
    assert archive_member(names, "x.png") is None  # two candidates: neither
    assert archive_member(names, "../word/media/rId9.png") is None
    assert archive_member(names, "word/media/rId9.png") == "word/media/rId9.png"


def test_a_data_uri_is_an_image_only_when_it_decodes(tmp_path):
    buf = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buf, "PNG")
    good = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()
    assert image_from_data_uri(good)[1] == "image/png"
    assert image_from_data_uri("data:image/png;base64,bm90IGFuIGltYWdl") is None
    assert image_from_data_uri("data:image/svg+xml;base64,PHN2Zy8+") is None  # SVG only from checked files
    assert Resources(tmp_path).available(good)
