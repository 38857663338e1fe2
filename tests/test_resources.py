"""The gate for files an edition loads (toolkit/guard/files.py): inside the input's folder, real images only."""

from __future__ import annotations

from PIL import Image

from toolkit.guard.files import Resources
from toolkit.guard.images import image_ok, svg_ok

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">{}</svg>'


def test_only_files_inside_the_roots(tmp_path):
    folder = tmp_path / "article"
    folder.mkdir()
    Image.new("RGB", (4, 4)).save(folder / "in.png")
    Image.new("RGB", (4, 4)).save(tmp_path / "out.png")
    (folder / "link.png").symlink_to(tmp_path / "out.png")
    res = Resources(folder)
    assert res.read("in.png")[1] == "image/png"
    assert res.data_uri("in.png").startswith("data:image/png;base64,")
    for ref in ("../out.png", str(tmp_path / "out.png"), "link.png", "file:///etc/passwd", "/etc/passwd",
                "http://127.0.0.1/x.png", "data:image/png;base64,AAAA", "missing.png", ""):
        assert res.read(ref) is None, ref


def test_images_must_decode(tmp_path):
    (tmp_path / "fake.png").write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    (tmp_path / "text.jpg").write_text("hello")
    Image.new("1", (9000, 9000)).save(tmp_path / "bomb.png")  # 81 megapixels, a few KB
    res = Resources(tmp_path)
    assert res.read("fake.png") is None
    assert res.read("text.jpg") is None
    assert res.read("bomb.png") is None
    assert image_ok((tmp_path / "bomb.png").read_bytes(), "image/png") is False


def test_svg_must_be_inert():
    assert svg_ok(SVG.format('<rect width="4" height="4" fill="url(#g)"/>').encode())
    for inner in ("<script>alert(1)</script>", '<rect onclick="x"/>', '<image href="file:///etc/passwd"/>',
                  '<image href="http://127.0.0.1/x.png"/>', "<foreignObject><p>x</p></foreignObject>",
                  "<style>@import url(http://x/);</style>", '<rect style="fill:url(http://x/)"/>'):
        assert not svg_ok(SVG.format(inner).encode()), inner
    assert not svg_ok(b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aa">]>' + SVG.format("&a;").encode())
    assert not svg_ok(b"<html>not svg</html>")
