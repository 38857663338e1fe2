"""The PDF writer loads files only through its own fetcher: the input's folder and the toolkit's styles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdf
import pytest

from tests.writers.test_pdf import build, make_image, sample_doc
from toolkit.errors import InputError
from toolkit.guard.files import Resources
from toolkit.options import Context, Options
from toolkit.tree.nodes import Attr, Document, Figure, Link, Meta, Para, Text
from toolkit.writers.html.themes import styles_dir
from toolkit.writers.pdf.writer import make_fetcher, render_pdf

CHARIS = Path("/usr/share/fonts/truetype/charis/CharisSIL-Regular.ttf")


@pytest.fixture
def folder(tmp_path) -> Path:
    make_image(tmp_path / "photo.png", (40, 30))
    return tmp_path


def fetcher_for(folder: Path):
    return make_fetcher(Resources(folder, (styles_dir(),)))


def test_an_image_beside_the_input_is_served(folder):
    response = fetcher_for(folder).fetch((folder / "photo.png").as_uri())
    assert response.content_type == "image/png"
    assert response.read().startswith(b"\x89PNG")


def test_the_toolkits_own_style_sheets_are_served(folder):
    response = fetcher_for(folder).fetch((styles_dir() / "print.css").as_uri())
    assert response.content_type == "text/css"


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "http://127.0.0.1:9/evil.css",
    "https://example.org/photo.png",
    "ftp://example.org/photo.png",
    "gopher://example.org/",
])
def test_anything_else_is_refused(folder, url):
    from weasyprint.urls import URLFetchingError

    with pytest.raises(URLFetchingError, match="not allowed"):
        fetcher_for(folder).fetch(url)


def test_no_way_out_of_the_folder(folder):
    from weasyprint.urls import URLFetchingError

    fetch = fetcher_for(folder).fetch
    outside = folder.parent / f"{folder.name}-outside.png"
    make_image(outside, (10, 10))
    (folder / "link.png").symlink_to(outside)
    for url in (folder.as_uri() + "/../" + outside.name, (folder / "link.png").as_uri()):
        with pytest.raises(URLFetchingError):
            fetch(url)


def test_fonts_and_style_sheets_only_from_the_toolkit(folder):
    from weasyprint.urls import URLFetchingError

    (folder / "x.css").write_text("body { color: red }", encoding="utf-8")
    if CHARIS.is_file():
        shutil.copy(CHARIS, folder / "font.ttf")
    (folder / "fake.png").write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    for name in ("x.css", "font.ttf", "fake.png"):
        if (folder / name).exists():
            with pytest.raises(URLFetchingError):
                fetcher_for(folder).fetch((folder / name).as_uri())


def test_hostile_css_and_tree_get_nothing(folder):
    evil = folder / "evil.css"
    evil.write_text(
        '@import url("http://127.0.0.1:9/evil.css");\n'
        '@import url("file:///etc/passwd");\n'
        "body { background: url(file:///etc/passwd); }\n"
        "@font-face { font-family: Evil; src: url(http://127.0.0.1:9/evil.ttf); }\n"
        f"@font-face {{ font-family: Local; src: url({CHARIS.as_uri()}); }}\n"
        "h1 { font-family: Evil, Local, serif; }\n"
        'p::after { content: url("file:///etc/passwd"); }\n', encoding="utf-8")
    doc = Document(Meta(title="Hostile", language="en"), (
        Figure("file:///etc/passwd", "x", (Text("one"),)),
        Figure("../" + folder.name + "-nothing.png", "x", (Text("two"),)),
        Para((Text("Read "), Link((Text("this"),), "file:///etc/passwd"), Text(".")), Attr("p1")),
    ))
    ctx = Context(input_path=folder / "article.txt")
    with pytest.raises(InputError, match="@import"):  # the file gate refuses a sheet that imports others
        render_pdf(doc, Options(css=(evil,)), ctx)
    evil.write_text("".join(line for line in evil.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("@import")), encoding="utf-8")
    with pytest.raises(InputError, match=r"loads http://127\.0\.0\.1:9/evil\.ttf"):  # and one loading from the network
        render_pdf(doc, Options(css=(evil,)), ctx)
    evil.write_text("".join(line for line in evil.read_text(encoding="utf-8").splitlines(keepends=True)
                            if "http:" not in line), encoding="utf-8")
    data = render_pdf(doc, Options(css=(evil,)), ctx)  # the file: URLs are WeasyPrint's fetcher's to refuse
    out = folder / "out.pdf"
    out.write_bytes(data)
    reader = pypdf.PdfReader(out)
    assert all(not page.images for page in reader.pages)
    root = reader.trailer["/Root"]
    assert "/EmbeddedFiles" not in root.get("/Names", {})
    for page in reader.pages:
        for annot in page.get("/Annots", []) or []:
            uri = str(annot.get_object().get("/A", {}).get("/URI", ""))
            assert not uri.startswith("file:"), uri
    assert b"root:x:0" not in data
    assert any("not allowed" in w or "not found" in w for w in ctx.warnings), ctx.warnings


def test_sample_with_its_photo_embeds_the_image(tmp_path):
    make_image(tmp_path / "photo.png")
    path = build(tmp_path, sample_doc("photo.png", repeat=0))
    assert any(page.images for page in pypdf.PdfReader(path).pages)
