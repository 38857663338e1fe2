"""The EPUB's pictures for devices: large photos downscaled (the PDF keeps the original), animations kept,
line art visible on a dark page, and an image's alt text not read twice when its caption says it."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageDraw

import toolkit
from tests.writers.conftest import CHROMIUM
from toolkit.options import Context, Options
from toolkit.tree.nodes import Attr, Document, Figure, Meta, Para, Text
from toolkit.writers.epub.images import DEVICE_PIXELS, for_devices

NS = {"x": "http://www.w3.org/1999/xhtml"}
PROSE = ("The ferry leaves at seven and returns at noon, and on most days the crossing takes a little under an "
         "hour, longer when the wind turns and the boat has to run along the coast.")


def photo(path: Path, size: tuple[int, int]) -> Path:
    """A camera-sized JPEG with grain (so that it weighs what a photo weighs)."""
    rng = random.Random(7)
    small = Image.new("RGB", (size[0] // 8, size[1] // 8))
    small.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256))
                   for _ in range(small.width * small.height)])
    small.resize(size, Image.Resampling.BILINEAR).save(path, "JPEG", quality=92)
    return path


def line_art(path: Path, size: tuple[int, int] = (400, 300)) -> Path:
    """Black strokes on a transparent ground, as a drawing exported from a diagram tool."""
    im = Image.new("RGBA", size, (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.rectangle((20, 20, size[0] - 20, size[1] - 20), outline=(0, 0, 0, 255), width=8)
    d.line((20, 20, size[0] - 20, size[1] - 20), fill=(0, 0, 0, 255), width=8)
    im.save(path)
    return path


def book(folder: Path, figures: str) -> bytes:
    src = folder / "article.md"
    src.write_text(f"---\ntitle: Pictures on the quay\nlang: en\n---\n\n{PROSE}\n\n{figures}\n\n{PROSE}\n",
                   encoding="utf-8")
    options = Options()
    return toolkit.render(toolkit.read(src), "epub", options, Context(input_path=src, options=options))


def page_and_images(epub: bytes) -> tuple[etree._Element, dict[str, bytes]]:
    zf = zipfile.ZipFile(io.BytesIO(epub))
    page = etree.fromstring(zf.read("EPUB/article.xhtml"))
    return page, {n[len("EPUB/"):]: zf.read(n) for n in zf.namelist() if n.startswith("EPUB/images/figure")}


# ---------------------------------------------------------------- sizes for devices
def test_large_photo_is_downscaled_for_the_epub(tmp_path):
    original = photo(tmp_path / "harbour.jpg", (3000, 2000)).read_bytes()
    page, images = page_and_images(book(tmp_path, "![The quay at dawn](harbour.jpg)"))
    src = page.find(".//x:figure/x:img", NS).get("src")
    shipped = images[src]
    with Image.open(io.BytesIO(shipped)) as im:
        assert im.format == "JPEG"
        assert max(im.size) == DEVICE_PIXELS
        assert im.size == (1600, 1067)  # the proportions kept
    assert len(shipped) < len(original) / 2


def test_png_stays_png_and_small_images_stay_as_they_are(tmp_path):
    line_art(tmp_path / "plan.png", (2400, 1200))
    line_art(tmp_path / "detail.png")
    page, images = page_and_images(book(tmp_path, "![The plan](plan.png)\n\n![A detail](detail.png)"))
    plan, detail = (images[img.get("src")] for img in page.iterfind(".//x:figure/x:img", NS))
    with Image.open(io.BytesIO(plan)) as im:
        assert (im.format, im.size, im.mode) == ("PNG", (1600, 800), "RGBA")
    assert detail == (tmp_path / "detail.png").read_bytes()


def test_animation_and_drawings_are_kept_whole(tmp_path):
    frames = [Image.new("P", (2000, 200), c) for c in (1, 2)]
    buf = io.BytesIO()
    frames[0].save(buf, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    assert for_devices(b"<svg xmlns='http://www.w3.org/2000/svg' width='4000'/>", "image/svg+xml").startswith(b"<svg")
    gif = tmp_path / "wave.gif"
    gif.write_bytes(buf.getvalue())
    _, images = page_and_images(book(tmp_path, "![A moving wave](wave.gif)"))
    assert list(images.values()) == [buf.getvalue()]


def test_camera_rotation_survives_the_downscale():
    im = Image.new("RGB", (3200, 1800), (90, 120, 150))
    exif = im.getexif()
    exif[0x0112] = 6  # the camera was held upright: turn a quarter to show it
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif)
    with Image.open(io.BytesIO(for_devices(buf.getvalue(), "image/jpeg"))) as out:
        assert out.size == (900, 1600)


# ---------------------------------------------------------------- alt text and caption
def captioned(alt: str) -> Document:
    return Document(Meta(title="A figure", language="en"),
                    (Para((Text(PROSE),), Attr("p1")),
                     Figure(src="plan.png", alt=alt, caption=(Text("The harbour plan of 1910."),),
                            credit=(Text("City archive"),), attr=Attr("f1"))))


@pytest.mark.parametrize("alt", ["", "The harbour plan of 1910.", "The harbour plan of 1910 City archive",
                                 "the harbour plan of 1910"])
@pytest.mark.parametrize("fmt", ["epub", "html"])
def test_an_image_whose_caption_says_its_alt_text_is_not_read_twice(tmp_path, alt, fmt):
    line_art(tmp_path / "plan.png")
    out = toolkit.render(captioned(alt), fmt, Options(), Context(input_path=tmp_path / "a.md"))
    if fmt == "epub":
        page = etree.fromstring(zipfile.ZipFile(io.BytesIO(out)).read("EPUB/article.xhtml"))
        img, caption = page.find(".//x:figure/x:img", NS), page.find(".//x:figure/x:figcaption", NS)
    else:
        from lxml import html as lhtml

        page = lhtml.fromstring(out)
        img, caption = page.find(".//figure/img"), page.find(".//figure/figcaption")
    assert img.get("alt") == ""
    assert "The harbour plan of 1910." in "".join(caption.itertext())


def test_an_alt_text_of_its_own_is_kept(tmp_path):
    line_art(tmp_path / "plan.png")
    alt = "A grid of twelve numbered berths along a curved quay"
    out = toolkit.render(captioned(alt), "epub", Options(), Context(input_path=tmp_path / "a.md"))
    page = etree.fromstring(zipfile.ZipFile(io.BytesIO(out)).read("EPUB/article.xhtml"))
    assert page.find(".//x:figure/x:img", NS).get("alt") == alt


# ---------------------------------------------------------------- night mode
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no system Chromium at /usr/bin/chromium")
def test_black_line_art_stays_visible_on_a_dark_page(browser, tmp_path):
    line_art(tmp_path / "plan.png")
    zipfile.ZipFile(io.BytesIO(book(tmp_path, "![The plan](plan.png)"))).extractall(tmp_path / "book")
    ctx = browser.new_context(color_scheme="dark", viewport={"width": 600, "height": 800})
    pg = ctx.new_page()
    try:
        pg.goto((tmp_path / "book" / "EPUB" / "article.xhtml").as_uri())
        pg.add_style_tag(content="html, body { background: #000 !important; color: #ddd !important; }")
        img = pg.locator("figure img")
        box = img.bounding_box()
        shot = Image.open(io.BytesIO(pg.screenshot(clip={"x": box["x"] + box["width"] * 0.7,
                                                         "y": box["y"] + box["height"] * 0.2,
                                                         "width": 8, "height": 8}))).convert("L")
    finally:
        ctx.close()
    assert shot.getextrema()[0] > 200  # the drawing's empty ground shows light, so its black strokes show
